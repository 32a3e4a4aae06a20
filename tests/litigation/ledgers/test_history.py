"""Lawsuits judged before the platform, imported through the lawsuit ledger: every step is taken by the same
services as on the page, the first instance and its appeal in one file, and 败诉率, 出庭率 and 履行率 count them
exactly; the same file again (or its export) changes nothing."""

from __future__ import annotations

import datetime as dt
import functools
import io

import pytest

from fazhi.core import clock, ids
from fazhi.core.io import ledgers
from fazhi.indicators.registry import Period, evaluate
from fazhi.litigation.models import Hearing, Lawsuit
from tests import factories, ledger_files

pytestmark = pytest.mark.django_db
D = dt.date
HEADERS = [c.header for c in ledgers.get("litigation_lawsuits").columns]


def lawsuit(number: str, served_on: str, **steps) -> dict:
    return {
        "案号": number,
        "受理法院": "测试区人民法院",
        "审级": "一审",
        "原告类型": "自然人",
        "原告": "张三",
        "原告证件号码": ids.make_id_number("640303", D(1980, 5, 4), 17),
        "被告单位代码": "T-JYJ",
        "主管部门代码": "T-JYJ",
        "案由": "政府信息公开",
        "送达日期": served_on,
        **steps,
    }


xlsx = functools.partial(ledger_files.sheet, HEADERS)  # a sheet of the rows given by header


def run(users, content: bytes, *, dry_run=False):
    return ledger_files.run(
        "litigation_lawsuits", content, actor=users.justice, filename="应诉.xlsx", dry_run=dry_run
    )


@pytest.fixture
def head(district):
    return factories.person(district.jyj, name="许局长", position="局长", is_principal_leader=True)


def judged_year(head) -> list[dict]:
    absent = {
        "负责人出庭": "否",
        "负责人未出庭原因": "参加全市防汛会议",
        "已提交加盖印章的书面说明": "是",
        "出庭工作人员": "法规科王某",
    }
    return [
        # lost at first instance, appealed by the agency ...
        lawsuit(
            "（2025）宁0303行初1号",
            "2025-02-10",
            提交答辩日期="2025-02-20",
            开庭日期="2025-04-10",
            负责人出庭="是",
            出庭负责人证件号码=head.id_number,
            裁判结果="判决撤销或部分撤销（含责令重新作出）",
            裁判日期="2025-05-10",
            裁判文书送达日期="2025-05-12",
            上诉日期="2025-05-20",
            上诉人="测试区教育局",
        ),
        # ... and the appeal dismissed: the first instance's loss is the effective result, performed
        lawsuit(
            "（2025）宁03行终5号",
            "2025-06-10",
            受理法院="测试市中级人民法院",
            审级="二审",
            一审案号="（2025）宁0303行初1号",
            开庭日期="2025-07-15",
            **absent,
            裁判结果="驳回上诉、维持原判",
            裁判日期="2025-08-20",
            生效日期="2025-08-25",
            履行期限="2025-10-31",
            履行日期="2025-09-30",
            履行情况="已重新作出答复",
        ),
        # won at first instance, the head in court
        lawsuit(
            "（2025）宁0303行初2号",
            "2025-03-01",
            提交答辩日期="2025-03-10",
            开庭日期="2025-04-20",
            负责人出庭="是",
            出庭负责人证件号码=head.id_number,
            裁判结果="判决驳回原告诉讼请求",
            裁判日期="2025-05-20",
            生效日期="2025-06-10",
        ),
        # withdrawn without a hearing
        lawsuit(
            "（2025）宁0303行初3号",
            "2025-03-15",
            裁判结果="裁定准许撤诉",
            裁判日期="2025-04-01",
            生效日期="2025-04-01",
        ),
    ]


def figure(code: str):
    return evaluate(f"litigation.{code}", Period.year(2025)).figure.value


def test_a_year_of_judged_lawsuits_comes_in_and_the_rates_count_it(users, district, head):
    clock.freeze(D(2026, 1, 15))
    content = xlsx(judged_year(head))
    trial = run(users, content, dry_run=True)
    assert trial.ok, trial.errors
    assert (trial.created, trial.updated, trial.unchanged) == (4, 0, 0)
    assert not Lawsuit.objects.exists()
    result = run(users, content)
    assert result.ok, result.errors
    assert ledger_files.said(result) == ledger_files.said(trial)  # the dry run said what the import says
    first, second, won, withdrawn = (
        Lawsuit.objects.get(case_number=n)
        for n in (
            "（2025）宁0303行初1号",
            "（2025）宁03行终5号",
            "（2025）宁0303行初2号",
            "（2025）宁0303行初3号",
        )
    )
    assert (first.status, first.outcome, first.result, first.appealed_on) == (
        "appealed",
        "revoked",
        "lost",
        D(2025, 5, 20),
    )
    assert (second.first_instance, second.status, second.result, second.must_perform) == (
        first,
        "closed",
        "lost",
        True,
    )
    assert (second.effective_on, second.performed_on) == (D(2025, 8, 25), D(2025, 9, 30))
    assert (won.status, won.result, withdrawn.status, withdrawn.result) == (
        "closed",
        "won",
        "closed",
        "withdrawn",
    )
    assert Hearing.objects.filter(head_appeared=True, head=head).count() == 2
    absent = Hearing.objects.get(lawsuit=second)
    assert (absent.head_appeared, absent.staff, absent.explanation_sealed) == (False, "法规科王某", True)
    assert figure("lawsuits.received") == 4
    assert figure("lawsuits.concluded") == 4
    assert figure("lawsuits.effective") == 3  # the appealed first instance is counted by its appeal
    assert figure("lawsuits.lost") == 1
    assert str(figure("lawsuits.loss_rate")) == "33.3"
    assert figure("hearings.cases_heard") == 3
    assert figure("hearings.cases_head_appeared") == 2
    assert str(figure("hearings.head_appearance_rate")) == "66.7"
    assert (figure("judgments.to_perform"), figure("judgments.performed")) == (1, 1)
    assert ledger_files.imported_again("litigation_lawsuits", content, actor=users.justice) == [(0, 0, 4)] * 2
    assert Lawsuit.objects.count() == 4 and Hearing.objects.count() == 3


def test_steps_the_services_refuse_are_reported_for_every_row(users, district, head):
    clock.freeze(D(2026, 1, 15))
    rows = [
        # a first-instance judgment with no hearing recorded
        lawsuit("（2025）宁0303行初7号", "2025-02-10", 裁判结果="判决确认违法", 裁判日期="2025-05-10"),
        # the head absent without the sealed explanation
        lawsuit(
            "（2025）宁0303行初8号",
            "2025-02-10",
            开庭日期="2025-04-10",
            负责人出庭="否",
            负责人未出庭原因="出差",
            出庭工作人员="王某",
        ),
        # judged before the complaint was served
        lawsuit("（2025）宁0303行初9号", "2025-02-10", 裁判结果="裁定准许撤诉", 裁判日期="2025-01-10"),
        # an unknown head
        lawsuit(
            "（2025）宁0303行初10号",
            "2025-02-10",
            开庭日期="2025-04-10",
            负责人出庭="是",
            出庭负责人证件号码=factories.id_number(),
        ),
    ]
    result = run(users, xlsx(rows))
    assert not result.ok
    by_row = {(e.row, e.column): e.message for e in result.errors}
    assert "一审作出判决前须登记开庭情况" in by_row[(2, "裁判结果")]
    assert (
        by_row[(3, "已提交加盖印章的书面说明")] == "负责人未出庭的，须向法院提交加盖行政机关印章的书面说明。"
    )
    assert by_row[(4, "裁判日期")] == "裁判日期不能早于起诉状副本送达日期。"
    assert "不存在或您无权查看" in by_row[(5, "出庭负责人证件号码")]
    assert not Lawsuit.objects.exists() and not Hearing.objects.exists()


def test_the_template_offers_the_outcomes_and_the_head_by_id_number(district):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(ledgers.template_xlsx("litigation_lawsuits", units=[district.jyj])))
    assert "单位代码" in book.sheetnames
    headers = [c.value for c in book.worksheets[0][1]]
    assert "出庭负责人证件号码" in headers and not any("编号" in h for h in headers)
    values = book["可选值"]
    listed = {c.value: c.column for c in values[1]}
    assert {"裁判结果", "负责人出庭", "已提交加盖印章的书面说明"} <= set(listed)
    outcomes = [values.cell(row=r, column=listed["裁判结果"]).value for r in range(2, 16)]
    assert outcomes[:2] == ["判决驳回原告诉讼请求", "驳回上诉、维持原判"]
    sheet = book.worksheets[0]
    letter = sheet.cell(row=1, column=headers.index("裁判结果") + 1).column_letter
    assert any(str(v.sqref).startswith(f"{letter}2") for v in sheet.data_validations.dataValidation)
