"""Every transition of the review workstream for every role, each asserted from one table: the legality review's
levels (with an advisor's account assigned, and with only the advisor's name recorded) and the normative document.
A role outside the table is refused with PermissionDenied and nothing is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import audit, workflow
from fazhi.core.models import AuditEvent, Role
from fazhi.review import services
from fazhi.review.models import LegalityReview, NormativeDocument
from tests import factories

from ..conftest import PREFIX, pass_review, procedures_done, register

D = dt.date
S = LegalityReview.Status
SUBMITTED = D(2024, 9, 27)
INITIAL_GIVEN = D(2024, 9, 30)
ADVISOR_GIVEN = D(2024, 10, 8)
RETURNED_ON = D(2024, 10, 10)
RESUBMITTED = D(2024, 10, 11)
CONCLUDED = D(2024, 10, 28)

ROLES = [
    "admin",  # 系统管理员
    "justice",  # 司法局管理员 of the district
    "jyj_clerk",  # the drafting unit's clerk (单位填报员)
    "scj_clerk",  # another unit's clerk
    "advisor",  # the legal advisor assigned to the review (法律顾问)
    "other_advisor",  # a legal advisor not assigned
    "reconsideration",  # 复议工作人员
    "supervisor",  # 执法监督员
    "leader",  # 领导
    "other_justice",  # another district's Justice Bureau
]


def test_the_roles_of_the_matrices_cover_every_role(users):
    covered = {getattr(users, r).role for r in ROLES if r != "other_advisor"}
    assert covered == set(Role.values)  # every role of core.models.Role appears in the tables


@pytest.fixture
def other_advisor(district):
    return factories.user(Role.LEGAL_ADVISOR, district.sfj, username="advisor-2")


def actor_of(users, other_advisor, role):
    return {**vars(users), "other_advisor": other_advisor}[role]


# Legality review ------------------------------------------------------------------------------------------------

SOURCE_OF = {
    "pass_initial": S.INITIAL_REVIEW,
    "pass_advisor": S.ADVISOR_REVIEW,
    "return_from_initial": S.INITIAL_REVIEW,
    "return_from_advisor": S.ADVISOR_REVIEW,
    "return_from_final": S.FINAL_REVIEW,
    "resubmit": S.RETURNED,
    "conclude": S.FINAL_REVIEW,
}
TARGET_OF = {
    "pass_initial": S.ADVISOR_REVIEW,
    "pass_advisor": S.FINAL_REVIEW,
    "return_from_initial": S.RETURNED,
    "return_from_advisor": S.RETURNED,
    "return_from_final": S.RETURNED,
    "resubmit": S.INITIAL_REVIEW,
    "conclude": S.CONCLUDED,
}
DRAFTING_UNIT = {"admin", "justice", "jyj_clerk"}
JUSTICE_BUREAU = {"admin", "justice"}
# The advisor level of a review assigned to an advisor's account: that advisor alone (法律顾问复审).
ASSIGNED_ADVISOR = {"advisor"}
ALLOWED_WITH_ADVISOR_ACCOUNT = {
    "pass_initial": DRAFTING_UNIT,
    "pass_advisor": ASSIGNED_ADVISOR,
    "return_from_initial": DRAFTING_UNIT,
    "return_from_advisor": ASSIGNED_ADVISOR,
    "return_from_final": JUSTICE_BUREAU,
    "resubmit": DRAFTING_UNIT,
    "conclude": JUSTICE_BUREAU,
}
# Where the advisor has no account (only a name), the drafting unit enters the advisor's written opinion.
ALLOWED_WITH_ADVISOR_NAME_ONLY = {**ALLOWED_WITH_ADVISOR_ACCOUNT, "pass_advisor": DRAFTING_UNIT}
ALLOWED_WITH_ADVISOR_NAME_ONLY["return_from_advisor"] = DRAFTING_UNIT


def sent(users, district, *, with_account: bool) -> LegalityReview:
    return services.submit_review(
        actor=users.jyj_clerk,
        title="关于规范校外培训机构管理的通知",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=SUBMITTED,
        text="第一稿：校外培训机构须经教育局审批……",
        advisor_user=users.advisor if with_account else None,
        advisor_name="" if with_account else "王律师（宁夏某律师事务所）",
    )


def bring_to(review, state, users) -> None:
    """Walk the review to `state` with each level's own reviewer."""
    advisor = users.advisor if review.advisor_user_id else users.jyj_clerk
    if state in (S.ADVISOR_REVIEW, S.FINAL_REVIEW, S.RETURNED):
        services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=INITIAL_GIVEN)
    if state in (S.FINAL_REVIEW, S.RETURNED):
        services.give_opinion(actor=advisor, review=review, outcome="lawful", given_on=ADVISOR_GIVEN)
    if state == S.RETURNED:
        services.give_opinion(
            actor=users.justice,
            review=review,
            outcome="returned",
            reasons="请删除第五条。",
            given_on=RETURNED_ON,
        )
    review.refresh_from_db()
    assert review.status == state


def transitions_of(review) -> list:
    return [
        e.changes["status"]
        for e in audit.history(review).filter(action=AuditEvent.Action.TRANSITION)
        if "status" in e.changes
    ]


def take(transition: str, actor, review) -> None:
    if transition in ("pass_initial", "pass_advisor"):
        services.give_opinion(actor=actor, review=review, outcome="lawful", given_on=ADVISOR_GIVEN)
    elif transition.startswith("return_from_"):
        services.give_opinion(
            actor=actor, review=review, outcome="returned", reasons="请补充制定依据。", given_on=RETURNED_ON
        )
    elif transition == "resubmit":
        services.resubmit(actor=actor, review=review, submitted_on=RESUBMITTED, text="第二稿")
    else:
        services.conclude_review(
            actor=actor, review=review, opinion="lawful", reasons="", concluded_on=CONCLUDED
        )


def check_transition(review, users, actor, role, transition, allowed) -> None:
    bring_to(review, SOURCE_OF[transition], users)
    opinions, versions = review.opinions.count(), review.versions.count()
    before = len(transitions_of(review))
    if role in allowed[transition]:
        take(transition, actor, review)
        # then the review moves to the target, and the transition is audited with its actor and states
        review.refresh_from_db()
        assert review.status == TARGET_OF[transition]
        event = audit.history(review).filter(action=AuditEvent.Action.TRANSITION).last()
        assert event.changes["status"] == [SOURCE_OF[transition], TARGET_OF[transition]]
        assert event.actor_id == actor.pk
    else:
        # then anyone else is refused and nothing is recorded
        with pytest.raises(PermissionDenied):
            take(transition, actor, review)
        review.refresh_from_db()
        assert review.status == SOURCE_OF[transition]
        assert (review.opinions.count(), review.versions.count()) == (opinions, versions)
        assert len(transitions_of(review)) == before


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", list(SOURCE_OF))
def test_every_review_transition_for_every_role_with_the_advisor_account_assigned(
    users, district, other_advisor, role, transition
):
    # given a review assigned to the advisor's account, in the transition's source state
    review = sent(users, district, with_account=True)
    # when the role takes the transition through the services, then only the table's roles may
    check_transition(
        review, users, actor_of(users, other_advisor, role), role, transition, ALLOWED_WITH_ADVISOR_ACCOUNT
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", ["pass_advisor", "return_from_advisor"])
def test_the_advisor_level_for_every_role_when_the_advisor_has_no_account(
    users, district, other_advisor, role, transition
):
    # given a review whose advisor is recorded by name only, at the advisor level
    review = sent(users, district, with_account=False)
    # when the role gives the advisor level's opinion, then the drafting unit enters it (naming the advisor)
    check_transition(
        review, users, actor_of(users, other_advisor, role), role, transition, ALLOWED_WITH_ADVISOR_NAME_ONLY
    )


# Normative document ---------------------------------------------------------------------------------------------

DOCUMENT_SOURCE = {
    "issue": NormativeDocument.Status.REGISTERED,
    "expire": NormativeDocument.Status.VALID,
    "repeal": NormativeDocument.Status.VALID,
    "amend": NormativeDocument.Status.VALID,
}
DOCUMENT_TARGET = {
    "issue": NormativeDocument.Status.VALID,
    "expire": NormativeDocument.Status.EXPIRED,
    "repeal": NormativeDocument.Status.REPEALED,
    "amend": NormativeDocument.Status.AMENDED,
}
# Whoever may change the document's records: its organ's clerks, the district's Justice Bureau, an administrator.
DOCUMENT_ALLOWED = {name: {"admin", "justice", "jyj_clerk"} for name in DOCUMENT_SOURCE}
PUBLISHED = D(2024, 9, 2)


def document_in(state, users, district) -> NormativeDocument:
    document = register(users.jyj_clerk, district.jyj, "关于规范校外培训机构收费行为的通知", prefix=PREFIX)
    review = services.submit_document_for_review(
        actor=users.jyj_clerk, document=document, submitted_on=D(2024, 8, 5), text="送审稿"
    )
    pass_review(review, justice=users.justice)
    document.refresh_from_db()
    procedures_done(document, clerk=users.jyj_clerk, on=review.concluded_on)
    if state == NormativeDocument.Status.VALID:
        services.issue_document(
            actor=users.jyj_clerk,
            document=document,
            signed_on=PUBLISHED,
            published_on=PUBLISHED,
            effective_on=PUBLISHED + dt.timedelta(days=30),
        )
        document.refresh_from_db()
    assert document.status == state
    return document


def take_document(transition: str, actor, document) -> None:
    if transition == "issue":
        services.issue_document(
            actor=actor,
            document=document,
            signed_on=PUBLISHED,
            published_on=PUBLISHED,
            effective_on=PUBLISHED + dt.timedelta(days=30),
        )
    else:
        workflow.run_transition(actor=actor, instance=document, name=transition, note="清理")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("transition", list(DOCUMENT_SOURCE))
def test_every_document_transition_for_every_role(users, district, other_advisor, role, transition):
    # given a document in the transition's source state
    document = document_in(DOCUMENT_SOURCE[transition], users, district)
    actor = actor_of(users, other_advisor, role)
    events, number = audit.history(document).count(), document.number
    if role in DOCUMENT_ALLOWED[transition]:
        # when an allowed role takes it, then the document moves and the transition is audited
        take_document(transition, actor, document)
        document.refresh_from_db()
        assert document.status == DOCUMENT_TARGET[transition]
        event = audit.history(document).filter(action=AuditEvent.Action.TRANSITION).last()
        assert event.actor_id == actor.pk
    else:
        # when anyone else tries, then it is refused and nothing changes
        with pytest.raises(PermissionDenied):
            take_document(transition, actor, document)
        document.refresh_from_db()
        assert (document.status, document.number) == (DOCUMENT_SOURCE[transition], number)
        assert audit.history(document).count() == events
