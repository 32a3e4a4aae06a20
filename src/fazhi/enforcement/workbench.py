"""The enforcement workstream's 工作台 items: certificates about to expire and clues near or past their due date, each
a source read a page at a time (core.workbench). Each opens the record's page; a certificate opens at its 补发、换发
form for those who may renew it."""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, F, When
from django.urls import reverse

from fazhi.core import access, workbench
from fazhi.core.models import User
from fazhi.core.workbench import Source, Work, WorkItem, level_for, provider

from .models import Certificate, SupervisionClue
from .rules.certificates import may_manage_certificates
from .rules.clues import DUE_WARNING_DAYS
from .selectors.certificates import EXPIRY_WARNING_DAYS, certificates_expiring
from .selectors.clues import clues_due


@provider
def certificate_expiry_warnings(user: User, on: dt.date) -> Work:
    """A warning before a certificate expires, for its body's unit and the enforcement supervisors; the Justice
    Bureau's item opens the certificate at its 补发、换发 form (换发 before it expires), a unit's item the certificate."""
    at = "#reissue" if may_manage_certificates(user) else ""
    rows = workbench.annotate(
        certificates_expiring(user, on, action=access.CHANGE),
        on=on,
        due="valid_until",
        warn_days=EXPIRY_WARNING_DAYS,
        title=workbench.text(workbench.label("kind", Certificate.Kind.choices), F("number")),
        unit="body__organization__name",
        category="执法证件",
    )
    return Work(
        sources=[
            Source(
                "执法证件",
                rows,
                lambda c: _certificate_item(c, on, at),
                search=("number", "person__name", "body__name"),
            )
        ]
    )


def _certificate_item(c, on: dt.date, at: str) -> WorkItem:
    return WorkItem(
        title=f"{c.get_kind_display()}{c.number}（{c.person.name}）将于{c.valid_until:%Y年%m月%d日}到期",
        category="执法证件",
        level=level_for(c.valid_until, on, warn_days=EXPIRY_WARNING_DAYS),
        due=c.valid_until,
        unit=c.body.organization.name,
        detail=f"执法主体：{c.body.name}",
        url=reverse("enforcement:certificate", args=[c.pk]) + at,
    )


@provider
def clue_due_warnings(user: User, on: dt.date) -> Work:
    """Clues near or past their due date, for the unit concerned and the enforcement supervisors."""
    number = Case(
        When(external_number="", then=workbench.text("#", workbench.pk_text())),
        default=F("external_number"),
    )
    rows = workbench.annotate(
        clues_due(user, on, action=access.CHANGE),
        on=on,
        due="due_on",
        warn_days=DUE_WARNING_DAYS,
        title=workbench.text(workbench.label("source", SupervisionClue.Source.choices), "线索", number),
        unit="organization__name",
        category="执法监督线索",
    )
    return Work(
        sources=[Source("执法监督线索", rows, lambda c: _clue_item(c, on), search=("external_number",))]
    )


def _clue_item(c, on: dt.date) -> WorkItem:
    return WorkItem(
        title=f"{c}应于{c.due_on:%Y年%m月%d日}前办结",
        category="执法监督线索",
        level=level_for(c.due_on, on, warn_days=DUE_WARNING_DAYS),
        due=c.due_on,
        unit=c.organization.name,
        detail=c.due_explanation,
        url=reverse("enforcement:clue", args=[c.pk]),
    )
