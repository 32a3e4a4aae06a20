"""Every change to a lawsuit and its hearings: keyword-only functions, actor first, each in one transaction; they
call the rules of rules/lawsuits.py, save and write the audit trail. Pages, admin, API, ledgers and the demo call
these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access, clock, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Person, User
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.selectors import SupervisionClue
from fazhi.enforcement.services import register_clue

from ..models import Hearing, Lawsuit
from ..rules import lawsuits as rules

# What a person fills in when registering or correcting a lawsuit (the page, admin, API and ledger use this list).
LAWSUIT_FIELDS = (
    "court",
    "case_number",
    "instance",
    "first_instance",
    "plaintiff_kind",
    "plaintiff_name",
    "plaintiff_id_number",
    "defendant",
    "responsible_department",
    "reconsideration",
    "cause",
    "contested_act",
    "filed_on",
    "served_on",
)
# Computed from the service date (第六十七条).
DEADLINE_FIELDS = ("defence_due", "defence_explanation")
# Set by the workflow's steps only: read-only in admin and the API, exported but ignored by the ledger.
WORKFLOW_FIELDS = (
    "defence_submitted_on",
    "status",
    "outcome",
    "judged_on",
    "judgment_summary",
    "judgment_served_on",
    "result",
    "must_perform",
    "head_requested_on",
    "appealed_on",
    "appellant",
    "effective_on",
    "performance_due",
    "performed_on",
    "performance_note",
)


def deadline_fields(served_on: dt.date | None) -> dict:
    """The defence deadline and how it was computed, from the date the complaint was served."""
    if served_on is None:
        raise ValidationError({"served_on": "请填写起诉状副本送达日期。"})
    deadline = rules.defence_deadline(served_on)
    return {"defence_due": deadline.due, "defence_explanation": deadline.explain()}


def _clean_text(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def _known(fields: dict, verb: str) -> dict:
    unknown = set(fields) - set(LAWSUIT_FIELDS)
    if unknown:
        raise ValidationError(
            f"以下字段由平台计算或由流程确定，不能直接{verb}：{'、'.join(sorted(unknown))}。"
        )
    return _clean_text(fields)


def register_lawsuit(*, actor: User, **fields: Any) -> Lawsuit:
    """收案: a lawsuit served on the agency, its defence deadline computed from the service date (第六十七条)."""
    fields = _known(fields, "填写")
    with transaction.atomic():
        # access first: a user refused the department learns nothing about the parties
        access.check_create(actor, Lawsuit, fields.get("responsible_department"))
        rules.validate_parties(
            actor,
            defendant=fields.get("defendant"),
            first_instance=fields.get("first_instance"),
            responsible_department=fields.get("responsible_department"),
        )
        rules.validate_reconsideration_case(actor, fields.get("reconsideration"))
        lawsuit = Lawsuit(**fields, **deadline_fields(fields.get("served_on")))
        return core_services.create_record(actor=actor, instance=lawsuit)


def update_lawsuit(*, actor: User, lawsuit: Lawsuit, **fields: Any) -> Lawsuit:
    """Correct what was registered; a new service date recomputes the defence deadline."""
    fields = _known(fields, "修改")
    with transaction.atomic():
        current = Lawsuit.objects.select_for_update().get(pk=lawsuit.pk)
        access.check(actor, current, access.CHANGE)
        changed = {k: v for k, v in fields.items() if v != getattr(current, k)}
        rules.validate_parties(
            actor,
            defendant=changed.get("defendant"),
            first_instance=changed.get("first_instance"),
            responsible_department=changed.get("responsible_department"),
        )
        if "reconsideration" in fields and fields["reconsideration"] != current.reconsideration:
            rules.validate_reconsideration_case(actor, fields["reconsideration"])
        if "served_on" in fields and fields["served_on"] != current.served_on:
            fields.update(deadline_fields(fields["served_on"]))
        return core_services.update_record(actor=actor, instance=current, data=fields)


def submit_defence(*, actor: User, lawsuit: Lawsuit, submitted_on: dt.date, note: str = "") -> Lawsuit:
    """待答辩 → 审理中: the defence, evidence and normative documents submitted to the court."""
    rules.validate_defence(submitted_on=submitted_on)
    return workflow.run_transition(
        actor=actor, instance=lawsuit, name="submit_defence", note=note, submitted_on=submitted_on
    )


def record_hearing(
    *,
    actor: User,
    lawsuit: Lawsuit,
    held_on: dt.date,
    head_appeared: bool,
    head: Person | None = None,
    absence_reason: str = "",
    explanation_sealed: bool = False,
    staff: str = "",
    lawyer: str = "",
    note: str = "",
) -> Hearing:
    """A court session and who appeared for the agency: the head, or the sealed explanation of the absence."""
    with transaction.atomic():
        lawsuit = Lawsuit.objects.select_for_update().get(pk=lawsuit.pk)
        access.check(actor, lawsuit, access.CHANGE)
        if not rules.may_record_hearing(lawsuit):
            raise ValidationError(f"案件处于“{lawsuit.get_status_display()}”状态，不能再登记开庭。")
        hearing = Hearing(
            lawsuit=lawsuit,
            held_on=held_on,
            head_appeared=head_appeared,
            head=head,
            absence_reason=(absence_reason or "").strip(),
            explanation_sealed=explanation_sealed,
            staff=(staff or "").strip(),
            lawyer=(lawyer or "").strip(),
            note=(note or "").strip(),
        )
        return core_services.create_record(actor=actor, instance=hearing)


HEARING_FIELDS = (
    "held_on",
    "head_appeared",
    "head",
    "absence_reason",
    "explanation_sealed",
    "staff",
    "lawyer",
    "note",
)


def update_hearing(*, actor: User, hearing: Hearing, **fields: Any) -> Hearing:
    """Correct a hearing recorded on the lawsuit page: the rules of validate_hearing hold (the model's clean), the
    head one of the defendant's people."""
    unknown = set(fields) - set(HEARING_FIELDS)
    if unknown:
        raise ValidationError(f"以下字段不能在开庭记录中修改：{'、'.join(sorted(unknown))}。")
    with transaction.atomic():
        current = Hearing.objects.select_for_update().select_related("lawsuit__defendant").get(pk=hearing.pk)
        access.check(actor, current, access.CHANGE)
        return core_services.update_record(actor=actor, instance=current, data=_clean_text(fields))


def record_judgment(
    *, actor: User, lawsuit: Lawsuit, outcome: str, judged_on: dt.date, summary: str = "", note: str = ""
) -> Lawsuit:
    """The judgment or ruling (判决、裁定、调解书) of this instance."""
    return workflow.run_transition(
        actor=actor,
        instance=lawsuit,
        name="record_judgment",
        note=note,
        outcome=outcome,
        judged_on=judged_on,
        summary=summary,
    )


def record_judgment_service(*, actor: User, lawsuit: Lawsuit, served_on: dt.date) -> Lawsuit:
    """The day the agency received the judgment or ruling (送达回证的签收日期; by post, the date on the receipt): the
    appeal period runs from it (行政诉讼法第八十五条; rules/clocks.py)."""
    with transaction.atomic():
        current = Lawsuit.objects.select_for_update().get(pk=lawsuit.pk)
        access.check(actor, current, access.CHANGE)
        if not current.outcome:
            raise ValidationError("尚未登记裁判结果，不能登记裁判文书送达。")
        rules.validate_judgment_served(current, served_on=served_on)
        return core_services.update_record(
            actor=actor, instance=current, data={"judgment_served_on": served_on}
        )


def record_head_request(*, actor: User, lawsuit: Lawsuit, requested_on: dt.date) -> Lawsuit:
    """The court's written request that the agency's head appear (法释〔2018〕1号第一百二十九条第一款)."""
    with transaction.atomic():
        current = Lawsuit.objects.select_for_update().get(pk=lawsuit.pk)
        access.check(actor, current, access.CHANGE)
        rules.validate_head_request(current, requested_on=requested_on)
        return core_services.update_record(
            actor=actor, instance=current, data={"head_requested_on": requested_on}
        )


def record_appeal(*, actor: User, lawsuit: Lawsuit, appealed_on: dt.date, appellant: str) -> Lawsuit:
    """已裁判 → 已上诉: the second instance is registered as a lawsuit of its own, linked to this one."""
    rules.validate_appeal(appealed_on=appealed_on, appellant=appellant)
    return workflow.run_transition(
        actor=actor, instance=lawsuit, name="appeal", appealed_on=appealed_on, appellant=appellant or ""
    )


def mark_effective(
    *, actor: User, lawsuit: Lawsuit, effective_on: dt.date, performance_due: dt.date | None = None
) -> Lawsuit:
    """The judgment takes effect: to be performed where it obliges the agency to act, otherwise closed."""
    current = Lawsuit.objects.get(pk=lawsuit.pk)
    rules.validate_effect(current, effective_on=effective_on, performance_due=performance_due)
    if current.must_perform:
        return workflow.run_transition(
            actor=actor,
            instance=lawsuit,
            name="take_effect",
            effective_on=effective_on,
            performance_due=performance_due,
        )
    return workflow.run_transition(actor=actor, instance=lawsuit, name="conclude", effective_on=effective_on)


def record_performance(*, actor: User, lawsuit: Lawsuit, performed_on: dt.date, note: str) -> Lawsuit:
    """已生效待履行 → 已结案: how and when the agency performed the effective judgment."""
    rules.validate_performance(performed_on=performed_on, performance_note=note)
    return workflow.run_transition(
        actor=actor, instance=lawsuit, name="perform", performed_on=performed_on, performance_note=note or ""
    )


def open_supervision_clue(*, actor: User, lawsuit: Lawsuit, received_on: dt.date | None = None):
    """A lost case becomes a supervision clue (执法监督线索, source 行政诉讼结果) about the responsible department,
    its origin the lawsuit (registered in clue_origins.py): the clue leads back to the lawsuit and
    enforcement.selectors.clue_for(lawsuit) finds the clue (one per lawsuit)."""
    received_on = received_on or clock.today()
    with transaction.atomic():
        lawsuit = Lawsuit.objects.select_for_update().get(pk=lawsuit.pk)
        access.check(actor, lawsuit, access.CHANGE)
        rules.validate_clue_received(received_on)
        rules.validate_supervision_clue(lawsuit)
        department = lawsuit.responsible_department
        bodies = list(enforcement_selectors.bodies_of_unit(department, active_only=True)[:2])
        clue = register_clue(
            actor=actor,
            source=SupervisionClue.Source.LITIGATION,
            received_on=received_on,
            organization=department,
            body=bodies[0] if len(bodies) == 1 else None,
            external_number=lawsuit.case_number,
            content=(
                f"行政诉讼败诉：{lawsuit.court}{lawsuit.case_number}，原告{lawsuit.plaintiff_name}诉{lawsuit.defendant}，"
                f"案由{lawsuit.cause}；{lawsuit.get_outcome_display()}"
                f"（{lawsuit.judged_on:%Y年%m月%d日}）。"
                + (f"裁判要旨：{lawsuit.judgment_summary}" if lawsuit.judgment_summary else "")
            ),
            category="行政诉讼败诉",
            origin=lawsuit,
        )
    return clue
