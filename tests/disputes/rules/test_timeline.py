"""The deadline calculator (rules/timeline.py) on real dates of the 2024 and 2025 calendars.

2024: National Day 1–7 October off, Sunday 29 September and Saturday 12 October worked. An application received on
Friday 27 September 2024 has its five working days on 29, 30 September, 8, 9 and 10 October."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.disputes.rules import events as timeline_events
from fazhi.disputes.rules import timeline
from fazhi.disputes.rules.timeline import Event

D = dt.date
pytestmark = pytest.mark.django_db


def run(procedure, *events, today=None):
    return timeline.run(procedure, list(events), today=today)


def test_late_explicit_acceptance_dates_from_the_end_of_the_examination_period():
    # received 27 Sep 2024, accepted (explicitly) on 28 Oct: 第三十条 makes it accepted from 10 Oct
    t = run("ordinary", Event("received", D(2024, 9, 27)), Event("accepted", D(2024, 10, 28)))
    assert t.clock("examination").due == D(2024, 10, 10)
    assert t.deemed_accepted_on == D(2024, 10, 10)
    decision = t.clock("decision")
    # 60 days from 10 October is Monday 9 December (not 27 December, 60 days from the late acceptance)
    assert (decision.start, decision.due) == (D(2024, 10, 10), D(2024, 12, 9))
    assert "第三十条第三款" in decision.explanation
    assert t.refused == []


def test_acceptance_within_the_period_counts_from_its_own_day():
    t = run("ordinary", Event("received", D(2024, 9, 27)), Event("accepted", D(2024, 10, 9)))
    assert t.deemed_accepted_on is None
    assert t.clock("decision").due == D(2024, 12, 9)  # 60 days from 9 Oct: 8 Dec is a Sunday → Monday 9 Dec


def test_without_a_decision_the_application_is_deemed_accepted_once_today_is_past_the_period():
    t = run("simplified", Event("received", D(2024, 9, 27)), today=D(2024, 10, 11))
    assert t.deemed_accepted_on == D(2024, 10, 10)
    assert t.clock("decision").due == D(2024, 11, 11)  # 30 days: Saturday 9 Nov → Monday 11 Nov
    assert (
        run("simplified", Event("received", D(2024, 9, 27)), today=D(2024, 10, 10)).deemed_accepted_on is None
    )


def test_refusal_after_the_examination_period_is_refused():
    t = run("ordinary", Event("received", D(2024, 9, 27)), Event("refused", D(2024, 10, 11)))
    assert [(r.index, r.event) for r in t.refused] == [(1, "refused")]
    assert "视为受理" in t.refused[0].reason


def _reviewing(*more):
    return [
        Event("received", D(2025, 3, 3)),
        Event("accepted", D(2025, 3, 3)),
        Event("copy_sent", D(2025, 3, 5)),
        *more,
    ]


def test_suspension_after_the_decision_deadline_is_refused():
    # accepted 3 March 2025: 60 days end 2 May (holiday) → 6 May 2025
    late = run("ordinary", *_reviewing(Event("suspended", D(2025, 5, 7), ground=7)))
    assert late.refused[0].event == "suspended"
    assert "2025年05月06日届满" in late.refused[0].reason
    assert late.clock("decision").due == D(2025, 5, 6)
    on_time = run("ordinary", *_reviewing(Event("suspended", D(2025, 5, 6), ground=7)))
    assert on_time.refused == []


def test_suspension_needs_a_ground_of_article_39():
    t = run("ordinary", *_reviewing(Event("suspended", D(2025, 3, 10))))
    assert t.refused[0].reason == "中止须写明第三十九条第一款所列情形之一（第1至10项）。"
    t = run("ordinary", *_reviewing(Event("suspended", D(2025, 3, 10), ground=11)))
    assert t.refused and t.refused[0].event == "suspended"


def test_extension_and_conversion_after_the_deadline_are_refused():
    ext = run("ordinary", *_reviewing(Event("extended", D(2025, 5, 7), days=30)))
    assert "不能再批准延期" in ext.refused[0].reason
    # simplified: 30 days from 3 March end Wednesday 2 April 2025
    conv = run("simplified", *_reviewing(Event("converted", D(2025, 4, 3))))
    assert "不能再转为普通程序" in conv.refused[0].reason
    assert conv.procedure == "simplified"
    ok = run("simplified", *_reviewing(Event("converted", D(2025, 4, 2))))
    assert ok.refused == [] and ok.clock("decision").due == D(2025, 5, 6)


def test_supplement_runs_from_service_and_can_be_extended_for_a_reason():
    base = [
        Event("received", D(2025, 3, 3)),
        Event("supplement_requested", D(2025, 3, 4)),
        Event("supplement_served", D(2025, 3, 7)),
    ]
    t = run("ordinary", *base)
    # ten working days from Friday 7 March 2025: 10–14, 17–21 March → Friday 21 March
    assert (t.clock("supplement").start, t.clock("supplement").due) == (D(2025, 3, 7), D(2025, 3, 21))
    assert not t.clock("supplement").provisional
    unserved = run("ordinary", *base[:2])
    assert unserved.clock("supplement").due == D(2025, 3, 18) and unserved.clock("supplement").provisional
    no_reason = run("ordinary", *base, Event("extended", D(2025, 3, 20), days=5))
    assert "正当理由" in no_reason.refused[0].reason
    ext = run("ordinary", *base, Event("extended", D(2025, 3, 20), days=5, reason="申请人住院"))
    assert (
        ext.clock("supplement").due == D(2025, 3, 28) and "申请人住院" in ext.clock("supplement").explanation
    )


def test_deemed_abandonment_only_after_the_supplement_period():
    base = [
        Event("received", D(2025, 3, 3)),
        Event("supplement_requested", D(2025, 3, 4)),
        Event("supplement_served", D(2025, 3, 7)),
    ]
    early = run("ordinary", *base, Event("withdrawn", D(2025, 3, 21), deemed=True))
    assert "届满前不能视为" in early.refused[0].reason
    assert run("ordinary", *base, Event("withdrawn", D(2025, 3, 24), deemed=True)).refused == []


def test_answer_runs_from_the_day_the_respondent_received_the_copy_and_mailing_counts_posting():
    t = run("ordinary", *_reviewing(Event("copy_served", D(2025, 3, 10))))
    # ten working days from Monday 10 March 2025 → Monday 24 March
    assert (t.clock("answer").start, t.clock("answer").due) == (D(2025, 3, 10), D(2025, 3, 24))
    posted = run(
        "ordinary",
        *_reviewing(
            Event("copy_served", D(2025, 3, 10)),
            Event("answer_received", D(2025, 3, 26), posted_on=D(2025, 3, 24)),
        ),
    )
    assert posted.clock("answer").met_on == D(2025, 3, 24)  # 民事诉讼法第八十五条: posted before expiry


def test_termination_warning_after_sixty_days_on_grounds_one_two_four():
    events = _reviewing(Event("suspended", D(2025, 3, 10), ground=1))
    assert run("ordinary", *events, today=D(2025, 5, 8)).warnings == []
    warned = run("ordinary", *events, today=D(2025, 5, 9)).warnings
    assert len(warned) == 1 and "第四十一条第（五）项" in warned[0] and "2025年05月09日满六十日" in warned[0]
    assert (
        run(
            "ordinary", *_reviewing(Event("suspended", D(2025, 3, 10), ground=3)), today=D(2025, 6, 1)
        ).warnings
        == []
    )


def test_events_after_today_or_out_of_order_are_refused():
    t = run(
        "ordinary", Event("received", D(2025, 3, 3)), Event("accepted", D(2025, 3, 5)), today=D(2025, 3, 4)
    )
    assert "晚于今天" in t.refused[0].reason
    t = run("ordinary", *_reviewing(Event("answer_received", D(2025, 3, 4))))
    assert "早于前一事项" in t.refused[0].reason


def test_parse_reads_the_documented_format_and_refuses_bad_input():
    procedure, events = timeline_events.parse(
        {"procedure": "simplified", "events": [{"event": "received", "on": "2024-09-27"}]}
    )
    assert procedure == "simplified" and events == [Event("received", D(2024, 9, 27))]
    for bad, message in [
        ({"procedure": "x", "events": []}, "procedure"),
        ({"events": [{"event": "born", "on": "2024-09-27"}]}, "未知的事项"),
        ({"events": [{"event": "received", "on": "2024-02-30"}]}, "不是有效日期"),
        ({"events": [{"event": "suspended", "on": "2024-09-27", "ground": "一"}]}, "应为整数"),
    ]:
        with pytest.raises(ValidationError, match=message):
            timeline_events.parse(bad)
