"""The 工作台: pending work and deadline warnings that each workstream registers for the logged-in user.

A provider gives its items two ways (issue 19): a short list of `WorkItem`s it builds itself (the items few by
nature, or decided by a rule only Python computes), and `Source`s — a scoped queryset annotated in the database with
each row's due date, level, urgency, title key, unit and category (`annotate`), and the function that builds the
`WorkItem` of a row. The 工作台 counts the sources in one statement, reads only the page's rows in the global order
(one UNION ALL statement, merged with the short lists) and builds only those items (`Board`)."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case, CharField, DateField, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat

from fazhi.core import calendar, clock

OVERDUE = "overdue"
DUE_SOON = "due_soon"
PENDING = "pending"
LEVEL_LABELS = {OVERDUE: "已逾期", DUE_SOON: "即将到期", PENDING: "待办"}
LEVEL_ORDER = {OVERDUE: 0, DUE_SOON: 1, PENDING: 2}  # the order of items_for, and the levels in the database
LEVELS = {n: level for level, n in LEVEL_ORDER.items()}

# The 工作台's urgency groups: 逾期 / 7日内 / 其他, by the item's due date (an item the workstream marks overdue stays
# overdue). The same as `urgency()` on an item and `annotate()`'s wb_urgency in the database.
URGENCY = (("overdue", "已逾期"), ("week", "7日内到期"), ("other", "其他待办"))
URGENCY_ORDER = {key: n for n, (key, _) in enumerate(URGENCY)}
SOON_DAYS = 7


@dataclass
class WorkItem:
    title: str
    category: str
    level: str = PENDING
    due: dt.date | None = None
    url: str = ""
    unit: str = ""
    detail: str = ""

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


def level_for(due: dt.date, on: dt.date, warn_days: int = 5) -> str:
    if due < on:
        return OVERDUE
    if (due - on).days <= warn_days:
        return DUE_SOON
    return PENDING


def urgency(item: WorkItem, on: dt.date) -> str:
    """逾期 / 7日内 / 其他 of an item on `on`."""
    if item.level == OVERDUE or (item.due and item.due < on):
        return "overdue"
    if item.due and (item.due - on).days <= SOON_DAYS:
        return "week"
    return "other"


@dataclass
class Source:
    """Items of one kind counted, ordered and paged in the database. `rows`: the scoped queryset passed through
    `annotate`; `item(row)`: the WorkItem of a row (read with `rows`' own joins); `search`: the record's fields a
    search matches (its title or number; the unit's name and the category are matched for every source)."""

    category: str
    rows: QuerySet
    item: Callable[[Any], WorkItem]
    search: Sequence[str] = ()


@dataclass
class Work:
    """What a provider gives: its short list of items and its sources."""

    items: list[WorkItem] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def expand(self) -> list[WorkItem]:
        """Every item: the short list and every row of every source (items_for, the export)."""
        return self.items + [s.item(row) for s in self.sources for row in s.rows]


def annotate(
    rows: QuerySet,
    *,
    on: dt.date,
    due: Any = None,
    warn_days: int = 5,
    level: str | None = None,
    title: Any,
    unit: Any,
    category: str,
) -> QuerySet:
    """`rows` with the 工作台's columns computed in the database: wb_due (None: no date), wb_level (level_for with
    `warn_days`, or the fixed `level`; PENDING without a date), wb_urgency (as `urgency`), wb_title (the start of the
    item's title that orders it: the record's own text), wb_unit, wb_category."""
    due_expr = Cast(Value(None), DateField()) if due is None else _expr(due)
    if level is not None:
        level_expr = Value(LEVEL_ORDER[level])
    else:
        level_expr = Case(
            When(Q(wb_due__lt=on), then=Value(0)),
            When(Q(wb_due__lte=on + dt.timedelta(days=warn_days)), then=Value(1)),
            default=Value(2),
        )
    return (
        rows.annotate(wb_due=due_expr)
        .annotate(
            wb_level=level_expr,
            wb_title=Cast(_expr(title), CharField()),
            wb_unit=Cast(_expr(unit), CharField()),
            wb_category=Value(category, output_field=CharField()),
        )
        .annotate(
            wb_urgency=Case(
                When(Q(wb_level=0) | Q(wb_due__lt=on), then=Value(0)),
                When(Q(wb_due__lte=on + dt.timedelta(days=SOON_DAYS)), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            ),
        )
    )


def _expr(value):
    return F(value) if isinstance(value, str) else value


def text(*parts) -> Concat:
    """A title key: literal strings and field names (`F("...")`) or expressions, concatenated in the database."""
    exprs = [Value(p) if isinstance(p, str) else p for p in parts]
    return Concat(*exprs, output_field=CharField())


def label(field_name: str, choices) -> Case:
    """A choice field's display label in the database (get_FOO_display)."""
    return Case(
        *[When(**{field_name: value}, then=Value(str(name))) for value, name in choices],
        default=Cast(F(field_name), CharField()),
        output_field=CharField(),
    )


def pk_text() -> Cast:
    return Cast("pk", CharField())


PROVIDERS: list[Callable] = []


def provider(fn: Callable) -> Callable:
    """Register `fn(user, today)`, returning a list of WorkItems or a `Work`; it must read through core.access like
    every selector. The function registered (and returned) gives the full list of items (`Work.expand`: items_for,
    the export); `registered.work` is `fn` itself (the board)."""

    @functools.wraps(fn)
    def every_item(user, on):
        got = fn(user, on)
        return got.expand() if isinstance(got, Work) else got

    every_item.work = fn
    PROVIDERS.append(every_item)
    return every_item


def work_of(fn: Callable, user, on: dt.date) -> Work:
    got = getattr(fn, "work", fn)(user, on)
    return got if isinstance(got, Work) else Work(items=list(got))


def items_for(user, on: dt.date | None = None) -> list[WorkItem]:
    """Every provider's items for `user` on `on`, most urgent first. The providers' deadlines share one calendar
    (core.calendar.reused): the calendar-region setting and the holiday rows are read once, not once per row."""
    on = on or clock.today()
    with calendar.reused():
        items = [item for fn in PROVIDERS for item in fn(user, on)]
    return sorted(items, key=lambda i: (LEVEL_ORDER[i.level], i.due or dt.date.max, i.title))


# The board: the 工作台 read a page at a time ---------------------------------------------------------------------

COLUMNS = (
    "wb_src",
    "wb_pk",
    "wb_level",
    "wb_due",
    "wb_title",
    "wb_category",
    "wb_unit",
    "wb_urgency",
    "wb_hit",
)
SMALL = 1_000_000  # the `src` of the short lists' rows: after the sources' at the same place in the order
SORTS = {"title": "wb_title", "category": "wb_category", "due": "wb_due", "unit": "wb_unit"}


@dataclass(eq=False)
class Row:
    """An item's place in the order: from the database (`src`, `pk`) or from a short list (`item`)."""

    level: int
    due: dt.date | None
    title: str
    category: str
    unit: str
    urgency: int
    src: int
    pk: int
    item: WorkItem | None = None

    def key(self, sort: str = "") -> tuple:
        base = (self.level, self.due or dt.date.max, self.title, self.src, self.pk)
        if not sort:
            return base
        value = getattr(self, SORTS[sort.lstrip("-")].removeprefix("wb_"))
        blank = value in (None, "")
        if blank:
            return (1, 0, *base)
        v = value.toordinal() if isinstance(value, dt.date) else value
        return (0, _Reversed(v) if sort.startswith("-") else v, *base)


@functools.total_ordering
class _Reversed:
    def __init__(self, value):
        self.value = value

    def __eq__(self, other):
        return self.value == other.value

    def __lt__(self, other):
        return self.value > other.value


class Board:
    """The 工作台 of `user` on `on`, narrowed by urgency, category and a search: its counts (one statement), a page
    of its items (one statement for the order, one per source on the page to build them), every item (the export).
    Use as the rows of a Paginator: len() and slices."""

    def __init__(self, user, on: dt.date):
        self.on = on
        self.small: list[Row] = []
        self.sources: list[Source] = []
        with calendar.reused():
            for fn in PROVIDERS:
                work = work_of(fn, user, on)
                self.sources.extend(work.sources)
                for item in work.items:
                    self.small.append(
                        Row(
                            LEVEL_ORDER[item.level],
                            item.due,
                            item.title,
                            item.category,
                            item.unit,
                            URGENCY_ORDER[urgency(item, on)],
                            SMALL,
                            len(self.small),
                            item,
                        )
                    )
        self.urgency: str = ""
        self.category: str = ""
        self.words: list[str] = []
        self.sort: str = ""
        self._counts: list[tuple[int, int, int, int, int]] | None = None
        self._window: tuple[int, int, list[Row]] | None = None

    # narrowing ------------------------------------------------------------------------------------------------

    def narrow(self, *, urgency: str = "", category: str = "", query: str = "", sort: str = "") -> Board:
        self.urgency, self.category, self.words, self.sort = urgency, category, query.split(), sort
        self._window = None  # a page read for other conditions
        return self

    def _source_hit(self, source: Source) -> Q | None:
        """The search over a source's rows: every word in its record fields, its unit or its category."""
        condition = Q()
        for word in self.words:
            if word.lower() in source.category.lower():
                continue
            fields = [*source.search, "wb_title", "wb_unit"]  # the start of the title too
            condition &= reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
        return condition

    def _small_hit(self, row: Row) -> bool:
        text = f"{row.title} {row.category} {row.unit}".lower()
        return all(w.lower() in text for w in self.words)

    def _kept_small(self) -> list[Row]:
        return [
            r
            for r in self.small
            if (not self.urgency or r.urgency == URGENCY_ORDER[self.urgency])
            and (not self.category or r.category == self.category)
            and self._small_hit(r)
        ]

    def _kept_sources(self) -> list[tuple[int, Source]]:
        return [
            (n, s) for n, s in enumerate(self.sources) if not self.category or s.category == self.category
        ]

    # the union of the sources --------------------------------------------------------------------------------

    def _part(self, n: int, source: Source) -> tuple[str, list] | None:
        hit = self._source_hit(source)
        rows = (
            source.rows.order_by()
            .annotate(
                wb_src=Value(n, output_field=IntegerField()),
                wb_pk=F("pk"),
                wb_hit=Case(When(hit, then=Value(1)), default=Value(0), output_field=IntegerField())
                if hit
                else Value(1, output_field=IntegerField()),
            )
            .values_list(*COLUMNS)
        )
        try:
            sql, params = rows.query.get_compiler(using=rows.db).as_sql()
        except EmptyResultSet:  # a scope or a filter that keeps nothing (e.g. pk__in=[])
            return None
        return sql, list(params)

    def _union(self, sources: list[tuple[int, Source]]) -> tuple[str, list] | None:
        """The sources' rows as one UNION ALL (the statements are Django's; only our column names are added);
        None if no source can have a row."""
        parts = [p for p in (self._part(n, s) for n, s in sources) if p is not None]
        if not parts:
            return None
        sql = " UNION ALL ".join(f"SELECT * FROM ({p}) AS wb_{i}" for i, (p, _) in enumerate(parts))  # noqa: S608
        return sql, [x for _, params in parts for x in params]

    def counts(self) -> list[tuple[int, int, int, int, int]]:
        """(source, urgency, level, rows, rows the search keeps) of every source, in one statement."""
        if self._counts is None:
            self._counts = []
            union = self._union(list(enumerate(self.sources)))
            if union is not None:
                sql, params = union
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT wb_src, wb_urgency, wb_level, COUNT(*), SUM(wb_hit) FROM ("  # noqa: S608
                        + sql
                        + ") AS wb GROUP BY wb_src, wb_urgency, wb_level",
                        params,
                    )
                    self._counts = [tuple(int(v or 0) for v in r) for r in cursor.fetchall()]
        return self._counts

    def by_category_and_level(self) -> Counter:
        """(category, level) → how many items, of all the user's items (the dashboard's deadline chart)."""
        out: Counter = Counter()
        for src, _, level, n, _ in self.counts():
            out[(self.sources[src].category, LEVELS[level])] += n
        for r in self.small:
            out[(r.category, LEVELS[r.level])] += 1
        return out

    def by_urgency(self) -> Counter:
        """urgency → how many items, of all the user's items (the 工作台's badges)."""
        out: Counter = Counter()
        for _, u, _, n, _ in self.counts():
            out[URGENCY[u][0]] += n
        for r in self.small:
            out[URGENCY[r.urgency][0]] += 1
        return out

    def categories(self) -> list[str]:
        """The categories of the user's items."""
        present = {self.sources[src].category for src, _, _, n, _ in self.counts() if n}
        return sorted(present | {r.category for r in self.small})

    def unfiltered(self) -> int:
        return sum(r[3] for r in self.counts()) + len(self.small)

    def __len__(self) -> int:
        kept = {n for n, _ in self._kept_sources()}
        wanted = URGENCY_ORDER.get(self.urgency)
        db = sum(hit for src, u, _, _, hit in self.counts() if src in kept and wanted in (None, u))
        return db + len(self._kept_small())

    def count(self) -> int:
        return len(self)

    def _page_sql(self, union: str, params: list, start: int, limit: int | None, kept: list[int]) -> str:
        """The statement ordering the kept rows of `union` (wb) from `start` on (`limit` of them; None: all)."""
        where = ["wb_hit = 1", f"wb_src IN ({', '.join(str(int(n)) for n in kept) or 'NULL'})"]
        if self.urgency:
            where.append("wb_urgency = %s")
            params.append(URGENCY_ORDER[self.urgency])
        order = ["wb_level", "wb_due IS NULL", "wb_due", "wb_title", "wb_src", "wb_pk"]
        if self.sort:
            column = SORTS[self.sort.lstrip("-")]
            blank = f"{column} IS NULL" if column == "wb_due" else f"({column} IS NULL OR {column} = '')"
            order = [blank, column + (" DESC" if self.sort.startswith("-") else ""), *order]
        sql = f"SELECT {', '.join(COLUMNS[:-1])} FROM {union} WHERE {' AND '.join(where)}"  # noqa: S608
        sql += " ORDER BY " + ", ".join(order)
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(start)}"
        return sql

    @staticmethod
    def _rows(fetched) -> list[Row]:
        return [
            Row(level, _date(due), title or "", category, unit or "", urgency, src, pk)
            for src, pk, level, due, title, category, unit, urgency in fetched
        ]

    def prefetch(self, page: int, per_page: int) -> None:
        """The counts and the database rows of page `page` in one statement: the sources' rows computed once (a
        common table expression), grouped for the counts and ordered for the page."""
        offset = (page - 1) * per_page
        start = max(0, offset - len(self._kept_small()))
        limit = offset + per_page - start
        union = self._union(list(enumerate(self.sources)))
        if union is None:
            self._counts = []
            return
        sql, params = union
        kept = [n for n, _ in self._kept_sources()]
        page_sql = self._page_sql("wb", params, start, limit, kept)
        # one row per count (part 0: hit, src, rows, level, …, urgency) and per row of the page (part 1: 0, src,
        # pk, level, due, title, category, unit, urgency): the columns of a kind line up
        counted = (
            "SELECT 0 AS wb_part, SUM(wb_hit) AS wb_n, wb_src, COUNT(*) AS wb_pk, wb_level, NULL AS wb_due, "
            "NULL AS wb_title, NULL AS wb_category, NULL AS wb_unit, wb_urgency FROM wb "
            "GROUP BY wb_src, wb_urgency, wb_level"
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"WITH wb AS ({sql}) {counted} UNION ALL SELECT 1, 0, * FROM ({page_sql}) AS wb_page",  # noqa: S608
                params,
            )
            fetched = cursor.fetchall()
        self._counts = [(r[2], r[9], r[4], r[3], int(r[1] or 0)) for r in fetched if r[0] == 0]
        self._window = (start, limit, self._rows([r[2:] for r in fetched if r[0] == 1]))

    def _ordered(self, offset: int, limit: int | None) -> list[Row]:
        """The database rows from `offset` (`limit` of them; None: all) in the order of the page."""
        if self._window is not None and limit is not None:
            start, most, rows = self._window
            if start == offset and limit <= most:
                return rows[:limit]
        union = self._union(self._kept_sources())
        if union is None or (limit is not None and limit <= 0):
            return []
        union, params = union
        kept = [n for n, _ in self._kept_sources()]
        sql = self._page_sql(f"({union}) AS wb", params, offset, limit, kept)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return self._rows(cursor.fetchall())

    def _merged(self, offset: int, limit: int | None) -> list[Row]:
        """Rows [offset, offset + limit) of the database rows and the short lists merged in one order: the database
        rows from offset − (short rows) on suffice (rule: a short row before them all stands before `offset`)."""
        small = sorted(self._kept_small(), key=lambda r: r.key(self.sort))
        start = max(0, offset - len(small))
        db = self._ordered(start, None if limit is None else offset + limit - start)
        merged = sorted(db + small, key=lambda r: r.key(self.sort))
        if db and start:
            first = db[0].key(self.sort)
            before = {id(r) for r in small if r.key(self.sort) < first}  # all of them before `offset`
            merged = [r for r in merged if id(r) not in before]
            position = start + len(before)  # the place of merged[0]
        else:
            position = 0
        end = None if limit is None else offset + limit
        return [r for i, r in enumerate(merged, start=position) if i >= offset and (end is None or i < end)]

    def _items(self, rows: list[Row]) -> list[WorkItem]:
        """The WorkItems of `rows`, built by their sources (one statement per source and 1,000 rows)."""
        wanted: dict[int, list[int]] = {}
        for r in rows:
            if r.item is None:
                wanted.setdefault(r.src, []).append(r.pk)
        built: dict[tuple[int, int], WorkItem] = {}
        with calendar.reused():
            for src, pks in wanted.items():
                source = self.sources[src]
                for i in range(0, len(pks), 1000):
                    for record in source.rows.filter(pk__in=pks[i : i + 1000]).order_by():
                        built[(src, record.pk)] = source.item(record)
        return [r.item if r.item is not None else built[(r.src, r.pk)] for r in rows]

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start = index.start or 0
        limit = None if index.stop is None else index.stop - start
        return self._items(self._merged(start, limit))

    def iterator(self, chunk_size: int = 1000) -> Iterable[WorkItem]:
        """Every kept item in order (the export)."""
        return iter(self[0:None])


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])
