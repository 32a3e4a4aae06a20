"""The 工作台 items of 督察整改与任务台账: overdue rectification items (for the responsible unit and for the
supervising office), items waiting for sign-off, and tasks near or past their deadline."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import User
from fazhi.core.workbench import PENDING, WorkItem, level_for, provider

from .models import RectificationItem, Task
from .rules import rectification as rules

DUE_WARNING_DAYS = 10


@provider
def overdue_items(user: User, on: dt.date) -> list[WorkItem]:
    """Open items near or past their deadline, for the responsible unit and the supervising office; items
    rectified and waiting for sign-off, for the supervising office."""
    out = []
    visible = access.scope(user, RectificationItem.objects.select_related("organization"))
    limit = on + dt.timedelta(days=DUE_WARNING_DAYS)
    near_q = Q(status__in=RectificationItem.OPEN, deadline__lte=limit)
    rectified = RectificationItem.Status.RECTIFIED
    rows = list(visible.filter(near_q | Q(status=rectified)))  # both lists in one query
    near = [i for i in rows if i.status in RectificationItem.OPEN and i.deadline and i.deadline <= limit]
    for item in sorted(near, key=lambda i: (i.deadline, i.pk)):
        days = item.overdue_days(on)
        title = f"{item}应于{item.deadline:%Y年%m月%d日}前整改完成"
        if days:
            title = f"{item}已逾期{days}日" + ("（挂牌督办）" if item.escalated_on else "")
        out.append(
            WorkItem(
                title=title,
                category="督察整改",
                level=level_for(item.deadline, on, warn_days=DUE_WARNING_DAYS),
                due=item.deadline,
                url=reverse("oversight:item", args=[item.pk]),
                unit=item.organization.name,
                detail=item.measures[:80],
            )
        )
    waiting = [i for i in rows if i.status == rectified]
    # by the day rectified (those without a date last, as PostgreSQL orders them), then as entered
    for item in sorted(waiting, key=lambda i: (i.rectified_on is None, i.rectified_on or on, i.pk)):
        if rules.is_supervising_office(item, user):
            out.append(
                WorkItem(
                    title=f"{item}已整改，待审核销号",
                    category="督察整改",
                    level=PENDING,
                    url=reverse("oversight:item", args=[item.pk]),
                    unit=item.organization.name,
                )
            )
    return out


@provider
def tasks_due(user: User, on: dt.date) -> list[WorkItem]:
    """Unfinished tasks the user's unit leads, due within ten days or past due."""
    # The tasks the user's units lead (not those merely co-operated on or of a visible plan).
    tasks = Task.objects.select_related("lead_unit", "plan").filter(
        lead_unit__in=access.organizations(user),
        completed_on__isnull=True,
        deadline__lte=on + dt.timedelta(days=DUE_WARNING_DAYS),
    )
    return [
        WorkItem(
            title=f"{t.plan.title.removesuffix('任务')}任务{t.number}应于{t.deadline:%Y年%m月%d日}前完成",
            category="任务分工台账",
            level=level_for(t.deadline, on, warn_days=DUE_WARNING_DAYS),
            due=t.deadline,
            url=reverse("oversight:task", args=[t.pk]),
            unit=t.lead_unit.name,
            detail=t.title[:80],
        )
        for t in tasks.order_by("deadline", "pk")
    ]
