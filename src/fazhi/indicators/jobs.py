"""Scheduled work of the indicators, run once a day by `fazhi worker` (core.tasks.scheduled)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import User
from fazhi.core.tasks import scheduled

from . import snapshots


@scheduled("indicators.refresh_daily", every="daily")
def refresh_daily(*, actor: User, today: dt.date) -> str:
    """每日重新计算指标快照

    Figures that count what is overdue today (rectification items and tasks past their deadline, certificates
    expired) change with the date alone: every snapshot computed before today is recomputed, so the first page read
    of the day shows today's figures (snapshots.day_start)."""
    groups = snapshots.refresh()
    return f"已重新计算{groups}组指标（范围×年度）。"
