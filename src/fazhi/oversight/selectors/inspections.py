"""Reads of inspections, scoped through core.access: an inspection is seen by its organisers' scope and by the units
inspected (Inspection.participant_fields), its findings by whoever sees the inspection."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import Inspection, InspectionFinding


def inspections_for(user: User, action: str = access.VIEW) -> QuerySet[Inspection]:
    return access.scope(user, Inspection.objects.all(), action).select_related("organization")


def findings_for(user: User, inspection: Inspection) -> QuerySet[InspectionFinding]:
    return access.scope(user, inspection.findings.select_related("organization"))


def finding(user: User, pk: int) -> InspectionFinding | None:
    """A finding the user may see (by its unit or its inspection's organisers), or None."""
    rows = access.scope(user, InspectionFinding.objects.select_related("inspection", "organization"))
    return rows.filter(pk=pk).first()


def may_register(user: User) -> bool:
    """Whether the user may register inspections at all (the list page offers the form)."""
    return access.scope_kind(user, Inspection, access.CHANGE) not in (access.NONE, access.ASSIGNED)
