"""Reads of legal advisors, their attendances and reviews, scoped through core.access (an advisor sees the work
assigned to them)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import AdvisorAttendance, AdvisorReview, LegalAdvisor


def advisors_for(user: User) -> QuerySet[LegalAdvisor]:
    return access.scope(user, LegalAdvisor.objects.prefetch_related("units_served"))


def attendances_for(user: User) -> QuerySet[AdvisorAttendance]:
    return access.scope(user, AdvisorAttendance.objects.select_related("advisor", "organization"))


def advisor_reviews_for(user: User) -> QuerySet[AdvisorReview]:
    return access.scope(user, AdvisorReview.objects.select_related("advisor", "organization"))
