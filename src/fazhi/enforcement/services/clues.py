"""Every change to supervision clues (执法监督线索): registration with its computed due date, handling steps and
closing; keyword-only, actor first, one transaction, the rules of rules/clues.py, the audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from fazhi.core import access, clock, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from .. import origins
from ..models import ClueStep, EnforcementBody, SupervisionClue
from ..rules import clues as rules


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
    origin: models.Model | None = None,
) -> SupervisionClue:
    """登记: a clue for the unit concerned, its due date computed from the day it was received. `origin` is the
    record of another workstream it was opened from (registered in enforcement.origins, one clue per record)."""
    deadline = rules.handling_deadline(received_on)
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
    if origin is not None:
        rules.validate_clue_origin(clue, origin, origins.registration_of(origin))
        clue.origin = origin
    return core_services.create_record(actor=actor, instance=clue)


def take_hotline_order(
    *,
    actor: User,
    external_number: str,
    received_on: dt.date,
    organization: Organization,
    content: str,
    category: str = "",
    enterprise_related: bool = False,
    about_enforcement: bool = False,
) -> tuple[SupervisionClue | None, str]:
    """12345工单接入: a work order pushed by the hotline platform becomes a clue when it is within supervision's scope
    (rules.hotline_order_in_scope), once per order number — the same order again returns the clue already registered.
    Returns the clue (None when out of scope) and what happened: "created", "existing" or "out_of_scope"."""
    number = external_number.strip()
    if not number:
        raise ValidationError({"external_number": "请填写12345工单编号。"})
    existing = SupervisionClue.objects.filter(
        source=SupervisionClue.Source.HOTLINE, external_number=number
    ).first()
    if existing is not None:
        if not access.can(actor, existing):
            raise ValidationError({"external_number": f"工单编号“{number}”已由其他单位登记。"})
        return existing, "existing"
    if not rules.hotline_order_in_scope(category=category, about_enforcement=about_enforcement):
        return None, "out_of_scope"
    clue = register_clue(
        actor=actor,
        source=SupervisionClue.Source.HOTLINE,
        external_number=number,
        received_on=received_on,
        organization=organization,
        content=content,
        category=category,
        enterprise_related=enterprise_related,
    )
    return clue, "created"


def start_handling(
    *, actor: User, clue: SupervisionClue, note: str = "", on: dt.date | None = None
) -> SupervisionClue:
    """已登记 → 办理中. The note typed when starting is kept as the first handling step (dated `on`, today if not given), so it shows
    on the clue's page with the later steps."""
    note = (note or "").strip()
    with transaction.atomic():
        clue = workflow.run_transition(actor=actor, instance=clue, name="start", note=note)
        if note:
            core_services.create_record(
                actor=actor, instance=ClueStep(clue=clue, on=on or clock.today(), text=f"开始办理：{note}")
            )
    return clue


def add_step(*, actor: User, clue: SupervisionClue, on: dt.date, text: str) -> ClueStep:
    """A handling step of a clue being handled (办理中)."""
    with transaction.atomic():
        clue = SupervisionClue.objects.select_for_update().get(pk=clue.pk)
        access.check(actor, clue, access.CHANGE)
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
        start_handling(actor=actor, clue=clue, note="转执法主体核查", on=clue.received_on)
        close_clue(
            actor=actor, clue=clue, result="已责成执法主体纠正，并约谈执法机构负责人。", handled_on=handled_on
        )


def assign_clue(*, actor: User, clue: SupervisionClue, organization: Organization) -> SupervisionClue:
    """交办: a registered clue goes to the unit that will handle it (any unit that may handle clues, rules.may_handle_clues);
    refused once handling has started (rules.may_assign)."""
    with transaction.atomic():
        clue = SupervisionClue.objects.select_for_update().get(pk=clue.pk)
        if not rules.may_assign(clue):
            raise ValidationError(rules.NOT_ASSIGNABLE.format(state=clue.get_status_display()))
        return core_services.update_record(
            actor=actor, instance=clue, data={"organization": organization}, note="交办线索"
        )


CLUE_EDITABLE = ("body", "enterprise_related", "category", "content")


def update_clue(*, actor: User, clue: SupervisionClue, **fields: Any) -> SupervisionClue:
    """Change what a clue concerns (its body, category, content); source, number, dates and state stay."""
    data = {k: v for k, v in fields.items() if k in CLUE_EDITABLE}
    return core_services.update_record(actor=actor, instance=clue, data=data)
