"""Reads of enforcement bodies and their item lists, scoped through core.access; the district's bodies and people
the pages and the API offer as choices (core.access.in_district)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import Person, User

from ..models import EnforcementBody, EnforcementPower


def bodies_for(user: User, action: str = access.VIEW) -> QuerySet[EnforcementBody]:
    return access.scope(
        user, EnforcementBody.objects.select_related("organization", "supervision_organ"), action
    )


def powers_for(user: User) -> QuerySet[EnforcementPower]:
    return access.scope(user, EnforcementPower.objects.select_related("body"))


def public_bodies() -> QuerySet[EnforcementBody]:
    """The active bodies and their item lists, public without logging in."""
    return (
        EnforcementBody.objects.filter(status=EnforcementBody.Status.ACTIVE)
        .select_related("organization", "supervision_organ")
        .prefetch_related("powers")
    )


def public_powers() -> QuerySet[EnforcementPower]:
    """The items of the active bodies (行政执法事项清单), public without logging in."""
    return EnforcementPower.objects.filter(body__status=EnforcementBody.Status.ACTIVE).select_related(
        "body__organization", "body__supervision_organ"
    )


def district_bodies(user: User) -> QuerySet[EnforcementBody]:
    """The active enforcement bodies of the user's district (public information)."""
    active = EnforcementBody.objects.filter(status=EnforcementBody.Status.ACTIVE).select_related(
        "organization"
    )
    return access.in_district(user, active, "organization").order_by("organization__path", "name")


def district_people(user: User) -> QuerySet[Person]:
    """The active people of the user's district."""
    people = Person.objects.filter(is_active=True).select_related("organization")
    return access.in_district(user, people, "organization").order_by("organization__path", "name")


def bodies_of_unit(organization, *, active_only: bool = False) -> QuerySet[EnforcementBody]:
    """The enforcement bodies a unit has (for other workstreams naming the body a clue concerns)."""
    bodies = EnforcementBody.objects.filter(organization=organization)
    if active_only:
        bodies = bodies.filter(status=EnforcementBody.Status.ACTIVE)
    return bodies.order_by("pk")
