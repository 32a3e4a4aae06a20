"""Reads of the review workstream, always scoped through core.access: reviews, normative documents and filings,
clean-up campaigns, review catalogs; and the 工作台 items (filing deadlines, corrections, review levels due)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from fazhi.core import access, calendar
from fazhi.core.models import User
from fazhi.core.workbench import PENDING, WorkItem, level_for, provider

from .models import (
    CleanupCampaign,
    CleanupItem,
    Filing,
    LegalityReview,
    Matter,
    NormativeDocument,
    ReviewCatalog,
)
from .services.documents import correction_deadline

FILING_WARN_DAYS = 10  # a filing period is a month: warn in its last ten days
LEVEL_WARN_DAYS = 3  # a review level lasts days: warn in its last three

# Reviews ---------------------------------------------------------------------------------------------------


def reviews_for(user: User, action: str = access.VIEW) -> QuerySet[LegalityReview]:
    """Reviews of the user's scope; a legal advisor sees the reviews assigned to them."""
    return access.scope(user, LegalityReview.objects.select_related("organization", "advisor_user"), action)


# Normative documents and filing ----------------------------------------------------------------------------


def documents_for(user: User, action: str = access.VIEW) -> QuerySet[NormativeDocument]:
    return access.scope(
        user, NormativeDocument.objects.select_related("organization", "legality_review", "filing"), action
    )


def valid_documents(on: dt.date | None = None) -> QuerySet[NormativeDocument]:
    """The public list: documents in force (valid and published), without logging in."""
    qs = NormativeDocument.objects.filter(
        status=NormativeDocument.Status.VALID, published_on__isnull=False
    ).select_related("organization")
    if on is not None:
        qs = qs.filter(published_on__lte=on).filter(Q(expires_on__isnull=True) | Q(expires_on__gte=on))
    return qs


def unfiled_documents(user: User, action: str = access.VIEW) -> QuerySet[NormativeDocument]:
    """Documents published that must be filed and have not been, soonest deadline first."""
    return (
        documents_for(user, action)
        .filter(
            requires_filing=True,
            published_on__isnull=False,
            filing__isnull=True,
            status=NormativeDocument.Status.VALID,
        )
        .order_by("filing_due_on", "pk")
    )


def filings_for(user: User, action: str = access.VIEW) -> QuerySet[Filing]:
    return access.scope(user, Filing.objects.select_related("document__organization"), action)


def corrections_pending(user: User, action: str = access.VIEW) -> QuerySet[Filing]:
    """Filings whose correction the upper level ordered and that are not yet corrected."""
    return filings_for(user, action).filter(result=Filing.Result.CORRECTION, corrected_on__isnull=True)


# Clean-up and catalogs -------------------------------------------------------------------------------------


def campaigns_for(user: User) -> QuerySet[CleanupCampaign]:
    """The campaigns the user's scope organized, those in which a unit of the scope has documents examined, and the
    district-wide campaigns of the user's district (each unit adds its own documents to them)."""
    organized = access.scope(user, CleanupCampaign.objects.all()).values("pk")
    taking_part = cleanup_items_for(user).values("campaign")
    district = Q()
    if user.is_authenticated and user.organization is not None:
        district = Q(organization__path__startswith=f"/{user.organization.root_code}/")
    return CleanupCampaign.objects.filter(
        Q(pk__in=organized) | Q(pk__in=taking_part) | district
    ).select_related("organization")


def cleanup_items_for(user: User, action: str = access.VIEW) -> QuerySet[CleanupItem]:
    return access.scope(
        user, CleanupItem.objects.select_related("campaign", "document", "issuing_unit"), action
    )


def catalogs_for(user: User) -> QuerySet[ReviewCatalog]:
    return access.scope(
        user, ReviewCatalog.objects.select_related("organization").prefetch_related("entries")
    )


def matters_for(user: User, action: str = access.VIEW) -> QuerySet[Matter]:
    return access.scope(user, Matter.objects.select_related("organization", "legality_review"), action)


# 工作台 -------------------------------------------------------------------------------------------------------


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


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


@provider
def review_work(user: User, on: dt.date) -> list[WorkItem]:
    """Review levels near or past their time limit; documents to file; corrections to refile."""
    items: list[WorkItem] = []
    due_soon = on + dt.timedelta(days=LEVEL_WARN_DAYS)
    for review in reviews_to_act_on(user).filter(level_due_on__lte=due_soon):
        items.append(
            WorkItem(
                title=f"“{review.title}”{review.get_status_display()}应于{review.level_due_on:%Y年%m月%d日}前出具意见",
                category="合法性审查",
                level=level_for(review.level_due_on, on, warn_days=LEVEL_WARN_DAYS),
                due=review.level_due_on,
                url=_url("review:detail", review.pk),
                unit=review.organization.name,
                detail=review.level_due_explanation,
            )
        )
    for document in unfiled_documents(user, access.CHANGE):
        due = document.filing_due_on
        items.append(
            WorkItem(
                title=(
                    f"规范性文件“{document}”应于{due:%Y年%m月%d日}前报送备案"
                    if due
                    else f"规范性文件“{document}”尚未报送备案"
                ),
                category="规范性文件备案",
                level=level_for(due, on, warn_days=FILING_WARN_DAYS) if due else PENDING,
                due=due,
                url=_url("documents:detail", document.pk),
                unit=document.organization.name,
                detail=document.filing_due_explanation,
            )
        )
    for filing in corrections_pending(user, access.CHANGE):
        deadline: calendar.Deadline = correction_deadline(filing)
        items.append(
            WorkItem(
                title=f"“{filing.document}”备案审查要求纠正，应于{deadline.due:%Y年%m月%d日}前纠正后重新报送",
                category="规范性文件备案",
                level=level_for(deadline.due, on, warn_days=FILING_WARN_DAYS),
                due=deadline.due,
                url=_url("documents:detail", filing.document_id),
                unit=filing.document.organization.name,
                detail=f"纠正意见：{filing.correction_required}。{deadline.explain()}",
            )
        )
    return items
