"""Finished history of the review workstream: documents issued with their numbers (规范性文件（已印发）) and legality
reviews concluded (合法性审查（已办结）) come in through the live services, checked by the live rules; numbers are kept
as issued and the platform's next number follows them; re-import changes nothing; the figures count them."""

from __future__ import annotations

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.core.io import ledgers
from fazhi.core.models import Organization
from fazhi.indicators.registry import Period, evaluate
from fazhi.review.models import LegalityReview, NormativeDocument

from ..conftest import issue as issue_on_platform
from ..conftest import register, review_passed

D = dt.date
HEADERS = {
    code: {c.key: c.header for c in ledgers.get(code).columns}
    for code in ("issued_documents", "concluded_reviews")
}

DOCUMENT = {
    "number": "测政规发〔2024〕3号",
    "title": "测试区农贸市场管理办法",
    "organization": "T",
    "registered_on": "2024-02-01",
    "review_submitted_on": "2024-02-05",
    "review_advisor_name": "宁夏某某律师事务所",
    "review_initial_on": "2024-02-05",
    "review_advisor_on": "2024-02-07",
    "review_opinion": "合法",
    "review_concluded_on": "2024-02-20",
    "review_reasons": "",
    "consultation_started_on": "2024-02-21",
    "consultation_ended_on": "2024-03-21",
    "consulted": "社会公众",
    "consultation_summary": "收到意见3条，采纳2条",
    "deliberated_on": "2024-03-25",
    "deliberation_body": "区人民政府第5次常务会议",
    "deliberation_summary": "原则通过",
    "signed_on": "2024-03-28",
    "published_on": "2024-03-29",
    "effective_on": "2024-05-01",
    "validity_years": "",
    "requires_filing": "是",
    "enterprise_related": "否",
    "market_related": "否",
}
REVIEW = {
    "title": "校舍维修工程施工合同",
    "subject_kind": "合同",
    "organization": "T-JYJ",
    "submitted_on": "2024-03-04",
    "advisor_name": "宁夏某某律师事务所",
    "initial_on": "2024-03-04",
    "advisor_on": "2024-03-06",
    "opinion": "修改后合法",
    "concluded_on": "2024-03-14",
    "reasons": "建议补充违约责任条款",
}


def csv_of(code: str, *rows: dict) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    keys = list(rows[0])
    writer.writerow([HEADERS[code][k] for k in keys])
    for row in rows:
        writer.writerow([row[k] for k in keys])
    return out.getvalue().encode()


def run(code, content, actor, dry_run=False):
    return ledgers.run_import(code, content=content, filename="历史.csv", actor=actor, dry_run=dry_run)


def errors(result):
    return [str(e) for e in result.errors]


def row(**changes):
    return {**DOCUMENT, **changes}


def fourth():
    return row(number="测政规发〔2024〕4号", title="测试区户外广告设置管理办法")


# 规范性文件（已印发） ---------------------------------------------------------------------------------------------


def test_documents_issued_before_the_platform_keep_their_numbers_dates_and_review(district, users):
    clock.freeze(D(2025, 3, 1))

    dry = run("issued_documents", csv_of("issued_documents", DOCUMENT, fourth()), users.justice, dry_run=True)
    assert (dry.created, dry.unchanged, errors(dry)) == (2, 0, [])
    assert NormativeDocument.objects.count() == 0 and LegalityReview.objects.count() == 0

    result = run("issued_documents", csv_of("issued_documents", DOCUMENT, fourth()), users.justice)

    assert (result.created, errors(result)) == (2, [])
    issued = NormativeDocument.objects.get(number="测政规发〔2024〕3号")
    assert (issued.status, issued.number_prefix, issued.number_year, issued.number_seq) == (
        "valid",
        "测政规发",
        2024,
        3,
    )
    assert (
        issued.registered_on,
        issued.signed_on,
        issued.published_on,
        issued.effective_on,
        issued.expires_on,
    ) == (
        D(2024, 2, 1),
        D(2024, 3, 28),
        D(2024, 3, 29),
        D(2024, 5, 1),
        D(2029, 4, 30),
    )
    assert issued.filing_due_on == D(2024, 4, 28)
    review = issued.legality_review
    assert (review.status, review.final_opinion, review.concluded_on, review.advisor_name) == (
        "concluded",
        "lawful",
        D(2024, 2, 20),
        "宁夏某某律师事务所",
    )
    assert [(o.level, o.given_on) for o in review.opinions.order_by("pk")] == [
        ("initial", D(2024, 2, 5)),
        ("advisor", D(2024, 2, 7)),
        ("final", D(2024, 2, 20)),
    ]
    # the advisor's written opinion, entered by the importing clerk, names both (rules.advisor_reviewer_name)
    assert review.opinions.get(level="advisor").reviewer_name == (
        f"宁夏某某律师事务所（书面意见，由{users.justice.person.name}录入）"
    )
    assert issued.consultations.get().ended_on == D(2024, 3, 21)
    assert issued.deliberations.get().held_on == D(2024, 3, 25)


def test_the_next_number_issued_on_the_platform_follows_the_historical_ones(district, users):
    clock.freeze(D(2025, 3, 1))
    run("issued_documents", csv_of("issued_documents", DOCUMENT, fourth()), users.justice)
    document = register(users.justice, district.root, "测试区养犬管理规定", registered_on=D(2024, 8, 1))
    review_passed(document, clerk=users.justice, justice=users.justice)

    issued = issue_on_platform(document, clerk=users.justice, published_on=D(2024, 9, 2))

    assert issued.number == "测政规发〔2024〕5号"


def test_re_importing_the_file_or_its_export_changes_nothing(district, users):
    clock.freeze(D(2025, 3, 1))
    run("issued_documents", csv_of("issued_documents", DOCUMENT), users.justice)

    again = run("issued_documents", csv_of("issued_documents", DOCUMENT), users.justice)
    exported = ledgers.export_for(actor=users.justice, ledger="issued_documents")
    back = ledgers.run_import(
        "issued_documents", content=exported, filename="导出.xlsx", actor=users.justice, dry_run=False
    )
    changed = run(
        "issued_documents", csv_of("issued_documents", row(published_on="2024-03-30")), users.justice
    )

    assert (again.created, again.updated, again.unchanged, errors(again)) == (0, 0, 1, [])
    assert (back.created, back.updated, back.unchanged, errors(back)) == (0, 0, 1, [])
    assert errors(changed) == [
        "第2行“公布日期”列：该文件已在平台中（平台中为“2024-03-29”），不能通过导入修改。"
    ]
    assert NormativeDocument.objects.count() == 1


def test_each_broken_rule_of_an_issued_document_is_reported_and_nothing_is_written(district, users):
    clock.freeze(D(2025, 3, 1))
    rows = [
        # dates out of order: published before it was signed
        row(published_on="2024-03-27"),
        # a required step missing: no deliberation before issue
        {**fourth(), "deliberated_on": "", "deliberation_body": "", "deliberation_summary": ""},
        # the number's year is not the year of signing
        row(number="测政规发〔2023〕9号", title="测试区停车管理办法"),
        # a bad unit code and a bad choice in one row
        row(number="测政规发〔2024〕6号", organization="T-XXX", review_opinion="基本合法"),
        # a number that is not in the local format
        row(number="测政规发2024-7", title="测试区殡葬管理办法"),
        # a final opinion given before the advisor's
        row(
            number="测政规发〔2024〕8号",
            title="测试区物业管理办法",
            review_concluded_on="2024-02-06",
            review_reasons="情况紧急",
        ),
    ]

    result = run("issued_documents", csv_of("issued_documents", *rows), users.justice)

    assert errors(result) == [
        "第2行“公布日期”列：公布日期不能早于签发日期。",
        "第3行“签发日期”列：规范性文件印发前须经制定机关集体审议，并记录审议会议、日期和结论；未经合法性审核或者经审核不合法的，"
        "不得提交集体审议（国办发〔2018〕37号）。",
        "第4行“文号”列：文号的年度（2023）与签发日期的年度（2024）不一致。",
        "第5行“终审意见”列：“基本合法”不是可选值，应为：合法、修改后合法、不合法。",
        "第5行“制定机关代码”列：单位代码“T-XXX”不存在。",
        "第6行“文号”列：文号“测政规发2024-7”不符合本地编号格式（如 澄政规发〔2024〕1号）。",
        "第7行“终审日期”列：出具日期不能早于本级审查开始日期。",
    ]
    assert NormativeDocument.objects.count() == 0 and LegalityReview.objects.count() == 0


def test_a_number_already_issued_on_the_platform_is_refused(district, users):
    clock.freeze(D(2025, 3, 1))
    document = register(users.justice, district.root, "测试区养犬管理规定", registered_on=D(2024, 8, 1))
    review_passed(document, clerk=users.justice, justice=users.justice)
    issue_on_platform(document, clerk=users.justice, published_on=D(2024, 9, 2))

    taken = row(number="测政规发〔2024〕01号", title="另一文件")  # the same place in the sequence

    result = run("issued_documents", csv_of("issued_documents", taken), users.justice)

    assert errors(result) == ["第2行“文号”列：文号“测政规发〔2024〕01号”已由“测试区养犬管理规定”使用。"]
    assert NormativeDocument.objects.count() == 1


def test_filings_of_issued_history_feed_the_filing_figures(district, users):
    clock.freeze(D(2025, 3, 1))
    run("issued_documents", csv_of("issued_documents", DOCUMENT, fourth()), users.justice)
    filings = (
        "文号,报送备案日期,备案机关,审查结果,结果日期\n"
        "测政规发〔2024〕3号,2024-04-10,测试市人民政府,通过,2024-05-06\n"
    ).encode()

    filed = ledgers.run_import(
        "filings", content=filings, filename="备案.csv", actor=users.justice, dry_run=False
    )

    assert errors(filed) == []
    assert evaluate("review.documents.filed", Period.year(2024)).figure.value == 1
    rate = evaluate("review.documents.filing_rate", Period.year(2024)).figure
    assert (rate.numerator, rate.denominator) == (1, 2)
    assert evaluate("review.reviews.final.normative_document", Period.year(2024)).figure.value == 2


# 合法性审查（已办结） -------------------------------------------------------------------------------------------


def test_concluded_reviews_come_in_through_the_three_levels_and_count(district, users):
    clock.freeze(D(2025, 3, 1))
    unlawful = {
        **REVIEW,
        "title": "土地出让补充协议",
        "opinion": "不合法",
        "reasons": "违反土地管理法",
        "concluded_on": "2024-03-15",
    }

    result = run("concluded_reviews", csv_of("concluded_reviews", REVIEW, unlawful), users.justice)
    again = run("concluded_reviews", csv_of("concluded_reviews", REVIEW, unlawful), users.justice)

    assert (result.created, errors(result)) == (2, [])
    assert (again.created, again.unchanged, errors(again)) == (0, 2, [])
    review = LegalityReview.objects.get(title="校舍维修工程施工合同")
    assert (
        review.status,
        review.subject_kind,
        review.final_opinion,
        review.final_reasons,
        review.concluded_on,
    ) == (
        "concluded",
        "contract",
        "lawful_after_revision",
        "建议补充违约责任条款",
        D(2024, 3, 14),
    )
    assert evaluate("review.reviews.final.contract", Period.year(2024)).figure.value == 2
    assert evaluate("review.reviews.final", Period.year(2024)).figure.value == 2


def test_each_broken_rule_of_a_concluded_review_is_reported_and_nothing_is_written(district, users):
    clock.freeze(D(2025, 3, 1))
    rows = [
        {**REVIEW, "advisor_on": "2024-03-03"},  # the advisor's opinion before the initial one
        {
            **REVIEW,
            "title": "租赁合同",
            "concluded_on": "2024-03-08",
            "reasons": "",
        },  # final too soon, no reason
        {**REVIEW, "title": "采购合同", "organization": "T-XXX", "subject_kind": "协议"},
        {**REVIEW, "title": "某文件", "subject_kind": "行政规范性文件"},
        {**REVIEW, "title": "服务合同", "opinion": "不合法", "reasons": ""},
    ]

    result = run("concluded_reviews", csv_of("concluded_reviews", *rows), users.justice)

    assert errors(result) == [
        "第2行“复审日期”列：出具日期不能早于本级审查开始日期。",
        "第3行“审查意见及理由”列：终审时间一般不少于5个工作日（2024-03-13之前出具的，请说明理由）。",
        "第4行“审查对象”列：“协议”不是可选值，应为：其他政策文件、合同、重大执法决定。",
        "第4行“送审单位代码”列：单位代码“T-XXX”不存在。",
        "第5行“审查对象”列：“行政规范性文件”不是可选值，应为：其他政策文件、合同、重大执法决定。",
        "第6行“审查意见及理由”列：审查意见不是“合法”的，须写明理由。",
    ]
    assert LegalityReview.objects.count() == 0


def test_a_unit_clerk_cannot_bring_in_the_justice_bureaus_final_opinion(district, users):
    clock.freeze(D(2025, 3, 1))

    result = run("concluded_reviews", csv_of("concluded_reviews", REVIEW), users.jyj_clerk)

    assert errors(result) == ["第2行：您不能出具司法局合法性终审意见。"]
    assert LegalityReview.objects.count() == 0


def test_the_templates_have_drop_down_lists_and_the_unit_codes(district):
    units = Organization.objects.filter(code__startswith="T")
    for code, listed in (
        ("issued_documents", {"终审意见", "公平竞争审查结论", "须报送备案", "涉企", "涉及经营者经济活动"}),
        ("concluded_reviews", {"审查对象", "终审意见"}),
    ):
        book = load_workbook(io.BytesIO(ledgers.template_xlsx(code, units=units)))
        sheet = book.worksheets[0]
        headers = [c.value for c in sheet[1]]
        validated = {
            headers[sheet[str(v.sqref).split(":")[0]].column - 1]
            for v in sheet.data_validations.dataValidation
        }
        assert validated == listed
        assert [r[0] for r in book["单位代码"].iter_rows(min_row=2, values_only=True)][:2] == ["T", "T-FY"]


def test_a_market_related_document_needs_its_fair_competition_review_as_on_the_platform(district, users):
    clock.freeze(D(2025, 3, 1))
    fair = {
        "market_related": "是",
        "fair_reviewer_name": "测试区人民政府办公室",
        "fair_reviewed_on": "2024-03-26",
        "fair_conclusion": "不含排除、限制竞争内容，可以出台",
        "regulator_name": "",
        "regulator_opinion": "",
        "regulator_opinion_on": "",
    }
    without_regulator = row(**fair)
    with_regulator = row(
        **{
            **fair,
            "regulator_name": "测试区市场监督管理局",
            "regulator_opinion": "同意",
            "regulator_opinion_on": "2024-03-27",
        }
    )

    refused = run("issued_documents", csv_of("issued_documents", without_regulator), users.justice)
    imported = run("issued_documents", csv_of("issued_documents", with_regulator), users.justice)

    # the district government's own measure needs the market regulator's opinion (公平竞争审查条例第十四条)
    assert [e.column for e in refused.errors] == ["市场监督管理部门审查意见"]
    assert "市场监督管理部门" in refused.errors[0].message
    assert (imported.created, errors(imported)) == (1, [])
    document = NormativeDocument.objects.get()
    assert (document.market_related, document.fair_competition_reviews.get().regulator_opinion_on) == (
        True,
        D(2024, 3, 27),
    )
