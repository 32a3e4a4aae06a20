"""Writes of the decision file's documents: each upload hashed, named and audited through core.io.attachments."""

from __future__ import annotations

from django.core.files.base import File
from django.db import transaction

from fazhi.core import access, audit
from fazhi.core.io import attachments
from fazhi.core.models import AuditEvent, User

from .. import rules
from ..models import Decision, DecisionDocument


def attach_document(
    *, actor: User, decision: Decision, procedure: str, title: str, file: File
) -> DecisionDocument:
    """Attach a document to a step; its SHA-256 is kept so the archive can show it is unchanged."""
    with transaction.atomic():
        access.check(actor, decision, access.CHANGE)
        rules.validate_decision_open(decision, "增加文件")
        rules.validate_document_procedure(procedure)
        document = DecisionDocument(decision=decision, procedure=procedure, title=title or "")
        attachments.prepare(actor=actor, attachment=document, file=file)
        document.file.save(document.original_name, file, save=False)
        document.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=document,
            changes=audit.diff({}, audit.snapshot(document)),
        )
    return document
