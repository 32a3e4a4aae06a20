"""Legal advisors (法律顾问) through the services: their contract period, their meeting attendances and reviews, and
who sees and changes that work."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access
from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.models import AdvisorAttendance, AdvisorReview, LegalAdvisor

D = dt.date
RECEIVED = D(2024, 3, 4)  # a Monday
MEETING_DAY = D(2024, 6, 12)


@pytest.fixture
def other_advisor(users, district):
    """A second advisor of the district, without a login."""
    return services.create_advisor(
        actor=users.justice,
        name="王律师",
        kind=LegalAdvisor.Kind.PERSON,
        organization=district.root,
        contract_start=D(2024, 1, 1),
        contract_end=D(2024, 12, 31),
    )


def review(actor, advisor, unit, subject, *, received_on=RECEIVED) -> AdvisorReview:
    return services.record_advisor_review(
        actor=actor,
        advisor=advisor,
        organization=unit,
        subject=subject,
        subject_kind=AdvisorReview.SubjectKind.CONTRACT,
        received_on=received_on,
    )


def attendance(actor, advisor, unit, name, *, held_on=MEETING_DAY) -> AdvisorAttendance:
    return services.record_attendance(
        actor=actor,
        advisor=advisor,
        organization=unit,
        meeting_kind=AdvisorAttendance.MeetingKind.EXECUTIVE,
        meeting_name=name,
        held_on=held_on,
    )


# Contract period -------------------------------------------------------------------------------------------------


def test_advisor_contract_cannot_end_before_it_starts(users, district):
    with pytest.raises(ValidationError) as exc:
        services.create_advisor(
            actor=users.justice,
            name="倒签律所",
            kind=LegalAdvisor.Kind.LAW_FIRM,
            organization=district.root,
            contract_start=D(2024, 12, 31),
            contract_end=D(2024, 1, 1),
        )
    assert "聘期结束日期不能早于开始日期" in str(exc.value.message_dict["contract_end"])
    assert not LegalAdvisor.objects.filter(name="倒签律所").exists()


def test_advisor_is_registered_with_the_units_served_and_audited(users, district, advisor):
    assert set(advisor.units_served.values_list("code", flat=True)) == {"T", "T-JYJ", "T-SCJ"}
    events = AuditEvent.objects.filter(model_label="decisions.legaladvisor", object_id=str(advisor.pk))
    assert [e.action for e in events.order_by("seq")] == ["create", "update"]
    assert events.get(action="update").changes == {"units_served": [[], ["T", "T-JYJ", "T-SCJ"]]}


@pytest.mark.parametrize("held_on", [D(2023, 12, 31), D(2025, 1, 1)], ids=["before", "after"])
def test_attendance_outside_the_advisors_contract_period_is_refused(users, district, advisor, held_on):
    # when a meeting is recorded on a day the contract does not cover
    with pytest.raises(ValidationError) as exc:
        attendance(users.justice, advisor, district.root, "区政府第1次常务会议", held_on=held_on)

    # then it is refused on the meeting date, naming the contract period, and nothing is recorded
    message = " ".join(exc.value.message_dict["held_on"])
    assert "不在宁夏明理律师事务所的聘期（2024-01-01至2024-12-31）内" in message
    assert not AdvisorAttendance.objects.exists()


@pytest.mark.parametrize("held_on", [D(2024, 1, 1), D(2024, 12, 31)], ids=["first day", "last day"])
def test_attendance_on_the_first_or_last_day_of_the_contract_is_recorded(users, district, advisor, held_on):
    recorded = attendance(users.justice, advisor, district.root, "区政府常务会议", held_on=held_on)

    assert recorded.pk is not None
    event = AuditEvent.objects.get(model_label="decisions.advisorattendance", object_id=str(recorded.pk))
    assert event.action == "create" and event.actor_id == users.justice.pk
    assert event.organization_id == district.root.pk


def test_the_same_meeting_cannot_be_recorded_twice_for_one_advisor(users, district, advisor):
    attendance(users.justice, advisor, district.root, "区政府第12次常务会议")

    with pytest.raises(ValidationError):
        attendance(users.justice, advisor, district.root, "区政府第12次常务会议")

    assert AdvisorAttendance.objects.count() == 1


# Reviews ---------------------------------------------------------------------------------------------------------


def test_review_completed_before_it_was_received_is_refused(users, district, advisor):
    # given a contract received on 4 March
    received = review(users.jyj_clerk, advisor, district.jyj, "校舍维修工程施工合同")

    # when its opinion is dated 1 March
    with pytest.raises(ValidationError) as exc:
        services.complete_advisor_review(
            actor=users.jyj_clerk, review=received, opinion="建议补充违约责任条款", completed_on=D(2024, 3, 1)
        )

    # then it is refused on the opinion date and the review stays open
    assert exc.value.message_dict["completed_on"] == ["出具意见日期不能早于收到日期。"]
    stored = AdvisorReview.objects.get(pk=received.pk)
    assert (stored.completed_on, stored.opinion) == (None, "")


@pytest.mark.parametrize("opinion", ["", "   "], ids=["empty", "blank"])
def test_review_completed_without_an_opinion_is_refused(users, district, advisor, opinion):
    received = review(users.jyj_clerk, advisor, district.jyj, "校舍维修工程施工合同")

    with pytest.raises(ValidationError) as exc:
        services.complete_advisor_review(
            actor=users.jyj_clerk, review=received, opinion=opinion, completed_on=D(2024, 3, 8)
        )

    assert exc.value.message_dict["opinion"] == ["出具意见时须填写审查意见。"]
    assert AdvisorReview.objects.get(pk=received.pk).completed_on is None


def test_review_cannot_be_recorded_as_completed_without_an_opinion(users, district, advisor):
    with pytest.raises(ValidationError, match="须填写审查意见"):
        services.record_advisor_review(
            actor=users.jyj_clerk,
            advisor=advisor,
            organization=district.jyj,
            subject="采购合同",
            subject_kind=AdvisorReview.SubjectKind.CONTRACT,
            received_on=D(2024, 3, 4),
            completed_on=D(2024, 3, 5),
        )
    assert not AdvisorReview.objects.exists()


def test_days_taken_counts_calendar_days_from_receipt_without_the_day_of_receipt(users, district, advisor):
    # given a review received on Monday 4 March 2024
    received = review(users.jyj_clerk, advisor, district.jyj, "校舍维修工程施工合同")
    assert received.days_taken is None

    # when the opinion is given on Friday 8 March
    done = services.complete_advisor_review(
        actor=users.jyj_clerk,
        review=received,
        opinion="建议补充违约责任条款",
        completed_on=D(2024, 3, 8),
        adopted=True,
    )

    # then it took 4 days, and an opinion on the day of receipt took 0
    assert done.days_taken == 4
    same_day = review(users.jyj_clerk, advisor, district.jyj, "租赁合同", received_on=D(2024, 3, 11))
    same_day = services.complete_advisor_review(
        actor=users.jyj_clerk, review=same_day, opinion="无法律风险", completed_on=D(2024, 3, 11)
    )
    assert same_day.days_taken == 0


def test_completing_a_review_is_audited_with_the_opinion(users, district, advisor):
    received = review(users.jyj_clerk, advisor, district.jyj, "校舍维修工程施工合同")

    services.complete_advisor_review(
        actor=users.jyj_clerk, review=received, opinion="建议修改", completed_on=D(2024, 3, 8), adopted=False
    )

    event = AuditEvent.objects.get(
        model_label="decisions.advisorreview", object_id=str(received.pk), action="update"
    )
    assert event.changes == {
        "opinion": ["", "建议修改"],
        "completed_on": [None, "2024-03-08"],
        "adopted": [None, False],
    }
    assert event.actor_id == users.jyj_clerk.pk


# Who sees and changes advisors' work --------------------------------------------------------------------------


@pytest.fixture
def work(users, district, advisor, other_advisor):
    """Reviews and attendances of both advisors, for 教育局 and 市场监管局."""
    return {
        "own_jyj": review(users.jyj_clerk, advisor, district.jyj, "教育局合同（本顾问）"),
        "own_scj": review(users.scj_clerk, advisor, district.scj, "市场局合同（本顾问）"),
        "other_jyj": review(users.jyj_clerk, other_advisor, district.jyj, "教育局合同（他人）"),
        "own_meeting": attendance(users.justice, advisor, district.root, "区政府第12次常务会议"),
        "other_meeting": attendance(users.justice, other_advisor, district.root, "区政府第13次常务会议"),
    }


def subjects(user) -> set[str]:
    return set(access.scope(user, AdvisorReview.objects.all()).values_list("subject", flat=True))


def test_legal_advisor_sees_only_the_reviews_and_attendances_assigned_to_them(users, work):
    # when the advisor's login lists reviews and attendances
    meetings = access.scope(users.advisor, AdvisorAttendance.objects.all())

    # then only their own work is there, whichever unit it was for, and nobody else's
    assert subjects(users.advisor) == {"教育局合同（本顾问）", "市场局合同（本顾问）"}
    assert {m.meeting_name for m in meetings} == {"区政府第12次常务会议"}
    assert set(access.scope(users.advisor, LegalAdvisor.objects.all()).values_list("name", flat=True)) == {
        "宁夏明理律师事务所"
    }
    assert not access.can(users.advisor, work["other_jyj"])


def test_legal_advisor_may_complete_their_own_review_but_not_anothers(users, work):
    done = services.complete_advisor_review(
        actor=users.advisor, review=work["own_jyj"], opinion="建议修改第五条", completed_on=D(2024, 3, 6)
    )
    assert done.completed_on == D(2024, 3, 6)

    with pytest.raises(PermissionDenied, match="无权修改"):
        services.complete_advisor_review(
            actor=users.advisor, review=work["other_jyj"], opinion="越权意见", completed_on=D(2024, 3, 6)
        )
    assert AdvisorReview.objects.get(pk=work["other_jyj"].pk).opinion == ""


def test_legal_advisor_cannot_register_work_in_a_units_name(users, district, advisor):
    with pytest.raises(PermissionDenied, match="无权新建"):
        review(users.advisor, advisor, district.jyj, "自行登记的审查")
    with pytest.raises(PermissionDenied, match="无权新建"):
        attendance(users.advisor, advisor, district.root, "自行登记的会议")
    assert not AdvisorReview.objects.exists() and not AdvisorAttendance.objects.exists()


def test_unit_clerk_sees_only_their_units_reviews(users, work):
    assert subjects(users.jyj_clerk) == {"教育局合同（本顾问）", "教育局合同（他人）"}
    assert subjects(users.scj_clerk) == {"市场局合同（本顾问）"}
    # and the meetings convened by the district government are not the clerk's unit's
    assert not access.scope(users.jyj_clerk, AdvisorAttendance.objects.all()).exists()


def test_unit_clerk_cannot_record_or_complete_another_units_review(users, district, advisor, work):
    with pytest.raises(PermissionDenied, match="无权为“测试区市场监督管理局”新建"):
        review(users.jyj_clerk, advisor, district.scj, "替市场局登记")
    with pytest.raises(PermissionDenied):
        services.complete_advisor_review(
            actor=users.jyj_clerk, review=work["own_scj"], opinion="越权", completed_on=D(2024, 3, 6)
        )
    assert AdvisorReview.objects.get(pk=work["own_scj"].pk).completed_on is None


def test_justice_admin_sees_the_whole_districts_advisor_work_but_not_another_districts(users, work):
    assert len(subjects(users.justice)) == 3
    assert access.scope(users.justice, AdvisorAttendance.objects.all()).count() == 2
    assert not subjects(users.other_justice)


def test_leader_sees_advisor_work_but_cannot_record_or_complete_it(users, district, advisor, work):
    # given the district's leader, who sees every unit's reviews
    assert len(subjects(users.leader)) == 3

    # then they can neither record nor complete one, nor register an advisor
    with pytest.raises(PermissionDenied):
        review(users.leader, advisor, district.jyj, "领导登记")
    with pytest.raises(PermissionDenied):
        services.complete_advisor_review(
            actor=users.leader, review=work["own_jyj"], opinion="领导意见", completed_on=D(2024, 3, 6)
        )
    with pytest.raises(PermissionDenied):
        services.create_advisor(
            actor=users.leader,
            name="领导聘请",
            kind=LegalAdvisor.Kind.PERSON,
            organization=district.root,
            contract_start=D(2024, 1, 1),
            contract_end=D(2024, 12, 31),
        )
    assert AdvisorReview.objects.get(pk=work["own_jyj"].pk).opinion == ""
    assert AdvisorReview.objects.count() == 3
