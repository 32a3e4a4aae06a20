"""Reads the enforcement pages and API need for their choices: the district's active bodies and people (a clue may
concern another unit's body, a session trains officers of many units)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import Person, User

from .models import EnforcementBody


def _in_district(user: User, queryset: QuerySet, prefix: str) -> QuerySet:
    if access.policy_for(user) is None:
        return queryset.none()
    if user.organization is None:
        return queryset if access.scope_kind(user, queryset.model) == access.ALL else queryset.none()
    return queryset.filter(**{f"{prefix}path__startswith": f"/{user.organization.root_code}/"})


def district_bodies(user: User) -> QuerySet[EnforcementBody]:
    """The active enforcement bodies of the user's district (public information)."""
    active = EnforcementBody.objects.filter(status=EnforcementBody.Status.ACTIVE).select_related(
        "organization"
    )
    return _in_district(user, active, "organization__").order_by("organization__path", "name")


def district_people(user: User) -> QuerySet[Person]:
    """The active people of the user's district."""
    people = Person.objects.filter(is_active=True).select_related("organization")
    return _in_district(user, people, "organization__").order_by("organization__path", "name")
