"""The 工作台 items of major decisions: decisions nearing their planned time, comment periods ending or past with
comments unanswered, and the yearly catalog still to publish."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.urls import NoReverseMatch, reverse

from fazhi.core import access, workbench
from fazhi.core.models import Role, User
from fazhi.core.workbench import DUE_SOON, OVERDUE, PENDING, Source, Work, WorkItem, level_for, provider

from .models import DecisionCatalog
from .selectors import UNDECIDED, decision_rows

S_PUBLIC_PARTICIPATION = "public_participation"


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@provider
def decision_deadlines(user: User, on: dt.date) -> Work:
    """Decisions nearing or past their planned time (a source, read a page at a time); comment periods ending,
    comments left unanswered and the yearly catalog (a short list: decisions in public participation only)."""
    items: list[WorkItem] = []
    mine = decision_rows(user, access.CHANGE)
    undecided = workbench.annotate(
        mine.filter(status__in=UNDECIDED, catalog_item__planned_by__lte=on + dt.timedelta(days=30)),
        on=on,
        due="catalog_item__planned_by",
        warn_days=30,
        title=workbench.text("重大行政决策“", F("title"), "”"),
        unit="organization__name",
        category="重大行政决策",
    )
    source = Source("重大行政决策", undecided, lambda d: _undecided_item(d, on), search=("title",))
    participating = (
        mine.select_related(None)
        .select_related("organization", "public_participation")
        .filter(status=S_PUBLIC_PARTICIPATION, public_participation__period_ends_on__isnull=False)
    ).annotate(
        unanswered=Count(
            "public_participation__comments",
            filter=Q(public_participation__comments__answered_on__isnull=True),
        )
    )
    for d in participating:
        end = d.public_participation.period_ends_on
        if end >= on and (end - on).days <= 5:
            items.append(
                WorkItem(
                    title=f"“{d.title}”征求意见将于{end:%m月%d日}截止",
                    category="重大行政决策",
                    level=DUE_SOON,
                    due=end,
                    url=_url("decisions:detail", d.pk),
                    unit=d.organization.name,
                )
            )
        elif end < on and d.unanswered:
            items.append(
                WorkItem(
                    title=f"“{d.title}”征求意见已截止，尚有{d.unanswered}条公众意见未反馈",
                    category="重大行政决策",
                    level=OVERDUE,
                    due=end,
                    url=_url("decisions:detail", d.pk),
                    unit=d.organization.name,
                )
            )
    if access.has_role(user, Role.JUSTICE_ADMIN) and user.organization is not None and on.month <= 3:
        roots = access.district_units(user).filter(parent__isnull=True)
        if not DecisionCatalog.objects.filter(
            year=on.year, organization__in=roots, status=DecisionCatalog.Status.PUBLISHED
        ).exists():
            items.append(
                WorkItem(
                    title=f"编制并公布{on.year}年度重大行政决策事项目录",
                    category="重大行政决策",
                    level=PENDING,
                    due=dt.date(on.year, 3, 31),
                    url=_url("decisions:catalogs"),
                    detail="重大行政决策程序暂行条例第三条：决策机关应当根据实际编制决策事项目录并向社会公布。",
                )
            )
    return Work(items=items, sources=[source])


def _undecided_item(d, on: dt.date) -> WorkItem:
    due = d.catalog_item.planned_by
    return WorkItem(
        title=f"重大行政决策“{d.title}”应于{d.catalog_item.planned_time}前作出决定",
        category="重大行政决策",
        level=level_for(due, on, warn_days=30),
        due=due,
        url=_url("decisions:detail", d.pk),
        unit=d.organization.name,
        detail=f"当前环节：{d.get_status_display()}",
    )
