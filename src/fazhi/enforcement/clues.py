"""Supervision clues (执法监督线索): registration with a computed handling deadline, handling steps and closing
with a result; the reads scoped through core.access, and the 工作台 warning of clues near or past their due date."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse

from fazhi.core import access, calendar, config, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User
from fazhi.core.workbench import WorkItem, level_for, provider

from .models import ClueStep, EnforcementBody, SupervisionClue

HANDLING_DAYS = config.define(
    "enforcement.clue_handling_days",
    name="执法监督线索办理期限（工作日）",
    default=15,
    help="自受理之日起（当日不计入）此数个工作日内办结执法监督线索。",
    basis="本地做法（未经核实），可按本地区12345热线工单和执法监督办理规定调整。",
)
HANDLING_RULE = "执法监督线索办理期限（本地规定，配置项 enforcement.clue_handling_days）"
DUE_WARNING_DAYS = 5


def handling_deadline(received_on: dt.date) -> calendar.Deadline:
    """The clue's due date: the configured number of working days after it was received."""
    return calendar.add_working_days(received_on, config.get(HANDLING_DAYS.key), rule=HANDLING_RULE)


# Services ------------------------------------------------------------------------------------------------------


def register_clue(
    *,
    actor: User,
    source: str,
    received_on: dt.date,
    organization: Organization,
    content: str,
    external_number: str = "",
    body: EnforcementBody | None = None,
    enterprise_related: bool = False,
    category: str = "",
) -> SupervisionClue:
    """登记: a clue for the unit concerned, its due date computed from the day it was received."""
    deadline = handling_deadline(received_on)
    clue = SupervisionClue(
        source=source,
        external_number=external_number.strip(),
        received_on=received_on,
        organization=organization,
        body=body,
        enterprise_related=enterprise_related,
        category=category,
        content=content,
        due_on=deadline.due,
        due_explanation=deadline.explain(),
    )
    return core_services.create_record(actor=actor, instance=clue)


def start_handling(*, actor: User, clue: SupervisionClue, note: str = "") -> SupervisionClue:
    """已登记 → 办理中."""
    return workflow.run_transition(actor=actor, instance=clue, name="start", note=note)


def add_step(*, actor: User, clue: SupervisionClue, on: dt.date, text: str) -> ClueStep:
    """A handling step of a clue being handled (办理中)."""
    with transaction.atomic():
        clue = SupervisionClue.objects.select_for_update().get(pk=clue.pk)
        access.check(actor, clue, access.CHANGE)
        if clue.status != SupervisionClue.Status.HANDLING:
            raise ValidationError(
                f"线索处于“{clue.get_status_display()}”状态，只有办理中的线索可以记录办理过程。"
            )
        if on < clue.received_on:
            raise ValidationError({"on": "办理日期不能早于线索受理日期。"})
        return core_services.create_record(actor=actor, instance=ClueStep(clue=clue, on=on, text=text))


def close_clue(
    *, actor: User, clue: SupervisionClue, result: str, handled_on: dt.date | None
) -> SupervisionClue:
    """办理中 → 已办结, with its result and the day it was closed."""
    return workflow.run_transition(
        actor=actor, instance=clue, name="close", result=(result or "").strip(), handled_on=handled_on
    )


def handle_demo_clue(actor: User, clue: SupervisionClue, today: dt.date) -> None:
    """For the demo district: a clue of a past year was handled within its period (ten days after receipt)."""
    handled_on = clue.received_on + dt.timedelta(days=10)
    if handled_on <= today and handled_on <= clue.due_on:
        start_handling(actor=actor, clue=clue, note="转执法主体核查")
        close_clue(
            actor=actor, clue=clue, result="已责成执法主体纠正，并约谈执法机构负责人。", handled_on=handled_on
        )


# Selectors -----------------------------------------------------------------------------------------------------


def clues_for(user: User, action: str = access.VIEW) -> QuerySet[SupervisionClue]:
    return access.scope(user, SupervisionClue.objects.select_related("organization", "body"), action)


def steps_for(user: User, clue: SupervisionClue) -> QuerySet[ClueStep]:
    return access.scope(user, ClueStep.objects.filter(clue=clue))


def open_clues(user: User, action: str = access.VIEW) -> QuerySet[SupervisionClue]:
    return clues_for(user, action).exclude(status=SupervisionClue.Status.CLOSED)


def clues_due(
    user: User, on: dt.date, within_days: int = DUE_WARNING_DAYS, action: str = access.VIEW
) -> QuerySet[SupervisionClue]:
    """Open clues due within `within_days` days of `on`, or already past due."""
    return (
        open_clues(user, action)
        .filter(due_on__lte=on + dt.timedelta(days=within_days))
        .order_by("due_on", "pk")
    )


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
