"""The registry of every figure the platform reports. An indicator is a code, a Chinese name, a unit, a definition,
its legal basis and a function of (period, scope) that returns a Figure: the value and the records behind it.
Year-on-year change is computed here, once, for every indicator. An indicator may also say which of its records
lack data (a decision missing a step date): `Figure.incomplete`, or a finder declared with `incomplete_records`."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

from fazhi.core import access

COUNT = "count"
RATE = "rate"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @property
    def label(self) -> str:
        if self.start.month == 1 and self.start.day == 1 and self.end == dt.date(self.start.year, 12, 31):
            return f"{self.start.year}年"
        return f"{self.start:%Y-%m-%d}至{self.end:%Y-%m-%d}"

    def previous_year(self) -> Period:
        return Period(self.start.replace(year=self.start.year - 1), self.end.replace(year=self.end.year - 1))

    def range_filter(self, field_name: str) -> dict:
        """Filter kwargs for a date field falling in the period."""
        return {f"{field_name}__gte": self.start, f"{field_name}__lte": self.end}


@dataclass
class Figure:
    """A computed figure with its provenance: `records` for a count, numerator and denominator records for a rate."""

    value: Decimal | int | None
    records: models.QuerySet | None = None
    numerator: int | None = None
    denominator: int | None = None
    numerator_records: models.QuerySet | None = None
    denominator_records: models.QuerySet | None = None
    # Records behind the figure that lack data it needs (e.g. a step date), so the figure may be understated.
    incomplete: models.QuerySet | None = None
    incomplete_note: str = ""

    @classmethod
    def count(cls, records: models.QuerySet) -> Figure:
        return cls(value=records.count(), records=records)

    @classmethod
    def rate_of(cls, numerator: int, denominator: int, numerator_records, denominator_records) -> Figure:
        """A rate whose numerator and denominator were counted already (grouped counts)."""
        return cls(
            value=percent(numerator, denominator),
            numerator=numerator,
            denominator=denominator,
            numerator_records=numerator_records,
            denominator_records=denominator_records,
        )

    @classmethod
    def rate(cls, numerator_records: models.QuerySet, denominator_records: models.QuerySet) -> Figure:
        return cls.rate_of(
            numerator_records.count(), denominator_records.count(), numerator_records, denominator_records
        )


def percent(numerator: int, denominator: int) -> Decimal | None:
    """numerator/denominator as a percentage with one decimal, None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Scope:
    """Whose records a figure counts: a unit, with or without the units below it (None: the whole installation)."""

    organization: models.Model
    include_below: bool = True


def as_scope(scope) -> Scope | None:
    if scope is None or isinstance(scope, Scope):
        return scope
    return Scope(scope)


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str  # 件, 人, 次, %
    definition: str
    basis: str
    compute: Callable[[Period, models.Model | None], Figure] = field(compare=False)
    kind: str = COUNT
    workstream: str = ""
    group: str = ""  # a declared group for the dashboard and the report (default: the code's first part)


REGISTRY: dict[str, Indicator] = {}
# code -> (finder(period, scope) -> QuerySet of records lacking data, what they lack)
INCOMPLETE: dict[str, tuple[Callable, str]] = {}


def register(
    *,
    code: str,
    name: str,
    unit: str,
    definition: str,
    basis: str = "",
    kind: str = COUNT,
    workstream: str = "",
    group: str = "",
):
    """Decorator registering `compute(period, scope) -> Figure` as an indicator."""

    def wrap(fn: Callable[[Period, models.Model | None], Figure]):
        if code in REGISTRY:
            raise ValueError(f"指标代码重复：{code}")
        REGISTRY[code] = Indicator(
            code, name, unit, definition, basis, fn, kind, workstream or code.split(".")[0], group
        )
        return fn

    return wrap


def incomplete_records(code: str, *, note: str):
    """Decorator declaring `finder(period, scope) -> QuerySet`: the records behind indicator `code` that lack data
    (`note` says what), for figures whose compute function does not fill `Figure.incomplete` itself."""

    def wrap(fn: Callable):
        INCOMPLETE[code] = (fn, note)
        return fn

    return wrap


def compute(code: str, period: Period, scope=None) -> Figure:
    """The figure of one indicator for one period, with its incomplete records where a finder is declared."""
    scope = as_scope(scope)
    figure = REGISTRY[code].compute(period, scope)
    if figure.incomplete is None and code in INCOMPLETE:
        finder, note = INCOMPLETE[code]
        figure.incomplete, figure.incomplete_note = finder(period, scope), note
    return figure


# The grouped counts of the current `shared()` block: (the records' SQL, the field) -> {value: count}.
_shared: contextvars.ContextVar[dict | None] = contextvars.ContextVar("indicator_shared_counts", default=None)


_LONE = ("lone",)  # in a block's cache: the block was opened by `evaluate` for one figure (see grouped())


@contextlib.contextmanager
def shared(*, lone: bool = False):
    """Within this block, sibling figures counting the same records by different values of one field (grades,
    domains, sources, channels) share one grouped query per period instead of one count each. evaluate_all uses it;
    a page computing many figures may too. Records written inside the block are not seen by counts already made.
    `lone`: the block is for one figure and its year before (`evaluate` called outside any block): a family's
    statement then computes only the members that figure reads (see grouped())."""
    token = _shared.set({_LONE: True} if lone else {}) if _shared.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _shared.reset(token)


def grouped() -> bool:
    """Whether a family's statement should compute every member: True within a `shared()` block opened for many
    figures (evaluate_all, the dashboard, the report, a page), where the siblings read it too; False for one figure
    evaluated alone or computed outside any block, where only the members it reads are computed (issue 19: a figure
    timed alone paid its whole family's statement — the nine activity kinds, the reconsideration family's
    twenty conditions — against a floor computing a few columns)."""
    cache = _shared.get()
    return cache is not None and _LONE not in cache


def counts_by(records: models.QuerySet, field: str, key: tuple | None = None) -> dict:
    """{value of `field`: number of `records`} in one grouped query, shared within a `shared()` block.

    `key` names `records` in the block's cache (e.g. the family, the period and `scope_key(scope)`); without one,
    the records' SQL does — compiled on every call, hit or miss (~2 ms each, issue 19)."""
    cache = _shared.get()
    key = ("counts_by", str(records.query) if key is None else key, field)
    if cache is not None and key in cache:
        return cache[key]
    counts = dict(
        records.order_by().values_list(field).annotate(n=models.Count("pk")).values_list(field, "n")
    )
    if cache is not None:
        cache[key] = counts
    return counts


def count_of(records: models.QuerySet, field: str, value, key: tuple | None = None) -> Figure:
    """Figure.count(records.filter(field=value)), its value read from the grouped counts of `records` by `field`
    (`key`: see counts_by)."""
    return Figure(
        value=counts_by(records, field, key).get(value, 0), records=records.filter(**{field: value})
    )


def scope_key(scope) -> tuple | None:
    """A hashable key for `scope` (a Scope, an Organization or None) in shared() caches."""
    scope = as_scope(scope)
    return None if scope is None else (scope.organization.pk, scope.include_below)


def once(key: tuple, compute: Callable[[], object]):
    """`compute()`, made once per `key` within a `shared()` block (every time outside one)."""
    cache = _shared.get()
    if cache is None:
        return compute()
    if key not in cache:
        cache[key] = compute()
    return cache[key]


def both_years(key: tuple, period: Period, compute: Callable[[Period, Period], tuple]):
    """`compute(before, period)` -> (the year before's value, the period's value), made in one go: within a `shared()`
    block the year before's value is kept for its own evaluation, so a family read in one grouped statement for
    both years costs that statement once (issue 19). Returns the period's value.
    A compute computing only some members when not grouped() must name them in `key`."""
    cache = _shared.get()
    if cache is not None and (key, period) in cache:
        return cache[(key, period)]
    before = period.previous_year()
    value_before, value = compute(before, period)
    if cache is not None:
        cache[(key, before)], cache[(key, period)] = value_before, value
    return value


def period_counts(
    records: models.QuerySet | Callable[[], models.QuerySet],
    period: Period,
    conditions: Callable[[Period], dict[str, models.Q]],
    *,
    within: Callable[[Period, Period], models.Q] | None = None,
    group: str | None = None,
    key: tuple | None = None,
    names: tuple[str, ...] | None = None,
) -> dict:
    """How many of `records` meet each named condition of `conditions(p)` ({name: Q}, each Q carrying its own date
    range), for `period` and for the year before, in ONE statement: `COUNT(*) FILTER (WHERE …)` per name and period,
    grouped by `group` when given. A condition may instead be an aggregate with its own `filter` (a count of distinct
    units or people, an average): its value is returned as the database gives it (None over no rows). Within a `shared()` block (evaluate and evaluate_all open one) the sibling figures
    of a family and the year before read the same statement (issue 19: one grouped query per table, both years).

    `within(before, period)` narrows the rows read (default: rows meeting any of the conditions).
    `key` names `records` (without the period) in the block's cache, e.g. the family and `scope_key(scope)`;
    without one, the records' SQL does (compiled on every call).
    `records` may be given as a function returning them, called only when the statement is run (a family's
    figures ask for the counts ~30 times per evaluation; building the scoped queryset each time cost more than
    the statement, issue 19).
    `names`: the members the calling figure reads. When not grouped() (a figure evaluated alone) only they are
    computed (the rows read narrowed by `within` when given, otherwise to theirs); within a block for many figures
    every member is, for the siblings.
    Returns {name: n} for `period`, or {group value: {name: n}} with `group` (only `names` when not grouped())."""
    if names is not None and not grouped():
        conditions = _members(conditions, names)
    if key is None:
        records = records() if callable(records) else records
        label = str(records.query)
    else:
        label = key

    def key(p: Period) -> tuple:
        return ("period_counts", label, conditions, group, p)

    cache = _shared.get()
    if cache is not None and key(period) in cache:
        return cache[key(period)]
    before = period.previous_year()
    named = {n: {name: q or models.Q(pk__isnull=False) for name, q in conditions(p).items()} for n, p in
             enumerate((before, period))}  # fmt: skip
    columns = {(n, name): f"c{n}_{i}" for n in named for i, name in enumerate(named[n])}
    counts = {
        column: named[n][name]
        if isinstance(named[n][name], models.Aggregate)
        else models.Count("pk", filter=named[n][name])
        for (n, name), column in columns.items()
    }
    if within is not None:
        narrow = within(before, period)
    else:
        narrow = models.Q()
        for n in named:
            for q in named[n].values():
                narrow |= q.filter if isinstance(q, models.Aggregate) else q
    if callable(records):
        records = records()
    rows = records.order_by().filter(narrow)

    def value(n: int, name: str, row: dict):
        raw = row[columns[(n, name)]]
        return raw if isinstance(named[n][name], models.Aggregate) else raw or 0

    def unpack(row: dict) -> dict[int, dict]:
        return {n: {name: value(n, name, row) for name in named[n]} for n in named}

    if group is None:
        per = unpack(rows.aggregate(**counts))
    else:
        per = {0: {}, 1: {}}
        for row in rows.values(group).annotate(**counts):
            for n, values in unpack(row).items():
                per[n][row[group]] = values
    if cache is not None:
        cache[key(before)], cache[key(period)] = per[0], per[1]
    return per[1]


@functools.cache
def _members(conditions: Callable[[Period], dict], names: tuple[str, ...]) -> Callable[[Period], dict]:
    """`conditions` narrowed to `names`: one and the same function per (conditions, names), as period_counts keys
    its cache by the conditions."""

    def only(period: Period) -> dict:
        every = conditions(period)
        return {name: every[name] for name in names}

    return only


@functools.cache
def dated(field_name: str) -> Callable[[Period], dict[str, models.Q]]:
    """Conditions for period_counts: {"n": `field_name` in the period} — one and the same function per field, so
    the figures counting by it share the statement (period_counts keys its cache by the conditions)."""

    def conditions(period: Period) -> dict[str, models.Q]:
        return {"n": models.Q(**period.range_filter(field_name))}

    return conditions


def dated_count(
    records: models.QuerySet | Callable[[], models.QuerySet], field_name: str, period: Period, key: tuple
) -> int:
    """How many of `records` have `field_name` in the period: one statement for the period and the year before,
    the year before kept for its own evaluation within `shared()` (`key` names `records`, see period_counts)."""
    return period_counts(records, period, dated(field_name), key=key)["n"]


def in_scope(queryset: models.QuerySet, scope, org_field: str = "organization") -> models.QuerySet:
    """Restrict to records of `scope` (a Scope or an Organization, with the units below it); None: everything.

    The subtree is `org_field = ANY(ARRAY(the subtree's unit ids))` on PostgreSQL (`IN (the ids)` elsewhere), not a
    join on the unit's path: with the ids as an array the planner probes the (unit, date) indexes unit by unit and
    reads the county's own rows, whatever the installation's size (issue 19; EXPLAIN in docs/performance.md: an
    `IN (SELECT …)` subquery hashed the ids and read the whole installation's year, 42–114 ms → 0.33 ms)."""
    scope = as_scope(scope)
    if scope is None:
        return queryset
    if not scope.include_below:
        return queryset.filter(**{org_field: scope.organization})
    ids = _shared_subtree(scope.organization)
    if ids is not None:
        return queryset.filter(InIds(models.F(org_field), ids))
    return queryset.filter(AnyOf(models.F(org_field), subtree_ids(scope.organization)))


def _shared_subtree(organization: models.Model) -> tuple | None:
    """Within a `shared()` block, the subtree's unit ids read once (one statement per evaluation) and written into
    every statement as values: `IN (1, 2, …)`, which PostgreSQL plans as `= ANY('{…}')` — the same index probes
    as the array subquery, without building and planning that subquery in each of ~200 statements (issue 19: one
    county ≤ 0.5 s). Outside a block (None): the subquery, so a lone figure costs no extra statement."""
    if _shared.get() is None:
        return None
    return once(
        ("subtree", organization.pk),
        lambda: tuple(subtree_ids(organization).order_by("pk").values_list("pk", flat=True)),
    )


class InIds(models.Func):
    """`column IN (1, 2, …)` for a tuple of ids known in advance (the subtree read once per evaluation), as a
    condition for filter(): the same SQL as `column__in=ids`, without Django preparing each id of the list again
    for each of the ~500 querysets an evaluation builds (a county of 41 units: a third of its Python time)."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, column, ids: tuple[int, ...]):
        super().__init__(column)
        self.ids = ids

    def as_sql(self, compiler, connection, **extra):
        (column,) = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        if not self.ids:
            return "1 = 0", ()
        return f"{column_sql} IN ({', '.join(['%s'] * len(self.ids))})", (*column_params, *self.ids)


class AnyOf(models.Func):
    """`column = ANY(ARRAY(subquery))` on PostgreSQL, `column IN (subquery)` elsewhere: a condition for filter().
    With the ids as an array the planner probes a composite index value by value (a county's units, a year's
    campaigns) instead of hashing the subquery and reading every row."""

    output_field = models.BooleanField()
    conditional = True

    def __init__(self, column, ids: models.QuerySet):
        super().__init__(column, models.Subquery(ids))

    def as_sql(self, compiler, connection, **extra):
        column, ids = self.get_source_expressions()
        column_sql, column_params = compiler.compile(column)
        ids_sql, ids_params = compiler.compile(ids)
        if not ids_sql.startswith("("):
            ids_sql = f"({ids_sql})"
        template = "%s = ANY(ARRAY%s)" if connection.vendor == "postgresql" else "%s IN %s"
        return template % (column_sql, ids_sql), (*column_params, *ids_params)


def subtree_ids(organization: models.Model) -> models.QuerySet:
    """The ids of `organization` and every unit below it, as a subquery."""
    return access.in_subtree(type(organization).objects.all(), organization, "").order_by().values("pk")


@dataclass
class Result:
    indicator: Indicator
    period: Period
    figure: Figure
    previous: Figure

    @property
    def change(self) -> Decimal | None:
        """Counts: percentage change on the year before; rates: the difference in percentage points."""
        now, before = self.figure.value, self.previous.value
        if now is None or before is None:
            return None
        if self.indicator.kind == RATE:
            return (Decimal(now) - Decimal(before)).quantize(Decimal("0.1"))
        if before == 0:
            return None
        return ((Decimal(now) - Decimal(before)) * 100 / Decimal(before)).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    def as_dict(self) -> dict:
        def num(v):
            return None if v is None else (float(v) if isinstance(v, Decimal) else v)

        ind = self.indicator
        return {
            "code": ind.code,
            "name": ind.name,
            "unit": ind.unit,
            "kind": ind.kind,
            "period": self.period.label,
            "value": num(self.figure.value),
            "numerator": num(self.figure.numerator),
            "denominator": num(self.figure.denominator),
            "previous": num(self.previous.value),
            "change": num(self.change),
            "definition": ind.definition,
            "basis": ind.basis,
        }


def evaluate(code: str, period: Period, scope=None) -> Result:
    indicator = REGISTRY[code]
    scope = as_scope(scope)
    # the figure and the year before read the family's statement for both years once; alone (no block open), the
    # statement computes only the members this figure reads (registry.grouped)
    with shared(lone=_shared.get() is None):
        return Result(
            indicator, period, compute(code, period, scope), indicator.compute(period.previous_year(), scope)
        )


def evaluate_all(period: Period, scope=None, prefix: str = "") -> list[Result]:
    with shared():
        return [evaluate(code, period, scope) for code in sorted(REGISTRY) if code.startswith(prefix)]
