"""The enforcement workstream's 工作台 items: certificates about to expire and clues near or past their due date.
Each opens the record's page; a certificate opens at its 补发、换发 form for those who may renew it."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import User
from fazhi.core.workbench import WorkItem, level_for, provider

from .rules.certificates import may_manage_certificates
from .rules.clues import DUE_WARNING_DAYS
from .selectors.certificates import EXPIRY_WARNING_DAYS, certificates_expiring
from .selectors.clues import clues_due


@provider
def certificate_expiry_warnings(user: User, on: dt.date) -> list[WorkItem]:
    """A warning before a certificate expires, for its body's unit and the enforcement supervisors; the Justice
    Bureau's item opens the certificate at its 补发、换发 form (换发 before it expires), a unit's item the certificate."""
    at = "#reissue" if may_manage_certificates(user) else ""
    return [
        WorkItem(
            title=f"{c.get_kind_display()}{c.number}（{c.person.name}）将于{c.valid_until:%Y年%m月%d日}到期",
            category="执法证件",
            level=level_for(c.valid_until, on, warn_days=EXPIRY_WARNING_DAYS),
            due=c.valid_until,
            unit=c.body.organization.name,
            detail=f"执法主体：{c.body.name}",
            url=reverse("enforcement:certificate", args=[c.pk]) + at,
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
