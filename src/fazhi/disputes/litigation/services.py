"""Every change to lawsuits and liaison meetings: keyword-only functions that check access and the rules, save and
write the audit trail in one transaction. Pages, admin, API, ledgers and the demo call these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access, clock, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person, User

from . import rules
from .models import Hearing, Lawsuit, LiaisonMeeting

# What a person fills in when registering or correcting a lawsuit; the rest is computed or set by transitions.
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


def _deadline_fields(served_on: dt.date | None) -> dict:
    if served_on is None:
        raise ValidationError({"served_on": "请填写起诉状副本送达日期。"})
    deadline = rules.defence_deadline(served_on)
    return {"defence_due": deadline.due, "defence_explanation": deadline.explain()}


def _clean_text(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def register_lawsuit(*, actor: User, **fields: Any) -> Lawsuit:
    """收案: a lawsuit served on the agency, its defence deadline computed from the service date (第六十七条)."""
    unknown = set(fields) - set(LAWSUIT_FIELDS)
    if unknown:
        raise ValidationError(f"以下字段由平台计算或由流程确定，不能直接填写：{'、'.join(sorted(unknown))}。")
    fields = _clean_text(fields)
    lawsuit = Lawsuit(**fields, **_deadline_fields(fields.get("served_on")))
    return core_services.create_record(actor=actor, instance=lawsuit)


def update_lawsuit(*, actor: User, lawsuit: Lawsuit, **fields: Any) -> Lawsuit:
    """Correct what was registered; a new service date recomputes the defence deadline."""
    unknown = set(fields) - set(LAWSUIT_FIELDS)
    if unknown:
        raise ValidationError(f"以下字段由平台计算或由流程确定，不能直接修改：{'、'.join(sorted(unknown))}。")
    fields = _clean_text(fields)
    current = Lawsuit.objects.get(pk=lawsuit.pk)
    if "served_on" in fields and fields["served_on"] != current.served_on:
        fields.update(_deadline_fields(fields["served_on"]))
    return core_services.update_record(actor=actor, instance=current, data=fields)


def submit_defence(*, actor: User, lawsuit: Lawsuit, submitted_on: dt.date, note: str = "") -> Lawsuit:
    """待答辩 → 审理中: the defence, evidence and normative documents submitted to the court."""
    if submitted_on is None:
        raise ValidationError({"defence_submitted_on": "请填写提交答辩日期。"})
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
        if lawsuit.status not in (Lawsuit.Status.SERVED, Lawsuit.Status.DEFENDED):
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


def record_appeal(*, actor: User, lawsuit: Lawsuit, appealed_on: dt.date, appellant: str) -> Lawsuit:
    """已裁判 → 已上诉: the second instance is registered as a lawsuit of its own, linked to this one."""
    if appealed_on is None:
        raise ValidationError({"appealed_on": "请填写上诉日期。"})
    return workflow.run_transition(
        actor=actor, instance=lawsuit, name="appeal", appealed_on=appealed_on, appellant=appellant or ""
    )


def mark_effective(
    *, actor: User, lawsuit: Lawsuit, effective_on: dt.date, performance_due: dt.date | None = None
) -> Lawsuit:
    """The judgment takes effect: to be performed where it obliges the agency to act, otherwise closed."""
    if effective_on is None:
        raise ValidationError({"effective_on": "请填写生效日期。"})
    current = Lawsuit.objects.get(pk=lawsuit.pk)
    if current.outcome in rules.PERFORMANCE_OUTCOMES:
        if performance_due and performance_due < effective_on:
            raise ValidationError({"performance_due": "履行期限不能早于生效日期。"})
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
    if performed_on is None:
        raise ValidationError({"performed_on": "请填写履行日期。"})
    return workflow.run_transition(
        actor=actor, instance=lawsuit, name="perform", performed_on=performed_on, performance_note=note or ""
    )


def open_supervision_clue(*, actor: User, lawsuit: Lawsuit, received_on: dt.date | None = None):
    """A lost case becomes a supervision clue (执法监督线索, source 行政诉讼结果) about the responsible department;
    the lawsuit keeps the clue and the clue leads back to the lawsuit."""
    from fazhi.enforcement.models import EnforcementBody, SupervisionClue
    from fazhi.enforcement.services import register_clue

    with transaction.atomic():
        lawsuit = Lawsuit.objects.select_for_update().get(pk=lawsuit.pk)
        access.check(actor, lawsuit, access.CHANGE)
        if not lawsuit.lost:
            raise ValidationError("只有行政机关败诉的案件可以转为执法监督线索。")
        if lawsuit.supervision_clue_id:
            raise ValidationError(f"该案已转为执法监督线索（{lawsuit.supervision_clue}）。")
        department = lawsuit.responsible_department
        bodies = list(
            EnforcementBody.objects.filter(organization=department, status=EnforcementBody.Status.ACTIVE)[:2]
        )
        clue = register_clue(
            actor=actor,
            source=SupervisionClue.Source.LITIGATION,
            received_on=received_on or clock.today(),
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
        )
        core_services.update_record(
            actor=actor, instance=lawsuit, data={"supervision_clue": clue}, note="败诉案件转执法监督线索"
        )
    return clue


# Liaison meetings ---------------------------------------------------------------------------------------------

MEETING_FIELDS = ("held_on", "kind", "title", "organization", "participants", "topics", "outcomes")


def record_meeting(
    *,
    actor: User,
    held_on: dt.date,
    kind: str,
    title: str,
    organization: Organization,
    participants: str,
    topics: str,
    outcomes: str = "",
) -> LiaisonMeeting:
    """A meeting with the court or the procuratorate on administrative disputes."""
    meeting = LiaisonMeeting(
        **_clean_text(
            {
                "held_on": held_on,
                "kind": kind,
                "title": title,
                "organization": organization,
                "participants": participants,
                "topics": topics,
                "outcomes": outcomes,
            }
        )
    )
    return core_services.create_record(actor=actor, instance=meeting)


def update_meeting(*, actor: User, meeting: LiaisonMeeting, **fields: Any) -> LiaisonMeeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}。")
    return core_services.update_record(actor=actor, instance=meeting, data=_clean_text(fields))
