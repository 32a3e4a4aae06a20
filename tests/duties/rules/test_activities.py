"""The rules of the activity ledger as pure functions: typed names, namesakes and what each kind must name."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.duties.rules import activities as rules


def test_split_names_accepts_every_separator_typed_in_one_box():
    assert rules.split_names("王建国、李晓燕，张志强;赵丽华\n陈 周") == [
        "王建国",
        "李晓燕",
        "张志强",
        "赵丽华",
        "陈",
        "周",
    ]


def test_resolve_participants_links_a_name_to_its_only_namesake_and_names_each_once():
    leader = SimpleNamespace(name="许志诚", position="局长")
    twin_a, twin_b = SimpleNamespace(name="王建国", position=""), SimpleNamespace(name="王建国", position="")
    rows = rules.resolve_participants(
        [], ["许志诚", "王建国", "许志诚"], {"许志诚": [leader], "王建国": [twin_a, twin_b]}
    )
    assert [(r["name"], r["person"]) for r in rows] == [("许志诚", leader), ("王建国", None)]
    assert rules.names_line(rows) == "许志诚、王建国"


def test_validate_activity_refuses_a_date_after_today_with_the_kinds_own_errors():
    clock.freeze(dt.date(2025, 6, 30))
    with pytest.raises(ValidationError) as exc:
        rules.validate_activity(
            kind="training",
            held_on=dt.date(2025, 7, 1),
            organization=None,
            topic="",
            meeting="",
            participants=[],
        )
    assert exc.value.message_dict == {
        "held_on": ["活动日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"],
        "topic": ["法治专题培训须写明主题。"],
    }
