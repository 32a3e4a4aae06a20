"""Reads of core records, always scoped through core.access, and core's own 工作台 items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from . import access, calendar, config
from .models import AuditEvent, CalendarDay, Organization, Person, Setting, User
from .workbench import DUE_SOON, OVERDUE, WorkItem, provider


def organizations_for(user: User) -> QuerySet[Organization]:
    return access.scope(user, Organization.objects.select_related("parent"))


def people_for(user: User, action: str = access.VIEW) -> QuerySet[Person]:
    return access.scope(user, Person.objects.select_related("organization"), action)


def audit_events_for(
    user: User,
    *,
    actor: User | None = None,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
) -> QuerySet[AuditEvent]:
    qs = access.scope(user, AuditEvent.objects.all())
    if actor is not None:
        qs = qs.filter(actor_id=actor.pk)
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    if until is not None:
        qs = qs.filter(occurred_at__lt=until)
    return qs


@dataclass(frozen=True)
class SettingRow:
    """A local rule as a page shows it: its Chinese name, explanation and basis, the default and the value in force."""

    spec: config.SettingSpec
    value: Any
    overridden: bool
    updated_at: dt.datetime | None

    @property
    def key(self) -> str:
        return self.spec.key


def settings_for(user: User) -> list[SettingRow]:
    """Every local rule (core.config.SPECS) with the value in force, in the order of its key (grouped by app)."""
    rows = {s.key: s for s in access.scope(user, Setting.objects.all())}
    return [
        SettingRow(
            spec=spec,
            value=rows[key].value if key in rows else spec.default,
            overridden=key in rows,
            updated_at=rows[key].updated_at if key in rows else None,
        )
        for key, spec in sorted(config.SPECS.items())
    ]


@provider
def calendar_schedule_missing(user: User, on: dt.date) -> list[WorkItem]:
    """Tell system administrators (who maintain the calendar), from October on, to enter next year's holidays."""
    if access.scope_kind(user, CalendarDay, access.CHANGE) != access.ALL:
        return []
    if on.month < 10 or not calendar.missing_years(range(on.year + 1, on.year + 2)):
        return []
    next_year = on.year + 1
    return [
        WorkItem(
            title=f"录入{next_year}年节假日安排",
            category="法定期限日历",
            level=DUE_SOON if on.month < 12 else OVERDUE,
            due=dt.date(on.year, 12, 31),
            url=reverse("admin:core_calendarday_changelist"),
            detail=f"{next_year}年的节假日和调休安排尚未录入，跨入{next_year}年的期限只能暂按周末推算（标为“暂定”）。"
            "国务院办公厅通知发布后请录入，并在“节假日年度安排”中登记该年已完整录入。",
        )
    ]
