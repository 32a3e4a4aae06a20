"""Writes of a decision and its procedures: register, fill in each procedure's record, comments and expert
opinions, send to the legality review, and take the transitions. Every rule comes from decisions.rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access, audit, workflow
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Organization, User
from fazhi.review import services as review_services

from .. import rules
from ..models import (
    PROCEDURE_MODELS,
    CatalogItem,
    CollectiveDiscussion,
    Decision,
    ExpertOpinion,
    Procedure,
    PublicComment,
    PublicParticipation,
)

# The review workstream's subject kind of a major decision (review.models.SubjectKind.MAJOR_DECISION).
MAJOR_DECISION = "major_decision"


def register_decision(
    *,
    actor: User,
    title: str,
    organization: Organization,
    decision_body: Organization,
    registered_on: dt.date,
    catalog_item: CatalogItem | None = None,
    outside_catalog_reason: str = "",
    summary: str = "",
) -> Decision:
    """Register a decision with an empty record for each procedure. One outside the catalog needs its reason."""
    with transaction.atomic():
        if catalog_item is not None:
            rules.validate_catalog_item_for_registration(
                catalog_item, organization=organization, decision_body=decision_body
            )
        rules.validate_decision_body(actor, decision_body)
        decision = core_services.create_record(
            actor=actor,
            instance=Decision(
                title=title,
                organization=organization,
                decision_body=decision_body,
                registered_on=registered_on,
                catalog_item=catalog_item,
                outside_catalog_reason=outside_catalog_reason,
                summary=summary,
            ),
        )
        records = [model.objects.create(decision=decision) for model in PROCEDURE_MODELS.values()]
        audit.append(
            actor=actor,
            entries=[
                audit.Entry(AuditEvent.Action.CREATE, r, audit.diff({}, audit.snapshot(r))) for r in records
            ],
        )
    return decision


def update_decision(*, actor: User, decision: Decision, **fields: Any) -> Decision:
    """Correct what was registered (title, summary, units, catalog item) while the decision is open."""
    with transaction.atomic():
        current = Decision.objects.select_related("catalog_item__catalog").get(pk=decision.pk)
        rules.validate_decision_open(current)
        body = fields.get("decision_body", current.decision_body)
        if body != current.decision_body:
            rules.validate_decision_body(actor, body)
        item = fields.get("catalog_item", current.catalog_item)
        if item is not None and item != current.catalog_item:
            rules.validate_catalog_item_for_registration(
                item, organization=fields.get("organization", current.organization), decision_body=body
            )
        return core_services.update_record(actor=actor, instance=decision, data=fields)


def advance(*, actor: User, decision: Decision, transition: str, note: str = "", **kwargs: Any) -> Decision:
    """Take a named transition (start, finish_public_participation, …, archive, terminate)."""
    return workflow.run_transition(actor=actor, instance=decision, name=transition, note=note, **kwargs)


def procedure_record(decision: Decision, procedure: str):
    try:
        model = PROCEDURE_MODELS[procedure]
    except KeyError as exc:
        raise ValidationError(f"程序“{procedure}”没有单独的记录。") from exc
    return model.objects.get(decision=decision)


def record_procedure(*, actor: User, decision: Decision, procedure: str, **fields: Any):
    """Fill in a procedure's record (dates, outcome, or not applicable with its reason). The comment period's end is
    computed by the statutory calendar, never typed."""
    with transaction.atomic():
        record = procedure_record(decision, procedure)
        rules.validate_decision_open(decision, "修改程序记录")
        rules.validate_procedure_fields(fields)
        if isinstance(record, CollectiveDiscussion):
            rules.validate_collective_discussion_date(
                decision, fields.get("completed_on") or fields.get("started_on")
            )
        if isinstance(record, PublicParticipation):
            started = fields.get("started_on", record.started_on)
            days = fields.get("period_days", record.period_days)
            if started and days:
                deadline = rules.comment_period_end(started, days)
                fields["period_ends_on"] = deadline.due
                fields["period_explanation"] = deadline.explain()
            elif record.period_ends_on is not None:
                fields["period_ends_on"], fields["period_explanation"] = None, ""
        return core_services.update_record(actor=actor, instance=record, data=fields)


def add_public_comment(
    *, actor: User, decision: Decision, received_on: dt.date, content: str, commenter: str = ""
) -> PublicComment:
    with transaction.atomic():
        rules.validate_decision_open(decision)
        participation = procedure_record(decision, Procedure.PUBLIC_PARTICIPATION)
        if not participation.applicable:
            raise ValidationError("该决策的公众参与已标为不适用，不能登记公众意见。")
        comment = PublicComment(
            participation=participation, received_on=received_on, content=content, commenter=commenter
        )
        return core_services.create_record(actor=actor, instance=comment)


def answer_comment(
    *, actor: User, comment: PublicComment, response: str, adopted: bool | None, answered_on: dt.date
) -> PublicComment:
    return _write_answer(
        actor, comment, {"response": response, "adopted": adopted, "answered_on": answered_on}
    )


def correct_comment_answer(
    *, actor: User, comment: PublicComment, response: str, adopted: bool | None, answered_on: dt.date
) -> PublicComment:
    """更正 the answer given to a comment (采纳情况及理由, adopted, date) while its decision is open; the audit event
    keeps the answer it replaces, so the decision's history shows both."""
    answer = {"response": response, "adopted": adopted, "answered_on": answered_on}
    return _write_answer(actor, comment, answer, correcting=True)


def _write_answer(
    actor: User, comment: PublicComment, answer: dict, correcting: bool = False
) -> PublicComment:
    """Answer a comment, or correct its answer (only an answered one), while its decision is open."""
    with transaction.atomic():
        rules.validate_decision_open(comment.participation.decision)
        if correcting:
            rules.validate_answer_to_correct(comment)
        if not (answer["response"] or "").strip():
            raise ValidationError({"response": "请写明采纳情况及理由。"})
        note = "更正公众意见的采纳情况及理由" if correcting else ""
        return core_services.update_record(actor=actor, instance=comment, data=answer, note=note)


def update_public_comment(*, actor: User, comment: PublicComment, **fields: Any) -> PublicComment:
    """Correct a comment as received (date, commenter, content) while its decision is open."""
    with transaction.atomic():
        rules.validate_decision_open(comment.participation.decision)
        return core_services.update_record(actor=actor, instance=comment, data=fields)


def add_expert_opinion(
    *,
    actor: User,
    decision: Decision,
    expert_name: str,
    opinion: str,
    expert_title: str = "",
    adopted: bool | None = None,
) -> ExpertOpinion:
    with transaction.atomic():
        rules.validate_decision_open(decision)
        argumentation = procedure_record(decision, Procedure.EXPERT_ARGUMENTATION)
        return core_services.create_record(
            actor=actor,
            instance=ExpertOpinion(
                argumentation=argumentation,
                expert_name=expert_name,
                expert_title=expert_title,
                opinion=opinion,
                adopted=adopted,
            ),
        )


def update_expert_opinion(*, actor: User, expert_opinion: ExpertOpinion, **fields: Any) -> ExpertOpinion:
    """Correct an expert opinion as recorded while its decision is open (`expert_opinion`: its field is `opinion`)."""
    with transaction.atomic():
        rules.validate_decision_open(expert_opinion.argumentation.decision)
        return core_services.update_record(actor=actor, instance=expert_opinion, data=fields)


def request_legality_review(*, actor: User, decision: Decision, submitted_on: dt.date):
    """Send the draft to the legality review (the review workstream's record, not a copy of it)."""
    with transaction.atomic():
        access.check(actor, decision, access.CHANGE)
        rules.validate_review_request(decision, submitted_on)
        review = review_services.submit_review(
            actor=actor,
            title=decision.title,
            subject_kind=MAJOR_DECISION,
            organization=decision.organization,
            submitted_on=submitted_on,
            text=decision.summary or f"重大行政决策草案：{decision.title}（送审文本见决策文件）",
        )
        core_services.update_record(actor=actor, instance=decision, data={"legality_review": review})
    return review
