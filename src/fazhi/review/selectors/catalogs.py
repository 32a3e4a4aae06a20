"""Reads of review catalogs and the matters counted against them, scoped through core.access."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import Matter, ReviewCatalog


def catalogs_for(user: User, action: str = access.VIEW) -> QuerySet[ReviewCatalog]:
    return access.scope(
        user, ReviewCatalog.objects.select_related("organization").prefetch_related("entries"), action
    )


def matters_for(user: User, action: str = access.VIEW) -> QuerySet[Matter]:
    return access.scope(user, Matter.objects.select_related("organization", "legality_review"), action)
