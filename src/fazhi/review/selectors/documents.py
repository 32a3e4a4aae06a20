"""Reads of normative documents and their filing, scoped through core.access; the public list of valid documents."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import Filing, NormativeDocument


def documents_for(user: User, action: str = access.VIEW) -> QuerySet[NormativeDocument]:
    return access.scope(
        user,
        NormativeDocument.objects.select_related("organization", "legality_review").prefetch_related(
            "filings"
        ),
        action,
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
            filings__isnull=True,
            status=NormativeDocument.Status.VALID,
        )
        .order_by("filing_due_on", "pk")
    )


def filings_for(user: User, action: str = access.VIEW) -> QuerySet[Filing]:
    return access.scope(user, Filing.objects.select_related("document__organization"), action)


def corrections_pending(user: User, action: str = access.VIEW) -> QuerySet[Filing]:
    """Filings whose correction the upper level ordered and that are not yet corrected."""
    return filings_for(user, action).filter(result=Filing.Result.CORRECTION, corrected_on__isnull=True)


def recently_expired(user: User, on, days: int, action: str = access.VIEW) -> QuerySet[NormativeDocument]:
    """Documents turned 失效 whose validity ended within the last `days` days (the unit is told on its 工作台)."""
    return documents_for(user, action).filter(
        status=NormativeDocument.Status.EXPIRED,
        expires_on__lt=on,
        expires_on__gte=on - dt.timedelta(days=days),
    )
