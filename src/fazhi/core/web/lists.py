"""What every list page shares: text search (?q=), filters, sorting (?sort=key, ?sort=-key), pagination (?page=N with
the total) and ?export=xlsx of exactly the filtered rows in the order shown, written through core.io.sheets. A page
declares its columns and filters once (a `ListSpec`); the same declaration drives the page, its links and the export.

Rows may be a QuerySet (filters, search over `search_fields` and sorting by `Column.order_by` run in the database)
or a list (filters and `search_text` run in memory). Bad input (an unknown sort, a page that is not a number, a
value a filter does not offer) is answered with a Chinese message and status 400, never a 500."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponse
from django.urls import reverse

from fazhi.core.io import sheets
from fazhi.core.models import Organization

from . import choices, units

PER_PAGE = 50
MAX_QUERY = 100  # characters of a search
CHOICE, CHECK, DATE = "choice", "check", "date"
UNIT = "unit"  # the units of the rows: a select while at most FAZHI_UNIT_SELECT_MAX, a search field beyond


@dataclass(frozen=True)
class Column:
    """A column: its key in ?sort=, its heading, its cell in the export (and the sort key when sorted in memory),
    and the database ordering that sorts it (field names or expressions; None and sortable: sorted in memory on
    `value`)."""

    key: str
    label: str
    value: Callable[[Any], Any]
    order_by: tuple[Any, ...] | None = None
    sortable: bool = True


@dataclass(frozen=True)
class Filter:
    """A filter: a choice among `choices`, a check box, or a date; `apply(rows, value)` gives the rows kept."""

    name: str
    label: str
    apply: Callable[[Any, Any], Any]
    choices: Sequence[tuple[str, str]] = ()
    kind: str = CHOICE
    units: QuerySet | None = None  # UNIT: the units offered (those the rows belong to)


@dataclass
class ListSpec:
    title: str  # the export's sheet and file name
    columns: Sequence[Column]
    filters: Sequence[Filter] = ()
    search_fields: Sequence[str] = ()  # database fields searched with icontains (QuerySet rows)
    search_text: Callable[[Any], str] | None = None  # the text of a row searched in memory
    search_label: str = "搜索"
    search_placeholder: str = "输入关键词"
    default_sort: str = ""
    per_page: int = PER_PAGE
    keep: Sequence[
        str
    ] = ()  # parameters of the page itself (e.g. the day of a list) kept when conditions reset


@dataclass
class FilterState:
    filter: Filter
    value: str = ""

    @property
    def name(self) -> str:
        return self.filter.name

    @property
    def label(self) -> str:
        return self.filter.label

    @property
    def kind(self) -> str:
        return self.filter.kind

    # UNIT: the units offered, or the search field's source and the value shown in it (a unit's label)
    unit_choices: Sequence[tuple[str, str]] | None = None
    search_url: str = ""
    shown: str = ""
    user: Any = None

    @property
    def choices(self) -> Sequence[tuple[str, str]]:
        return self.filter.choices if self.unit_choices is None else self.unit_choices

    def offer_units(self, user) -> None:
        """A select of the rows' units while they are few, else a search field among the district's units (one
        statement either way; the units of a province's rows are not listed)."""
        limit = settings.FAZHI_UNIT_SELECT_MAX
        first = list(self.filter.units[: limit + 1])
        if len(first) <= limit:
            self.unit_choices = [(str(u.pk), u.name) for u in first]
        else:
            self.unit_choices = []
            self.search_url = reverse("core:choices", args=[units.DISTRICT_UNITS.name])
            self.user = user

    def unit_value(self, value: str) -> int:
        """The pk of the unit `value` names (a pk, a label or a name), or a ValidationError in Chinese."""
        if not self.search_url:
            if value not in {v for v, _ in self.unit_choices or ()}:
                raise ValidationError(f"没有“{value[:20]}”这一项，请从列表中选择。")
            return int(value)
        offered = units.DISTRICT_UNITS.rows(self.user)
        if value.isdigit():
            unit = offered.filter(pk=int(value)).first()
            if unit is None:
                raise ValidationError(f"没有“{value[:20]}”这一项，请从搜索结果中选择。")
        else:
            unit = choices.resolve(units.DISTRICT_UNITS, offered, value)
        self.shown = units.label(unit)
        return unit.pk


@dataclass
class HeadCell:
    label: str
    url: str = ""
    direction: str = ""  # "ascending", "descending" or "" (aria-sort)


@dataclass
class Listing:
    """One request's view of a list: the rows after search, filters and sorting, the page shown, and the links."""

    spec: ListSpec
    params: dict[str, str]
    rows: Any  # QuerySet or list after search, filters and sorting
    total: int
    unfiltered: int
    filters: list[FilterState]
    sort: str
    query: str
    errors: list[str] = field(default_factory=list)
    page: Any = None

    @property
    def status(self) -> int:
        return 400 if self.errors else 200

    @property
    def is_filtered(self) -> bool:
        return bool(self.query or any(f.value for f in self.filters))

    @property
    def page_rows(self) -> list:
        return list(self.page.object_list)

    def url(self, **changes) -> str:
        """This list's query string with `changes` (None removes a parameter); a new search or sort goes to page 1."""
        params = {k: v for k, v in self.params.items() if v not in ("", None)}
        if "page" not in changes:
            params.pop("page", None)
        params.pop("export", None)
        for key, value in changes.items():
            if value in (None, ""):
                params.pop(key, None)
            else:
                params[key] = str(value)
        return "?" + urlencode(params) if params else "?"

    @property
    def export_url(self) -> str:
        return self.url(export="xlsx")

    @property
    def kept(self) -> dict[str, str]:
        return {k: self.params[k] for k in self.spec.keep if self.params.get(k)}

    @property
    def reset_url(self) -> str:
        return "?" + urlencode(self.kept)

    @property
    def head(self) -> list[HeadCell]:
        cells = []
        for column in self.spec.columns:
            if not column.sortable:
                cells.append(HeadCell(column.label))
                continue
            direction = ""
            if self.sort == column.key:
                direction = "ascending"
            elif self.sort == f"-{column.key}":
                direction = "descending"
            target = f"-{column.key}" if direction == "ascending" else column.key
            cells.append(HeadCell(column.label, self.url(sort=target), direction))
        return cells

    @property
    def pages(self) -> list[dict]:
        """Page links around the current page: the first, the last and two either side, with gaps marked."""
        if self.page is None:
            return []
        last, now = self.page.paginator.num_pages, self.page.number
        shown = sorted({1, last, *range(max(1, now - 2), min(last, now + 2) + 1)})
        out, previous = [], 0
        for number in shown:
            if number - previous > 1:
                out.append({"gap": True})
            out.append({"number": number, "url": self.url(page=number), "current": number == now})
            previous = number
        return out

    @property
    def previous_url(self) -> str:
        return (
            self.url(page=self.page.previous_page_number()) if self.page and self.page.has_previous() else ""
        )

    @property
    def next_url(self) -> str:
        return self.url(page=self.page.next_page_number()) if self.page and self.page.has_next() else ""

    def export_rows(self) -> list[list]:
        rows = self.rows if isinstance(self.rows, list) else self.rows.iterator(chunk_size=500)
        return [[_cell(column.value(row)) for column in self.spec.columns] for row in rows]

    def export(self, filename: str | None = None) -> HttpResponse:
        """Exactly the filtered rows, in the order shown, all pages, as an .xlsx."""
        wb = sheets.workbook(self.spec.title, [c.label for c in self.spec.columns], self.export_rows())
        response = HttpResponse(sheets.xlsx_bytes(wb), content_type=sheets.XLSX)
        name = filename or f"{self.spec.title}.xlsx"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
        return response

    @property
    def wants_export(self) -> bool:
        return self.params.get("export") == "xlsx" and not self.errors


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (str, int, float, dt.date)) and not isinstance(value, bool):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def listing(request, rows, spec: ListSpec) -> Listing:
    """Apply the request's search, filters, sorting and page to `rows` (a QuerySet or a list)."""
    params = {k: request.GET.get(k, "") for k in request.GET}
    errors: list[str] = []
    unfiltered = rows.count() if isinstance(rows, QuerySet) else len(rows)

    states = []
    narrowed = False  # a filter or a search applied: the rows are fewer than `unfiltered`
    for f in spec.filters:
        value = params.get(f.name, "").strip()
        state = FilterState(f, value)
        states.append(state)
        if f.kind == UNIT:
            state.offer_units(request.user)
        if not value:
            continue
        parsed: Any = value
        if f.kind == UNIT:
            try:
                parsed = state.unit_value(value)
            except ValidationError as exc:
                errors.append(f"{f.label}：{exc.messages[0]}")
                state.value = ""
                continue
        if f.kind == CHOICE and f.choices and value not in {str(v) for v, _ in f.choices}:
            errors.append(f"{f.label}：没有“{value[:20]}”这一项，请从列表中选择。")
            state.value = ""
            continue
        if f.kind == DATE:
            try:
                parsed = dt.date.fromisoformat(value)
            except ValueError:
                errors.append(f"{f.label}：“{value[:20]}”不是有效的日期，请按“2025-01-31”的格式填写。")
                state.value = ""
                continue
        if f.kind == CHECK:
            parsed = True
        rows = f.apply(rows, parsed)
        narrowed = True

    query = " ".join(params.get("q", "").split())[:MAX_QUERY]
    if query:
        rows = _search(rows, spec, query)
        narrowed = True

    sort = params.get("sort", "") or spec.default_sort
    columns = {c.key: c for c in spec.columns if c.sortable}
    if sort and sort.lstrip("-") not in columns:
        errors.append(f"不能按“{sort[:20]}”排序，请点击表头排序。")
        sort = spec.default_sort
    if sort:
        rows = _sort(rows, columns[sort.lstrip("-")], descending=sort.startswith("-"))

    paginator = Paginator(rows, spec.per_page, allow_empty_first_page=True)
    if not narrowed:
        paginator.count = unfiltered  # all the rows, counted above: no second COUNT
    asked = params.get("page", "") or "1"
    if not asked.isdigit() or not 1 <= int(asked) <= paginator.num_pages:
        errors.append(f"页码应为1到{paginator.num_pages}之间的整数。")
        asked = "1"
    page = paginator.page(int(asked))
    return Listing(
        spec=spec,
        params=params,
        rows=rows,
        total=paginator.count,
        unfiltered=unfiltered,
        filters=states,
        sort=sort,
        query=query,
        errors=errors,
        page=page,
    )


def _search(rows, spec: ListSpec, query: str):
    words = query.split()
    if isinstance(rows, QuerySet) and spec.search_fields and spec.search_text is None:
        for word in words:
            rows = rows.filter(
                reduce(or_, (Q(**{f"{name}__icontains": word}) for name in spec.search_fields))
            )
        return rows
    text = spec.search_text or (lambda row: " ".join(str(c.value(row)) for c in spec.columns))
    return [row for row in rows if all(word.lower() in text(row).lower() for word in words)]


def _sort(rows, column: Column, *, descending: bool):
    if isinstance(rows, QuerySet) and column.order_by:
        order = [_ordered(o, descending) for o in column.order_by]
        return rows.order_by(*order, "-pk" if descending else "pk")
    rows = list(rows)
    present = [r for r in rows if column.value(r) not in (None, "")]
    empty = [r for r in rows if column.value(r) in (None, "")]
    return sorted(present, key=lambda r: _key(column.value(r)), reverse=descending) + empty  # blanks last


def _ordered(o, descending: bool):
    """A field name (`-name`: reversed), or an expression (e.g. a Case), sorted with its blanks last either way, as
    the in-memory sort puts them."""
    if not isinstance(o, str):
        return o.desc(nulls_last=True) if descending else o.asc(nulls_last=True)
    return f"-{o.lstrip('-')}" if descending != o.startswith("-") else o.lstrip("-")


def _key(value):
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (0, value, "")
    if isinstance(value, dt.date):
        return (1, value.toordinal(), "")
    return (2, 0, str(value))


def first(rows: QuerySet, shown: int) -> tuple[list, int]:
    """The first `shown` rows and how many there are in all, counted only when there are more than shown: a section
    of a page that names the first few of thousands (issue 19) instead of listing them all. (A COUNT(*) OVER () in
    the same statement made PostgreSQL choose a nested loop over the people without a certificate: 3.6 s.)"""
    head = list(rows[:shown])
    return head, (len(head) if len(head) < shown else rows.count())


# Filters most lists share: the unit, the state and the year of a date, offered from the rows themselves (one query
# each, never the whole table).


def unit_filter(
    rows: QuerySet, field: str = "organization", label: str = "单位", name: str = "unit"
) -> Filter:
    """A choice among the units the rows belong to (`field` is the path to the unit): a select of them while they
    are at most FAZHI_UNIT_SELECT_MAX, else a search field (?unit= a unit's pk or its label)."""
    offered = Organization.objects.filter(pk__in=rows.order_by().values(f"{field}_id")).order_by("path")
    return Filter(name, label, lambda qs, v: qs.filter(**{f"{field}_id": int(v)}), kind=UNIT, units=offered)


def status_filter(choices: Sequence[tuple[str, str]], field: str = "status", label: str = "状态") -> Filter:
    return Filter("status", label, lambda qs, v: qs.filter(**{field: v}), choices=list(choices))


def year_filter(rows: QuerySet, field: str, label: str = "年度") -> Filter:
    """A choice among the years in which the rows' `field` (a date) falls, newest first."""
    years = sorted({d.year for d in rows.order_by().dates(field, "year")}, reverse=True)
    return Filter(
        "year",
        label,
        lambda qs, v: qs.filter(**{f"{field}__year": int(v)}),
        choices=[(str(y), f"{y}年") for y in years],
    )


def due_before_filter(field: str, open_q: Q | None = None, label: str = "期限早于") -> Filter:
    """Open rows whose deadline (`field`) falls before the day asked."""

    def apply(qs, day):
        qs = qs.filter(**{f"{field}__lt": day})
        return qs.filter(open_q) if open_q is not None else qs

    return Filter("due_before", label, apply, kind=DATE)


# Batch actions: the rows ticked on a list page (?ids), each run through the service on its own, so a row a rule
# refuses is named with the rule's message and the others are done.

MAX_BATCH = 200


@dataclass
class BatchResult:
    done: list = field(default_factory=list)
    refused: list[tuple[Any, str]] = field(default_factory=list)

    def summary(self, verb: str) -> str:
        text = f"已{verb}{len(self.done)}项"
        if self.refused:
            text += f"，{len(self.refused)}项未{verb}"
        return text + "。"


def ticked(request, rows: QuerySet) -> tuple[list, str]:
    """The rows of `rows` (already scoped to what the user may see) whose ids were ticked (POST "ids"); an error in
    Chinese when none was ticked, an id is not a number, or too many were."""
    raw = request.POST.getlist("ids")
    if not raw:
        return [], "请先勾选要办理的记录。"
    if not all(v.isdigit() for v in raw):
        return [], "勾选的记录编号无效，请刷新页面后重新勾选。"
    if len(raw) > MAX_BATCH:
        return [], f"一次最多办理{MAX_BATCH}项，请分批办理。"
    found = list(rows.filter(pk__in=[int(v) for v in raw]))
    if len(found) != len(set(raw)):
        return [], "勾选的记录有的不存在或您无权查看，请刷新页面后重新勾选。"
    return found, ""


def run_batch(rows, action: Callable[[Any], Any]) -> BatchResult:
    """Call `action` (a service) on each row in turn; a refusal (ValidationError, PermissionDenied) is kept with its
    Chinese message and the row is left unchanged, the other rows are done."""
    from django.core.exceptions import PermissionDenied, ValidationError

    result = BatchResult()
    for row in rows:
        try:
            action(row)
        except ValidationError as exc:
            result.refused.append((row, "；".join(exc.messages)))
        except PermissionDenied as exc:
            result.refused.append((row, str(exc) or "您无权办理。"))
        else:
            result.done.append(row)
    return result


def tell(request, result: BatchResult, verb: str, name: Callable[[Any], str] = str) -> None:
    """The result in the page's notices: how many were done, then each refused row with the rule's message."""
    from django.contrib import messages

    (messages.warning if result.refused else messages.success)(request, result.summary(verb))
    for row, message in result.refused:
        messages.error(request, f"{name(row)}：{message}")
