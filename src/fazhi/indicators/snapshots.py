"""Figures computed once and kept fresh (issue 19). A page asks for figures by (scope, year, code) and reads stored
snapshots: a missing one is computed on demand, once, and stored; a stale one is served as it is, marked so the page
says it is being updated, and its recompute is queued. Any write that lands in the audit trail (every service and
every ledger import: one append per call, an import's at its end) marks every snapshot stale and queues one
recompute — a `core.Job` run by `fazhi worker` (ADR 9) — unless one is already waiting: saves debounce into one run.
A snapshot computed before today (Asia/Shanghai) is stale too: figures that count what is overdue today change with
the date alone. `fazhi worker` recomputes them once a day (indicators/jobs.py); a page read before that run serves the
day-old figure marked as being updated and queues the recompute.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django_tasks import task

from fazhi.core import clock, jobs
from fazhi.core.models import AuditEvent, Job, Organization

from .models import FigureSnapshot
from .registry import REGISTRY, Figure, Period, Result, Scope, as_scope, compute, shared

REFRESH = "indicators.refresh"
PENDING = f"{REFRESH}:pending"  # the run key of the refresh job waiting to run: at most one at a time
EXAMPLES = 3
# Audit actions that change records (an export or an API read changes no figure).
WRITES = frozenset(
    {
        AuditEvent.Action.CREATE,
        AuditEvent.Action.UPDATE,
        AuditEvent.Action.DELETE,
        AuditEvent.Action.TRANSITION,
        AuditEvent.Action.IMPORT,
    }
)


def key_of(scope: Scope | None) -> str:
    """The text key of a scope: `all`, `<unit id>+` (with the units below) or `<unit id>` (the unit alone)."""
    if scope is None:
        return "all"
    return f"{scope.organization.pk}{'+' if scope.include_below else ''}"


def _text(value) -> str:
    return "" if value is None else str(value)


def _number(text: str) -> int | Decimal | None:
    if text == "":
        return None
    return Decimal(text) if any(c in text for c in ".Ee") else int(text)


class StoredRecords:
    """The records a snapshot says lack data: their number and the names of the first few, standing in for the
    queryset where a page or a check only counts them and names examples."""

    def __init__(self, total: int, examples: list[str]):
        self.total, self.examples = total, examples

    def count(self) -> int:
        return self.total

    def __getitem__(self, index):
        return self.examples[index]

    def __iter__(self):
        return iter(self.examples)


def day_start() -> dt.datetime:
    """The start of today in Asia/Shanghai: a snapshot computed before it is stale (the figures of overdue items,
    deadlines passed today and certificates expired today change with the date, without any write)."""
    return dt.datetime.combine(clock.today(), dt.time(0), tzinfo=clock.SHANGHAI)


def is_stale(row: FigureSnapshot, since: dt.datetime) -> bool:
    return row.stale or row.computed_at < since


def figure_of(row: FigureSnapshot) -> Figure:
    """The Figure a snapshot stores (its value and parts; the records are not stored: the drill-down computes
    them)."""
    figure = Figure(
        value=_number(row.value), numerator=_number(row.numerator), denominator=_number(row.denominator)
    )
    if row.incomplete or row.incomplete_note:
        figure.incomplete = StoredRecords(row.incomplete, list(row.incomplete_examples))
        figure.incomplete_note = row.incomplete_note
    return figure


@dataclass
class Table:
    """Figures read from snapshots: (scope key, year, code) → Figure, the oldest time of computation among them and
    whether any was stale (a recompute is then queued)."""

    figures: dict[tuple[str, int, str], Figure] = field(default_factory=dict)
    computed_at: dt.datetime | None = None
    stale: bool = False

    def get(self, scope: Scope | None, year: int, code: str) -> Figure:
        return self.figures[(key_of(scope), year, code)]


def read(wanted: Iterable[tuple[Scope | None, int, str]]) -> Table:
    """The figures of every (scope, year, code) wanted, from their snapshots: one query for those stored, the
    missing ones computed now (grouped by scope and year, sibling figures sharing their grouped queries) and
    stored. Stale snapshots are served and their recompute queued."""
    wanted = [(as_scope(s), y, c) for s, y, c in wanted if c in REGISTRY]
    scopes = {key_of(s): s for s, _, _ in wanted}
    table = Table()
    if not wanted:
        return table
    rows = FigureSnapshot.objects.filter(
        scope_key__in=scopes, year__in={y for _, y, _ in wanted}, code__in={c for _, _, c in wanted}
    )
    stored = {(r.scope_key, r.year, r.code): r for r in rows}
    since = day_start()
    missing: dict[tuple[str, int], list[str]] = defaultdict(list)
    for scope, year, code in wanted:
        key = (key_of(scope), year, code)
        row = stored.get(key)
        if row is None:
            if code not in missing[key[:2]]:
                missing[key[:2]].append(code)
            continue
        table.figures[key] = figure_of(row)
        table.stale = table.stale or is_stale(row, since)
        _note_time(table, row.computed_at)
    with shared():  # one block for every scope and year: a family's statement counts both years at once
        for (key, year), codes in missing.items():
            for row in store(scopes[key], year, codes):
                table.figures[(key, year, row.code)] = figure_of(row)
                _note_time(table, row.computed_at)
    if table.stale:
        request_refresh()
    return table


def _note_time(table: Table, at: dt.datetime) -> None:
    if table.computed_at is None or at < table.computed_at:
        table.computed_at = at


@dataclass
class Snapshot:
    """Every figure of one scope and year with the year before, as `registry.Result`s, from snapshots."""

    results: dict[str, Result]
    computed_at: dt.datetime | None
    stale: bool


def wanted_of(scope, year: int, codes: Iterable[str] | None = None) -> list[tuple[Scope | None, int, str]]:
    """What results() reads: each of `codes` (default: every registered one) for the year and the year before."""
    codes = sorted(REGISTRY) if codes is None else [c for c in codes if c in REGISTRY]
    return [(as_scope(scope), y, c) for y in (year, year - 1) for c in codes]


def results(scope, year: int, codes: Iterable[str] | None = None, table: Table | None = None) -> Snapshot:
    """The figures of `codes` (default: every registered one) for a scope and year, each with the year before;
    from `table` when the caller read them with others in one query (read(wanted_of(...) + …))."""
    scope = as_scope(scope)
    codes = sorted(REGISTRY) if codes is None else [c for c in codes if c in REGISTRY]
    table = table or read(wanted_of(scope, year, codes))
    period = Period.year(year)
    out = {
        code: Result(REGISTRY[code], period, table.get(scope, year, code), table.get(scope, year - 1, code))
        for code in codes
    }
    return Snapshot(out, table.computed_at, table.stale)


def store(scope: Scope | None, year: int, codes: Iterable[str]) -> list[FigureSnapshot]:
    """Compute `codes` for a scope and year now and store them as fresh snapshots (replacing older ones)."""
    started = clock.now()
    period = Period.year(year)
    rows = []
    with shared():  # sibling figures share one grouped query (registry.shared)
        for code in codes:
            figure = compute(code, period, scope)
            count, examples = 0, []
            if figure.incomplete is not None:
                count = figure.incomplete.count()
                examples = [str(r) for r in figure.incomplete[:EXAMPLES]] if count else []
            rows.append(
                FigureSnapshot(
                    scope_key=key_of(scope),
                    organization=scope.organization if scope else None,
                    include_below=scope.include_below if scope else True,
                    year=year,
                    code=code,
                    value=_text(figure.value),
                    numerator=_text(figure.numerator),
                    denominator=_text(figure.denominator),
                    incomplete=count,
                    incomplete_note=figure.incomplete_note[:200] if figure.incomplete is not None else "",
                    incomplete_examples=examples,
                    computed_at=started,  # the data it saw is as of this moment or later
                    stale=False,
                )
            )
    FigureSnapshot.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["scope_key", "year", "code"],
        update_fields=[
            "value",
            "numerator",
            "denominator",
            "incomplete",
            "incomplete_note",
            "incomplete_examples",
            "computed_at",
            "stale",
        ],
    )
    return rows


# Keeping them fresh -------------------------------------------------------------------------------------------


def mark_stale() -> int:
    """Mark every fresh snapshot stale (in the caller's transaction) and, once it commits, queue the recompute (a
    job already waiting takes it: request_refresh)."""
    marked = FigureSnapshot.objects.filter(stale=False).update(stale=True)
    # No figure kept yet (nobody has viewed one): nothing to recompute.
    if marked or FigureSnapshot.objects.exists():
        transaction.on_commit(request_refresh)
    return marked


def request_refresh() -> Job | None:
    """Queue the recompute unless one is already waiting (its run key is unique); None when one waits."""
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=Job.Kind.SCHEDULED,
                name=REFRESH,
                params={"requested_at": clock.now().isoformat()},
                run_key=PENDING,
            )
    except IntegrityError:
        return None
    return jobs.enqueue(job, refresh_figures)


def on_audit_append(sender, instance, **kwargs) -> None:
    """post_save of the audit chain's head, saved once per append (a service's events, an import's events): when
    the newest event changed a record, the figures are stale."""
    action = (
        AuditEvent.objects.filter(seq=instance.last_seq).values_list("action", flat=True).first()
        if instance.last_seq
        else None
    )
    if action in WRITES:
        mark_stale()


@task()
def refresh_figures(job_id: int) -> None:
    """Recompute the stale snapshots (`fazhi worker`)."""
    jobs.run(job_id, _refresh)


def _refresh(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    # From now on a change queues a new job: this one may already have read the records it changes.
    Job.objects.filter(pk=job.pk).update(run_key=None)
    requested = job.params.get("requested_at")
    groups = refresh(
        since=dt.datetime.fromisoformat(requested) if requested else job.created_at, progress=progress
    )
    return {
        "message": f"已重新计算{groups}组指标（范围×年度）。",
        "result": {"groups": groups},
        "done": groups,
        "total": groups,
    }


def refresh(*, since: dt.datetime | None = None, progress: jobs.Progress | None = None) -> int:
    """Recompute every stale snapshot, every one computed before today (day_start) and every one computed before
    `since` (a change committed while an earlier run was computing is then not lost), one scope and year at a time;
    returns the number of groups."""
    before = day_start() if since is None else max(since, day_start())
    due = FigureSnapshot.objects.filter(Q(stale=True) | Q(computed_at__lt=before))
    groups: dict[tuple[str, int], list[str]] = defaultdict(list)
    owners: dict[str, tuple[int | None, bool]] = {}
    for key, year, code, org_id, below in due.values_list(
        "scope_key", "year", "code", "organization_id", "include_below"
    ):
        groups[(key, year)].append(code)
        owners[key] = (org_id, below)
    orgs = Organization.objects.in_bulk([o for o, _ in owners.values() if o is not None])
    due.exclude(code__in=list(REGISTRY)).delete()  # figures no longer registered
    report = progress or (lambda done, total: None)
    for done, ((key, year), codes) in enumerate(sorted(groups.items()), 1):
        org_id, below = owners[key]
        if org_id is not None and org_id not in orgs:
            continue
        scope = None if org_id is None else Scope(orgs[org_id], include_below=below)
        store(scope, year, [c for c in codes if c in REGISTRY])
        report(done, len(groups))
    return len(groups)
