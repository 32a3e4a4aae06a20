"""Reads of training sessions and attendance, scoped through core.access."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import TrainingAttendance, TrainingSession


def sessions_for(user: User, action: str = access.VIEW) -> QuerySet[TrainingSession]:
    return access.scope(user, TrainingSession.objects.select_related("organization"), action)


def attendances_for(user: User, action: str = access.VIEW) -> QuerySet[TrainingAttendance]:
    return access.scope(
        user, TrainingAttendance.objects.select_related("session__organization", "person"), action
    )
