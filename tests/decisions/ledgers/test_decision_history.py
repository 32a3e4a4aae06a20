"""Decisions taken before the platform (重大行政决策（已作出）): a row comes in through the live services and
transitions with the date of each step, checked by the live rules; the template helps; re-import changes nothing;
the figures count what came in."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string

from fazhi.core import clock
from fazhi.core.io import ledgers
from fazhi.core.models import AuditEvent, Organization
from fazhi.decisions.models import Decision
from fazhi.indicators.registry import Period, evaluate
from fazhi.review.models import LegalityReview

D = dt.date
CODE = "decisions_history"
LEDGER = ledgers.get(CODE)
HEADER = {c.key: c.header for c in LEDGER.columns}

GOOD = {
    "title": "中小学布局调整",
    "organization": "T-JYJ",
    "decision_body": "T",
    "catalog_year": "",
    "outside_catalog_reason": "年中新增的民生事项",
    "summary": "",
    "registered_on": "2024-03-10",
    "participation_applicable": "适用",
    "participation_not_applicable_reason": "",
    "participation_methods": "网上征求意见",
    "participation_started_on": "2024-04-01",
    "participation_period_days": "30",
    "participation_shorter_reason": "",
    "participation_completed_on": "2024-05-06",
    "argumentation_applicable": "适用",
    "argumentation_not_applicable_reason": "",
    "argumentation_form": "论证会",
    "argumentation_started_on": "2024-05-10",
    "argumentation_completed_on": "2024-05-10",
    "expert_name": "李教授",
    "expert_opinion": "方案可行",
    "risk_applicable": "不适用",
    "risk_not_applicable_reason": "不涉及社会稳定风险（条例第二十二条）",
    "risk_assessor": "",
    "risk_level": "",
    "risk_started_on": "",
    "risk_completed_on": "",
    "review_submitted_on": "2024-05-21",
    "review_advisor_name": "宁夏某某律师事务所",
    "review_initial_on": "2024-05-21",
    "review_advisor_on": "2024-05-24",
    "review_opinion": "合法",
    "review_concluded_on": "2024-06-03",
    "review_reasons": "",
    "discussion_meeting_kind": "政府常务会议",
    "discussion_meeting_name": "区政府第12次常务会议",
    "discussion_held_on": "2024-06-12",
    "discussion_result": "通过",
    "publication_applicable": "适用",
    "publication_not_applicable_reason": "",
    "publication_channel": "区政府门户网站",
    "published_on": "2024-06-20",
}


def csv_of(*rows: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([HEADER[k] for k in GOOD])
    for row in rows:
        writer.writerow([row[k] for k in GOOD])
    return out.getvalue().encode()


def run(content, actor, dry_run=False):
    return ledgers.run_import(CODE, content=content, filename="决策.csv", actor=actor, dry_run=dry_run)


def errors(result):
    return [str(e) for e in result.errors]


def second(**changes):
    return {**GOOD, "title": "农贸市场改造", "organization": "T-SCJ", **changes}


def test_a_decision_taken_before_the_platform_comes_in_with_each_step_and_its_date(district, users):
    clock.freeze(D(2025, 3, 1))
    pending = second(published_on="", publication_channel="")

    dry = run(csv_of(GOOD, pending), users.justice, dry_run=True)
    assert (dry.created, dry.updated, dry.unchanged, errors(dry)) == (2, 0, 0, [])
    assert Decision.objects.count() == 0 and LegalityReview.objects.count() == 0

    result = run(csv_of(GOOD, pending), users.justice)

    assert (result.created, errors(result)) == (2, [])
    decision = Decision.objects.get(title="中小学布局调整")
    assert (decision.status, decision.registered_on, decision.organization.code) == (
        "implementation",
        D(2024, 3, 10),
        "T-JYJ",
    )
    assert Decision.objects.get(title="农贸市场改造").status == "publication"
    participation = decision.public_participation
    assert (participation.started_on, participation.period_ends_on, participation.completed_on) == (
        D(2024, 4, 1),
        D(2024, 5, 6),  # 30 days end on 1 May, a holiday: the next working day
        D(2024, 5, 6),
    )
    assert [o.expert_name for o in decision.expert_argumentation.opinions.all()] == ["李教授"]
    risk = decision.risk_assessment
    assert (risk.applicable, risk.not_applicable_reason) == (False, "不涉及社会稳定风险（条例第二十二条）")
    review = decision.legality_review
    assert (review.status, review.final_opinion, review.submitted_on, review.concluded_on) == (
        "concluded",
        "lawful",
        D(2024, 5, 21),
        D(2024, 6, 3),
    )
    assert [(o.level, o.given_on) for o in review.opinions.order_by("pk")] == [
        ("initial", D(2024, 5, 21)),
        ("advisor", D(2024, 5, 24)),
        ("final", D(2024, 6, 3)),
    ]
    assert decision.collective_discussion.completed_on == D(2024, 6, 12)
    assert (decision.publication.completed_on, decision.publication.channel) == (
        D(2024, 6, 20),
        "区政府门户网站",
    )
    transitions = AuditEvent.objects.filter(
        action=AuditEvent.Action.TRANSITION, model_label="decisions.decision", object_id=str(decision.pk)
    ).count()
    assert transitions == 7  # start … finish_publication, each through the workflow runner


def test_the_figures_count_the_decisions_taken_before_the_platform(district, users):
    clock.freeze(D(2025, 3, 1))
    unpublished_2023 = second(
        title="老旧小区改造",
        registered_on="2023-03-01",
        participation_started_on="2023-04-01",
        participation_completed_on="2023-05-06",
        argumentation_started_on="2023-05-10",
        argumentation_completed_on="2023-05-10",
        review_submitted_on="2023-05-22",
        review_initial_on="2023-05-22",
        review_advisor_on="2023-05-24",
        review_concluded_on="2023-06-02",
        discussion_held_on="2023-06-12",
        published_on="",
        publication_channel="",
    )
    assert errors(run(csv_of(GOOD, second(), unpublished_2023), users.justice)) == []

    assert evaluate("decisions.procedures.completion_rate", Period.year(2024)).figure.numerator == 2
    assert evaluate("decisions.procedures.completion_rate", Period.year(2024)).figure.denominator == 2
    assert evaluate("decisions.procedures.completion_rate", Period.year(2023)).figure.denominator == 1


def test_re_importing_the_file_or_its_export_changes_nothing(district, users):
    clock.freeze(D(2025, 3, 1))
    run(csv_of(GOOD), users.justice)
    events = AuditEvent.objects.count()

    again = run(csv_of(GOOD), users.justice)
    exported = ledgers.export_for(actor=users.justice, ledger=CODE)
    back = ledgers.run_import(
        CODE, content=exported, filename="导出.xlsx", actor=users.justice, dry_run=False
    )

    assert (again.created, again.updated, again.unchanged, errors(again)) == (0, 0, 1, [])
    assert (back.created, back.updated, back.unchanged, errors(back)) == (0, 0, 1, [])
    assert AuditEvent.objects.count() == events
    assert Decision.objects.count() == 1


def test_a_changed_row_of_a_decision_on_the_platform_is_refused(district, users):
    clock.freeze(D(2025, 3, 1))
    run(csv_of(GOOD), users.justice)

    result = run(csv_of({**GOOD, "discussion_meeting_name": "区政府第13次常务会议"}), users.justice)

    assert errors(result) == [
        "第2行“会议名称”列：该决策已在平台中（平台中为“区政府第12次常务会议”），不能通过导入修改。"
    ]


def test_each_broken_rule_is_reported_with_its_row_and_column_and_nothing_is_written(district, users):
    clock.freeze(D(2025, 3, 1))
    rows = [
        # dates out of order: the discussion before the final opinion
        {**GOOD, "discussion_held_on": "2024-06-01"},
        # a required step missing: expert argumentation applicable, with no expert's opinion
        second(expert_name="", expert_opinion=""),
        # a bad unit code and a bad choice in one row: both reported
        {**GOOD, "title": "河道治理", "organization": "T-XXX", "review_opinion": "基本合法"},
        # comments still open: the comment period had not ended on the completion date
        {**GOOD, "title": "停车收费调整", "participation_completed_on": "2024-04-20"},
        # the risk assessment marked not applicable without its reason
        {**GOOD, "title": "公交线路调整", "risk_not_applicable_reason": ""},
        # a date after today
        {**GOOD, "title": "垃圾分类", "published_on": "2025-03-02"},
    ]

    result = run(csv_of(*rows), users.justice)

    assert errors(result) == [
        "第2行“集体讨论日期”列：集体讨论日期（2024-06-01）不能早于终审日期（2024-06-03）。",
        "第3行“专家论证完成日期”列：专家论证尚未完成：须记录论证意见和完成日期，或写明不适用的理由及法律依据（第十九至二十一条）。",
        "第4行“终审意见”列：“基本合法”不是可选值，应为：合法、修改后合法、不合法。",
        "第4行“承办单位代码”列：单位代码“T-XXX”不存在。",
        "第5行“公众参与完成日期”列：公众参与尚未完成：须在征求意见期满后记录完成日期并逐条反馈意见，或写明不适用的理由及法律依据（第十四至十八条）。",
        "第6行“风险评估不适用的理由及依据”列：标为不适用须写明理由及法律依据。",
        "第7行“公布日期”列：完成日期不能晚于今天（2025年3月1日）：尚未发生的事项不能登记。",
    ]
    assert Decision.objects.count() == 0 and LegalityReview.objects.count() == 0


def test_a_unit_clerk_cannot_bring_in_the_justice_bureaus_final_opinion(district, users):
    clock.freeze(D(2025, 3, 1))

    result = run(csv_of(GOOD), users.jyj_clerk)

    assert errors(result) == ["第2行：您不能出具司法局合法性终审意见。"]
    assert Decision.objects.count() == 0


def test_the_template_has_drop_down_lists_and_the_unit_codes(district, users):
    content = ledgers.template_xlsx(CODE, units=Organization.objects.filter(code__startswith="T"))

    book = load_workbook(io.BytesIO(content))
    sheet = book.worksheets[0]
    listed = {
        sheet.cell(row=1, column=int(_column(v.sqref))).value for v in sheet.data_validations.dataValidation
    }
    assert listed == {
        "公众参与",
        "专家论证",
        "风险评估",
        "风险等级",
        "终审意见",
        "会议类型",
        "决定结果",
        "决策公布",
    }
    assert [r[0] for r in book["单位代码"].iter_rows(min_row=2, values_only=True)][:3] == [
        "T",
        "T-FY",
        "T-JYJ",
    ]
    assert not any("编号" in c.header or c.header.endswith("ID") for c in LEDGER.columns)


def _column(sqref) -> int:
    return column_index_from_string(str(sqref).split(":")[0].rstrip("0123456789"))
