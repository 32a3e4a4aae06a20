"""Reads of supervision clues and their steps, scoped through core.access: open clues and those near or past their
due date."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import ClueStep, SupervisionClue
from ..rules.clues import DUE_WARNING_DAYS


def clues_for(user: User, action: str = access.VIEW) -> QuerySet[SupervisionClue]:
    return access.scope(user, SupervisionClue.objects.select_related("organization", "body"), action)


def steps_for(user: User, clue: SupervisionClue) -> QuerySet[ClueStep]:
    return access.scope(user, ClueStep.objects.filter(clue=clue))


def open_clues(user: User, action: str = access.VIEW) -> QuerySet[SupervisionClue]:
    return clues_for(user, action).exclude(status=SupervisionClue.Status.CLOSED)


def clues_due(
    user: User, on: dt.date, within_days: int = DUE_WARNING_DAYS, action: str = access.VIEW
) -> QuerySet[SupervisionClue]:
    """Open clues due within `within_days` days of `on`, or already past due."""
    return (
        open_clues(user, action)
        .filter(due_on__lte=on + dt.timedelta(days=within_days))
        .order_by("due_on", "pk")
    )
