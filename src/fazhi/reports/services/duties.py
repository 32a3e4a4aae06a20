"""The report's duties: recording a submission or the publication of an issued report with its date, and the
office's statement on a workstream without records. Keyword-only, access checked, atomic, audited."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access, audit
from fazhi.core.models import AuditEvent, Organization, User

from ..models import IssuedReport, Submission, WorkstreamStatement
from ..rules import duties as rules
from ..rules.annual import validate_year
from ..selectors import draft


def record_submission(
    *,
    actor: User,
    organization: Organization,
    year: int,
    kind: str,
    done_on: dt.date,
    reference: str = "",
) -> Submission:
    """Record that the unit's issued report of `year` was submitted (or published) on `done_on`."""
    validate_year(year)
    access.check_create(actor, Submission, organization)
    issued = IssuedReport.objects.filter(organization=organization, year=year).first()
    rules.validate_submission(
        organization=organization,
        year=year,
        kind=kind,
        done_on=done_on,
        issued_on=issued.issued_on if issued else None,
    )
    with transaction.atomic():
        submission = Submission(
            organization=organization,
            year=year,
            kind=kind,
            done_on=done_on,
            reference=reference.strip(),
            recorded_by=actor,
        )
        submission.full_clean()
        submission.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=submission,
            changes=audit.diff({}, audit.snapshot(submission)),
            note=submission.get_kind_display(),
        )
    return submission


def state_workstream(
    *, actor: User, organization: Organization, year: int, workstream: str, kind: str, note: str = ""
) -> WorkstreamStatement:
    """Say whether a workstream without figures for the year really had none or is not recorded on the platform."""
    validate_year(year)
    rules.validate_statement(kind, workstream, set(draft.workstreams()))
    if IssuedReport.objects.filter(organization=organization, year=year).exists():
        raise ValidationError(f"{organization}{year}年度报告已印发，不能再修改说明。")
    with transaction.atomic():
        current = (
            WorkstreamStatement.objects.select_for_update()
            .filter(organization=organization, year=year, workstream=workstream)
            .first()
        )
        if current is None:
            access.check_create(actor, WorkstreamStatement, organization)
            current = WorkstreamStatement(
                organization=organization, year=year, workstream=workstream, recorded_by=actor
            )
            before = {}
            action = AuditEvent.Action.CREATE
        else:
            access.check(actor, current, access.CHANGE)
            before = audit.snapshot(current)
            action = AuditEvent.Action.UPDATE
        current.kind, current.note, current.recorded_by = kind, note.strip(), actor
        current.full_clean()
        current.save()
        changes = audit.diff(before, audit.snapshot(current))
        changes.pop("recorded_at", None)
        audit.record(actor=actor, action=action, instance=current, changes=changes)
    return current
