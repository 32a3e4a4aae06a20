"""The services follow the timeline: a late acceptance dates from the end of the examination period (2024 calendar),
suspension/extension/conversion after the decision deadline are refused, periods from receipt use the service
date, and 视为放弃 waits for the supplement period."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock as today_clock
from fazhi.core import workbench
from fazhi.disputes import services
from fazhi.disputes.models import CaseClock, ReconsiderationCase

from ..conftest import accepted, clock, register

K = CaseClock.Kind
D = dt.date


def test_explicit_acceptance_after_the_examination_period_keeps_the_statutory_deadline(users, district):
    # received Friday 27 September 2024; five working days end on 10 October (29 Sep and 12 Oct worked)
    case = register(users, district, received_on=D(2024, 9, 27))
    services.accept(actor=users.reconsideration, case=case, on=D(2024, 10, 28))
    case.refresh_from_db()
    assert (case.accepted_on, case.deemed_accepted) == (D(2024, 10, 10), True)
    # 60 days from 10 October 2024 = Monday 9 December (the late acceptance would have given 27 December)
    assert clock(case, K.DECISION).due_on == D(2024, 12, 9)


def _reviewing(users, district, **fields):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 3), **fields)
    return services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))


def test_suspension_after_the_decision_deadline_is_refused(users, district):
    case = _reviewing(users, district)  # decision due Tuesday 6 May 2025
    with pytest.raises(ValidationError) as err:
        services.suspend(actor=users.reconsideration, case=case, on=D(2025, 5, 7), ground=7)
    assert "审理期限已于2025年05月06日届满，不能再中止审理" in str(err.value)
    case.refresh_from_db()
    assert case.status == ReconsiderationCase.Status.REVIEWING and not case.suspensions.exists()
    with pytest.raises(ValidationError, match="第三十九条第一款"):
        services.suspend(actor=users.reconsideration, case=case, on=D(2025, 4, 7))


def test_conversion_after_the_simplified_deadline_is_refused(users, district):
    case = _reviewing(users, district, procedure=ReconsiderationCase.Procedure.SIMPLIFIED)  # due 2 April 2025
    with pytest.raises(ValidationError, match="不能再转为普通程序"):
        services.convert_to_ordinary(
            actor=users.reconsideration, case=case, on=D(2025, 4, 3), reason="复杂，主任批准"
        )
    case.refresh_from_db()
    assert case.procedure == ReconsiderationCase.Procedure.SIMPLIFIED
    assert clock(case, K.DECISION).due_on == D(2025, 4, 2)


def test_answer_and_supplement_periods_run_from_service(users, district):
    case = _reviewing(users, district)
    assert clock(case, K.ANSWER).provisional  # not yet served: the sending date stands in
    services.record_copy_service(actor=users.reconsideration, case=case, on=D(2025, 3, 10))
    answer = clock(case, K.ANSWER)
    assert (answer.start, answer.due_on, answer.provisional) == (D(2025, 3, 10), D(2025, 3, 24), False)

    other = register(users, district, received_on=D(2025, 3, 3))
    services.request_supplement(actor=users.reconsideration, case=other, on=D(2025, 3, 4), items="身份证明")
    services.record_supplement_service(actor=users.reconsideration, case=other, on=D(2025, 3, 7))
    assert clock(other, K.SUPPLEMENT).due_on == D(2025, 3, 21)
    with pytest.raises(ValidationError, match="届满前不能视为"):
        services.withdraw(actor=users.reconsideration, case=other, on=D(2025, 3, 21), deemed=True)
    services.extend_supplement(
        actor=users.reconsideration, case=other, on=D(2025, 3, 20), days=5, reason="申请人住院"
    )
    assert clock(other, K.SUPPLEMENT).due_on == D(2025, 3, 28)
    services.withdraw(actor=users.reconsideration, case=other, on=D(2025, 3, 31), deemed=True)
    other.refresh_from_db()
    assert other.status == ReconsiderationCase.Status.WITHDRAWN and "视为放弃" in other.conclusion


def test_workbench_warns_to_terminate_after_sixty_days_suspended_on_ground_one(users, district):
    case = _reviewing(users, district)
    services.suspend(actor=users.reconsideration, case=case, on=D(2025, 3, 10), ground=1, reason="申请人死亡")
    title = f"{case.docket_number}中止满六十日，应审查是否终止行政复议"
    today_clock.freeze(D(2025, 5, 9))
    items = {i.title: i for i in workbench.items_for(users.reconsideration, D(2025, 5, 9))}
    assert "第四十一条第（五）项" in items[title].detail
    assert title not in {i.title for i in workbench.items_for(users.reconsideration, D(2025, 5, 8))}
