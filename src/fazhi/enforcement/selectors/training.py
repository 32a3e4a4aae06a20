"""Reads of training sessions and attendance, scoped through core.access."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import TrainingAttendance, TrainingSession
from .counts import count_of


def sessions_for(user: User, action: str = access.VIEW) -> QuerySet[TrainingSession]:
    return access.scope(user, TrainingSession.objects.select_related("organization"), action)


def attendances_for(user: User, action: str = access.VIEW) -> QuerySet[TrainingAttendance]:
    return access.scope(
        user, TrainingAttendance.objects.select_related("session__organization", "person"), action
    )


def sessions_listed(user: User) -> QuerySet[TrainingSession]:
    """sessions_for with the number of people who attended each (`attended`), counted per session by a correlated
    subquery, not by grouping every session with its attendances: the list, its count and its year and unit choices
    then read the sessions alone, and PostgreSQL counts the attendances of the page's rows only (issue 19)."""
    attended = count_of(TrainingAttendance.objects.filter(session=OuterRef("pk")), "session")
    return sessions_for(user).annotate(attended=attended)
