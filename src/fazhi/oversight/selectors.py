"""Reads of the rectification ledger, scoped through core.access: lists with filters, the items of a source record,
the summary by unit and by source kind, and the 工作台 warnings of overdue items (for the responsible unit and for the
supervising office) and of tasks near or past their deadline."""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import User
from fazhi.core.workbench import PENDING, WorkItem, level_for, provider

from . import rules
from .models import RectificationItem, Task

Item = RectificationItem
DUE_WARNING_DAYS = 10


def items_for(user: User, action: str = access.VIEW) -> QuerySet[RectificationItem]:
    return access.scope(
        user, RectificationItem.objects.select_related("organization", "source_type"), action
    ).prefetch_related("source")


def overdue(qs: QuerySet[RectificationItem], on: dt.date) -> QuerySet[RectificationItem]:
    return qs.filter(status__in=Item.OPEN, deadline__lt=on)


def filtered(user: User, params, on: dt.date) -> QuerySet[RectificationItem]:
    """The item list with the page's filters: state, source kind, unit, overdue only, escalated only."""
    qs = items_for(user)
    if params.get("status") in Item.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("kind"):
        qs = qs.filter(source_kind=params["kind"])
    if (params.get("unit") or "").isdigit():
        qs = qs.filter(organization_id=int(params["unit"]))
    if params.get("overdue"):
        qs = overdue(qs, on)
    if params.get("escalated"):
        qs = qs.filter(escalated_on__isnull=False)
    return qs.order_by("deadline", "pk")


def items_of_record(user: User, record: models.Model) -> QuerySet[RectificationItem]:
    """The rectification item(s) of one source record that the user may see."""
    return items_for(user).filter(
        source_type=ContentType.objects.get_for_model(type(record)), source_id=record.pk
    )


def summary(qs: QuerySet[RectificationItem], on: dt.date, group: str) -> list[dict]:
    """Counts by `group` (organization__name or source_kind): findings, rectified, signed off, consolidated, overdue."""
    done = Q(status__in=Item.DONE)
    rows = (
        qs.order_by()
        .values(group)
        .annotate(
            total=Count("pk"),
            rectified=Count("pk", filter=done),
            signed_off=Count("pk", filter=Q(status__in=[Item.Status.SIGNED_OFF, Item.Status.CONSOLIDATED])),
            consolidated=Count("pk", filter=Q(status=Item.Status.CONSOLIDATED)),
            overdue=Count("pk", filter=Q(status__in=Item.OPEN, deadline__lt=on)),
        )
        .order_by(group)
    )
    labels = dict(Item._meta.get_field("source_kind").flatchoices)
    out = []
    for r in rows:
        r["label"] = labels.get(r[group], r[group]) if group == "source_kind" else r[group]
        r["rate"] = round(r["rectified"] * 100 / r["total"], 1) if r["total"] else None
        out.append(r)
    return out


@provider
def overdue_items(user: User, on: dt.date) -> list[WorkItem]:
    """Open items near or past their deadline, for the responsible unit and the supervising office; items
    rectified and waiting for sign-off, for the supervising office."""
    out = []
    visible = access.scope(user, RectificationItem.objects.select_related("organization"))
    near = visible.filter(status__in=Item.OPEN, deadline__lte=on + dt.timedelta(days=DUE_WARNING_DAYS))
    for item in near.order_by("deadline", "pk"):
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
    waiting = visible.filter(status=Item.Status.RECTIFIED).order_by("rectified_on", "pk")
    for item in waiting:
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
    tasks = access.scope(user, Task.objects.select_related("lead_unit", "plan")).filter(
        completed_on__isnull=True, deadline__lte=on + dt.timedelta(days=DUE_WARNING_DAYS)
    )
    return [
        WorkItem(
            title=f"{t.plan.title}任务{t.number}应于{t.deadline:%Y年%m月%d日}前完成",
            category="任务分工台账",
            level=level_for(t.deadline, on, warn_days=DUE_WARNING_DAYS),
            due=t.deadline,
            url=reverse("oversight:task", args=[t.pk]),
            unit=t.lead_unit.name,
            detail=t.title[:80],
        )
        for t in tasks.order_by("deadline", "pk")
    ]
