"""Reads of the opinions heard and hearings of a case, scoped through core.access."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import Hearing, HearingOpinion, ReconsiderationCase


def opinions_for(user: User, case: ReconsiderationCase) -> QuerySet[HearingOpinion]:
    return access.scope(user, HearingOpinion.objects.filter(case=case))


def hearings_for(user: User, case: ReconsiderationCase) -> QuerySet[Hearing]:
    return access.scope(user, Hearing.objects.filter(case=case))


def unheld_hearings(user: User, case: ReconsiderationCase) -> QuerySet[Hearing]:
    """Hearings of the case scheduled and not yet held (the 记录听证举行 form offers these)."""
    return hearings_for(user, case).filter(held_on__isnull=True)
