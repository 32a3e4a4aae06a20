"""Review figures computed from records (final reviews, catalogs, filing, clean-up), and the review 工作台 items."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from fazhi.core import workbench
from fazhi.indicators.registry import REGISTRY, Period, evaluate
from fazhi.review import selectors, services
from fazhi.review.models import SubjectKind

from .conftest import issued, materials, pass_review

ALL = dict(
    has_report=True, has_text=True, has_drafting_explanation=True, has_review_opinion=True, has_basis=True
)
CITY = "测试市人民政府"


def value(code, year=2024, scope=None):
    return evaluate(code, Period.year(year), scope).figure.value


def rate(code, year=2024, scope=None):
    figure = evaluate(code, Period.year(year), scope).figure
    return figure.numerator, figure.denominator, figure.value


def _contract_review(users, district, submitted_on):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=submitted_on,
        text="合同文本",
    )
    return pass_review(review, justice=users.justice)


@pytest.fixture
def year(users, district):
    """A year of work of the test district.

    Documents (all reviewed and issued): 教育局 A (2024-09-02, filed in time with every material), B (2024-09-20,
    filed a day late with every material), C (2024-11-04, not filed), E (2024-10-08, needs no filing), D (2023,
    filed 2023); 市场监管局 F (2024-03-01, filed in time without the basis), G (2024-12-20, filed 2025-01-10).
    Contracts of 教育局: one signed after a passing review (concluded 2024-05-20), one signed before its review
    concluded, one never reviewed, one signed before the catalog was adopted; one major enforcement decision.
    Catalogs: 教育局 2024-03-01 (documents, contracts), 莲花镇 2023-06-01, 市场监管局 2025-01-05."""
    jyj, scj = users.jyj_clerk, users.scj_clerk
    docs = SimpleNamespace(
        A=issued(jyj, users.justice, district.jyj, "A", published_on=dt.date(2024, 9, 2)),
        B=issued(jyj, users.justice, district.jyj, "B", published_on=dt.date(2024, 9, 20)),
        C=issued(jyj, users.justice, district.jyj, "C", published_on=dt.date(2024, 11, 4)),
        E=issued(
            jyj, users.justice, district.jyj, "E", published_on=dt.date(2024, 10, 8), requires_filing=False
        ),
        D=issued(jyj, users.justice, district.jyj, "D", published_on=dt.date(2023, 6, 1)),
        F=issued(
            scj, users.justice, district.scj, "F", published_on=dt.date(2024, 3, 1), prefix="测市监规发"
        ),
        G=issued(
            scj, users.justice, district.scj, "G", published_on=dt.date(2024, 12, 20), prefix="测市监规发"
        ),
    )
    services.file_document(
        actor=jyj, document=docs.A, filed_on=dt.date(2024, 9, 20), filed_with=CITY, materials=materials()
    )
    services.file_document(
        actor=jyj, document=docs.B, filed_on=dt.date(2024, 10, 22), filed_with=CITY, materials=materials()
    )
    services.file_document(
        actor=jyj, document=docs.D, filed_on=dt.date(2023, 6, 20), filed_with=CITY, materials=materials()
    )
    services.file_document(
        actor=scj,
        document=docs.F,
        filed_on=dt.date(2024, 3, 15),
        filed_with=CITY,
        materials=materials("has_report", "has_text", "has_drafting_explanation", "has_review_opinion"),
    )
    services.file_document(
        actor=scj, document=docs.G, filed_on=dt.date(2025, 1, 10), filed_with=CITY, materials=materials()
    )

    services.adopt_catalog(
        actor=jyj,
        organization=district.jyj,
        title="教育局目录清单",
        adopted_on=dt.date(2024, 3, 1),
        entries=[("normative_document", "规范性文件"), ("contract", "合同")],
    )
    services.adopt_catalog(
        actor=users.justice,
        organization=district.town,
        title="莲花镇目录清单",
        adopted_on=dt.date(2023, 6, 1),
        entries=[("contract", "合同")],
    )
    services.adopt_catalog(
        actor=scj,
        organization=district.scj,
        title="市场监管局目录清单",
        adopted_on=dt.date(2025, 1, 5),
        entries=[("normative_document", "规范性文件")],
    )
    reviewed_contract = _contract_review(users, district, dt.date(2024, 5, 6))  # concluded 2024-05-20
    late_contract = _contract_review(users, district, dt.date(2024, 7, 1))  # concluded 2024-07-15
    matters = SimpleNamespace(
        reviewed=services.register_matter(
            actor=jyj,
            organization=district.jyj,
            subject_kind="contract",
            title="校舍维修合同",
            issued_on=dt.date(2024, 5, 28),
            legality_review=reviewed_contract,
        ),
        reviewed_too_late=services.register_matter(
            actor=jyj,
            organization=district.jyj,
            subject_kind="contract",
            title="食堂承包合同",
            issued_on=dt.date(2024, 7, 5),
            legality_review=late_contract,
        ),
        unreviewed=services.register_matter(
            actor=jyj,
            organization=district.jyj,
            subject_kind="contract",
            title="校车租赁合同",
            issued_on=dt.date(2024, 8, 1),
        ),
        before_catalog=services.register_matter(
            actor=jyj,
            organization=district.jyj,
            subject_kind="contract",
            title="物业合同",
            issued_on=dt.date(2024, 2, 10),
        ),
        unlisted=services.register_matter(
            actor=jyj,
            organization=district.jyj,
            subject_kind="major_enforcement_decision",
            title="吊销办学许可证",
            issued_on=dt.date(2024, 7, 1),
        ),
    )
    return SimpleNamespace(docs=docs, matters=matters)


def test_every_review_figure_is_registered():
    codes = {code for code in REGISTRY if code.startswith("review.")}
    assert codes >= {
        "review.reviews.final",
        "review.catalog.adoption_rate",
        "review.catalog.execution_rate",
        "review.documents.filed",
        "review.documents.filing_rate",
        "review.documents.timely_rate",
        "review.documents.compliant_rate",
        "review.cleanup.normative_cleaned",
        "review.cleanup.enterprise_policy_cleaned",
    }
    assert {f"review.reviews.final.{kind}" for kind in SubjectKind.values} <= codes


def test_final_reviews_count_those_concluded_in_the_year_by_kind(users, district, year):
    # 2024: documents A, B, C, E, F, G and two contracts; 2023: document D
    assert value("review.reviews.final") == 8
    assert value("review.reviews.final.normative_document") == 6
    assert value("review.reviews.final.contract") == 2
    assert value("review.reviews.final.policy_document") == 0
    assert value("review.reviews.final", 2023) == 1
    assert value("review.reviews.final", scope=district.scj) == 2
    # a review not yet concluded, or concluded unlawful, counts only once concluded
    pending = services.submit_review(
        actor=users.jyj_clerk,
        title="政策",
        subject_kind="policy_document",
        organization=district.jyj,
        submitted_on=dt.date(2024, 12, 2),
        text="文本",
    )
    assert value("review.reviews.final.policy_document") == 0
    pass_review(pending, justice=users.justice, opinion="unlawful", concluded_on=dt.date(2024, 12, 20))
    assert value("review.reviews.final.policy_document") == 1
    assert value("review.reviews.final") == 9


def test_documents_filed_in_the_year(district, year):
    result = evaluate("review.documents.filed", Period.year(2024))
    assert result.figure.value == 3  # A, B, F (G was filed in 2025)
    assert {f.document.title for f in result.figure.records} == {"A", "B", "F"}
    assert result.previous.value == 1  # D
    assert value("review.documents.filed", 2025) == 1
    assert value("review.documents.filed", scope=district.jyj) == 2


def test_filing_rate_is_filed_over_issued_in_the_year_requiring_filing(district, year):
    # A, B, C, F, G were published in 2024 and must be filed (E need not); all but C were filed
    assert rate("review.documents.filing_rate") == (4, 5, Decimal("80.0"))
    figure = evaluate("review.documents.filing_rate", Period.year(2024)).figure
    assert {d.title for d in figure.denominator_records} == {"A", "B", "C", "F", "G"}
    assert rate("review.documents.filing_rate", scope=district.jyj) == (2, 3, Decimal("66.7"))
    assert rate("review.documents.filing_rate", 2023) == (1, 1, Decimal("100.0"))


def test_timely_rate_is_filed_within_the_period_over_filed(district, year):
    # B was due 2024-10-21 (30 days from 2024-09-20 end on a Sunday) and was filed on 2024-10-22
    assert year.docs.B.filing_due_on == dt.date(2024, 10, 21)
    assert rate("review.documents.timely_rate") == (2, 3, Decimal("66.7"))
    figure = evaluate("review.documents.timely_rate", Period.year(2024)).figure
    assert {f.document.title for f in figure.numerator_records} == {"A", "F"}
    assert rate("review.documents.timely_rate", scope=district.jyj) == (1, 2, Decimal("50.0"))


def test_compliant_rate_is_filed_with_all_five_materials_over_filed(district, year):
    assert rate("review.documents.compliant_rate") == (2, 3, Decimal("66.7"))
    figure = evaluate("review.documents.compliant_rate", Period.year(2024)).figure
    assert {f.document.title for f in figure.numerator_records} == {"A", "B"}
    assert rate("review.documents.compliant_rate", scope=district.jyj) == (2, 2, Decimal("100.0"))
    assert rate("review.documents.compliant_rate", scope=district.scj) == (0, 1, Decimal("0.0"))


def test_catalog_adoption_rate_counts_units_of_the_required_kinds_with_a_catalog_by_year_end(district, year):
    # required in the test district: the government, 司法局, 教育局, 市场监管局 and 莲花镇 (not the enforcement team
    # nor the court); by the end of 2024 教育局 and 莲花镇 had adopted one (市场监管局 only in 2025)
    figure = evaluate("review.catalog.adoption_rate", Period.year(2024), district.root).figure
    assert (figure.numerator, figure.denominator, figure.value) == (2, 5, Decimal("40.0"))
    assert {u.name for u in figure.numerator_records} == {"测试区教育局", "测试区莲花镇"}
    assert rate("review.catalog.adoption_rate", 2023, district.root) == (1, 5, Decimal("20.0"))
    assert rate("review.catalog.adoption_rate", 2025, district.root) == (3, 5, Decimal("60.0"))
    assert rate("review.catalog.adoption_rate", 2024, district.jyj) == (1, 1, Decimal("100.0"))
    assert rate("review.catalog.adoption_rate", 2024, district.team) == (0, 0, None)


def test_catalog_execution_rate_counts_listed_matters_and_documents_reviewed_before_issue(district, year):
    # 教育局's catalog (2024-03-01) lists documents and contracts: documents A, B, C, E and three contracts signed
    # after its adoption; the contract signed before its review concluded and the unreviewed one did not pass.
    # 市场监管局's documents are not counted (its catalog came in 2025), nor the unlisted enforcement decision, nor
    # the contract signed before the catalog was adopted.
    figure = evaluate("review.catalog.execution_rate", Period.year(2024), district.root).figure
    assert (figure.numerator, figure.denominator, figure.value) == (5, 7, Decimal("71.4"))
    rows = {(r._meta.model_name, r.title) for r in figure.denominator_records}
    assert rows == {
        ("normativedocument", "A"),
        ("normativedocument", "B"),
        ("normativedocument", "C"),
        ("normativedocument", "E"),
        ("matter", "校舍维修合同"),
        ("matter", "食堂承包合同"),
        ("matter", "校车租赁合同"),
    }
    assert {r.title for r in figure.numerator_records} == {"A", "B", "C", "E", "校舍维修合同"}
    # the records can be narrowed after they are listed, as the drill-down does for a unit (no union)
    assert figure.denominator_records.filter(organization=district.scj).count() == 0
    assert [r.title for r in figure.numerator_records[:2]] == ["校舍维修合同", "A"]
    assert rate("review.catalog.execution_rate", 2024, district.scj) == (0, 0, None)
    assert rate("review.catalog.execution_rate", 2025, district.scj) == (0, 0, None)


def test_cleanup_figures_count_outcomes_decided_in_the_year(users, district, year):
    campaign = services.create_campaign(
        actor=users.justice,
        name="涉企政策文件清理",
        scope="涉及不平等对待企业的文件",
        organization=district.sfj,
        started_on=dt.date(2024, 10, 8),
    )

    def add(title, unit, clerk, *, enterprise=True, outcome=None, on=dt.date(2024, 11, 5)):
        item = services.add_item(
            actor=clerk, campaign=campaign, title=title, issuing_unit=unit, enterprise_related=enterprise
        )
        if outcome:
            services.decide_item(
                actor=clerk, item=item, outcome=outcome, reason="妨碍公平竞争", decided_on=on
            )

    for doc, outcome in ((year.docs.A, "repeal"), (year.docs.B, "keep")):
        item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=doc)
        services.decide_item(
            actor=users.jyj_clerk,
            item=item,
            outcome=outcome,
            reason="审查结论",
            decided_on=dt.date(2024, 11, 1),
        )
    services.add_item(actor=users.jyj_clerk, campaign=campaign, document=year.docs.C)  # not decided
    add("本地企业优先采购通知", district.scj, users.scj_clerk, outcome="repeal")
    add("招商引资奖励办法", district.scj, users.scj_clerk, outcome="amend")
    add("内部管理办法", district.scj, users.scj_clerk, enterprise=False, outcome="keep")
    add("未决文件", district.scj, users.scj_clerk)
    add("次年确定的文件", district.jyj, users.jyj_clerk, outcome="repeal", on=dt.date(2025, 1, 10))

    assert value("review.cleanup.normative_cleaned") == 2
    assert value("review.cleanup.enterprise_policy_cleaned") == 2
    assert value("review.cleanup.enterprise_policy_cleaned", 2025) == 1
    assert value("review.cleanup.enterprise_policy_cleaned", scope=district.jyj) == 0
    assert value("review.cleanup.normative_cleaned", scope=district.jyj) == 2
    # a repealed document still counts as issued and filed in its year
    assert rate("review.documents.filing_rate") == (4, 5, Decimal("80.0"))


# 工作台 ------------------------------------------------------------------------------------------------------


def _items(user, on, category=None):
    return [i for i in workbench.items_for(user, on=on) if category is None or i.category == category]


def test_workbench_shows_unfiled_documents_with_their_filing_deadline(users, district):
    document = issued(users.jyj_clerk, users.justice, district.jyj, "C", published_on=dt.date(2024, 11, 4))
    assert document.filing_due_on == dt.date(2024, 12, 4)
    title = "规范性文件“C（测政规发〔2024〕1号）”应于2024年12月04日前报送备案"
    far = _items(users.jyj_clerk, dt.date(2024, 11, 10), "规范性文件备案")
    assert [(i.title, i.level, i.due) for i in far] == [(title, "pending", dt.date(2024, 12, 4))]
    assert _items(users.jyj_clerk, dt.date(2024, 11, 28), "规范性文件备案")[0].level == "due_soon"
    late = _items(users.jyj_clerk, dt.date(2024, 12, 5), "规范性文件备案")
    assert late[0].level == "overdue" and "2024年12月04日" in late[0].detail
    # the Justice Bureau sees it too, another unit does not; once filed it is gone
    assert [i.title for i in _items(users.justice, dt.date(2024, 12, 5), "规范性文件备案")] == [title]
    assert _items(users.scj_clerk, dt.date(2024, 12, 5), "规范性文件备案") == []
    services.file_document(
        actor=users.jyj_clerk,
        document=document,
        filed_on=dt.date(2024, 12, 6),
        filed_with=CITY,
        materials=materials(),
    )
    assert _items(users.jyj_clerk, dt.date(2024, 12, 7), "规范性文件备案") == []
    assert list(selectors.unfiled_documents(users.jyj_clerk)) == []


def test_workbench_shows_a_correction_to_refile(users, district):
    document = issued(users.jyj_clerk, users.justice, district.jyj, "C", published_on=dt.date(2024, 9, 20))
    filing = services.file_document(
        actor=users.jyj_clerk,
        document=document,
        filed_on=dt.date(2024, 10, 8),
        filed_with=CITY,
        materials=materials(),
    )
    services.record_filing_result(
        actor=users.justice,
        filing=filing,
        result="correction",
        result_on=dt.date(2024, 11, 1),
        correction_required="删除第五条",
    )
    [item] = _items(users.jyj_clerk, dt.date(2024, 11, 19), "规范性文件备案")
    assert item.due == dt.date(2024, 11, 18) and item.level == "overdue"
    assert "纠正意见：删除第五条" in item.detail
    services.record_correction(actor=users.jyj_clerk, filing=filing, corrected_on=dt.date(2024, 11, 20))
    assert _items(users.jyj_clerk, dt.date(2024, 11, 21), "规范性文件备案") == []


def test_workbench_shows_a_review_level_near_its_deadline_to_whoever_acts_at_that_level(users, district):
    # sent on Monday 2024-12-02: 初审 3 working days → Thursday 2024-12-05
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="关于规范校外培训的通知",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=dt.date(2024, 12, 2),
        text="送审稿",
        advisor_user=users.advisor,
    )
    on = dt.date(2024, 12, 3)
    [item] = _items(users.jyj_clerk, on, "合法性审查")
    assert item.title == "“关于规范校外培训的通知”起草单位初审应于2024年12月05日前出具意见"
    assert (item.level, item.due) == ("due_soon", dt.date(2024, 12, 5))
    assert item.url == f"/review/{review.pk}/"
    assert _items(users.justice, on, "合法性审查") == []
    assert _items(users.advisor, on, "合法性审查") == []
    assert _items(users.scj_clerk, on, "合法性审查") == []
    # past the deadline it is overdue
    assert _items(users.jyj_clerk, dt.date(2024, 12, 6), "合法性审查")[0].level == "overdue"
    # at 复审 (5 working days from 2024-12-04 → 2024-12-11) the assigned advisor is warned, not the unit
    services.give_opinion(
        actor=users.jyj_clerk, review=review, outcome="lawful", given_on=dt.date(2024, 12, 4)
    )
    on = dt.date(2024, 12, 9)
    assert _items(users.jyj_clerk, on, "合法性审查") == []
    [item] = _items(users.advisor, on, "合法性审查")
    assert item.title == "“关于规范校外培训的通知”法律顾问复审应于2024年12月11日前出具意见"
    assert (
        _items(users.advisor, dt.date(2024, 12, 2), "合法性审查") == []
    )  # far from the deadline: no warning
    # at 终审 (15 working days from 2024-12-10 → 2024-12-31) the Justice Bureau is warned
    services.give_opinion(
        actor=users.advisor, review=review, outcome="lawful", given_on=dt.date(2024, 12, 10)
    )
    on = dt.date(2024, 12, 30)
    assert _items(users.advisor, on, "合法性审查") == []
    [item] = _items(users.justice, on, "合法性审查")
    assert item.title == "“关于规范校外培训的通知”司法局合法性终审应于2024年12月31日前出具意见"
    assert _items(users.jyj_clerk, on, "合法性审查") == []
    assert _items(users.other_justice, on, "合法性审查") == []


def test_without_an_advisor_account_the_unit_is_warned_at_the_advisor_level(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=dt.date(2024, 12, 2),
        text="文本",
        advisor_name="某律师事务所张律师",
    )
    services.give_opinion(
        actor=users.jyj_clerk, review=review, outcome="lawful", given_on=dt.date(2024, 12, 4)
    )
    [item] = _items(users.jyj_clerk, dt.date(2024, 12, 10), "合法性审查")
    assert "法律顾问复审" in item.title


def test_reviews_for_scopes_by_unit_and_advisors_see_those_assigned(users, district):
    mine = services.submit_review(
        actor=users.jyj_clerk,
        title="甲",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=dt.date(2024, 12, 2),
        text="文本",
        advisor_user=users.advisor,
    )
    theirs = services.submit_review(
        actor=users.scj_clerk,
        title="乙",
        subject_kind="contract",
        organization=district.scj,
        submitted_on=dt.date(2024, 12, 2),
        text="文本",
    )
    assert list(selectors.reviews_for(users.jyj_clerk)) == [mine]
    assert list(selectors.reviews_for(users.advisor)) == [mine]
    assert set(selectors.reviews_for(users.justice)) == {mine, theirs}
    assert list(selectors.reviews_for(users.other_justice)) == []
