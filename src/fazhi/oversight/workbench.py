"""The 工作台 items of 督察整改与任务台账: overdue rectification items (for the responsible unit and for the
supervising office), items waiting for sign-off, and tasks near or past their deadline — each a source, read a page
at a time (core.workbench)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, Q, When
from django.urls import reverse

from fazhi.core import access, workbench
from fazhi.core.models import User
from fazhi.core.workbench import PENDING, Source, Work, WorkItem, level_for, provider

from .models import RectificationItem, Task
from .rules import rectification as rules

DUE_WARNING_DAYS = 10


@provider
def overdue_items(user: User, on: dt.date) -> Work:
    """Open items near or past their deadline, for the responsible unit and the supervising office; items
    rectified and waiting for sign-off, for the supervising office (rules.supervising_office_q)."""
    visible = access.scope(user, RectificationItem.objects.select_related("organization"))
    limit = on + dt.timedelta(days=DUE_WARNING_DAYS)
    near = Q(status__in=RectificationItem.OPEN, deadline__lte=limit)
    waiting = Q(rules.supervising_office_q(user), status=RectificationItem.Status.RECTIFIED)
    rows = workbench.annotate(
        visible.filter(near | waiting),  # both kinds in one statement
        on=on,
        # an item waiting for sign-off has no date (待办)
        due=Case(When(status__in=RectificationItem.OPEN, then=F("deadline")), default=None),
        warn_days=DUE_WARNING_DAYS,
        title=workbench.text("整改事项", workbench.pk_text()),
        unit="organization__name",
        category="督察整改",
    )
    return Work(sources=[Source("督察整改", rows, lambda item: _item(item, on), search=("measures",))])


def _item(item, on: dt.date) -> WorkItem:
    return _near_item(item, on) if item.is_open else _waiting_item(item)


def _near_item(item, on: dt.date) -> WorkItem:
    days = item.overdue_days(on)
    title = f"{item}应于{item.deadline:%Y年%m月%d日}前整改完成"
    if days:
        title = f"{item}已逾期{days}日" + ("（挂牌督办）" if item.escalated_on else "")
    return WorkItem(
        title=title,
        category="督察整改",
        level=level_for(item.deadline, on, warn_days=DUE_WARNING_DAYS),
        due=item.deadline,
        url=reverse("oversight:item", args=[item.pk]),
        unit=item.organization.name,
        detail=item.measures[:80],
    )


def _waiting_item(item) -> WorkItem:
    return WorkItem(
        title=f"{item}已整改，待审核销号",
        category="督察整改",
        level=PENDING,
        url=reverse("oversight:item", args=[item.pk]),
        unit=item.organization.name,
    )


@provider
def tasks_due(user: User, on: dt.date) -> Work:
    """Unfinished tasks the user's unit leads, due within ten days or past due."""
    # The tasks the user's units lead (not those merely co-operated on or of a visible plan).
    tasks = Task.objects.select_related("lead_unit", "plan").filter(
        lead_unit__in=access.organizations(user),
        completed_on__isnull=True,
        deadline__lte=on + dt.timedelta(days=DUE_WARNING_DAYS),
    )
    # the title starts with the plan's title without its last 任务, then 任务 and the task's number
    plan = Case(
        When(plan__title__endswith="任务", then=workbench.text(F("plan__title"), F("number"))),
        default=workbench.text(F("plan__title"), "任务", F("number")),
    )
    rows = workbench.annotate(
        tasks,
        on=on,
        due="deadline",
        warn_days=DUE_WARNING_DAYS,
        title=plan,
        unit="lead_unit__name",
        category="任务分工台账",
    )
    return Work(
        sources=[Source("任务分工台账", rows, lambda t: _task_item(t, on), search=("title", "number"))]
    )


def _task_item(t, on: dt.date) -> WorkItem:
    return WorkItem(
        title=f"{t.plan.title.removesuffix('任务')}任务{t.number}应于{t.deadline:%Y年%m月%d日}前完成",
        category="任务分工台账",
        level=level_for(t.deadline, on, warn_days=DUE_WARNING_DAYS),
        due=t.deadline,
        url=reverse("oversight:task", args=[t.pk]),
        unit=t.lead_unit.name,
        detail=t.title[:80],
    )
