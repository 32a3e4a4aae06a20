"""Reads of legality reviews, scoped through core.access: a user's reviews, the ones waiting at a level the user must act
on, the advisors a review may be assigned to and the Justice Bureau that signs its letter."""

from __future__ import annotations

from django.db.models import Case, Q, QuerySet

from fazhi.core import access
from fazhi.core.models import Role, User

from ..models import LegalityReview
from ..models import reviews as reviews_models


def advisors_for(user: User) -> QuerySet[User]:
    """Legal advisors' accounts the user may assign a review to: those of the user's district, and advisors outside
    any unit (an outside law firm's lawyer)."""
    advisors = User.objects.filter(role=Role.LEGAL_ADVISOR, is_active=True)
    in_district = access.in_district(user, advisors, "person__organization").values("pk")
    return (
        advisors.filter(Q(person__isnull=True) | Q(pk__in=in_district))
        .select_related("person__organization")
        .order_by("person__name", "username")
    )


def justice_bureau_admin_of(review: LegalityReview) -> User | None:
    """The first Justice Bureau administrator of the review's district (who signs its opinion letter): the district
    is the subtree of the review unit's top-level unit."""
    return (
        User.objects.filter(
            role=Role.JUSTICE_ADMIN,
            is_active=True,
            person__organization__in=access.district_units_of(review.organization),
        )
        .select_related("person__organization")
        .order_by("pk")
        .first()
    )


def reviews_for(user: User, action: str = access.VIEW) -> QuerySet[LegalityReview]:
    """Reviews of the user's scope; a legal advisor sees the reviews assigned to them."""
    return access.scope(user, LegalityReview.objects.select_related("organization", "advisor_user"), action)


OPEN_LEVELS = tuple(LegalityReview.Status(value) for value in reviews_models.OPEN_LEVELS)


def level_due_open() -> Case:
    """本级审查期限 of a review while a level is under way (one of OPEN_LEVELS), else NULL: the same as the list's
    `level_due`, computed in the database so that the list sorts on it without loading every review."""
    return reviews_models.level_due_open()


def _drafting_side(user: User) -> bool:
    """Whether the user acts for a unit (clerk, Justice Bureau), not as an advisor reaching assigned records."""
    return access.scope_kind(user, LegalityReview, access.CHANGE) not in (access.ASSIGNED, access.NONE)


def reviews_to_act_on(user: User) -> QuerySet[LegalityReview]:
    """Reviews waiting at a level the user must act on: the drafting unit at 初审; the assigned advisor at 复审 (the
    unit, where no advisor account is assigned); the Justice Bureau at 终审."""
    S = LegalityReview.Status
    changeable = reviews_for(user, access.CHANGE)
    own_unit = Q(organization=user.organization) if user.organization is not None else Q(pk__in=[])
    levels = Q(status=S.ADVISOR_REVIEW, advisor_user=user)
    if _drafting_side(user):
        levels |= Q(status=S.INITIAL_REVIEW) & own_unit
        levels |= Q(status=S.ADVISOR_REVIEW, advisor_user__isnull=True) & own_unit
    if access.is_justice_bureau(None, user):
        levels |= Q(status=S.FINAL_REVIEW)
    return changeable.filter(levels)
