"""Decision figures computed from records, the timeline of a decision, and the 工作台 warnings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from fazhi.core import workbench
from fazhi.decisions import selectors, services
from fazhi.decisions.models import Decision
from fazhi.indicators.registry import Period, evaluate

from .conftest import pass_lower_levels, walk

S = Decision.Status


def value(code, year=2024, scope=None):
    return evaluate(code, Period.year(year), scope).figure.value


def test_catalog_figures_count_published_catalogs_and_consecutive_years(users, district, catalog):
    # given catalogs published for 2023 and 2024 and a 2022 one only drafted
    for year, publish in ((2023, True), (2022, False)):
        c = services.create_catalog(actor=users.justice, year=year, organization=district.root)
        services.add_catalog_item(
            actor=users.justice,
            catalog=c,
            title=f"{year}事项",
            lead_unit=district.jyj,
            planned_time=f"{year}年",
            planned_by=dt.date(year, 12, 31),
        )
        if publish:
            services.approve_catalog(actor=users.justice, catalog=c, approved_on=dt.date(year, 2, 1))
            services.publish_catalog(
                actor=users.justice, catalog=c, published_on=dt.date(year, 2, 5), channel="网站"
            )
    assert value("decisions.catalog.published") == 1
    assert value("decisions.catalog.consecutive_years") == 2
    assert value("decisions.catalog.consecutive_years", 2022) == 0
    assert value("decisions.catalog.items") == 2
    assert value("decisions.catalog.items", 2022) == 0  # a draft catalog's items do not count


def test_completion_rate_counts_decisions_decided_in_the_year_with_every_procedure_complete(
    users, district, catalog, decision
):
    # given two decisions decided in 2024, one whose risk assessment record is later emptied
    walk(decision, S.PUBLICATION, clerk=users.jyj_clerk, justice=users.justice)
    item = catalog.items.get(title="农贸市场改造")
    other = services.register_decision(
        actor=users.scj_clerk,
        title=item.title,
        organization=district.scj,
        decision_body=district.root,
        registered_on=dt.date(2024, 3, 12),
        catalog_item=item,
    )
    walk(other, S.PUBLICATION, clerk=users.scj_clerk, justice=users.justice)
    result = evaluate("decisions.procedures.completion_rate", Period.year(2024))
    assert (result.figure.numerator, result.figure.denominator, result.figure.value) == (
        2,
        2,
        Decimal("100.0"),
    )
    services.record_procedure(
        actor=users.scj_clerk, decision=other, procedure="risk_assessment", completed_on=None, started_on=None
    )
    result = evaluate("decisions.procedures.completion_rate", Period.year(2024))
    assert (result.figure.numerator, result.figure.denominator, result.figure.value) == (
        1,
        2,
        Decimal("50.0"),
    )
    assert list(result.figure.numerator_records) == [decision]
    # a unit's scope counts only its own decisions
    assert evaluate(
        "decisions.procedures.completion_rate", Period.year(2024), district.jyj
    ).figure.value == Decimal("100.0")
    assert evaluate("decisions.procedures.completion_rate", Period.year(2023)).figure.value is None


def test_not_applicable_with_a_reason_counts_as_complete(users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        applicable=False,
        not_applicable_reason="涉及国家秘密，依第十四条不公开征求意见",
    )
    services.advance(actor=users.jyj_clerk, decision=decision, transition="finish_public_participation")
    # the rest as in the walk
    from fazhi.review import services as review_services

    services.add_expert_opinion(actor=users.jyj_clerk, decision=decision, expert_name="李", opinion="可")
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="expert_argumentation",
        completed_on=dt.date(2024, 5, 1),
    )
    services.advance(actor=users.jyj_clerk, decision=decision, transition="finish_expert_argumentation")
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="risk_assessment",
        assessor="中心",
        level="low",
        completed_on=dt.date(2024, 5, 2),
    )
    services.advance(actor=users.jyj_clerk, decision=decision, transition="finish_risk_assessment")
    review = services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 6)
    )
    pass_lower_levels(review)
    review_services.conclude_review(
        actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=dt.date(2024, 5, 20)
    )
    decision.refresh_from_db()
    services.advance(actor=users.jyj_clerk, decision=decision, transition="submit_for_discussion")
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="collective_discussion",
        meeting_kind="executive",
        meeting_name="第8次常务会议",
        result="approved",
        completed_on=dt.date(2024, 5, 28),
    )
    services.advance(actor=users.jyj_clerk, decision=decision, transition="decide")
    assert value("decisions.procedures.completion_rate") == Decimal("100.0")


def test_public_comment_and_advisor_figures(users, district, decision):
    walk(
        decision, S.EXPERT_ARGUMENTATION, clerk=users.jyj_clerk, justice=users.justice
    )  # one answered comment in 2024
    services.add_public_comment(
        actor=users.jyj_clerk, decision=decision, received_on=dt.date(2024, 4, 20), content="未反馈的意见"
    )
    assert value("decisions.public_comments.received") == 2
    rate = evaluate("decisions.public_comments.answered_rate", Period.year(2024)).figure
    assert (rate.numerator, rate.denominator) == (1, 2)
    advisor = services.create_advisor(
        actor=users.justice,
        name="某律所",
        kind="law_firm",
        organization=district.sfj,
        contract_start=dt.date(2023, 1, 1),
        contract_end=dt.date(2025, 12, 31),
    )
    for month in (3, 7):
        services.record_attendance(
            actor=users.justice,
            advisor=advisor,
            organization=district.root,
            meeting_kind="executive",
            meeting_name=f"第{month}次常务会议",
            held_on=dt.date(2024, month, 5),
        )
    services.record_attendance(
        actor=users.justice,
        advisor=advisor,
        organization=district.root,
        meeting_kind="special",
        meeting_name="专题会",
        held_on=dt.date(2023, 6, 5),
    )
    done = services.record_advisor_review(
        actor=users.justice,
        advisor=advisor,
        organization=district.jyj,
        subject="合同",
        subject_kind="contract",
        received_on=dt.date(2024, 12, 28),
    )
    services.complete_advisor_review(
        actor=users.justice, review=done, opinion="同意", completed_on=dt.date(2025, 1, 3)
    )
    services.record_advisor_review(
        actor=users.justice,
        advisor=advisor,
        organization=district.jyj,
        subject="未完成",
        subject_kind="contract",
        received_on=dt.date(2024, 6, 1),
    )
    result = evaluate("decisions.advisors.attendances", Period.year(2024))
    assert (result.figure.value, result.previous.value, result.change) == (2, 1, Decimal("100.0"))
    assert value("decisions.advisors.reviews", 2024) == 0 and value("decisions.advisors.reviews", 2025) == 1


def test_timeline_shows_done_current_waiting_and_the_comment_deadline(users, decision):
    walk(decision, S.PUBLIC_PARTICIPATION, clerk=users.jyj_clerk, justice=users.justice)
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        started_on=dt.date(2024, 4, 1),
        period_days=30,
    )
    steps = selectors.timeline(decision, dt.date(2024, 4, 15))
    assert [s.state for s in steps][:3] == ["current", "waiting", "waiting"]
    assert steps[0].deadline == dt.date(2024, 5, 6) and "劳动节" in steps[0].deadline_note
    assert any("期满" in reason for reason in steps[0].blocked_by)
    # after the period ends with the step not completed, the step is overdue
    assert selectors.timeline(decision, dt.date(2024, 5, 7))[0].state == "overdue"


def test_timeline_marks_the_current_step_overdue_after_the_planned_time(users, decision):
    walk(decision, S.RISK_ASSESSMENT, clerk=users.jyj_clerk, justice=users.justice)
    steps = selectors.timeline(decision, dt.date(2024, 10, 8))  # planned: 2024-09-30
    assert [s.state for s in steps][:4] == ["done", "done", "overdue", "waiting"]
    assert steps[4].deadline == dt.date(2024, 9, 30)


def test_workbench_warns_of_ending_comment_periods_unanswered_comments_and_planned_times(users, decision):
    walk(decision, S.PUBLIC_PARTICIPATION, clerk=users.jyj_clerk, justice=users.justice)
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        started_on=dt.date(2024, 4, 1),
        period_days=30,
    )
    services.add_public_comment(
        actor=users.jyj_clerk, decision=decision, received_on=dt.date(2024, 4, 3), content="意见"
    )
    soon = [i.title for i in workbench.items_for(users.jyj_clerk, on=dt.date(2024, 5, 2))]
    assert "“中小学布局调整”征求意见将于05月06日截止" in soon
    late = workbench.items_for(users.jyj_clerk, on=dt.date(2024, 5, 8))
    assert any("尚有1条公众意见未反馈" in i.title and i.level == "overdue" for i in late)
    planned = workbench.items_for(users.jyj_clerk, on=dt.date(2024, 10, 1))
    assert any("应于2024年第三季度前作出决定" in i.title and i.level == "overdue" for i in planned)
    # another unit's clerk sees none of it
    assert not [
        i for i in workbench.items_for(users.scj_clerk, on=dt.date(2024, 10, 1)) if "中小学" in i.title
    ]
