"""Reads of the activity ledger, scoped through core.access: lists by kind and year, how many different people, and
the namesakes a typed name may be."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat

from fazhi.core import access
from fazhi.core.models import AuditEvent, Organization, Person, User

from ..models import Activity, ActivityAttachment, ActivityKind, ActivityParticipant


def activities_for(user: User, action: str = access.VIEW) -> QuerySet[Activity]:
    return access.scope(
        user,
        Activity.objects.select_related("organization").prefetch_related("participants", "people"),
        action,
    )


def activity_rows(user: User, action: str = access.VIEW) -> QuerySet[Activity]:
    """activities_for() for the list: an activity with its unit; its people as the stored line of names
    (`people_names`, kept by the services and the ledger import with the participants), not fetched row by row."""
    return access.scope(user, Activity.objects.select_related("organization"), action)


def filtered(
    activities: QuerySet[Activity], *, kind: str | None = None, year: int | None = None
) -> QuerySet[Activity]:
    """The activities of one kind and/or year (an unknown kind is ignored)."""
    if kind in ActivityKind.values:
        activities = activities.filter(kind=kind)
    if year is not None:
        activities = activities.filter(held_on__year=year)
    return activities


def who() -> Coalesce:
    """Who a participant is, for counting different people: the Person's id, or "~" and the name typed as text."""
    return Coalesce(
        Cast("person_id", output_field=CharField()),
        Concat(Value("~"), "name", output_field=CharField()),
        output_field=CharField(),
    )


def distinct_people(participants: QuerySet[ActivityParticipant]) -> int:
    """How many different people: a Person once, a name typed as text once per name (one query)."""
    return participants.annotate(who=who()).values("who").distinct().count()


def years_of(activities: QuerySet[Activity]) -> list[int]:
    return sorted({d.year for d in activities.dates("held_on", "year")}, reverse=True)


def people_to_name(user: User) -> QuerySet[Person]:
    """The people a user may name in an activity: the active persons of the units the user may change."""
    units = access.organizations(user, access.CHANGE)
    return Person.objects.filter(organization__in=units, is_active=True).order_by(
        "organization__path", "name"
    )


def namesakes(organization: Organization | None, names: Sequence[str]) -> dict[str, list[Person]]:
    """The active persons of the activity's unit bearing one of `names`, by name (rules.resolve_participants links a
    typed name to its only namesake). Not scoped by the reader: the unit is the activity's own."""
    out: dict[str, list[Person]] = {}
    if organization is None or not names:
        return out
    for p in Person.objects.filter(organization=organization, is_active=True, name__in=list(names)).order_by(
        "pk"
    ):
        out.setdefault(p.name, []).append(p)
    return out


def namesakes_by_unit(organizations, names) -> dict[tuple[int, str], list[Person]]:
    """namesakes() for many units at once (the ledger import): (unit id, name) -> persons."""
    out: dict[tuple[int, str], list[Person]] = {}
    for p in Person.objects.filter(organization__in=organizations, name__in=names, is_active=True).order_by(
        "pk"
    ):
        out.setdefault((p.organization_id, p.name), []).append(p)
    return out


def deleted_attachments(activity: Activity) -> list[ActivityAttachment]:
    """The activity's attachments deleted since (each a bare record of its id), so its page's history shows their
    upload and deletion from the audit trail."""
    ids = AuditEvent.objects.filter(
        model_label=ActivityAttachment._meta.label_lower,
        action=AuditEvent.Action.DELETE,
        changes__activity_id__0=activity.pk,
    ).values_list("object_id", flat=True)
    return [ActivityAttachment(pk=int(pk)) for pk in ids]
