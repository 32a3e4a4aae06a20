"""Reads of a case's statutory clocks, scoped through core.access, with where each stands on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import CaseClock, ReconsiderationCase
from ..rules import clocks as periods


def clocks_for(user: User, case: ReconsiderationCase) -> QuerySet[CaseClock]:
    return access.scope(user, CaseClock.objects.filter(case=case)).order_by("start", "pk")


@dataclass
class ClockRow:
    clock: CaseClock
    state: str  # met, running, stopped, overdue, met_late
    label: str


def clock_rows(case: ReconsiderationCase, on: dt.date) -> list[ClockRow]:
    """The case's clocks with where each stands on `on`."""
    rows = []
    for c in case.clocks.order_by("start", "pk"):
        if c.met_on:
            state, label = ("met_late", "逾期完成") if c.met_on > c.due_on else ("met", "按期完成")
            if c.kind == CaseClock.Kind.HEARING_NOTICE:
                state, label = "met", "已举行"
        elif periods.stopped(case, c):
            state, label = "stopped", "中止计时"
        elif c.due_on < on:
            state, label = "overdue", "已逾期"
        else:
            state, label = "running", f"剩余{(c.due_on - on).days}日"
        rows.append(ClockRow(c, state, label))
    return rows
