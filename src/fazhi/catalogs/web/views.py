"""Pages of the lists. The public pages (no login) show each list today or as it stood on a chosen day, with an xlsx
download of exactly what is shown; the staff pages show every version of the items they may see and add and remove
items through the services. A bad date or a refused change is answered in Chinese with status 400 or 403."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.io.sheets import XLSX
from fazhi.core.web import lists as list_pages
from fazhi.core.web import pages
from fazhi.core.web.pages import submit
from fazhi.indicators.registry import Period, evaluate

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


def public_list_spec(meta: tables.PublicList, headers: list[str], rows: list[list]) -> list_pages.ListSpec:
    """A public list as a list page: search over every cell, a filter by unit (and by 办理方式 where the list has
    it), sortable columns, pages and an export of exactly the rows kept."""
    filters = []
    for header in (*UNIT_HEADERS, MODE_HEADER):
        if header in headers:
            index = headers.index(header)
            values = sorted({str(r[index]) for r in rows if r[index] != ""})
            filters.append(
                list_pages.Filter(
                    "unit" if header in UNIT_HEADERS else "mode",
                    header,
                    lambda rs, v, i=index: [r for r in rs if str(r[i]) == v],
                    choices=[(v, v) for v in values],
                )
            )
    return list_pages.ListSpec(
        title=meta.title,
        columns=[list_pages.Column(f"c{i}", h, lambda r, i=i: r[i]) for i, h in enumerate(headers)],
        filters=filters,
        search_placeholder="事项名称、编码、单位",
        keep=("on",),
    )


def public_list(request, slug: str):
    """A list for the public: today, or on ?on=YYYY-MM-DD; searched, filtered, sorted, in pages, exported."""
    meta = _public_list(slug)
    day, error = parse_day(request.GET.get("on"))
    headers, rows = ([], []) if error else tables.table(slug, day)
    listing = list_pages.listing(request, rows, public_list_spec(meta, headers, rows))
    if listing.wants_export and not error:
        return listing.export(f"{meta.title}_{day.isoformat()}.xlsx")
    context = {
        "list": meta,
        "listing": listing,
        "lists": tables.LISTS.values(),
        "day": day,
        "asked": request.GET.get("on", ""),
        "is_today": day == clock.today(),
        "error": error,
        "headers": headers,
        "rows": listing.page_rows,
    }
    return render(request, "catalogs/public_list.html", context, status=400 if error else listing.status)


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
