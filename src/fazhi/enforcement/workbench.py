"""The enforcement workstream's 工作台 items: certificates about to expire and clues near or past their due date."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import User
from fazhi.core.workbench import WorkItem, level_for, provider

from .rules.clues import DUE_WARNING_DAYS
from .selectors.certificates import EXPIRY_WARNING_DAYS, certificates_expiring
from .selectors.clues import clues_due


@provider
def certificate_expiry_warnings(user: User, on: dt.date) -> list[WorkItem]:
    """A warning before a certificate expires, for its body's unit and the enforcement supervisors."""
    return [
        WorkItem(
            title=f"{c.get_kind_display()}{c.number}（{c.person.name}）将于{c.valid_until}到期",
            category="执法证件",
            level=level_for(c.valid_until, on, warn_days=EXPIRY_WARNING_DAYS),
            due=c.valid_until,
            unit=c.body.organization.name,
            detail=f"执法主体：{c.body.name}",
        )
        for c in certificates_expiring(user, on, action=access.CHANGE)
    ]


@provider
def clue_due_warnings(user: User, on: dt.date) -> list[WorkItem]:
    """Clues near or past their due date, for the unit concerned and the enforcement supervisors."""
    return [
        WorkItem(
            title=f"{c}应于{c.due_on:%Y年%m月%d日}前办结",
            category="执法监督线索",
            level=level_for(c.due_on, on, warn_days=DUE_WARNING_DAYS),
            due=c.due_on,
            unit=c.organization.name,
            detail=c.due_explanation,
            url=reverse("enforcement:clue", args=[c.pk]),
        )
        for c in clues_due(user, on, action=access.CHANGE)
    ]
