"""Reads of legal advisors, their attendances and reviews, scoped through core.access (an advisor sees the work
assigned to them)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import Role, User

from ..models import AdvisorAttendance, AdvisorReview, LegalAdvisor


def advisors_for(user: User) -> QuerySet[LegalAdvisor]:
    return access.scope(user, LegalAdvisor.objects.prefetch_related("units_served"))


def attendances_for(user: User) -> QuerySet[AdvisorAttendance]:
    return access.scope(user, AdvisorAttendance.objects.select_related("advisor", "organization"))


def advisor_reviews_for(user: User) -> QuerySet[AdvisorReview]:
    return access.scope(user, AdvisorReview.objects.select_related("advisor", "organization"))


def advisor_logins_for(user: User) -> QuerySet[User]:
    """Logins of legal advisors the user may see, for linking an advisor of the directory to its login."""
    return access.scope(
        user, User.objects.filter(role=Role.LEGAL_ADVISOR, is_active=True).select_related("person")
    )


def may_register_advisor(user: User) -> bool:
    """Whether the user may add advisors to the directory (a unit's clerks and the Justice Bureau; not advisors or
    leaders)."""
    return access.scope_kind(user, LegalAdvisor, access.CHANGE) not in (access.NONE, access.ASSIGNED)
