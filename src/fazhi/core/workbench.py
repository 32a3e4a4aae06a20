"""The 工作台: pending work and deadline warnings that each workstream registers for the logged-in user."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from fazhi.core import calendar, clock

OVERDUE = "overdue"
DUE_SOON = "due_soon"
PENDING = "pending"
LEVEL_LABELS = {OVERDUE: "已逾期", DUE_SOON: "即将到期", PENDING: "待办"}


@dataclass
class WorkItem:
    title: str
    category: str
    level: str = PENDING
    due: dt.date | None = None
    url: str = ""
    unit: str = ""
    detail: str = ""

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


PROVIDERS: list[Callable] = []


def provider(fn: Callable) -> Callable:
    """Register `fn(user, today) -> list[WorkItem]`; it must read through core.access like every selector."""
    PROVIDERS.append(fn)
    return fn


def items_for(user, on: dt.date | None = None) -> list[WorkItem]:
    """Every provider's items for `user` on `on`, most urgent first. The providers' deadlines share one calendar
    (core.calendar.reused): the calendar-region setting and the holiday rows are read once, not once per row."""
    on = on or clock.today()
    with calendar.reused():
        items = [item for fn in PROVIDERS for item in fn(user, on)]
    order = {OVERDUE: 0, DUE_SOON: 1, PENDING: 2}
    return sorted(items, key=lambda i: (order[i.level], i.due or dt.date.max, i.title))


def level_for(due: dt.date, on: dt.date, warn_days: int = 5) -> str:
    if due < on:
        return OVERDUE
    if (due - on).days <= warn_days:
        return DUE_SOON
    return PENDING
