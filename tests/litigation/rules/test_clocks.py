"""The defence and appeal clocks (rules/clocks.timeline) on real dates: 15 days from the complaint (第六十七条), 15 days
from the service of a judgment and 10 of a ruling (第八十五条), counted as 民事诉讼法第八十五条 says (the day of service
not counted, a last day on a holiday moves to the next working day), and the events the calculator refuses."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.litigation.rules import clocks

pytestmark = pytest.mark.django_db


def _dues(result) -> dict:
    return {c.kind: c.due for c in result.clocks}


def test_defence_runs_fifteen_days_from_the_complaint_and_leaves_national_day():
    result = clocks.timeline([{"event": "complaint_served", "on": "2024-09-20"}])
    # 5 October 2024 is in the National Day holiday: the period ends on Tuesday 8 October
    assert _dues(result) == {"defence": dt.date(2024, 10, 8)}
    assert "国庆节" in result.clocks[0].explanation and "第六十七条" in result.clocks[0].explanation
    assert result.refused == []


def test_appeal_of_a_judgment_runs_fifteen_days_from_service_not_from_the_judgment_date():
    # judged 2 December, served on the agency 5 December: due 20 December (not 17 December)
    result = clocks.timeline(
        [
            {"event": "complaint_served", "on": "2024-09-20"},
            {"event": "judgment_served", "kind": "judgment", "on": "2024-12-05"},
        ]
    )
    assert _dues(result) == {"defence": dt.date(2024, 10, 8), "appeal": dt.date(2024, 12, 20)}
    appeal = result.clock("appeal")
    assert appeal.start == dt.date(2024, 12, 5)
    assert "第八十五条" in appeal.explanation and "判决书送达之日起十五日" in appeal.explanation


def test_appeal_of_a_ruling_runs_ten_days_and_leaves_the_weekend():
    result = clocks.timeline([{"event": "judgment_served", "kind": "ruling", "on": "2024-12-05"}])
    # ten days end on Sunday 15 December 2024: the period ends on Monday 16 December
    assert _dues(result) == {"appeal": dt.date(2024, 12, 16)}
    assert "裁定书送达之日起十日" in result.clock("appeal").explanation


def test_appeal_over_the_spring_festival_ends_on_the_first_working_day_after_it():
    result = clocks.timeline([{"event": "judgment_served", "kind": "judgment", "on": "2025-01-20"}])
    # 15 days end on 4 February 2025, the last day of the Spring Festival holiday
    assert _dues(result) == {"appeal": dt.date(2025, 2, 5)}


def test_an_appeal_in_time_is_taken_and_one_after_the_period_is_refused():
    served = {"event": "judgment_served", "kind": "judgment", "on": "2024-12-05"}
    in_time = clocks.timeline([served, {"event": "appealed", "on": "2024-12-20"}])
    assert in_time.refused == [] and "已于2024年12月20日上诉" in in_time.clock("appeal").explanation
    late = clocks.timeline([served, {"event": "appealed", "on": "2024-12-23"}])
    assert [(r.index, r.event) for r in late.refused] == [(1, "appealed")]
    assert "2024年12月20日届满" in late.refused[0].reason and "发生法律效力" in late.refused[0].reason


@pytest.mark.parametrize(
    ("events", "refused", "words"),
    [
        ([{"event": "appealed", "on": "2024-12-20"}], [(0, "appealed")], "尚无一审判决书或裁定书送达"),
        (
            [{"event": "judgment_served", "on": "2024-12-05"}],
            [(0, "judgment_served")],
            "判决（judgment）还是裁定",
        ),
        ([{"event": "verdict", "on": "2024-12-05"}], [(0, "verdict")], "未知事件"),
        ([{"event": "complaint_served", "on": "2024-13-01"}], [(0, "complaint_served")], "格式不正确"),
        (
            [
                {"event": "complaint_served", "on": "2024-09-20"},
                {"event": "judgment_served", "kind": "judgment", "on": "2024-09-01"},
            ],
            [(1, "judgment_served")],
            "早于前一事件",
        ),
        (
            [
                {"event": "judgment_served", "kind": "judgment", "on": "2024-12-05"},
                {"event": "appeal_judgment_served", "on": "2025-03-01"},
            ],
            [(1, "appeal_judgment_served")],
            "未上诉",
        ),
    ],
)
def test_events_the_calculator_refuses(events, refused, words):
    result = clocks.timeline(events)
    assert [(r.index, r.event) for r in result.refused] == refused
    assert words in result.refused[0].reason
