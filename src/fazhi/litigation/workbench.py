"""工作台 items of 行政应诉: defence deadlines near or past, and effective judgments the agency has not yet performed."""

from __future__ import annotations

import datetime as dt

from django.urls import NoReverseMatch, reverse

from fazhi.core.models import User
from fazhi.core.workbench import PENDING, WorkItem, level_for, provider

from .rules import lawsuits as rules
from .selectors.lawsuits import defence_due, unperformed


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@provider
def litigation_warnings(user: User, on: dt.date) -> list[WorkItem]:
    """Defence deadlines near or past; effective judgments the agency has not yet performed."""
    items = [
        WorkItem(
            title=f"行政诉讼{s.case_number}应于{s.defence_due:%Y年%m月%d日}前提交答辩状及证据",
            category="行政应诉",
            level=level_for(s.defence_due, on, warn_days=rules.DUE_WARNING_DAYS),
            due=s.defence_due,
            url=_url("litigation:detail", s.pk),
            unit=s.responsible_department.name,
            detail=s.defence_explanation,
        )
        for s in defence_due(user, on)
    ]
    for s in unperformed(user):
        due = s.performance_due
        items.append(
            WorkItem(
                title=f"行政诉讼{s.case_number}的生效裁判尚未履行（{s.get_outcome_display()}）",
                category="行政应诉",
                level=level_for(due, on, warn_days=rules.DUE_WARNING_DAYS) if due else PENDING,
                due=due,
                url=_url("litigation:detail", s.pk),
                unit=s.responsible_department.name,
                detail=f"裁判于{s.effective_on:%Y年%m月%d日}生效"
                + (f"，履行期限{due:%Y年%m月%d日}" if due else "，请及时履行并登记履行情况"),
            )
        )
    return items
