"""Reads of enterprise contact points, scoped through core.access."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import ContactPoint


def contact_points_for(user: User, action: str = access.VIEW) -> QuerySet[ContactPoint]:
    return access.scope(user, ContactPoint.objects.select_related("organization"), action)


def active_on(points: QuerySet[ContactPoint], day: dt.date) -> QuerySet[ContactPoint]:
    """Points set up by `day` and not closed by then."""
    return points.filter(established_on__lte=day).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=day))
