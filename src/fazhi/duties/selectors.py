"""Reads of the activity ledger and the demonstration projects, always scoped through core.access: lists by kind and
year, and the figures of a year by kind for the page."""

from __future__ import annotations

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, Concat

from fazhi.core import access
from fazhi.core.models import User

from .models import Activity, ActivityParticipant, DemonstrationProject


def activities_for(user: User, action: str = access.VIEW) -> QuerySet[Activity]:
    return access.scope(
        user, Activity.objects.select_related("organization").prefetch_related("participants"), action
    )


def projects_for(user: User, action: str = access.VIEW) -> QuerySet[DemonstrationProject]:
    return access.scope(user, DemonstrationProject.objects.select_related("organization"), action)


def distinct_people(participants: QuerySet[ActivityParticipant]) -> int:
    """How many different people: a Person once, a name typed as text once per name (one query)."""
    key = Coalesce(
        Cast("person_id", output_field=CharField()),
        Concat(Value("~"), "name", output_field=CharField()),
        output_field=CharField(),
    )
    return participants.annotate(who=key).values("who").distinct().count()


def years_of(activities: QuerySet[Activity]) -> list[int]:
    return sorted({d.year for d in activities.dates("held_on", "year")}, reverse=True)
