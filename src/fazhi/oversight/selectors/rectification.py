"""Reads of the rectification ledger, scoped through core.access: lists with filters, the items of a source record,
the summary by unit and by source kind, the source records described in one pass."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import models
from django.db.models import Case, Count, F, Q, QuerySet, When

from fazhi.core import access, clock
from fazhi.core.models import AuditChainHead, Organization, User

from .. import links
from ..models import LedgerSummary, RectificationItem


def items_for(user: User, action: str = access.VIEW) -> QuerySet[RectificationItem]:
    # The source records come one query per kind, with what their descriptions read (no query per row).
    return access.scope(
        user, RectificationItem.objects.select_related("organization", "source_type"), action
    ).prefetch_related(links.prefetch_sources())


def open_deadline() -> Case:
    """整改期限 of an item still open (RectificationItem.OPEN), else NULL: the ledger sorts on it so that open items come
    by their deadline (overdue first) and items already rectified, signed off or consolidated last, either direction."""
    return Case(When(status__in=RectificationItem.OPEN, then=F("deadline")), default=None)


def overdue(qs: QuerySet[RectificationItem], on: dt.date) -> QuerySet[RectificationItem]:
    return qs.filter(status__in=RectificationItem.OPEN, deadline__lt=on)


# A flag parameter's values that mean "no" (?overdue=0, ?overdue=false): anything else non-empty means "yes".
NO = {"0", "false", "no", "否", "off"}


def _flag(params, name: str) -> bool:
    return (params.get(name) or "").strip().lower() not in NO | {""}


def filtered(user: User, params, on: dt.date) -> QuerySet[RectificationItem]:
    """The item list with the page's filters: state, source kind, unit, overdue only, escalated only."""
    qs = items_for(user)
    if params.get("status") in RectificationItem.Status.values:
        qs = qs.filter(status=params["status"])
    if params.get("kind"):
        qs = qs.filter(source_kind=params["kind"])
    if (params.get("unit") or "").isdigit():
        qs = qs.filter(organization_id=int(params["unit"]))
    if _flag(params, "overdue"):
        qs = overdue(qs, on)
    if _flag(params, "escalated"):
        qs = qs.filter(escalated_on__isnull=False)
    return qs.order_by("deadline", "pk")


def items_of_record(user: User, record: models.Model) -> QuerySet[RectificationItem]:
    """The rectification item(s) of one source record that the user may see."""
    return items_for(user).filter(
        source_type=ContentType.objects.get_for_model(type(record)), source_id=record.pk
    )


def _counts(on: dt.date) -> dict[str, Count]:
    """The summary's counts (COUNTS, in order) of the items grouped: each of the status, never empty."""
    return {
        "total": Count("status"),
        "rectified": Count("status", filter=Q(status__in=RectificationItem.DONE)),
        "signed_off": Count(
            "status",
            filter=Q(status__in=[RectificationItem.Status.SIGNED_OFF, RectificationItem.Status.CONSOLIDATED]),
        ),
        "consolidated": Count("status", filter=Q(status=RectificationItem.Status.CONSOLIDATED)),
        "overdue": Count("status", filter=Q(status__in=RectificationItem.OPEN, deadline__lt=on)),
    }


def summary(qs: QuerySet[RectificationItem], on: dt.date, group: str) -> list[dict]:
    """Counts by `group` (organization__name or source_kind): findings, rectified, signed off, consolidated, overdue."""
    rows = qs.order_by().values(group).annotate(**_counts(on)).order_by(group)
    labels = dict(RectificationItem._meta.get_field("source_kind").flatchoices)
    out = []
    for r in rows:
        r["label"] = labels.get(r[group], r[group]) if group == "source_kind" else r[group]
        r["rate"] = round(r["rectified"] * 100 / r["total"], 1) if r["total"] else None
        out.append(r)
    return out


COUNTS = ("total", "rectified", "signed_off", "consolidated", "overdue")


def summaries(qs: QuerySet[RectificationItem], on: dt.date) -> tuple[list[dict], list[dict]]:
    """summary(qs, on, "source_kind") and summary(qs, on, "organization__name"), the same rows in the same order,
    from one statement: the items counted once, grouped by unit and source kind (a few thousand groups), then added
    up by source kind and by unit name. The units' names are read in their database order, as the grouped query
    ordered them."""
    groups = list(qs.order_by().values_list("organization_id", "source_kind").annotate(**_counts(on)))
    names = Organization.objects.filter(pk__in={g[0] for g in groups}).order_by("name", "pk")
    name_of = dict(names.values_list("pk", "name"))
    by_kind: dict[str, dict] = {}
    by_name: dict[str, dict] = {name: {"organization__name": name} for name in name_of.values()}
    for org_id, kind, *counts in groups:
        for row in (by_kind.setdefault(kind, {"source_kind": kind}), by_name[name_of[org_id]]):
            for key, n in zip(COUNTS, counts, strict=True):
                row[key] = row.get(key, 0) + n
    labels = dict(RectificationItem._meta.get_field("source_kind").flatchoices)
    kinds = [by_kind[k] for k in sorted(by_kind)]
    for r in kinds:
        r["label"] = labels.get(r["source_kind"], r["source_kind"])
    units = [r for r in by_name.values() if "total" in r]
    for r in units:
        r["label"] = r["organization__name"]
    for r in kinds + units:
        r["rate"] = round(r["rectified"] * 100 / r["total"], 1) if r["total"] else None
    return kinds, units


@dataclass
class Summaries:
    by_kind: list[dict]
    by_unit: list[dict]
    computed_at: dt.datetime


def stored_summaries(qs: QuerySet[RectificationItem], on: dt.date, viewer: User | None = None) -> Summaries:
    """summaries(qs, on) as last counted for these items on this day, counted again only when a record has been
    written since (the audit trail moved on: every service and ledger import appends to it) — the same figures as
    counting now, without counting every item on each view. Stores what it counts (LedgerSummary)."""
    seq = AuditChainHead.objects.values_list("last_seq", flat=True).first() or 0
    try:
        statement = str(qs.order_by().values("pk").query)
    except EmptyResultSet:
        return Summaries([], [], clock.now())
    key = hashlib.sha256(f"{on.isoformat()}|{statement}".encode()).hexdigest()
    row = LedgerSummary.objects.filter(key=key, audit_seq=seq).first()
    if row is not None:
        return Summaries(row.by_kind, row.by_unit, row.computed_at)
    at = clock.now()
    by_kind, by_unit = summaries(qs, on)
    LedgerSummary.objects.filter(day__lt=on).delete()  # earlier days' are never read again
    org = getattr(viewer, "organization", None)
    LedgerSummary.objects.bulk_create(
        [
            LedgerSummary(
                key=key,
                organization=org,
                day=on,
                audit_seq=seq,
                computed_at=at,
                by_kind=by_kind,
                by_unit=by_unit,
            )
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["organization", "day", "audit_seq", "computed_at", "by_kind", "by_unit"],
    )
    return Summaries(by_kind, by_unit, at)


def item(user: User, pk: int, action: str = access.VIEW) -> RectificationItem | None:
    return items_for(user, action).filter(pk=pk).first()


def is_registered_source(record: models.Model) -> bool:
    """Whether `record` is of a registered kind and may have a rectification item (links.refusal_of says why not)."""
    return links.is_registered(record) and not links.refusal_of(record)


def item_exists_for(record: models.Model) -> bool:
    """Whether any item (visible or not) is attached to `record`."""
    return RectificationItem.objects.filter(
        source_type__app_label=record._meta.app_label,
        source_type__model=record._meta.model_name,
        source_id=record.pk,
    ).exists()


def describe_sources(items) -> None:
    """Set `item.finding` to the description of each item's source record (the sources were prefetched together
    by items_for, so describing them adds no query per row beyond what each registration's description reads)."""
    for i in items:
        i.finding = links.describe(i.source)


def done_source_ids(model: type[models.Model], ids) -> set[int]:
    """Of the records of `model` with `ids`, those whose rectification item is rectified (已整改、已销号、已巩固):
    for other workstreams' figures, without reaching into this app's models."""
    return set(
        RectificationItem.objects.filter(
            source_type=ContentType.objects.get_for_model(model),
            source_id__in=ids,
            status__in=RectificationItem.DONE,
        ).values_list("source_id", flat=True)
    )


def source_ids_with_items(model: type[models.Model], ids) -> set[int]:
    """Of the records of `model` with `ids`, those that have a rectification item (in any state): for other
    workstreams' documents that say whether their findings are in the ledger."""
    return set(
        RectificationItem.objects.filter(
            source_type=ContentType.objects.get_for_model(model), source_id__in=list(ids)
        ).values_list("source_id", flat=True)
    )


def rectified_source_ids(model: type[models.Model], *, by) -> models.QuerySet:
    """The ids of `model`'s records whose rectification item was rectified (已整改、已销号、已巩固) by the day `by`, as a
    subquery other workstreams' figures filter on (one query, no reach into this app's models)."""
    return RectificationItem.objects.filter(
        source_type=ContentType.objects.get_for_model(model),
        status__in=RectificationItem.DONE,
        rectified_on__lte=by,
    ).values("source_id")
