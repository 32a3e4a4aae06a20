"""Reads of inspections, scoped through core.access: an inspection is seen by its organisers' scope and by the units
inspected (Inspection.participant_fields), its findings by whoever sees the inspection."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import Inspection, InspectionFinding, RectificationItem


def inspections_for(user: User, action: str = access.VIEW) -> QuerySet[Inspection]:
    return access.scope(user, Inspection.objects.all(), action).select_related("organization")


def findings_for(user: User, inspection: Inspection) -> QuerySet[InspectionFinding]:
    return access.scope(user, inspection.findings.select_related("organization"))


def findings_by_inspection(user: User, inspections) -> dict[int, list[InspectionFinding]]:
    """The findings the user may see of each of `inspections` (a page of them), in one query: findings_for of each."""
    rows = access.scope(
        user,
        InspectionFinding.objects.filter(inspection__in=[i.pk for i in inspections]).select_related(
            "organization"
        ),
    )
    found = defaultdict(list)
    for f in rows:
        found[f.inspection_id].append(f)
    return found


def item_ids_of(findings) -> dict[int, int]:
    """The id of each finding's rectification item (the first by deadline, as services.item_of), in one query."""
    ids = {}
    rows = RectificationItem.objects.filter(
        source_type=ContentType.objects.get_for_model(InspectionFinding),
        source_id__in=[f.pk for f in findings],
    ).order_by("deadline", "pk")
    for source_id, pk in rows.values_list("source_id", "pk"):
        ids.setdefault(source_id, pk)
    return ids


def finding(user: User, pk: int) -> InspectionFinding | None:
    """A finding the user may see (by its unit or its inspection's organisers), or None."""
    rows = access.scope(user, InspectionFinding.objects.select_related("inspection", "organization"))
    return rows.filter(pk=pk).first()


def may_register(user: User) -> bool:
    """Whether the user may register inspections at all (the list page offers the form)."""
    return access.scope_kind(user, Inspection, access.CHANGE) not in (access.NONE, access.ASSIGNED)
