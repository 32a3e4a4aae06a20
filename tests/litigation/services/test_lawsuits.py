"""The lawsuit's workflow: service → defence deadline (第六十七条) → hearings with the head's appearance → judgment →
effect → performance; refusals change nothing and say why in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import audit
from fazhi.core.models import AuditEvent
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.models import SupervisionClue
from fazhi.litigation import services
from fazhi.litigation.models import Hearing, Lawsuit
from tests import factories

from ..conftest import COMPANY_CODE, PLAINTIFF_ID, judge, lawsuit_fields

pytestmark = pytest.mark.django_db
S = Lawsuit.Status


def test_defence_deadline_is_fifteen_days_from_service_moved_past_national_day(lawsuit):
    # given a complaint served on Friday 20 September 2024: day 15 is 5 October, inside the National Day holiday
    # then the deadline moves to the first working day after it, and says so
    assert lawsuit.defence_due == dt.date(2024, 10, 8)
    assert "行政诉讼法第六十七条" in lawsuit.defence_explanation
    assert "2024年10月05日为休息日" in lawsuit.defence_explanation
    assert "顺延" in lawsuit.defence_explanation
    assert lawsuit.status == S.SERVED


def test_defence_deadline_on_an_ordinary_working_day(users, district):
    lawsuit = services.register_lawsuit(
        actor=users.reconsideration,
        **lawsuit_fields(
            district, case_number="（2025）宁0303行初3号", served_on=dt.date(2025, 3, 6), filed_on=None
        ),
    )
    assert lawsuit.defence_due == dt.date(2025, 3, 21)
    assert lawsuit.defence_explanation.endswith("截止日为2025年03月21日。")


def test_a_new_service_date_recomputes_the_deadline(users, lawsuit):
    services.update_lawsuit(actor=users.reconsideration, lawsuit=lawsuit, served_on=dt.date(2025, 3, 6))
    lawsuit.refresh_from_db()
    assert lawsuit.defence_due == dt.date(2025, 3, 21)


def test_plaintiff_ids_are_validated_by_kind(users, district):
    with pytest.raises(ValidationError) as exc:
        services.register_lawsuit(
            actor=users.reconsideration,
            **lawsuit_fields(district, plaintiff_id_number=PLAINTIFF_ID[:-1] + "0"),
        )
    assert "校验码" in str(exc.value.message_dict["plaintiff_id_number"])
    with pytest.raises(ValidationError):
        services.register_lawsuit(
            actor=users.reconsideration, **lawsuit_fields(district, plaintiff_kind="organization")
        )
    company = services.register_lawsuit(
        actor=users.reconsideration,
        **lawsuit_fields(district, plaintiff_kind="organization", plaintiff_id_number=COMPANY_CODE.lower()),
    )
    assert company.plaintiff_id_number == COMPANY_CODE
    assert Lawsuit.objects.count() == 1


def test_a_second_instance_must_link_a_first_instance(users, district, lawsuit):
    second = lawsuit_fields(
        district, case_number="（2025）宁03行终5号", instance="second", served_on=dt.date(2025, 2, 3)
    )
    with pytest.raises(ValidationError) as exc:
        services.register_lawsuit(actor=users.reconsideration, **second)
    assert exc.value.message_dict["first_instance"] == ["二审案件须关联原一审案件。"]
    linked = services.register_lawsuit(actor=users.reconsideration, **second, first_instance=lawsuit)
    assert list(lawsuit.later_instances.all()) == [linked]


def test_case_numbers_are_unique(users, district, lawsuit):
    with pytest.raises(ValidationError) as exc:
        services.register_lawsuit(actor=users.reconsideration, **lawsuit_fields(district))
    assert "该案号已登记。" in exc.value.message_dict["case_number"]


def test_hearing_records_the_head_or_the_sealed_explanation(users, district, lawsuit, head):
    actor = users.reconsideration
    # the head of another agency is not the defendant's head
    stranger = factories.person(district.scj, name="他人")
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(
            actor=actor, lawsuit=lawsuit, held_on=dt.date(2024, 11, 1), head_appeared=True, head=stranger
        )
    assert "不是被告行政机关" in exc.value.message_dict["head"][0]
    # absent without the sealed explanation and a staff member: refused, with each reason
    with pytest.raises(ValidationError) as exc:
        services.record_hearing(
            actor=actor, lawsuit=lawsuit, held_on=dt.date(2024, 11, 1), head_appeared=False, lawyer="某律师"
        )
    errors = exc.value.message_dict
    assert set(errors) == {"absence_reason", "explanation_sealed", "staff"}
    assert "仅委托律师出庭的，不视为出庭应诉" in errors["staff"][0]
    assert Hearing.objects.count() == 0
    # then both ways are recorded
    services.record_hearing(
        actor=actor, lawsuit=lawsuit, held_on=dt.date(2024, 11, 1), head_appeared=True, head=head
    )
    services.record_hearing(
        actor=actor,
        lawsuit=lawsuit,
        held_on=dt.date(2024, 11, 20),
        head_appeared=False,
        absence_reason="参加全区防汛调度",
        explanation_sealed=True,
        staff="法规科科员",
    )
    assert list(lawsuit.hearings.values_list("head_appeared", flat=True)) == [True, False]


def test_first_instance_judgment_needs_a_hearing_but_withdrawal_does_not(users, lawsuit):
    actor = users.reconsideration
    with pytest.raises(ValidationError) as exc:
        services.record_judgment(
            actor=actor, lawsuit=lawsuit, outcome="revoked", judged_on=dt.date(2024, 11, 1)
        )
    assert "一审作出判决前须登记开庭情况" in exc.value.messages[0]
    lawsuit.refresh_from_db()
    assert lawsuit.status == S.SERVED and lawsuit.outcome == ""
    services.record_judgment(
        actor=actor, lawsuit=lawsuit, outcome="withdrawn", judged_on=dt.date(2024, 11, 1)
    )
    services.mark_effective(actor=actor, lawsuit=lawsuit, effective_on=dt.date(2024, 11, 1))
    lawsuit.refresh_from_db()
    assert lawsuit.status == S.CLOSED and lawsuit.result_label == "撤诉"


def test_lost_judgment_is_performed_then_closed(users, lawsuit, head):
    actor = users.reconsideration
    judge(actor, lawsuit, head, "revoked")
    lawsuit.refresh_from_db()
    assert lawsuit.status == S.JUDGED and lawsuit.lost
    services.mark_effective(
        actor=actor, lawsuit=lawsuit, effective_on=dt.date(2024, 12, 18), performance_due=dt.date(2025, 3, 18)
    )
    lawsuit.refresh_from_db()
    assert lawsuit.status == S.EFFECTIVE
    with pytest.raises(ValidationError) as exc:
        services.record_performance(actor=actor, lawsuit=lawsuit, performed_on=dt.date(2025, 1, 10), note=" ")
    assert "performance_note" in exc.value.message_dict
    services.record_performance(
        actor=actor, lawsuit=lawsuit, performed_on=dt.date(2025, 1, 10), note="已重新作出答复"
    )
    lawsuit.refresh_from_db()
    assert (lawsuit.status, lawsuit.performed_on) == (S.CLOSED, dt.date(2025, 1, 10))
    transitions = [e.transition for e in audit.history(lawsuit) if e.action == AuditEvent.Action.TRANSITION]
    assert transitions == ["提交答辩", "登记裁判结果", "裁判生效，待履行", "登记履行"]


def test_won_judgment_closes_on_taking_effect_and_an_appeal_stops_it(users, district, lawsuit, head):
    actor = users.reconsideration
    judge(actor, lawsuit, head, "dismissed")
    services.record_appeal(actor=actor, lawsuit=lawsuit, appealed_on=dt.date(2024, 12, 10), appellant="张三")
    lawsuit.refresh_from_db()
    assert lawsuit.status == S.APPEALED
    with pytest.raises(ValidationError) as exc:
        services.mark_effective(actor=actor, lawsuit=lawsuit, effective_on=dt.date(2024, 12, 20))
    assert "当前状态“已上诉”下不能执行此操作。" in exc.value.messages


def test_dates_cannot_run_backwards(users, lawsuit, head):
    with pytest.raises(ValidationError) as exc:
        services.submit_defence(
            actor=users.reconsideration, lawsuit=lawsuit, submitted_on=dt.date(2024, 9, 1)
        )
    assert "不能早于起诉状副本送达日期" in exc.value.message_dict["defence_submitted_on"][0]
    lawsuit.refresh_from_db()
    assert lawsuit.status == S.SERVED


def test_who_may_handle_a_lawsuit(users, district, lawsuit, head):
    # the responsible department's clerk may; another department's clerk and a leader may not
    services.submit_defence(actor=users.jyj_clerk, lawsuit=lawsuit, submitted_on=dt.date(2024, 9, 29))
    with pytest.raises(PermissionDenied):
        services.record_hearing(
            actor=users.scj_clerk,
            lawsuit=lawsuit,
            held_on=dt.date(2024, 11, 1),
            head_appeared=True,
            head=head,
        )
    with pytest.raises(PermissionDenied):
        services.record_judgment(
            actor=users.leader, lawsuit=lawsuit, outcome="withdrawn", judged_on=dt.date(2024, 11, 1)
        )
    with pytest.raises(PermissionDenied):
        services.register_lawsuit(
            actor=users.scj_clerk, **lawsuit_fields(district, case_number="（2024）宁0303行初99号")
        )
    with pytest.raises(PermissionDenied):
        services.register_lawsuit(
            actor=users.other_justice, **lawsuit_fields(district, case_number="（2024）宁0303行初98号")
        )


def test_a_lost_case_opens_a_supervision_clue_whose_origin_is_the_lawsuit(users, district, lawsuit, head):
    judge(users.reconsideration, lawsuit, head, "illegal")
    # the reconsideration staff may not register a clue for the education bureau; the Justice Bureau may
    with pytest.raises(PermissionDenied):
        services.open_supervision_clue(
            actor=users.reconsideration, lawsuit=lawsuit, received_on=dt.date(2024, 12, 5)
        )
    clue = services.open_supervision_clue(
        actor=users.justice, lawsuit=lawsuit, received_on=dt.date(2024, 12, 5)
    )
    assert enforcement_selectors.clue_for(lawsuit) == clue
    assert SupervisionClue.objects.get(pk=clue.pk).origin == lawsuit
    assert (clue.source, clue.external_number, clue.organization) == (
        SupervisionClue.Source.LITIGATION,
        "（2024）宁0303行初12号",
        district.jyj,
    )
    assert "判决确认违法" in clue.content and "张三" in clue.content
    with pytest.raises(ValidationError) as exc:
        services.open_supervision_clue(actor=users.justice, lawsuit=lawsuit)
    assert "已转为执法监督线索" in exc.value.messages[0]
    assert SupervisionClue.objects.count() == 1


def test_a_won_case_cannot_open_a_clue(users, lawsuit, head):
    judge(users.reconsideration, lawsuit, head, "dismissed")
    with pytest.raises(ValidationError) as exc:
        services.open_supervision_clue(actor=users.justice, lawsuit=lawsuit)
    assert exc.value.messages == ["只有行政机关败诉的案件可以转为执法监督线索。"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", True),
        ("justice", True),
        ("reconsideration", True),
        ("jyj_clerk", True),
        ("scj_clerk", False),
        ("supervisor", False),
        ("advisor", False),
        ("leader", False),
        ("other_justice", False),
    ],
)
def test_every_role_on_the_defence_transition(users, lawsuit, role, allowed):
    actor = getattr(users, role)
    if allowed:
        services.submit_defence(actor=actor, lawsuit=lawsuit, submitted_on=dt.date(2024, 9, 30))
        lawsuit.refresh_from_db()
        assert lawsuit.status == S.DEFENDED
    else:
        with pytest.raises(PermissionDenied):
            services.submit_defence(actor=actor, lawsuit=lawsuit, submitted_on=dt.date(2024, 9, 30))
        lawsuit.refresh_from_db()
        assert lawsuit.status == S.SERVED
