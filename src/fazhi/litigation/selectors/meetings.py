"""Reads of the liaison meetings, scoped through core.access."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import LiaisonMeeting


def meetings_for(user: User, action: str = access.VIEW) -> QuerySet[LiaisonMeeting]:
    return access.scope(user, LiaisonMeeting.objects.select_related("organization"), action)
