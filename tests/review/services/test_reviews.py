"""The three-level legality review (三级审核) through its services: no level is skipped, each level's opinion is tied
to the version it was about, who may give which opinion, each level's time limit, and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access, audit, workflow
from fazhi.core.models import AuditEvent, Role, Setting
from fazhi.review import services
from fazhi.review.models import DraftVersion, LegalityReview, LevelOpinion
from tests import factories

D = dt.date
S = LegalityReview.Status
# A Friday before the National Day holiday (10-01..10-07); Sunday 09-29 and Saturday 10-12 are make-up working days.
SUBMITTED = D(2024, 9, 27)
INITIAL_GIVEN = D(2024, 9, 30)
ADVISOR_GIVEN = D(2024, 10, 8)
RETURNED_ON = D(2024, 10, 10)
RESUBMITTED = D(2024, 10, 11)
CONCLUDED = D(2024, 10, 28)  # 15 working days after the final level started on 10-08


@pytest.fixture
def other_advisor(district):
    return factories.user(Role.LEGAL_ADVISOR, district.sfj, username="advisor-2")


@pytest.fixture
def review(users, district):
    """A normative document of the education bureau, sent with version 1, its advisor assigned."""
    return services.submit_review(
        actor=users.jyj_clerk,
        title="关于规范校外培训机构管理的通知",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=SUBMITTED,
        text="第一稿：校外培训机构须经教育局审批……",
        advisor_user=users.advisor,
    )


def pass_initial(review, users, on=INITIAL_GIVEN):
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=on)


def pass_advisor(review, users, on=ADVISOR_GIVEN):
    services.give_opinion(
        actor=users.advisor,
        review=review,
        outcome="lawful_after_revision",
        reasons="第五条设定审批，缺乏上位法依据，建议删除。",
        given_on=on,
    )


def bring_to(review, state, users):
    """Walk the review to `state` with each level's own reviewer."""
    if state in (S.ADVISOR_REVIEW, S.FINAL_REVIEW, S.RETURNED, S.CONCLUDED):
        pass_initial(review, users)
    if state in (S.FINAL_REVIEW, S.RETURNED, S.CONCLUDED):
        pass_advisor(review, users)
    if state == S.RETURNED:
        services.give_opinion(
            actor=users.justice,
            review=review,
            outcome="returned",
            reasons="请删除第五条。",
            given_on=RETURNED_ON,
        )
    if state == S.CONCLUDED:
        services.conclude_review(
            actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=CONCLUDED
        )
    review.refresh_from_db()
    assert review.status == state


def transitions_of(review) -> list[list[str]]:
    return [
        e.changes["status"]
        for e in audit.history(review).filter(action=AuditEvent.Action.TRANSITION)
        if "status" in e.changes
    ]


# A level cannot be skipped -----------------------------------------------------------------------------------


def test_the_initial_level_cannot_be_passed_without_an_initial_opinion(users, review):
    # given a review at the drafting unit's level with no opinion yet
    # when the unit moves it up without one
    with pytest.raises(ValidationError) as refused:
        workflow.run_transition(actor=users.jyj_clerk, instance=review, name="pass_initial")
    # then it is refused with the rule in Chinese and stays where it is
    assert "三级审核，不得跳过" in str(refused.value)
    review.refresh_from_db()
    assert review.status == S.INITIAL_REVIEW


def test_the_advisor_level_cannot_be_passed_before_the_initial_opinion(users, review):
    # given a review at the drafting unit's level
    # when the advisor level is passed directly
    with pytest.raises(ValidationError, match="当前状态“起草单位初审”下不能执行此操作"):
        workflow.run_transition(actor=users.jyj_clerk, instance=review, name="pass_advisor")
    # and when the advisor gives the advisor-level opinion now
    with pytest.raises(ValidationError, match="不能出具法律顾问复审意见（三级审核依次进行，不得跳过）"):
        services.give_opinion(
            actor=users.advisor, review=review, outcome="lawful", given_on=INITIAL_GIVEN, level="advisor"
        )
    # then nothing is recorded and the review is still at the initial level
    review.refresh_from_db()
    assert review.status == S.INITIAL_REVIEW and not review.opinions.exists()


@pytest.mark.parametrize("state", [S.INITIAL_REVIEW, S.ADVISOR_REVIEW])
def test_conclude_review_is_refused_before_the_final_level(users, review, state):
    # given a review still at a lower level
    bring_to(review, state, users)
    # when the Justice Bureau gives its final opinion
    with pytest.raises(ValidationError, match="须依次经起草单位初审、法律顾问复审后，方可出具终审意见"):
        services.conclude_review(
            actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=CONCLUDED
        )
    # then no final opinion is recorded
    review.refresh_from_db()
    assert review.status == state and review.final_opinion == ""
    assert not review.opinions.filter(level="final").exists()


def test_an_initial_opinion_of_unlawful_does_not_pass_the_draft_up(users, review):
    # when the drafting unit's initial review finds the draft unlawful
    with pytest.raises(ValidationError, match="初审认为不合法的，应退回修改"):
        services.give_opinion(
            actor=users.jyj_clerk,
            review=review,
            outcome="unlawful",
            reasons="超越职权",
            given_on=INITIAL_GIVEN,
        )
    # then it does not reach the advisor, and nothing half-done is left behind
    review.refresh_from_db()
    assert review.status == S.INITIAL_REVIEW and not review.opinions.exists()


# Each level's opinion --------------------------------------------------------------------------------------


def test_each_levels_opinion_is_recorded_with_reviewer_reasons_date_and_version(users, review):
    # given each level's reviewer giving a different opinion
    pass_initial(review, users)
    services.give_opinion(
        actor=users.advisor,
        review=review,
        outcome="unlawful",
        reasons="第五条设定行政许可，违反行政许可法第十七条。",
        given_on=ADVISOR_GIVEN,
    )
    # when the Justice Bureau concludes
    review = services.conclude_review(
        actor=users.justice,
        review=review,
        opinion="lawful_after_revision",
        reasons="删除第五条后合法。",
        concluded_on=CONCLUDED,
    )
    # then each opinion is kept in order, each naming its reviewer, reasons, date and the version it was about
    rows = [
        (o.level, o.outcome, o.reviewer, o.reviewer_name, o.reasons, o.given_on, o.version.number)
        for o in review.opinions.order_by("given_on", "pk")
    ]
    assert rows == [
        ("initial", "lawful", users.jyj_clerk, users.jyj_clerk.person.name, "", INITIAL_GIVEN, 1),
        (
            "advisor",
            "unlawful",
            users.advisor,
            users.advisor.person.name,
            "第五条设定行政许可，违反行政许可法第十七条。",
            ADVISOR_GIVEN,
            1,
        ),
        (
            "final",
            "lawful_after_revision",
            users.justice,
            users.justice.person.name,
            "删除第五条后合法。",
            CONCLUDED,
            1,
        ),
    ]
    # and the review carries the final opinion
    assert (review.status, review.final_opinion, review.final_reasons, review.concluded_on) == (
        S.CONCLUDED,
        "lawful_after_revision",
        "删除第五条后合法。",
        CONCLUDED,
    )
    assert review.passed


@pytest.mark.parametrize("outcome", ["lawful_after_revision", "unlawful", "returned"])
@pytest.mark.parametrize("state", [S.INITIAL_REVIEW, S.ADVISOR_REVIEW, S.FINAL_REVIEW])
def test_an_opinion_other_than_lawful_needs_reasons(users, review, state, outcome):
    # given the review at a level
    bring_to(review, state, users)
    reviewer = {
        S.INITIAL_REVIEW: users.jyj_clerk,
        S.ADVISOR_REVIEW: users.advisor,
        S.FINAL_REVIEW: users.justice,
    }
    # when its reviewer gives an opinion other than 合法 without reasons
    with pytest.raises(ValidationError, match="须写明理由"):
        services.give_opinion(
            actor=reviewer[state], review=review, outcome=outcome, reasons="  ", given_on=CONCLUDED
        )
    # then it is refused and the review stays at the level
    review.refresh_from_db()
    assert review.status == state


def test_an_unknown_outcome_is_refused_in_chinese(users, review):
    with pytest.raises(ValidationError, match="审查意见应为：合法、修改后合法、不合法、退回修改"):
        services.give_opinion(actor=users.jyj_clerk, review=review, outcome="ok", given_on=INITIAL_GIVEN)


@pytest.mark.parametrize("state", [S.INITIAL_REVIEW, S.ADVISOR_REVIEW, S.FINAL_REVIEW])
def test_returning_for_revision_at_each_level_returns_the_review(users, review, state):
    # given the review at a level
    bring_to(review, state, users)
    reviewer = {
        S.INITIAL_REVIEW: users.jyj_clerk,
        S.ADVISOR_REVIEW: users.advisor,
        S.FINAL_REVIEW: users.justice,
    }
    level = {S.INITIAL_REVIEW: "initial", S.ADVISOR_REVIEW: "advisor", S.FINAL_REVIEW: "final"}[state]
    # when its reviewer sends it back with reasons
    opinion = services.give_opinion(
        actor=reviewer[state],
        review=review,
        outcome="returned",
        reasons="请补充制定依据。",
        given_on=RETURNED_ON,
    )
    # then the review is returned, no level is running, and the return is that level's opinion on version 1
    review.refresh_from_db()
    assert review.status == S.RETURNED
    assert (review.level_started_on, review.level_due_on, review.level_due_explanation) == (None, None, "")
    assert (opinion.level, opinion.outcome, opinion.reasons, opinion.version.number) == (
        level,
        "returned",
        "请补充制定依据。",
        1,
    )
    # and no level may give an opinion until a revised draft comes back
    with pytest.raises(ValidationError, match="审查处于“退回修改”状态，不能出具意见"):
        services.give_opinion(actor=users.justice, review=review, outcome="lawful", given_on=RESUBMITTED)


def test_resubmitting_creates_version_two_and_restarts_at_the_initial_level(users, review):
    # given a review returned by the Justice Bureau after both lower levels passed version 1
    bring_to(review, S.RETURNED, users)
    # when the drafting unit sends the revised draft
    version = services.resubmit(
        actor=users.jyj_clerk,
        review=review,
        submitted_on=RESUBMITTED,
        text="第二稿：删除第五条。",
        note="已删除第五条",
    )
    # then it is version 2, and the review starts again at the drafting unit's level with a new time limit
    review.refresh_from_db()
    assert (version.number, version.text, version.note, version.submitted_on) == (
        2,
        "第二稿：删除第五条。",
        "已删除第五条",
        RESUBMITTED,
    )
    assert (review.status, review.current_version) == (S.INITIAL_REVIEW, 2)
    assert (review.level_started_on, review.level_due_on) == (RESUBMITTED, D(2024, 10, 15))
    # and the opinions on version 1 stay attached to version 1
    v1 = review.versions.get(number=1)
    assert [(o.level, o.outcome) for o in v1.opinions.order_by("pk")] == [
        ("initial", "lawful"),
        ("advisor", "lawful_after_revision"),
        ("final", "returned"),
    ]
    assert not version.opinions.exists()


def test_opinions_on_version_one_do_not_pass_version_two(users, review):
    # given version 2 after a return, version 1 having passed the initial level
    bring_to(review, S.RETURNED, users)
    services.resubmit(actor=users.jyj_clerk, review=review, submitted_on=RESUBMITTED, text="第二稿")
    # when the unit moves version 2 up without a new initial opinion
    with pytest.raises(ValidationError, match="不得跳过"):
        workflow.run_transition(actor=users.jyj_clerk, instance=review, name="pass_initial")
    # then only a new opinion on version 2 moves it, and that opinion names version 2
    opinion = services.give_opinion(
        actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 10, 14)
    )
    review.refresh_from_db()
    assert review.status == S.ADVISOR_REVIEW and opinion.version.number == 2


def test_a_review_is_resubmitted_only_after_it_was_returned(users, review):
    with pytest.raises(ValidationError, match="只有退回修改的审查才能重新送审"):
        services.resubmit(actor=users.jyj_clerk, review=review, submitted_on=RESUBMITTED, text="第二稿")
    assert not DraftVersion.objects.filter(review=review, number=2).exists()


def test_a_resubmission_cannot_be_dated_before_the_return(users, review):
    # given a review returned on 10-10
    bring_to(review, S.RETURNED, users)
    # when the revised draft is dated the day before
    with pytest.raises(ValidationError, match="不能早于退回修改的日期"):
        services.resubmit(actor=users.jyj_clerk, review=review, submitted_on=D(2024, 10, 9), text="第二稿")
    # then nothing changes
    review.refresh_from_db()
    assert (review.status, review.current_version) == (S.RETURNED, 1)


def test_a_resubmission_needs_the_revised_text_or_file(users, review):
    bring_to(review, S.RETURNED, users)
    with pytest.raises(ValidationError, match="请提供送审稿的文本或文件"):
        services.resubmit(actor=users.jyj_clerk, review=review, submitted_on=RESUBMITTED, text=" ")


# Who gives which opinion ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["jyj_clerk", "advisor", "leader", "other_justice"])
def test_only_the_justice_bureau_gives_the_final_opinion(users, review, role):
    # given a review at the final level
    bring_to(review, S.FINAL_REVIEW, users)
    # when anyone but the district's Justice Bureau concludes it, then it is refused
    with pytest.raises(PermissionDenied):
        services.conclude_review(
            actor=getattr(users, role), review=review, opinion="lawful", reasons="", concluded_on=CONCLUDED
        )
    review.refresh_from_db()
    assert review.status == S.FINAL_REVIEW and not review.opinions.filter(level="final").exists()


def test_the_assigned_advisor_sees_the_review_and_other_advisors_do_not(users, review, other_advisor):
    # given a review assigned to one advisor
    bring_to(review, S.ADVISOR_REVIEW, users)
    # then core.access shows it, its versions and opinions to that advisor only
    for model in (LegalityReview, DraftVersion, LevelOpinion):
        assert access.scope(users.advisor, model.objects.all()).exists(), model
        assert not access.scope(other_advisor, model.objects.all()).exists(), model
    assert access.can(users.advisor, review) and not access.can(other_advisor, review)


def test_the_assigned_advisor_gives_the_advisor_opinion(users, review):
    # given a review at the advisor level
    bring_to(review, S.ADVISOR_REVIEW, users)
    # when the assigned advisor gives the opinion
    opinion = services.give_opinion(
        actor=users.advisor,
        review=review,
        outcome="lawful",
        given_on=ADVISOR_GIVEN,
        level="advisor",
    )
    # then it is recorded in the advisor's name and the review goes to the Justice Bureau
    review.refresh_from_db()
    assert (opinion.level, opinion.reviewer, opinion.reviewer_name) == (
        "advisor",
        users.advisor,
        users.advisor.person.name,
    )
    assert review.status == S.FINAL_REVIEW


def test_another_advisor_cannot_give_the_advisor_opinion(users, review, other_advisor):
    bring_to(review, S.ADVISOR_REVIEW, users)
    with pytest.raises(PermissionDenied, match="您不能出具法律顾问复审意见"):
        services.give_opinion(actor=other_advisor, review=review, outcome="lawful", given_on=ADVISOR_GIVEN)
    review.refresh_from_db()
    assert review.status == S.ADVISOR_REVIEW and not review.opinions.filter(level="advisor").exists()


def test_the_assigned_advisor_cannot_give_the_drafting_units_initial_opinion(users, review):
    # given a review at the drafting unit's level (the advisor may see and change it as its assignee)
    # when the advisor gives the initial opinion, then it is refused: that level is the drafting unit's
    with pytest.raises(PermissionDenied, match="您不能出具起草单位初审意见"):
        services.give_opinion(actor=users.advisor, review=review, outcome="lawful", given_on=INITIAL_GIVEN)
    review.refresh_from_db()
    assert review.status == S.INITIAL_REVIEW and not review.opinions.exists()


def test_an_advisor_opinion_entered_by_the_unit_names_the_advisor(users, district):
    # given a review whose advisor has no account, only a name
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=SUBMITTED,
        advisor_name="王律师（宁夏某律师事务所）",
    )
    pass_initial(review, users)
    # when the unit enters the advisor's written opinion
    opinion = services.give_opinion(
        actor=users.jyj_clerk, review=review, outcome="lawful", given_on=ADVISOR_GIVEN, level="advisor"
    )
    # then the advisor and the clerk who entered the written opinion are both named (issue 15: the page names the
    # real reviewer), the clerk is the account that entered it
    assert (opinion.reviewer_name, opinion.reviewer) == (
        f"王律师（宁夏某律师事务所）（书面意见，由{users.jyj_clerk.person.name}录入）",
        users.jyj_clerk,
    )


def test_the_advisor_account_must_be_a_legal_advisor(users, district):
    with pytest.raises(ValidationError, match="须为“法律顾问”角色"):
        services.submit_review(
            actor=users.jyj_clerk,
            title="校舍维修工程施工合同",
            subject_kind="contract",
            organization=district.jyj,
            submitted_on=SUBMITTED,
            text="合同文本",
            advisor_user=users.scj_clerk,
        )
    assert not LegalityReview.objects.exists()


# Time limits of each level -------------------------------------------------------------------------------


def test_the_initial_level_is_due_three_working_days_later_counting_the_make_up_sunday(review):
    # given a draft sent on Friday 2024-09-27
    # then the drafting unit's level runs 3 working days: Sunday 09-29 (调休上班), Monday 09-30, and after the
    # National Day holiday Tuesday 10-08
    assert (review.level_started_on, review.level_due_on) == (SUBMITTED, D(2024, 10, 8))
    explanation = review.level_due_explanation
    assert "起草单位初审时限（3个工作日）" in explanation
    assert "国庆节" in explanation and "计入调休上班日2024年09月29日" in explanation
    assert "截止日为2024年10月08日" in explanation


def test_each_level_gets_its_own_time_limit_when_it_starts(users, review):
    # when the initial level passes on 10-08
    pass_initial(review, users, on=D(2024, 10, 8))
    review.refresh_from_db()
    # then the advisor has 5 working days from that day (Saturday 10-12 is a working day): 10-14
    assert (review.level_started_on, review.level_due_on) == (D(2024, 10, 8), D(2024, 10, 14))
    assert "法律顾问复审时限（5个工作日）" in review.level_due_explanation
    # when the advisor passes it the same day
    pass_advisor(review, users, on=D(2024, 10, 8))
    review.refresh_from_db()
    # then the Justice Bureau has 15 working days: 10-28
    assert (review.level_started_on, review.level_due_on) == (D(2024, 10, 8), D(2024, 10, 28))
    assert "司法局合法性终审时限（15个工作日）" in review.level_due_explanation
    # and each opinion keeps the start and the time limit of its level
    assert [(o.level, o.started_on, o.due_on) for o in review.opinions.order_by("pk")] == [
        ("initial", SUBMITTED, D(2024, 10, 8)),
        ("advisor", D(2024, 10, 8), D(2024, 10, 14)),
    ]


def test_the_level_time_limits_follow_the_settings(users, district):
    # given the district's own time limits: 5, 2 and 10 working days
    Setting.objects.create(key="review.initial_level_working_days", value=5)
    Setting.objects.create(key="review.advisor_level_working_days", value=2)
    Setting.objects.create(key="review.final_level_working_days", value=10)
    # when a draft goes through the levels
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="关于规范校外培训机构管理的通知",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=SUBMITTED,
        text="正文",
    )
    due = [review.level_due_on]
    for _ in range(2):
        services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 10, 8))
        review.refresh_from_db()
        due.append(review.level_due_on)
    # then each level is due after its configured number of working days
    assert due == [D(2024, 10, 10), D(2024, 10, 10), D(2024, 10, 21)]
    assert "司法局合法性终审时限（10个工作日）" in review.level_due_explanation


@pytest.mark.parametrize(
    ("given_on", "on_time"),
    [(D(2024, 10, 11), True), (D(2024, 10, 14), True), (D(2024, 10, 15), False)],
)
def test_an_opinion_after_its_levels_time_limit_is_not_on_time(users, review, given_on, on_time):
    # given the advisor's level started on 10-08 and due on 10-14
    pass_initial(review, users, on=D(2024, 10, 8))
    # when the advisor's opinion is given
    opinion = services.give_opinion(actor=users.advisor, review=review, outcome="lawful", given_on=given_on)
    # then it is on time only up to the last day
    assert opinion.due_on == D(2024, 10, 14)
    assert opinion.on_time is on_time


def test_a_final_opinion_before_five_working_days_needs_a_reason(users, review):
    # given the final level started on 10-08 (five working days later is 10-14)
    pass_initial(review, users, on=D(2024, 10, 8))
    pass_advisor(review, users, on=D(2024, 10, 8))
    # when the Justice Bureau concludes on 10-11 without a reason
    with pytest.raises(
        ValidationError, match="终审时间一般不少于5个工作日（2024-10-14之前出具的，请说明理由）"
    ):
        services.conclude_review(
            actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=D(2024, 10, 11)
        )
    review.refresh_from_db()
    assert review.status == S.FINAL_REVIEW
    # then with the reason it is accepted
    review = services.conclude_review(
        actor=users.justice,
        review=review,
        opinion="lawful",
        reasons="该文件须于国庆后立即实施，经局长批准加快审查。",
        concluded_on=D(2024, 10, 11),
    )
    assert review.status == S.CONCLUDED and review.concluded_on == D(2024, 10, 11)


def test_a_final_opinion_after_five_working_days_needs_no_reason(users, review):
    pass_initial(review, users, on=D(2024, 10, 8))
    pass_advisor(review, users, on=D(2024, 10, 8))
    review = services.conclude_review(
        actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=D(2024, 10, 14)
    )
    assert review.status == S.CONCLUDED and review.final_reasons == ""


def test_concluding_ends_the_level_time_limit(users, review):
    bring_to(review, S.CONCLUDED, users)
    assert (review.level_started_on, review.level_due_on, review.level_due_explanation) == (None, None, "")


def test_an_opinion_cannot_be_dated_before_its_level_started(users, review):
    with pytest.raises(ValidationError, match="出具日期不能早于本级审查开始日期"):
        services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 9, 26))


# The audit trail -------------------------------------------------------------------------------------------


def test_submitting_is_audited_with_the_first_levels_time_limit(users, review):
    created = audit.history(review).get(action=AuditEvent.Action.CREATE)
    assert created.actor_id == users.jyj_clerk.pk
    assert created.changes["level_due_on"] == [None, "2024-10-08"]
    assert created.changes["status"] == [None, S.INITIAL_REVIEW]
    version = review.versions.get()
    assert audit.history(version).get().action == AuditEvent.Action.CREATE


def test_every_change_of_a_review_writes_audit_events(users, review):
    # when the review goes through a return, a resubmission and all three levels
    bring_to(review, S.RETURNED, users)
    services.resubmit(actor=users.jyj_clerk, review=review, submitted_on=RESUBMITTED, text="第二稿")
    pass_initial(review, users, on=D(2024, 10, 14))
    pass_advisor(review, users, on=D(2024, 10, 14))
    services.conclude_review(
        actor=users.justice, review=review, opinion="lawful", reasons="", concluded_on=D(2024, 11, 1)
    )
    # then every transition is audited with the state before and after, by its actor
    events = audit.history(review).filter(action=AuditEvent.Action.TRANSITION)
    assert [(e.changes["status"], e.actor_id, e.transition) for e in events] == [
        (["initial_review", "advisor_review"], users.jyj_clerk.pk, "初审通过，送法律顾问复审"),
        (["advisor_review", "final_review"], users.advisor.pk, "复审完成，送司法局终审"),
        (["final_review", "returned"], users.justice.pk, "退回修改"),
        (["returned", "initial_review"], users.jyj_clerk.pk, "修改后重新送审"),
        (["initial_review", "advisor_review"], users.jyj_clerk.pk, "初审通过，送法律顾问复审"),
        (["advisor_review", "final_review"], users.advisor.pk, "复审完成，送司法局终审"),
        (["final_review", "concluded"], users.justice.pk, "出具终审意见"),
    ]
    assert events.filter(transition="退回修改").get().note == "请删除第五条。"
    concluded = events.last().changes
    assert concluded["final_opinion"] == ["", "lawful"] and concluded["concluded_on"] == [None, "2024-11-01"]
    # and each new level's time limit, the new version and every opinion are audited too
    updates = audit.history(review).filter(action=AuditEvent.Action.UPDATE)
    assert [e.changes.get("level_due_on") for e in updates if "level_due_on" in e.changes] == [
        ["2024-10-08", "2024-10-12"],  # advisor level from 09-30: 5 working days past National Day
        ["2024-10-12", "2024-10-28"],  # final level from 10-08
        ["2024-10-28", None],  # returned
        [None, "2024-10-15"],  # version 2 from 10-11
        ["2024-10-15", "2024-10-21"],
        ["2024-10-21", "2024-11-04"],
        ["2024-11-04", None],  # concluded
    ]
    assert updates.filter(changes__has_key="current_version").count() == 1
    for opinion in review.opinions.all():
        assert audit.history(opinion).get().action == AuditEvent.Action.CREATE
    assert audit.history(review.versions.get(number=2)).get().actor_id == users.jyj_clerk.pk
    # and the chain holds
    assert audit.verify_chain().ok
