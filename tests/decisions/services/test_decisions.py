"""The decision workflow: statutory order, conditions with their articles, and who may take each transition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.models import Decision, DecisionCatalog
from fazhi.review import services as review_services

from ..conftest import pass_lower_levels, walk

S = Decision.Status


def test_decision_cannot_reach_collective_discussion_before_legality_review(users, decision):
    # given a decision at the legality review whose review is still under way
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    # when the unit submits it for collective discussion, then it is refused citing 第二十五条
    with pytest.raises(ValidationError, match="第二十五条"):
        services.advance(actor=users.jyj_clerk, decision=decision, transition="submit_for_discussion")
    # and the meeting cannot be recorded either
    with pytest.raises(ValidationError, match="第二十五条"):
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="collective_discussion",
            completed_on=dt.date(2024, 5, 30),
        )
    decision.refresh_from_db()
    assert decision.status == S.LEGALITY_REVIEW


def test_a_failed_legality_review_keeps_the_decision_from_discussion(users, decision):
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    review = services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    pass_lower_levels(review)
    review_services.conclude_review(
        actor=users.justice,
        review=review,
        opinion="unlawful",
        reasons="超越职权",
        concluded_on=dt.date(2024, 6, 3),
    )
    decision.refresh_from_db()
    with pytest.raises(ValidationError, match="不合法"):
        services.advance(actor=users.jyj_clerk, decision=decision, transition="submit_for_discussion")
    # a revised draft can be sent again and pass
    review2 = services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 6, 5)
    )
    pass_lower_levels(review2)
    review_services.conclude_review(
        actor=users.justice,
        review=review2,
        opinion="lawful_after_revision",
        reasons="已删除越权条款",
        concluded_on=dt.date(2024, 6, 17),
    )
    decision.refresh_from_db()
    services.advance(actor=users.jyj_clerk, decision=decision, transition="submit_for_discussion")
    assert decision.status == S.COLLECTIVE_DISCUSSION


def test_meeting_cannot_be_dated_before_the_review_opinion(users, decision):
    walk(decision, S.COLLECTIVE_DISCUSSION, clerk=users.jyj_clerk, justice=users.justice)
    with pytest.raises(ValidationError, match="不能早于合法性审查意见"):
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="collective_discussion",
            meeting_kind="executive",
            meeting_name="第9次常务会议",
            result="approved",
            started_on=dt.date(2024, 6, 1),
            completed_on=dt.date(2024, 6, 1),
        )


def test_only_the_justice_bureau_gives_the_final_review_opinion(users, decision):
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    review = services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    pass_lower_levels(review)
    for user in (users.jyj_clerk, users.leader, users.advisor):
        with pytest.raises(PermissionDenied):
            review_services.conclude_review(
                actor=user, review=review, opinion="lawful", reasons="", concluded_on=dt.date(2024, 6, 3)
            )
    review.refresh_from_db()
    assert review.status == "final_review"


def test_opinion_other_than_lawful_needs_reasons(users, decision):
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    review = services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    pass_lower_levels(review)
    with pytest.raises(ValidationError, match="须写明理由"):
        review_services.conclude_review(
            actor=users.justice,
            review=review,
            opinion="unlawful",
            reasons=" ",
            concluded_on=dt.date(2024, 6, 3),
        )


def test_comment_period_end_is_computed_over_the_labour_day_holiday(users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    record = services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        started_on=dt.date(2024, 4, 1),
        period_days=30,
    )
    # 2024-05-01 is day 30 and a holiday (05-01..05-05): the period ends on the next working day
    assert record.period_ends_on == dt.date(2024, 5, 6)
    assert "劳动节" in record.period_explanation and "第十五条" in record.period_explanation


def test_comment_period_shorter_than_thirty_days_needs_a_reason(users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    with pytest.raises(ValidationError, match="第十五条"):
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="public_participation",
            started_on=dt.date(2024, 4, 1),
            period_days=10,
        )
    record = services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        started_on=dt.date(2024, 4, 1),
        period_days=10,
        shorter_period_reason="防汛紧急",
    )
    assert record.period_ends_on == dt.date(2024, 4, 11)


def test_public_participation_cannot_finish_before_the_period_ends_or_with_unanswered_comments(
    users, decision
):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        started_on=dt.date(2024, 4, 1),
        period_days=30,
        completed_on=dt.date(2024, 4, 20),
    )
    with pytest.raises(ValidationError, match="期满"):
        services.advance(actor=users.jyj_clerk, decision=decision, transition="finish_public_participation")
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        completed_on=dt.date(2024, 5, 6),
    )
    comment = services.add_public_comment(
        actor=users.jyj_clerk, decision=decision, received_on=dt.date(2024, 4, 9), content="意见"
    )
    with pytest.raises(ValidationError, match="逐条反馈"):
        services.advance(actor=users.jyj_clerk, decision=decision, transition="finish_public_participation")
    services.answer_comment(
        actor=users.jyj_clerk,
        comment=comment,
        response="不予采纳：与上位法不符",
        adopted=False,
        answered_on=dt.date(2024, 5, 7),
    )
    services.advance(actor=users.jyj_clerk, decision=decision, transition="finish_public_participation")
    assert decision.status == S.EXPERT_ARGUMENTATION


def test_a_procedure_may_be_not_applicable_only_with_its_legal_reason(users, decision):
    walk(decision, S.EXPERT_ARGUMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    with pytest.raises(ValidationError, match="理由及法律依据"):
        services.record_procedure(
            actor=users.jyj_clerk, decision=decision, procedure="expert_argumentation", applicable=False
        )
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="expert_argumentation",
        applicable=False,
        not_applicable_reason="专业性、技术性不强，依第十九条无需专家论证",
    )
    services.advance(actor=users.jyj_clerk, decision=decision, transition="finish_expert_argumentation")
    assert decision.status == S.RISK_ASSESSMENT


def test_collective_discussion_is_never_not_applicable(users, decision):
    with pytest.raises(ValidationError, match="法定必经程序"):
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="collective_discussion",
            applicable=False,
            not_applicable_reason="无",
        )


def test_a_decision_outside_the_catalog_needs_a_recorded_reason(users, district, catalog):
    with pytest.raises(ValidationError, match="列入决策的理由"):
        services.register_decision(
            actor=users.jyj_clerk,
            title="临时决策",
            organization=district.jyj,
            decision_body=district.root,
            registered_on=dt.date(2024, 7, 1),
        )
    d = services.register_decision(
        actor=users.jyj_clerk,
        title="临时决策",
        organization=district.jyj,
        decision_body=district.root,
        registered_on=dt.date(2024, 7, 1),
        outside_catalog_reason="上级部署的紧急事项",
    )
    assert d.catalog_item is None and d.status == S.REGISTERED


def test_a_catalog_item_is_registered_once_and_only_from_an_approved_catalog(
    users, district, catalog, decision
):
    item = decision.catalog_item
    with pytest.raises(ValidationError, match="已立项"):
        services.register_decision(
            actor=users.jyj_clerk,
            title="重复",
            organization=district.jyj,
            decision_body=district.root,
            registered_on=dt.date(2024, 3, 11),
            catalog_item=item,
        )
    draft = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    new_item = services.add_catalog_item(
        actor=users.justice,
        catalog=draft,
        title="草案事项",
        lead_unit=district.jyj,
        planned_time="2025年",
        planned_by=dt.date(2025, 12, 31),
    )
    with pytest.raises(ValidationError, match="尚未审定"):
        services.register_decision(
            actor=users.jyj_clerk,
            title="草案事项",
            organization=district.jyj,
            decision_body=district.root,
            registered_on=dt.date(2025, 1, 5),
            catalog_item=new_item,
        )


def test_a_catalog_is_approved_only_with_items_and_then_closed_to_new_items(users, district, catalog):
    empty = services.create_catalog(actor=users.justice, year=2023, organization=district.root)
    with pytest.raises(ValidationError, match="至少应有一个事项"):
        services.approve_catalog(actor=users.justice, catalog=empty, approved_on=dt.date(2023, 3, 1))
    with pytest.raises(ValidationError, match="不能再增加事项"):
        services.add_catalog_item(
            actor=users.justice,
            catalog=catalog,
            title="新增",
            lead_unit=district.jyj,
            planned_time="2024年",
            planned_by=dt.date(2024, 12, 31),
        )


def test_post_evaluation_is_not_done_by_the_earlier_risk_assessor(users, decision):
    walk(decision, S.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    with pytest.raises(ValidationError, match="第三十六条"):
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="post_evaluation",
            evaluator="区委政法委",
            started_on=dt.date(2025, 6, 1),
            completed_on=dt.date(2025, 6, 30),
        )
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="post_evaluation",
        evaluator="第三方评估机构",
        conclusion="效果良好",
        started_on=dt.date(2025, 6, 1),
        completed_on=dt.date(2025, 6, 30),
    )


def test_archiving_needs_the_meeting_minutes_and_the_review_opinion(users, decision, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    walk(decision, S.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    with pytest.raises(ValidationError, match="会议纪要"):
        services.advance(
            actor=users.jyj_clerk, decision=decision, transition="archive", archived_on=dt.date(2024, 12, 1)
        )
    services.attach_document(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="collective_discussion",
        title="会议纪要",
        file=ContentFile(b"minutes", name="minutes.txt"),
    )
    services.attach_document(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="legality_review",
        title="审查意见书",
        file=ContentFile(b"opinion", name="opinion.txt"),
    )
    services.advance(
        actor=users.jyj_clerk, decision=decision, transition="archive", archived_on=dt.date(2024, 12, 1)
    )
    assert decision.status == S.ARCHIVED and decision.archived_on == dt.date(2024, 12, 1)


def test_terminating_needs_a_reason_and_is_closed_after_the_decision(users, decision):
    with pytest.raises(ValidationError, match="理由"):
        services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="")
    services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="上级政策调整")
    assert decision.status == S.TERMINATED
    with pytest.raises(ValidationError, match="不能再修改"):
        services.record_procedure(
            actor=users.jyj_clerk, decision=decision, procedure="risk_assessment", assessor="x"
        )


def test_transitions_are_audited_with_state_before_and_after(users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start", note="启动")
    event = AuditEvent.objects.filter(
        model_label="decisions.decision", object_id=str(decision.pk), action="transition"
    ).get()
    assert event.changes["status"] == ["registered", "public_participation"]
    assert (
        event.transition == "启动决策程序" and event.note == "启动" and event.actor_id == users.jyj_clerk.pk
    )


# Every transition for every role ---------------------------------------------------------------------------

SOURCE_OF = {
    "start": S.REGISTERED,
    "finish_public_participation": S.PUBLIC_PARTICIPATION,
    "finish_expert_argumentation": S.EXPERT_ARGUMENTATION,
    "finish_risk_assessment": S.RISK_ASSESSMENT,
    "submit_for_discussion": S.LEGALITY_REVIEW,
    "decide": S.COLLECTIVE_DISCUSSION,
    "finish_publication": S.PUBLICATION,
    "archive": S.IMPLEMENTATION,
    "terminate": S.RISK_ASSESSMENT,
}
TARGET_OF = {
    "start": S.PUBLIC_PARTICIPATION,
    "finish_public_participation": S.EXPERT_ARGUMENTATION,
    "finish_expert_argumentation": S.RISK_ASSESSMENT,
    "finish_risk_assessment": S.LEGALITY_REVIEW,
    "submit_for_discussion": S.COLLECTIVE_DISCUSSION,
    "decide": S.PUBLICATION,
    "finish_publication": S.IMPLEMENTATION,
    "archive": S.ARCHIVED,
    "terminate": S.TERMINATED,
}
ALLOWED_ROLES = {"admin", "justice", "jyj_clerk"}
ROLES = ["admin", "justice", "jyj_clerk", "scj_clerk", "advisor", "reconsideration", "supervisor", "leader"]


def prepare(decision, transition, users, tmp_path, settings):
    """Bring the decision to the transition's source state with every condition met (as the owning unit)."""
    source = SOURCE_OF[transition]
    if source != S.REGISTERED:
        walk(decision, source, clerk=users.jyj_clerk, justice=users.justice)
    if transition == "finish_public_participation":
        walk_next = "expert"  # the walk stops right after starting; complete the step's record
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="public_participation",
            started_on=dt.date(2024, 4, 1),
            period_days=30,
            completed_on=dt.date(2024, 5, 6),
        )
        assert walk_next
    if transition == "finish_expert_argumentation":
        services.add_expert_opinion(
            actor=users.jyj_clerk, decision=decision, expert_name="王研究员", opinion="可行"
        )
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="expert_argumentation",
            completed_on=dt.date(2024, 5, 10),
        )
    if transition == "finish_risk_assessment":
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="risk_assessment",
            assessor="评估中心",
            level="medium",
            completed_on=dt.date(2024, 5, 20),
        )
    if transition == "submit_for_discussion":
        review = services.request_legality_review(
            actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
        )
        pass_lower_levels(review)
        review_services.conclude_review(
            actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=dt.date(2024, 6, 3)
        )
    if transition == "decide":
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="collective_discussion",
            meeting_kind="plenary",
            meeting_name="区政府第2次全体会议",
            result="approved",
            completed_on=dt.date(2024, 6, 12),
        )
    if transition == "finish_publication":
        services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="publication",
            channel="政府网站",
            completed_on=dt.date(2024, 6, 20),
        )
    if transition == "archive":
        settings.MEDIA_ROOT = tmp_path
        for procedure in ("collective_discussion", "legality_review"):
            services.attach_document(
                actor=users.jyj_clerk,
                decision=decision,
                procedure=procedure,
                title=procedure,
                file=ContentFile(b"x", name=f"{procedure}.txt"),
            )
    decision.refresh_from_db()
    assert decision.status == source


KWARGS = {"archive": {"archived_on": dt.date(2024, 12, 1)}, "terminate": {"reason": "情况变化"}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", list(SOURCE_OF))
def test_every_transition_for_every_role(users, decision, role, transition, tmp_path, settings):
    # given the decision in the transition's source state with its conditions met
    prepare(decision, transition, users, tmp_path, settings)
    actor = getattr(users, role)
    # when the role takes the transition
    if role in ALLOWED_ROLES:
        services.advance(actor=actor, decision=decision, transition=transition, **KWARGS.get(transition, {}))
        # then it moves to the target
        assert decision.status == TARGET_OF[transition]
    else:
        # then anyone else is refused and nothing changes
        with pytest.raises(PermissionDenied):
            services.advance(
                actor=actor, decision=decision, transition=transition, **KWARGS.get(transition, {})
            )
        decision.refresh_from_db()
        assert decision.status == SOURCE_OF[transition]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", ["approve", "publish"])
def test_every_catalog_transition_for_every_role(users, district, role, transition):
    catalog = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    services.add_catalog_item(
        actor=users.justice,
        catalog=catalog,
        title="事项",
        lead_unit=district.jyj,
        planned_time="2025年",
        planned_by=dt.date(2025, 12, 31),
    )
    if transition == "publish":
        services.approve_catalog(actor=users.justice, catalog=catalog, approved_on=dt.date(2025, 2, 1))
    actor = getattr(users, role)
    call = (
        (lambda: services.approve_catalog(actor=actor, catalog=catalog, approved_on=dt.date(2025, 2, 1)))
        if transition == "approve"
        else (
            lambda: services.publish_catalog(
                actor=actor, catalog=catalog, published_on=dt.date(2025, 2, 10), channel="政府网站"
            )
        )
    )
    if role in ("admin", "justice"):
        call()
        assert catalog.status == (
            DecisionCatalog.Status.APPROVED if transition == "approve" else DecisionCatalog.Status.PUBLISHED
        )
    else:
        with pytest.raises(PermissionDenied):
            call()


def test_documents_keep_their_uploaded_name_and_close_with_the_archive(users, decision):
    walk(decision, S.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    minutes = services.attach_document(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="collective_discussion",
        title="",
        file=ContentFile(b"m", name="区政府第12次常务会议纪要（定稿）.txt"),
    )
    assert (
        minutes.original_name == "区政府第12次常务会议纪要（定稿）.txt"
        and minutes.title == minutes.original_name
    )
    services.attach_document(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="legality_review",
        title="意见书",
        file=ContentFile(b"o", name="o.txt"),
    )
    services.advance(actor=users.jyj_clerk, decision=decision, transition="archive")
    with pytest.raises(ValidationError, match="不能再增加文件"):
        services.attach_document(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="publication",
            title="补充",
            file=ContentFile(b"x", name="x.txt"),
        )
    assert decision.documents.count() == 2


def test_catalogs_are_compiled_by_the_justice_bureau_only(users, district):
    with pytest.raises(PermissionDenied, match="司法局"):
        services.create_catalog(actor=users.jyj_clerk, year=2026, organization=district.jyj)
    catalog = services.create_catalog(actor=users.justice, year=2026, organization=district.root)
    with pytest.raises(PermissionDenied, match="司法局"):
        services.add_catalog_item(
            actor=users.jyj_clerk,
            catalog=catalog,
            title="x",
            lead_unit=district.jyj,
            planned_time="2026年",
            planned_by=dt.date(2026, 12, 31),
        )


def test_a_unit_registers_only_its_own_catalog_items_under_the_catalogs_body(users, district, catalog):
    item = catalog.items.get(title="农贸市场改造")  # led by the market bureau
    with pytest.raises(ValidationError, match="承办单位是"):
        services.register_decision(
            actor=users.jyj_clerk,
            title=item.title,
            organization=district.jyj,
            decision_body=district.root,
            registered_on=dt.date(2024, 3, 1),
            catalog_item=item,
        )
    with pytest.raises(ValidationError, match="决策机关是"):
        services.register_decision(
            actor=users.scj_clerk,
            title=item.title,
            organization=district.scj,
            decision_body=district.scj,
            registered_on=dt.date(2024, 3, 1),
            catalog_item=item,
        )


def test_records_of_a_closed_decision_cannot_change(users, decision):
    walk(decision, S.EXPERT_ARGUMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    comment = decision.public_participation.comments.get()
    services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="撤回")
    for call in (
        lambda: services.add_public_comment(
            actor=users.jyj_clerk, decision=decision, received_on=dt.date(2024, 7, 1), content="x"
        ),
        lambda: services.answer_comment(
            actor=users.jyj_clerk,
            comment=comment,
            response="y",
            adopted=None,
            answered_on=dt.date(2024, 7, 2),
        ),
        lambda: services.add_expert_opinion(
            actor=users.jyj_clerk, decision=decision, expert_name="z", opinion="w"
        ),
    ):
        with pytest.raises(ValidationError, match="已终止"):
            call()


def test_legality_review_is_requested_at_the_review_step(users, decision):
    walk(decision, S.EXPERT_ARGUMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    with pytest.raises(ValidationError, match="方可送合法性审查"):
        services.request_legality_review(
            actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 11)
        )
    assert decision.legality_review_id is None


def test_clearing_the_comment_period_clears_its_computed_end(users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    services.record_procedure(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="public_participation",
        started_on=dt.date(2024, 4, 1),
        period_days=30,
    )
    record = services.record_procedure(
        actor=users.jyj_clerk, decision=decision, procedure="public_participation", started_on=None
    )
    assert record.period_ends_on is None and record.period_explanation == ""


def test_changing_the_units_an_advisor_serves_is_audited(users, district):
    advisor = services.create_advisor(
        actor=users.justice,
        name="某所",
        kind="law_firm",
        organization=district.sfj,
        contract_start=dt.date(2024, 1, 1),
        contract_end=dt.date(2024, 12, 31),
        units_served=[district.jyj],
    )
    services.update_advisor(
        actor=users.justice,
        advisor=advisor,
        units_served=[district.jyj, district.scj],
        contact="0951-1234567",
    )
    event = (
        AuditEvent.objects.filter(model_label="decisions.legaladvisor", object_id=str(advisor.pk))
        .order_by("-seq")
        .first()
    )
    assert event.changes == {"units_served": [["T-JYJ"], ["T-JYJ", "T-SCJ"]]}
    assert list(advisor.units_served.order_by("code").values_list("code", flat=True)) == ["T-JYJ", "T-SCJ"]


@pytest.mark.parametrize("role", ROLES)
def test_the_final_review_opinion_for_every_role(users, decision, role):
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    review = services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    pass_lower_levels(review)
    actor = getattr(users, role)
    conclude = lambda: review_services.conclude_review(  # noqa: E731
        actor=actor, review=review, opinion="lawful", reasons="", concluded_on=dt.date(2024, 6, 3)
    )
    if role in ("admin", "justice"):
        conclude()
        assert review.status == "concluded" and review.final_opinion == "lawful"
    else:
        with pytest.raises(PermissionDenied):
            conclude()
        review.refresh_from_db()
        assert review.status == "final_review"
