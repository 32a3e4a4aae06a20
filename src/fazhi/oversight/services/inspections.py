"""Inspections: registering one with its organisers and inspected units, changing it, and recording its findings —
each finding opens its rectification item at once. The rules are in rules/inspections.py."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Max

from fazhi.core import access, audit
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Organization, User

from ..models import InspectedUnit, Inspection, InspectionFinding
from ..rules import inspections as rules
from ..rules import validate_units_in_district
from . import rectification


def create_inspection(
    *,
    actor: User,
    kind: str,
    title: str,
    held_on: dt.date,
    organization: Organization,
    co_organizers=(),
    units=(),
    summary: str = "",
) -> Inspection:
    """登记督察: the organising unit, those organising it jointly (a joint inspection) and the units inspected."""
    validate_units_in_district(actor, [organization], "organization")
    with transaction.atomic():
        inspection = core_services.create_record(
            actor=actor,
            instance=Inspection(
                kind=kind,
                title=(title or "").strip(),
                held_on=held_on,
                organization=organization,
                summary=summary,
            ),
        )
        set_organizers_and_units(actor=actor, inspection=inspection, co_organizers=co_organizers, units=units)
    return inspection


def update_inspection(*, actor: User, inspection: Inspection, **data) -> Inspection:
    """Change an inspection's kind, title, date, organiser or summary (the rules of validate_inspection hold)."""
    allowed = {"kind", "title", "held_on", "organization", "summary"}
    return core_services.update_record(
        actor=actor, instance=inspection, data={k: v for k, v in data.items() if k in allowed}
    )


def correct_inspection(
    *, actor: User, inspection: Inspection, co_organizers=None, units=None, **data
) -> Inspection:
    """更正督察 (its page and admin): kind, title, date, organiser and summary (update_inspection), and, when given,
    the joint organisers and the inspected units; a unit with a finding stays inspected (validate_units_kept)."""
    with transaction.atomic():
        current = Inspection.objects.select_for_update().get(pk=inspection.pk)
        access.check(actor, current, access.CHANGE)
        if "organization" in data:
            validate_units_in_district(actor, [data["organization"]], "organization")
        if units is not None:
            found_in = Organization.objects.filter(pk__in=current.findings.values("organization_id"))
            rules.validate_units_kept(list(found_in.order_by("path")), list(units))
        current = update_inspection(actor=actor, inspection=current, **data)
        if co_organizers is not None or units is not None:
            set_organizers_and_units(
                actor=actor,
                inspection=current,
                co_organizers=current.co_organizers.all() if co_organizers is None else co_organizers,
                units=[u.organization for u in current.inspected.all()] if units is None else units,
            )
    return current


def set_organizers_and_units(
    *, actor: User, inspection: Inspection, co_organizers=(), units=()
) -> Inspection:
    """Replace the joint organisers and the inspected units of an inspection."""
    validate_units_in_district(actor, list(co_organizers), "co_organizers")
    validate_units_in_district(actor, list(units), "units")
    with transaction.atomic():
        access.check(actor, inspection, access.CHANGE)
        co = [o for o in co_organizers if o.pk != inspection.organization_id]
        before = {
            "co_organizers": sorted(inspection.co_organizers.values_list("pk", flat=True)),
            "units": sorted(inspection.inspected.values_list("organization_id", flat=True)),
        }
        inspection.co_organizers.set(co)
        wanted = {o.pk for o in units}
        inspection.inspected.exclude(organization_id__in=wanted).delete()
        have = set(inspection.inspected.values_list("organization_id", flat=True))
        InspectedUnit.objects.bulk_create(
            [InspectedUnit(inspection=inspection, organization_id=pk) for pk in sorted(wanted - have)]
        )
        after = {"co_organizers": sorted(o.pk for o in co), "units": sorted(wanted)}
        changes = audit.diff(before, after)
        if changes:
            audit.record(actor=actor, action=AuditEvent.Action.UPDATE, instance=inspection, changes=changes)
    return inspection


def add_finding(
    *,
    actor: User,
    inspection: Inspection,
    organization: Organization,
    text: str,
    measures: str = "",
    deadline: dt.date | None = None,
    opened_on: dt.date | None = None,
) -> InspectionFinding:
    """记录督察发现的问题 and open its rectification item (交办 on the inspection's day unless said otherwise)."""
    with transaction.atomic():
        inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
        access.check(actor, inspection, access.CHANGE)
        number = (inspection.findings.aggregate(n=Max("number"))["n"] or 0) + 1
        finding = InspectionFinding(
            inspection=inspection, organization=organization, number=number, text=text
        )
        rules.validate_finding(
            finding, inspected=inspection.inspected.filter(organization=organization).exists()
        )
        core_services.validate(finding)
        finding.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=finding,
            changes=audit.diff({}, audit.snapshot(finding)),
        )
        rectification.open_item(
            actor=actor,
            source=finding,
            deadline=deadline,
            measures=measures,
            opened_on=opened_on or inspection.held_on,
        )
    return finding


def update_finding(*, actor: User, finding: InspectionFinding, text: str) -> InspectionFinding:
    """Change the text of a finding (its inspection and unit stay), by whoever may change the inspection."""
    rules.validate_finding_correction(actor, finding)
    probe = InspectionFinding(
        pk=finding.pk, inspection=finding.inspection, organization=finding.organization, text=text
    )
    rules.validate_finding(probe, inspected=True)
    return core_services.update_record(actor=actor, instance=finding, data={"text": text})
