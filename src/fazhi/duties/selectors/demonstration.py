"""Reads of the demonstration projects, scoped through core.access."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import DemonstrationProject


def projects_for(user: User, action: str = access.VIEW) -> QuerySet[DemonstrationProject]:
    return access.scope(user, DemonstrationProject.objects.select_related("organization"), action)
