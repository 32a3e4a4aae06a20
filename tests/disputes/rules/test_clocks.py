"""The statutory clocks, pinned to real dates of the 2025 calendar (National Day 2025: 1–8 October off, Sunday
28 September and Saturday 11 October worked)."""

from __future__ import annotations

import datetime as dt

from fazhi.disputes import services
from fazhi.disputes.models import CaseClock

from ..conftest import accepted, clock, register

K = CaseClock.Kind
D = dt.date


def test_acceptance_examination_is_five_working_days_across_national_day(users, district):
    # given an application received on Monday 29 September 2025
    case = register(users, district, received_on=D(2025, 9, 29))
    # then the five working days are 30 Sep, 9, 10, 11 (make-up Saturday) and 13 October
    exam = clock(case, K.EXAMINATION)
    assert exam.due_on == D(2025, 10, 13)
    assert "第三十条" in exam.rule
    assert "调休上班日2025年10月11日" in exam.explanation
    assert "国庆节" in exam.explanation


def test_decision_deadline_crossing_national_day_moves_to_the_next_working_day(users, district):
    # given a case accepted on 2 August 2025 (ordinary procedure)
    case = accepted(users, district, received_on=D(2025, 7, 30), accepted_on=D(2025, 8, 2))
    decision = clock(case, K.DECISION)
    # then sixty days end on 1 October, a holiday, and the deadline moves to Thursday 9 October
    assert decision.due_on == D(2025, 10, 9)
    assert "审理期限60日" in decision.explanation
    assert "顺延至其后第一个工作日" in decision.explanation
    assert "第六十二条" in decision.rule


def test_suspension_is_not_counted_and_resumption_extends_the_deadline(users, district):
    # given a case accepted on 3 March 2025: 60 days end on Friday 2 May (a Labour Day holiday) → 6 May
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 3))
    assert clock(case, K.DECISION).due_on == D(2025, 5, 6)
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))
    # when it is suspended on 10 March and resumed on 24 March (14 days)
    services.suspend(
        actor=users.reconsideration, case=case, on=D(2025, 3, 10), ground=2, reason="申请人丧失参加复议的能力"
    )
    assert "计时停止" in clock(case, K.DECISION).explanation
    services.resume(actor=users.reconsideration, case=case, on=D(2025, 3, 24))
    decision = clock(case, K.DECISION)
    # then 74 days from 3 March end on Friday 16 May 2025
    assert decision.due_on == D(2025, 5, 16)
    assert "中止期间14日不计入" in decision.explanation
    assert "合计74日" in decision.explanation


def test_approved_extension_is_added_to_the_decision_period(users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 3))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 5))
    services.extend(
        actor=users.reconsideration,
        case=case,
        days=30,
        approved_by="卫主任",
        approved_on=D(2025, 4, 28),
        reason="案情复杂",
    )
    # 90 days from 3 March: Sunday 1 June, Monday 2 June (端午节) → Tuesday 3 June 2025
    assert clock(case, K.DECISION).due_on == D(2025, 6, 3)
    assert "端午节" in clock(case, K.DECISION).explanation


def test_copy_and_answer_clocks_are_working_days_from_acceptance_and_copy(users, district):
    # accepted Friday 26 September 2025: 7 working days are 28 (make-up Sunday), 29, 30 Sep, 9, 10, 11 (Sat), 13 Oct
    case = accepted(users, district, received_on=D(2025, 9, 24), accepted_on=D(2025, 9, 26))
    copy = clock(case, K.COPY)
    assert copy.due_on == D(2025, 10, 13)
    assert "第四十八条" in copy.rule
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 9, 30))
    assert clock(case, K.COPY).met_on == D(2025, 9, 30)
    # the answer: 10 working days from 30 September → 9, 10, 11, 13–17, 20, 21 October
    assert clock(case, K.ANSWER).due_on == D(2025, 10, 21)
