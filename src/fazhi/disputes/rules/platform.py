"""The rule of entering a case on the national reconsideration platform (全国行政复议工作平台)."""

from __future__ import annotations

import datetime as dt

from .cases import validate_event_on


def validate_platform_entry(case, *, on: dt.date) -> None:
    """录入全国行政复议工作平台：录入是已经发生的事项，不晚于今天；不早于收到申请（rules.cases.validate_dates，
    由案件的 full_clean 检查）。依据：全国行政复议工作平台录入要求（须经本地核实）。"""
    validate_event_on(case, "platform_entered_on", on)
