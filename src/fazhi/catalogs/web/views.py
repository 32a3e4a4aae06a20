"""Pages of the lists. The public pages (no login) show each list today or as it stood on a chosen day, with an xlsx
download of exactly what is shown; the staff pages show every version of the items they may see and add and remove
items through the services. A bad date or a refused change is answered in Chinese with status 400 or 403."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.db import models
from django.db.models import Case, CharField, F, Func, Q, TextField, Value, When
from django.db.models.functions import Cast, Coalesce
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.io.sheets import XLSX
from fazhi.core.web import lists as list_pages
from fazhi.core.web import pages
from fazhi.core.web.pages import submit
from fazhi.indicators.registry import Period, evaluate, shared

from .. import selectors, services
from ..documents import lists as tables
from ..models import CatalogKind, HandlingMode
from . import forms

parse_day = selectors.day_asked


def _public_list(slug: str) -> tables.PublicList:
    if slug not in tables.LISTS:
        raise Http404("没有这个清单。")
    return tables.LISTS[slug]


UNIT_HEADERS = ("实施单位", "索要单位")  # the column of each list that names the unit
MODE_HEADER = "办理方式"


class _Ascending:
    """An ordering that stays ascending when its column is sorted descending: blanks last and the list's own order
    (unit, code) as the tie-break, both ways, as the in-memory sort of the list's rows (stable) put them."""

    def __init__(self, expression):
        self.expression = expression

    def asc(self, **kwargs):
        return self.expression.asc()

    desc = asc


TIE_BREAK = tuple(_Ascending(F(f)) for f in selectors.PUBLIC_ORDER)


def _mode_label(field: str = "mode", labels=None) -> Case:
    """办理方式 as its label, or the label's rank in sorted order (`labels`), computed in the database."""
    whens = [
        When(**{field: value}, then=Value(labels.index(label) if labels else label))
        for value, label in HandlingMode.choices
    ]
    return Case(*whens, default=Value(len(labels) if labels else ""))


def _order(model, cell: tables.Cell) -> tuple:
    """The database ordering of a public list's column: its cell (blanks last), then the list's order."""
    if not cell.field:  # 序号: the list's order itself
        return selectors.PUBLIC_ORDER
    if cell.field == "mode":
        return (_mode_label(labels=sorted(label for _, label in HandlingMode.choices)), *TIE_BREAK)
    head = cell.field.split("__")[0]
    field = model._meta.get_field(head)
    blank = None
    if field.null:
        blank = Q(**{f"{cell.field}__isnull": True})
    elif isinstance(field, (models.CharField, models.TextField)):
        blank = Q(**{cell.field: ""})
    ranked = (_Ascending(Case(When(blank, then=Value(1)), default=Value(0))),) if blank is not None else ()
    return (*ranked, F(cell.field), *TIE_BREAK)


def _text(cell: tables.Cell):
    """A column's cell as text in the database, as the page shows it (for the search over every cell)."""
    if cell.field == "mode":
        return _mode_label()
    if cell.field in ("time_limit_days", "added_on"):
        return Coalesce(Cast(cell.field, CharField()), Value(""))
    return F(cell.field)


def public_rows(request, slug: str, rows):
    """The day's list `rows` with, when a search is asked (?q=), its every cell as one text (`cells`, searched as
    the in-memory search did: each word in some cell, 序号 included)."""
    query = " ".join(request.GET.get("q", "").split())[: list_pages.MAX_QUERY]
    if not query:
        return rows
    parts = []
    for cell in tables.CELLS[slug]:
        if cell.field:
            parts.append(_text(cell))
    for word in query.split():
        if word.isascii() and word.isdigit():  # a word only digits can find an item by its 序号
            parts.append(
                Case(
                    When(pk__in=selectors.numbered_containing(rows, word), then=Value(word)),
                    default=Value(""),
                )
            )
    spaced = [p for part in parts for p in (part, Value(" "))][:-1]
    return rows.annotate(cells=_Joined(*spaced))


class _Joined(Func):
    """Texts joined with || in one flat expression (Concat nests a pair per part: too deep for SQLite's parser)."""

    arg_joiner = " || "
    template = "(%(expressions)s)"
    output_field = TextField()


def public_list_spec(meta: tables.PublicList, slug: str | None, rows) -> list_pages.ListSpec:
    """A public list as a list page: search over every cell, a filter by unit (and by 办理方式 where the list has
    it), sortable columns, pages and an export of exactly the rows kept — in the database, numbered (序号) by the
    item's place in the whole day's list."""
    cells = tables.CELLS[slug] if slug else []
    filters = []
    for cell in cells:
        if cell.header in UNIT_HEADERS:
            names = rows.order_by().values_list("organization__name", flat=True).distinct()
            filters.append(
                list_pages.Filter(
                    "unit",
                    cell.header,
                    lambda qs, v: qs.filter(organization__name=v),
                    choices=[(v, v) for v in sorted(n for n in names if n != "")],
                )
            )
        elif cell.header == MODE_HEADER:
            labels = dict(HandlingMode.choices)
            present = sorted(labels[m] for m in rows.order_by().values_list("mode", flat=True).distinct())
            filters.append(
                list_pages.Filter(
                    "mode",
                    cell.header,
                    lambda qs, v, labels=labels: qs.filter(
                        mode__in=[m for m, lb in labels.items() if lb == v]
                    ),
                    choices=[(v, v) for v in present],
                )
            )
    model = rows.model if slug else None
    return list_pages.ListSpec(
        title=meta.title,
        columns=[
            list_pages.Column(f"c{i}", c.header, c.value, order_by=_order(model, c))
            for i, c in enumerate(cells)
        ],
        filters=filters,
        search_fields=("cells",) if slug else (),
        search_placeholder="事项名称、编码、单位",
        keep=("on",),
    )


def public_list(request, slug: str):
    """A list for the public: today, or on ?on=YYYY-MM-DD; searched, filtered, sorted, in pages, exported — in the
    database: a page of rows read, each numbered (序号) by its place in the day's whole list."""
    meta = _public_list(slug)
    day, error = parse_day(request.GET.get("on"))
    if error:
        listing = list_pages.listing(request, [], public_list_spec(meta, None, []))
        headers, rows = [], []
    else:
        items = tables.items(slug, day)
        listing = list_pages.listing(
            request, public_rows(request, slug, items), public_list_spec(meta, slug, items)
        )
        if listing.wants_export:
            numbers = selectors.numbers(items)
            listing.rows = [_with_number(it, numbers) for it in listing.rows.iterator(chunk_size=2000)]
            return listing.export(f"{meta.title}_{day.isoformat()}.xlsx")
        page = listing.page_rows
        numbers = selectors.numbers(items, [it.pk for it in page])
        headers = [c.header for c in tables.CELLS[slug]]
        rows = [[c.value(_with_number(it, numbers)) for c in tables.CELLS[slug]] for it in page]
    context = {
        "list": meta,
        "listing": listing,
        "lists": tables.LISTS.values(),
        "day": day,
        "asked": request.GET.get("on", ""),
        "is_today": day == clock.today(),
        "error": error,
        "headers": headers,
        "rows": rows,
    }
    return render(request, "catalogs/public_list.html", context, status=400 if error else listing.status)


def _with_number(item, numbers: dict[int, int]):
    item.number = numbers[item.pk]
    return item


def public_download(request, slug: str):
    meta = _public_list(slug)
    day, error = parse_day(request.GET.get("on"))
    if error:
        return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(tables.xlsx(slug, day), content_type=XLSX)
    filename = f"{meta.title}_{day.isoformat()}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


# Staff pages ---------------------------------------------------------------------------------------------------

STAFF_LISTS = {
    "certification": ("证明事项清单", "certification-items"),
    "commitment": ("告知承诺制事项清单", "commitment-items"),
    "service": ("政务服务事项", "service-items"),
}


def _rows(user, kind: str, action: str = access.VIEW):
    if kind == "service":
        return selectors.service_items_for(user, action)
    return selectors.items_for(user, kind, action)


def _in_force(rows, day):
    return rows.filter(added_on__lte=day).filter(Q(removed_on__isnull=True) | Q(removed_on__gt=day))


def staff_list_spec(kind: str, rows, day) -> list_pages.ListSpec:
    """A list's every version as a list page: search, filters (unit, in force on the day, 办理方式), sorting, pages
    and the export's cells."""
    extra = {
        "service": [
            list_pages.Column("mode", "办理方式", lambda i: i.get_mode_display(), order_by=("mode",)),
            list_pages.Column(
                "days", "时限（工作日）", lambda i: i.time_limit_days, order_by=("time_limit_days",)
            ),
        ],
        "commitment": [
            list_pages.Column("verification", "核查方式", lambda i: i.verification, sortable=False)
        ],
        "certification": [list_pages.Column("issuer", "开具单位", lambda i: i.issuer, order_by=("issuer",))],
    }[kind]
    filters = [
        list_pages.unit_filter(rows, label="实施单位"),
        list_pages.Filter(
            "in_force", "只看该日在清单内", lambda qs, v: _in_force(qs, day), kind=list_pages.CHECK
        ),
    ]
    if kind == "service":
        filters.append(
            list_pages.Filter(
                "mode", "办理方式", lambda qs, v: qs.filter(mode=v), choices=HandlingMode.choices
            )
        )
    return list_pages.ListSpec(
        title=STAFF_LISTS[kind][0],
        columns=[
            list_pages.Column("code", "事项编码", lambda i: i.code, order_by=("code", "added_on")),
            list_pages.Column("name", "事项名称", lambda i: i.name, order_by=("name",)),
            list_pages.Column(
                "unit", "实施单位", lambda i: i.organization.name, order_by=("organization__path", "code")
            ),
            *extra,
            list_pages.Column("added", "列入日期", lambda i: i.added_on, order_by=("added_on",)),
            list_pages.Column("removed", "移出日期", lambda i: i.removed_on, order_by=("removed_on",)),
        ],
        filters=filters,
        search_fields=("code", "name", "organization__name"),
        search_placeholder="事项编码、名称、单位",
        default_sort="unit",
        keep=("on",),
    )


@login_required
def lists(request, kind: str = "certification"):
    return _lists_page(request, kind)


def _lists_page(request, kind: str, *, errors=(), status=200, bound=None):
    if kind not in STAFF_LISTS:
        raise Http404("没有这个清单。")
    user = request.user
    bound = bound or {}
    day, error = parse_day(request.GET.get("on"))
    rows = _rows(user, kind)
    listing = list_pages.listing(request, rows, staff_list_spec(kind, rows, day))
    if listing.wants_export and not error and not errors:
        return listing.export(f"{STAFF_LISTS[kind][0]}_{day.isoformat()}.xlsx")
    items = listing.page_rows
    changeable = set(
        _rows(user, kind, access.CHANGE).filter(pk__in=[i.pk for i in items]).values_list("pk", flat=True)
    )
    for item in items:
        item.on_day = item.in_force_on(day)
        item.may_remove = item.removed_on is None and item.pk in changeable
    may_add = access.organizations(user, access.CHANGE).exists()
    add_form = None
    if may_add:
        if kind == "service":
            add_form = bound.get("add") or forms.ServiceItemForm(
                user=user, initial={"added_on": clock.today()}
            )
        else:
            add_form = bound.get("add") or forms.ListItemForm(
                user=user, catalog=kind, initial={"added_on": clock.today()}
            )
    year = clock.today().year - 1
    period = Period.year(year)
    with shared():  # the four figures in two statements (the lists' and the services' families), not four
        figures = [
            evaluate(code, period)
            for code in (
                "catalogs.certification.items",
                "catalogs.commitment.items",
                "catalogs.service.items",
                "catalogs.service.fast_mode",
            )
        ]
    context = {
        "kind": kind,
        "title": STAFF_LISTS[kind][0],
        "public_slug": STAFF_LISTS[kind][1],
        "tabs": STAFF_LISTS.items(),
        "items": items,
        "list": listing,
        "in_force": _in_force(rows, day).count(),
        "day": day,
        "date_error": error,
        "add_form": add_form,
        "errors": errors,
        "figures": figures,
        "figure_year": year,
        "modes": HandlingMode,
    }
    return render(
        request,
        "catalogs/lists.html",
        context,
        status=400 if error else (status if errors else listing.status),
    )


@login_required
@require_POST
def add(request, kind: str):
    if kind not in STAFF_LISTS:
        raise Http404("没有这个清单。")
    if kind == "service":
        form = forms.ServiceItemForm(request.POST, user=request.user)

        def action(_data):
            return services.add_service_item(actor=request.user, **form.service_data())
    else:
        form = forms.ListItemForm(request.POST, user=request.user, catalog=kind)

        def action(_data):
            return services.add_item(actor=request.user, catalog=CatalogKind(kind), **form.service_data())

    return submit(
        request,
        form,
        action,
        success="事项已列入清单。",
        done=lambda: redirect(reverse("catalogs:list", args=[kind])),
        again=lambda status, errors: _lists_page(
            request, kind, errors=errors, status=status, bound={"add": form}
        ),
    )


@login_required
@require_POST
def remove(request, kind: str, pk: int):
    if kind not in STAFF_LISTS:
        raise Http404("没有这个清单。")
    item = get_object_or_404(_rows(request.user, kind), pk=pk)
    form = forms.RemoveForm(request.POST)
    return submit(
        request,
        form,
        lambda data: services.remove(
            actor=request.user, item=item, removed_on=data["removed_on"], reason=data["reason"]
        ),
        success=f"“{item.name}”已移出清单，移出前各日的清单中仍保留该事项。",
        done=lambda: redirect(reverse("catalogs:list", args=[kind])),
        again=lambda status, errors: _lists_page(request, kind, errors=errors, status=status),
    )


@login_required
def revise(request, kind: str, pk: int):
    """变更 (更正) a listed item: the old version is removed on the chosen day and the corrected one listed the same day
    (services.revise), so every earlier day's list stays as it was shown; a removed item is refused by the rule."""
    if kind not in STAFF_LISTS:
        raise Http404("没有这个清单。")
    user = request.user
    item = get_object_or_404(_rows(user, kind), pk=pk)
    if kind == "service":
        form_class, extra = forms.ReviseServiceItemForm, {}
    else:
        form_class, extra = forms.ReviseListItemForm, {"catalog": kind}
    initial = pages.initial_of(item, form_class) | {"on": clock.today()}
    if "verification" in form_class.base_fields:
        initial["verification"] = [m for m in (item.verification or "").split("、") if m]
    form = form_class(**pages.posted(request), user=user, initial=initial, **extra)
    return pages.correct(
        request,
        form,
        lambda data: services.revise(
            actor=user, item=item, on=data["on"], reason=data["reason"], **form.service_data()
        ),
        may_change=access.can(user, item, access.CHANGE),
        title=f"变更事项：{item.code} {item.name}（{STAFF_LISTS[kind][0]}）",
        back=reverse("catalogs:list", args=[kind]),
        note="已列入清单的事项不改写：原版本于变更日期移出，同日列入变更后的版本，此前各日的清单保持原样。",
        success="事项已变更：原版本于变更日期移出，同日列入变更后的版本。",
    )
