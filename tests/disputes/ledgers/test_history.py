"""Cases decided before the platform, imported through the reconsideration ledger: each step is taken by the same
services as on the page (dates in order, 第三十条 deemed acceptance, 第六十二条 extension within the period, 第六十一条
approval), the figures count them, and the same file again (or its export) changes nothing."""

from __future__ import annotations

import datetime as dt
import functools
import io

from fazhi.core import clock
from fazhi.core.io import ledgers
from fazhi.disputes import services
from fazhi.disputes.models import HearingOpinion, ReconsiderationCase
from fazhi.indicators.registry import Period, evaluate
from tests import factories, ledger_files

from ..conftest import accepted

D = dt.date
HEADERS = [c.header for c in ledgers.get("disputes_cases").columns]


def application(received_on: str, name: str, **steps) -> dict:
    return {
        "收到申请日期": received_on,
        "申请渠道": "当面申请",
        "申请人类型": "自然人",
        "申请人": name,
        "证件号码": factories.id_number(),
        "被申请人单位代码": "T-SCJ",
        "被申请复议的行政行为": f"澄市监罚〔2025〕{len(name)}号行政处罚决定（{name}）",
        "行政行为作出日期": "2025-01-10",
        "复议请求": "撤销该行政处罚决定",
        "复议机构单位代码": "T-SFJ",
        **steps,
    }


xlsx = functools.partial(ledger_files.sheet, HEADERS)  # a sheet of the rows given by header


def run(users, content: bytes, *, dry_run=False):
    return ledger_files.run(
        "disputes_cases", content, actor=users.reconsideration, filename="历史.xlsx", dry_run=dry_run
    )


def decided_year() -> list[dict]:
    return [
        application(
            "2025-03-03",
            "甲",
            受理日期="2025-03-05",
            发送答复通知日期="2025-03-06",
            听取意见日期="2025-03-20",
            听取意见方式="电话",
            听取意见对象="申请人甲",
            结案方式="撤销",
            办结日期="2025-04-20",
            决定要旨或理由="处罚事实不清，撤销",
            决定的审批方式="行政复议机关负责人同意",
            同意的负责人或通过的会议="副区长王某",
            同意或通过日期="2025-04-18",
            结案归档日期="2025-05-10",
        ),
        application(
            "2025-04-01", "乙", 结案方式="不予受理", 办结日期="2025-04-03", 决定要旨或理由="超过申请期限"
        ),
        application(
            "2025-05-06",
            "丙丙",
            受理日期="2025-05-07",
            发送答复通知日期="2025-05-08",
            未听取意见的理由="申请人拒绝接听电话，书面审理",
            延长审理天数=30,
            延期批准人="复议科科长李某",
            延期批准日期="2025-07-01",
            延期理由="案情复杂",
            结案方式="维持",
            办结日期="2025-07-20",
            决定要旨或理由="认定事实清楚，维持",
            决定的审批方式="行政复议机关集体讨论通过",
            同意的负责人或通过的会议="区政府第12次常务会议",
            同意或通过日期="2025-07-18",
        ),
        application(
            "2025-06-02",
            "丁丁丁",
            受理日期="2025-06-20",
            发送答复通知日期="2025-06-21",
            听取意见日期="2025-06-25",
            听取意见方式="当面",
            听取意见对象="申请人丁丁丁",
            结案方式="调解",
            办结日期="2025-07-10",
            决定要旨或理由="双方达成调解",
            调解和解中纠正了行政行为="是",
        ),
    ]


def test_a_year_of_decided_cases_comes_in_with_its_steps_and_counts(users, district):
    clock.freeze(D(2026, 1, 15))
    content = xlsx(decided_year())
    # the dry run says what would be added, writes nothing
    trial = run(users, content, dry_run=True)
    assert trial.ok, trial.errors
    assert (trial.created, trial.updated, trial.unchanged) == (4, 0, 0)
    assert not ReconsiderationCase.objects.exists()
    result = run(users, content)
    assert result.ok, result.errors
    assert result.created == 4
    cases = {c.applicant_name: c for c in ReconsiderationCase.objects.all()}
    a, b, c, d = cases["甲"], cases["乙"], cases["丙丙"], cases["丁丁丁"]
    assert [x.docket_number for x in (a, b, c, d)] == [f"澄复〔2025〕{n}号" for n in (1, 2, 3, 4)]
    assert (a.status, a.outcome, a.accepted_on, a.concluded_on, a.closed_on) == (
        "closed",
        "revoke",
        D(2025, 3, 5),
        D(2025, 4, 20),
        D(2025, 5, 10),
    )
    assert (a.approval, a.approved_by, a.approved_on) == ("head", "副区长王某", D(2025, 4, 18))
    opinion = HearingOpinion.objects.get(case=a)
    assert (opinion.heard_on, opinion.method, opinion.with_whom) == (D(2025, 3, 20), "phone", "申请人甲")
    assert (b.status, b.outcome, b.refused_on, b.refusal_reason) == (
        "rejected",
        "refused",
        D(2025, 4, 3),
        "超过申请期限",
    )
    assert (c.status, c.extension_days, c.extension_approved_on) == ("decided", 30, D(2025, 7, 1))
    assert c.clocks.get(kind="decision").due_on == D(2025, 8, 5)  # 60 days from 2025-05-07, plus 30
    # 第三十条第三款: accepted after the five-day examination, so accepted from the day that period ended
    assert (d.status, d.deemed_accepted, d.accepted_on, d.corrected_by_agreement) == (
        "mediated",
        True,
        D(2025, 6, 9),
        True,
    )
    # what the case pages flag is said by the dry run exactly as by the import: the applications received after the
    # 第二十条 period (乙, 丙丙, 丁丁丁 on rows 3–5), 丁丁丁 deemed accepted (第三十条第三款), the periods overrun
    assert [w.row for w in result.warnings if "行政复议法第二十条" in w.message] == [3, 4, 5]
    assert [w.row for w in result.warnings if "第三十条第三款" in w.message] == [5]
    assert str(result.warnings[0]) == (
        "第2行：被申请人答复期限已逾期：2025年03月20日届满，2025年04月20日完成（《中华人民共和国行政复议法》第四十八条、"
        "第八十八条（被申请人十日内提出书面答复，工作日））"
    )
    assert ledger_files.said(result) == ledger_files.said(trial) and result.notices == []
    year = Period.year(2025)

    def figure(code):
        return evaluate(f"disputes.reconsideration.{code}", year).figure.value

    assert figure("received") == 4
    assert figure("accepted") == 3
    assert figure("decided") == 2
    assert figure("concluded_without_decision") == 2
    assert str(figure("correction_rate")) == "50.0"  # 撤销 of 撤销 + 维持 (mediation not counted by default)
    # the same file again, and the export of what came in, change nothing
    assert (
        ledger_files.imported_again("disputes_cases", content, actor=users.reconsideration) == [(0, 0, 4)] * 2
    )
    assert ReconsiderationCase.objects.count() == 4 and HearingOpinion.objects.count() == 2


def test_steps_the_services_refuse_are_reported_for_every_row_and_nothing_comes_in(users, district):
    clock.freeze(D(2026, 1, 15))
    rows = [
        # 第六十二条: the extension approved after the decision period had ended (due 2025-05-06)
        application(
            "2025-03-03",
            "甲",
            受理日期="2025-03-05",
            发送答复通知日期="2025-03-06",
            未听取意见的理由="书面审理",
            延长审理天数=30,
            延期批准人="科长",
            延期批准日期="2025-05-20",
            延期理由="复杂",
            结案方式="维持",
            办结日期="2025-05-30",
            决定要旨或理由="维持",
            决定的审批方式="行政复议机关负责人同意",
            同意的负责人或通过的会议="副区长",
            同意或通过日期="2025-05-29",
        ),
        # 第六十一条: a decision with no approval recorded
        application(
            "2025-03-03",
            "乙",
            受理日期="2025-03-05",
            发送答复通知日期="2025-03-06",
            未听取意见的理由="书面审理",
            结案方式="撤销",
            办结日期="2025-04-01",
            决定要旨或理由="撤销",
        ),
        # a decision on a case never accepted
        application("2025-03-03", "丙", 结案方式="维持", 办结日期="2025-04-01", 决定要旨或理由="维持"),
        # dates out of order: the copy sent before the acceptance
        application("2025-03-03", "丁", 受理日期="2025-03-10", 发送答复通知日期="2025-03-06"),
        # a wrong cell and a step refused in the same file
        application("2025-03-03", "戊", 受理日期="明天", 结案方式="不予受理", 办结日期="2025-03-05"),
    ]
    result = run(users, xlsx(rows))
    assert not result.ok
    by_row = {(e.row, e.column): e.message for e in result.errors}
    assert by_row[(2, "延期批准日期")] == "审理期限已于2025年05月06日届满，不能再批准延期。"
    assert "第六十一条" in by_row[(3, "决定的审批方式")]
    assert (4, "结案方式") in by_row
    assert by_row[(5, "发送答复通知日期")] == "发送申请书副本日期不能早于受理日期。"
    assert (6, "受理日期") in by_row
    assert not ReconsiderationCase.objects.exists() and not HearingOpinion.objects.exists()


def test_a_case_on_the_platform_takes_its_steps_on_its_page_not_by_import(users, district):
    clock.freeze(D(2026, 1, 15))
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    row = {h: v for h, v in zip(HEADERS, _exported_row(users), strict=False)}
    row.update(结案方式="撤销", 办结日期="2025-04-01", 决定要旨或理由="撤销")
    result = run(users, xlsx([row]))
    assert not result.ok
    assert result.errors[0].column == "结案方式"
    assert "已在平台上（已受理）" in result.errors[0].message
    case.refresh_from_db()
    assert (case.status, case.outcome) == ("accepted", "")
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))
    # its export imports back unchanged, steps included
    repeat = run(users, ledgers.export_for(actor=users.reconsideration, ledger="disputes_cases"))
    assert repeat.ok, repeat.errors
    assert (repeat.created, repeat.updated, repeat.unchanged) == (0, 0, 1)


def _exported_row(users) -> list:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(ledgers.export_for(actor=users.reconsideration, ledger="disputes_cases")))
    return [c.value for c in book.worksheets[0][2]]


def test_the_template_offers_the_outcomes_and_the_unit_codes(district):
    from openpyxl import load_workbook

    book = load_workbook(
        io.BytesIO(ledgers.template_xlsx("disputes_cases", units=[district.sfj, district.scj]))
    )
    assert book.sheetnames[-1] == "单位代码"
    assert sorted(r[0] for r in book["单位代码"].iter_rows(min_row=2, values_only=True)) == ["T-SCJ", "T-SFJ"]
    sheet = book.worksheets[0]
    column = HEADERS.index("结案方式") + 1
    letter = sheet.cell(row=1, column=column).column_letter
    rule = next(v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(f"{letter}2"))
    values = book["可选值"]
    listed = next(c for c in values[1] if c.value == "结案方式")
    labels = [values.cell(row=r, column=listed.column).value for r in range(2, 16)]
    assert rule.type == "list" and labels[:3] == ["变更", "撤销", "部分撤销"] and "不予受理" in labels


def test_a_decided_case_keeps_its_docket_number_and_the_sequence_continues_after_it(users, district):
    clock.freeze(D(2026, 1, 15))
    decided = decided_year()[1]  # 不予受理
    rows = [
        {**decided, "案号": "澄复〔2025〕7号"},
        application("2025-05-01", "新申请"),  # still open, numbered by the platform
        {**application("2025-04-02", "错号", 结案方式="撤回", 办结日期="2025-04-03"), "案号": "2025-8"},
    ]
    result = run(users, xlsx(rows))
    assert [(e.row, e.column) for e in result.errors] == [(4, "案号")]
    assert "不是本机构2025年的案号格式（如 澄复〔2025〕1号）" in result.errors[0].message
    result = run(users, xlsx(rows[:2]))
    assert result.ok, result.errors
    numbers = dict(ReconsiderationCase.objects.values_list("applicant_name", "docket_number"))
    assert numbers == {"乙": "澄复〔2025〕7号", "新申请": "澄复〔2025〕8号"}
    assert ReconsiderationCase.objects.get(applicant_name="乙").status == "rejected"
    repeat = run(users, xlsx(rows[:2]))
    assert repeat.ok and (repeat.created, repeat.unchanged) == (0, 2)


def test_the_import_command_prints_the_warnings_in_the_dry_run_as_in_the_import(users, district, tmp_path):
    from django.core.management import call_command

    clock.freeze(D(2026, 1, 15))
    path = tmp_path / "历史.xlsx"
    path.write_bytes(xlsx(decided_year()[1:2]))  # 乙: received after the 第二十条 period, refused
    printed = []
    for dry in (True, False):
        out = io.StringIO()
        call_command("import", "disputes_cases", str(path), dry_run=dry, user="fuyi", stdout=out)
        printed.append([line for line in out.getvalue().splitlines() if line.startswith("提醒：")])
    assert printed[0] == printed[1] and len(printed[0]) == 1
    assert (
        printed[0][0].startswith("提醒：第2行：申请已超过申请期限：")
        and "行政复议法第二十条" in printed[0][0]
    )


def test_a_suspension_comes_in_with_its_case_and_its_days_stop_the_decision_clock(users, district):
    from fazhi.disputes.models import Suspension

    clock.freeze(D(2026, 1, 15))
    row = application(
        "2025-03-03",
        "戊",
        受理日期="2025-03-05",
        发送答复通知日期="2025-03-06",
        听取意见日期="2025-03-20",
        听取意见方式="电话",
        听取意见对象="申请人戊",
        中止日期="2025-04-01",
        中止情形=8,
        中止理由="案件涉及的法律适用问题需要有权机关作出解释",
        恢复审理日期="2025-05-01",
        结案方式="维持",
        办结日期="2025-05-30",
        决定要旨或理由="认定事实清楚，维持",
        决定的审批方式="行政复议机关负责人同意",
        同意的负责人或通过的会议="副区长王某",
        同意或通过日期="2025-05-28",
    )
    content = xlsx([row])

    trial = run(users, content, dry_run=True)
    result = run(users, content)

    assert result.ok and trial.ok, (result.errors, trial.errors)
    case = ReconsiderationCase.objects.get()
    assert (case.status, case.outcome, case.concluded_on) == ("decided", "uphold", D(2025, 5, 30))
    suspension = Suspension.objects.get(case=case)
    assert (suspension.suspended_on, suspension.ground, suspension.resumed_on) == (
        D(2025, 4, 1),
        8,
        D(2025, 5, 1),
    )
    # 60 days from 2025-03-05 is 2025-05-04; the 30 suspended days (04-01 to 05-01) move it to 2025-06-03, so the
    # decision on 05-30 is in time: no overrun is said for it
    assert case.clocks.get(kind="decision").due_on == D(2025, 6, 3)
    assert not [w for w in result.warnings if "决定" in w.message and "已逾期" in w.message]
    assert ledger_files.said(result) == ledger_files.said(trial)
    # the same file again, and the export of what came in, change nothing
    assert (
        ledger_files.imported_again("disputes_cases", content, actor=users.reconsideration) == [(0, 0, 1)] * 2
    )
    assert Suspension.objects.count() == 1


def test_a_resumption_before_the_suspension_is_refused_under_its_column(users, district):
    clock.freeze(D(2026, 1, 15))
    row = application(
        "2025-03-03",
        "己",
        受理日期="2025-03-05",
        发送答复通知日期="2025-03-06",
        中止日期="2025-04-01",
        中止情形=8,
        恢复审理日期="2025-03-20",
    )

    result = run(users, xlsx([row]))

    assert not result.ok and not ReconsiderationCase.objects.exists()
    assert [(e.row, e.column) for e in result.errors] == [(2, "恢复审理日期")]
