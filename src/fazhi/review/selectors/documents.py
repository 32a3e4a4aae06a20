"""Reads of normative documents and their filing, scoped through core.access; the public list of valid documents."""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least

from fazhi.core import access
from fazhi.core.models import User

from ..models import Filing, NormativeDocument
from ..models import documents as documents_models
from ..rules import VALIDITY_LABELS


def documents_for(user: User, action: str = access.VIEW) -> QuerySet[NormativeDocument]:
    return access.scope(
        user,
        NormativeDocument.objects.select_related("organization", "legality_review").prefetch_related(
            "filings"
        ),
        action,
    )


# a date after every deadline: the missing deadlines of Least() (NULL on SQLite if any argument is), then NULL again
NO_DEADLINE = dt.date(9999, 12, 31)


def next_due_on() -> Coalesce:
    """The next open deadline of a document, computed in the database (the same as web.lists.next_due): filing with
    the government above (required, not yet filed), a correction ordered and not yet made, or the end of validity —
    of a document in force; NO_DEADLINE when there is none. The register sorts on it in the database instead of
    loading every document (issue 19: a province's 30,000)."""
    corrections = (
        Filing.objects.filter(
            document=OuterRef("pk"),
            result=Filing.Result.CORRECTION,
            corrected_on__isnull=True,
            correction_due_on__isnull=False,
        )
        .order_by()
        .values("document")
        .annotate(first=Min("correction_due_on"))
        .values("first")
    )
    # the earliest correction only for the few documents with one pending (a hashed IN, then CASE), not a
    # correlated subquery per document
    pending = Filing.objects.filter(
        result=Filing.Result.CORRECTION, corrected_on__isnull=True, correction_due_on__isnull=False
    ).values("document_id")
    filed = Exists(Filing.objects.filter(document=OuterRef("pk"), body=Filing.Body.GOVERNMENT))
    far = Value(NO_DEADLINE, output_field=DateField())
    filing = Case(
        When(Q(requires_filing=True, filing_due_on__isnull=False) & ~Q(filed), then=F("filing_due_on")),
        default=far,
        output_field=DateField(),
    )
    due = Least(
        filing,
        Case(
            When(pk__in=pending, then=Coalesce(Subquery(corrections, output_field=DateField()), far)),
            default=far,
            output_field=DateField(),
        ),
        Coalesce(F("expires_on"), far),
    )
    return Coalesce(
        Case(When(status=NormativeDocument.Status.VALID, then=due), default=far, output_field=DateField()),
        far,
    )


def validity_label(today: dt.date) -> Case:
    """The 状态 cell of the register (未生效 / 有效 / 失效, or the status label), computed in the database — the same as
    rules.validity_state — so that sorting on it does not load every document (issue 19)."""
    valid = NormativeDocument.Status.VALID
    return Case(
        *(
            When(status=value, then=Value(label))
            for value, label in NormativeDocument.Status.choices
            if value != valid
        ),
        When(effective_on__gt=today, then=Value(VALIDITY_LABELS["pending"])),
        When(expires_on__lt=today, then=Value(VALIDITY_LABELS["expired"])),
        default=Value(VALIDITY_LABELS["valid"]),
        output_field=CharField(),
    )


# the order key of a document without a deadline when the register is sorted latest deadline first: before every date
NO_DEADLINE_DESCENDING = dt.date(1, 1, 1)


def register_for(user: User, *, latest_first: bool = False) -> QuerySet[NormativeDocument]:
    """The register's rows: the documents the user sees with `due_key`, their next deadline (NO_DEADLINE: none), and
    `due_order`, the key the register sorts by deadline on: documents without a deadline come last in both directions
    (after every date ascending; `latest_first`, when sorted descending, before every date, so last again).
    The legality review of the rows shown is read in a batch, not joined to every document before sorting."""
    rows = (
        documents_for(user)
        .select_related(None)
        .select_related("organization")
        .prefetch_related("legality_review")
        .annotate(due_key=next_due_on())
    )
    if not latest_first:
        return rows.annotate(due_order=F("due_key"))
    return rows.annotate(
        due_order=Case(
            When(due_key=NO_DEADLINE, then=Value(NO_DEADLINE_DESCENDING)),
            default=F("due_key"),
            output_field=DateField(),
        )
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
    """Documents published that must be filed and have not been, soonest deadline first. Not filed is a NOT EXISTS
    (an anti-join the planner estimates, served by the index normdoc_unfiled_idx of exactly these documents), not
    Django's LEFT JOIN … IS NULL, which PostgreSQL neither turns into an anti-join nor estimates (1 row for 3,529 at
    province: the wide rows hashed, then a nested loop over the units; issue 19)."""
    return (
        documents_for(user, action)
        .filter(
            ~Exists(Filing.objects.filter(document=OuterRef("pk"))),
            requires_filing=True,
            published_on__isnull=False,
            status=NormativeDocument.Status.VALID,
        )
        .order_by("filing_due_on", "pk")
    )


def filings_for(user: User, action: str = access.VIEW) -> QuerySet[Filing]:
    return access.scope(user, Filing.objects.select_related("document__organization"), action)


def correction_open_on() -> Case:
    """纠正后重新报送期限 of a filing while the correction ordered is not made (else NULL), in the database: the filings
    list sorts on it without loading every filing (issue 19); the model's expression, which an index serves."""
    return documents_models.correction_open_on()


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
