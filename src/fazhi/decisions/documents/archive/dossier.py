"""What the decision file shows, read once: the records of every procedure, the comments and opinions, the
attachments with their hash checked against storage, and the audit trail in words (core's history_rows)."""

from __future__ import annotations

import datetime as dt
import hashlib
import posixpath
from dataclasses import dataclass, field

from django.db import models

from fazhi.core import clock
from fazhi.core.web.pages import history_rows

from ...models import (
    PROCEDURE_MODELS,
    Decision,
    DecisionDocument,
    ExpertOpinion,
    Procedure,
    ProcedureRecord,
    PublicComment,
)


def folder_name(procedure: str) -> str:
    """The archive folder of a procedure: its statutory position and name, e.g. 01_公众参与."""
    position = list(Procedure).index(Procedure(procedure)) + 1
    return f"{position:02d}_{Procedure(procedure).label}"


@dataclass
class Attachment:
    document: DecisionDocument
    arcname: str
    sha256_now: str | None  # None: the file is missing from storage

    @property
    def intact(self) -> bool:
        return self.sha256_now == self.document.sha256


@dataclass
class AuditRow:
    seq: int
    time: str
    actor: str
    action: str
    record_kind: str
    record: str
    transition: str
    changes: str
    note: str
    source_ip: str
    hash: str


@dataclass
class DecisionFile:
    """Everything the archive shows, read once."""

    decision: Decision
    records: dict[str, ProcedureRecord | None]
    review: models.Model | None  # the review workstream's LegalityReview
    comments: list[PublicComment]
    opinions: list[ExpertOpinion]
    attachments: dict[str, list[Attachment]] = field(default_factory=dict)
    audit_rows: list[AuditRow] = field(default_factory=list)


# Reading -----------------------------------------------------------------------------------------------------


def collect(decision: Decision) -> DecisionFile:
    records: dict[str, ProcedureRecord | None] = {
        procedure: model.objects.filter(decision=decision).first()
        for procedure, model in PROCEDURE_MODELS.items()
    }
    participation = records[Procedure.PUBLIC_PARTICIPATION]
    argumentation = records[Procedure.EXPERT_ARGUMENTATION]
    comments = list(PublicComment.objects.filter(participation=participation)) if participation else []
    opinions = (
        list(ExpertOpinion.objects.filter(argumentation=argumentation).order_by("pk"))
        if argumentation
        else []
    )
    documents = list(
        DecisionDocument.objects.filter(decision=decision)
        .select_related("uploaded_by__person")
        .order_by("uploaded_at", "pk")
    )
    dossier = DecisionFile(
        decision=decision,
        records=records,
        review=decision.legality_review,
        comments=comments,
        opinions=opinions,
    )
    for procedure in Procedure:
        mine = [d for d in documents if d.procedure == procedure]
        dossier.attachments[procedure] = [
            Attachment(d, f"{folder_name(procedure)}/{n:02d}_{_original_name(d)}", _current_sha256(d))
            for n, d in enumerate(mine, start=1)
        ]
    related = [decision, *filter(None, records.values()), *comments, *opinions, *documents]
    if dossier.review is not None:
        related.append(dossier.review)
    dossier.audit_rows = _audit_rows(related)
    return dossier


def _original_name(document: DecisionDocument) -> str:
    # The name it was uploaded with; the stored one only for documents from before that was kept.
    stored = posixpath.basename(document.file.name.replace("\\", "/"))
    return posixpath.basename(document.original_name.replace("\\", "/")) or stored or f"{document.pk}"


def _current_sha256(document: DecisionDocument) -> str | None:
    """The file's hash as it is now, to show it unchanged since upload; None when the file is missing."""
    digest = hashlib.sha256()
    try:
        with document.file.open("rb") as f:
            for chunk in f.chunks():
                digest.update(chunk)
    except (FileNotFoundError, OSError):
        return None
    return digest.hexdigest()


# Audit rows --------------------------------------------------------------------------------------------------


def _audit_rows(instances: list[models.Model]) -> list[AuditRow]:
    """The audit events of the decision and its records in words: core's history_rows, values kept whole."""
    rows = []
    for row in history_rows(instances, parents=(Decision, ProcedureRecord), shorten=None):
        event = row.event
        rows.append(
            AuditRow(
                seq=event.seq,
                time=local_time(event.occurred_at),
                actor=event.actor_name or "系统",
                action=event.get_action_display(),
                record_kind=row.record_kind,
                record=event.object_repr,
                transition=event.transition,
                changes="\n".join(row.changes),
                note=event.note,
                source_ip=event.source_ip or "",
                hash=event.hash,
            )
        )
    return rows


def local_time(moment: dt.datetime) -> str:
    return moment.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")
