"""Reads of the lists: what was in force on a day (the database form of EffectiveDated.in_force_on), the public
lists without logging in, and the staff's lists scoped through core.access."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from fazhi.core import access
from fazhi.core.models import User

from .models import ListItem, ServiceItem


def in_force_on(queryset: QuerySet, day: dt.date) -> QuerySet:
    """The rows in force on `day`: added on or before it, not removed by it."""
    return queryset.filter(added_on__lte=day).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))


def public_items(catalog: str, day: dt.date) -> QuerySet[ListItem]:
    """The 证明事项清单 or 告知承诺制事项清单 as it stood on `day`, for the public."""
    qs = ListItem.objects.filter(catalog=catalog).select_related("organization")
    return in_force_on(qs, day).order_by("organization__path", "code")


def public_service_items(day: dt.date) -> QuerySet[ServiceItem]:
    qs = ServiceItem.objects.select_related("organization")
    return in_force_on(qs, day).order_by("organization__path", "code")


def items_for(user: User, catalog: str, action: str = access.VIEW) -> QuerySet[ListItem]:
    return access.scope(user, ListItem.objects.filter(catalog=catalog).select_related("organization"), action)


def service_items_for(user: User, action: str = access.VIEW) -> QuerySet[ServiceItem]:
    return access.scope(user, ServiceItem.objects.select_related("organization"), action)


def versions_of(model, *, code: str, catalog: str | None = None) -> QuerySet:
    qs = model.objects.filter(code=code)
    if catalog is not None:
        qs = qs.filter(catalog=catalog)
    return qs.order_by("added_on")
