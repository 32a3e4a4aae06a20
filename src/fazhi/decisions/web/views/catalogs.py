"""Pages of the yearly decision catalogs: compile, add items, approve and publish (司法局), and the public page."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.models import Role
from fazhi.core.web import lists, pages
from fazhi.core.web.pages import submit as _submit

from ... import rules, selectors, services
from ...models import DecisionCatalog
from .. import forms

# Catalogs ----------------------------------------------------------------------------------------------------


@login_required
def catalogs(request):
    return _catalogs_page(request)


def catalog_spec(rows) -> lists.ListSpec:
    """The catalogs as a list page (each catalog with its items): search, filters, sorting, pages and export."""
    return lists.ListSpec(
        title="决策事项目录",
        columns=[
            lists.Column("year", "年度", lambda c: c.year, order_by=("year",)),
            lists.Column("title", "目录名称", lambda c: c.title, order_by=("title",)),
            lists.Column("unit", "决策机关", lambda c: c.organization.name, order_by=("organization__path",)),
            lists.Column("items", "事项数", lambda c: len(c.items.all()), sortable=False),
            lists.Column("status", "状态", lambda c: c.get_status_display(), order_by=("status",)),
        ],
        filters=[
            lists.status_filter(DecisionCatalog.Status.choices),
            lists.unit_filter(rows, label="决策机关"),
            lists.Filter(
                "year",
                "年度",
                lambda qs, v: qs.filter(year=int(v)),
                choices=[
                    (str(y), f"{y}年")
                    for y in rows.order_by("-year").values_list("year", flat=True).distinct()
                ],
            ),
        ],
        search_fields=("title", "organization__name"),
        search_placeholder="目录名称、决策机关",
        default_sort="-year",
        per_page=10,
    )


def _catalogs_page(request, *, errors=(), status=200, bound=None) -> HttpResponse:
    user = request.user
    bound = bound or {}
    is_justice = access.has_role(user, Role.JUSTICE_ADMIN)
    today = clock.today()
    rows = selectors.catalogs_for(user)
    listing = lists.listing(request, rows, catalog_spec(rows))
    if listing.wants_export and not errors:
        return listing.export(f"决策事项目录_{today.isoformat()}.xlsx")
    catalog_list = listing.page_rows
    items = [i for c in catalog_list for i in c.items.all()]
    # the page shows each registered decision's status and links to it: its row alone, not its six procedure steps
    registered = {
        d.catalog_item_id: d
        for d in selectors.decision_rows(user)
        .filter(catalog_item__in=items)
        .select_related(None)
        .only("pk", "status", "catalog_item")
    }
    for c in catalog_list:
        c.rows = [(i, registered.get(i.pk)) for i in c.items.all()]
        c.item_form = c.approve_form = c.publish_form = None
        c.editable = rules.may_change_catalog(user, c)
        if is_justice and c.status == DecisionCatalog.Status.DRAFT:
            c.item_form = bound.get(f"item_{c.pk}") or forms.CatalogItemForm(user=user)
            c.approve_form = bound.get(f"approve_{c.pk}") or forms.ApproveCatalogForm(
                initial={"approved_on": today}
            )
        if is_justice and c.status == DecisionCatalog.Status.APPROVED:
            c.publish_form = bound.get(f"publish_{c.pk}") or forms.PublishCatalogForm(
                initial={"published_on": today, "channel": "区政府门户网站"}
            )
    create_form = None
    if is_justice:
        create_form = bound.get("create") or forms.CatalogForm(user=user, initial={"year": today.year})
    return render(
        request,
        "decisions/catalogs.html",
        {
            "catalogs": catalog_list,
            "list": listing,
            "create_form": create_form,
            "errors": errors,
            "is_justice": is_justice,
        },
        status=status if errors else listing.status,
    )


def _catalog(request, pk) -> DecisionCatalog:
    return get_object_or_404(selectors.catalogs_for(request.user), pk=pk)


def _catalog_submit(request, form, slot: str, action, success: str, anchor: str) -> HttpResponse:
    return _submit(
        request,
        form,
        action,
        success=success,
        done=lambda: redirect(f"{reverse('decisions:catalogs')}#{anchor}"),
        again=lambda status, errors: _catalogs_page(
            request, errors=errors, status=status, bound={slot: form}
        ),
    )


@login_required
@require_POST
def create_catalog(request):
    form = forms.CatalogForm(request.POST, user=request.user)
    return _catalog_submit(
        request,
        form,
        "create",
        lambda data: services.create_catalog(actor=request.user, **data),
        "目录已新建，请逐项添加决策事项。",
        "catalogs",
    )


@login_required
@require_POST
def add_catalog_item(request, pk):
    catalog = _catalog(request, pk)
    form = forms.CatalogItemForm(request.POST, user=request.user)
    return _catalog_submit(
        request,
        form,
        f"item_{pk}",
        lambda data: services.add_catalog_item(actor=request.user, catalog=catalog, **data),
        "已添加目录事项。",
        f"catalog-{pk}",
    )


@login_required
@require_POST
def approve_catalog(request, pk):
    catalog = _catalog(request, pk)
    form = forms.ApproveCatalogForm(request.POST)
    return _catalog_submit(
        request,
        form,
        f"approve_{pk}",
        lambda data: services.approve_catalog(actor=request.user, catalog=catalog, **data),
        "目录已审定。",
        f"catalog-{pk}",
    )


@login_required
@require_POST
def publish_catalog(request, pk):
    catalog = _catalog(request, pk)
    form = forms.PublishCatalogForm(request.POST)
    return _catalog_submit(
        request,
        form,
        f"publish_{pk}",
        lambda data: services.publish_catalog(actor=request.user, catalog=catalog, **data),
        "目录已公布，公众可在公开页面查看。",
        f"catalog-{pk}",
    )


@login_required
def edit_catalog(request, pk, item_pk=None):
    """更正 a catalog being compiled, or one of its items: the Justice Bureau's, while the catalog is a draft."""
    catalog, user = _catalog(request, pk), request.user
    if item_pk is None:
        form = forms.EditCatalogForm(**pages.posted(request), user=user, catalog=catalog)
        update = partial(services.update_catalog, actor=user, catalog=catalog)
        what, name, service_what = "目录", catalog.title, "修改重大行政决策事项目录"
    else:
        item = get_object_or_404(catalog.items, pk=item_pk)
        form = forms.EditCatalogItemForm(**pages.posted(request), user=user, item=item)
        update = partial(services.update_catalog_item, actor=user, item=item)
        what, name, service_what = "目录事项", item.title, "修改目录事项"
    rules.check_may_manage_catalogs(user, service_what)  # 403 in the rule's words
    back = f"{reverse('decisions:catalogs')}#catalog-{catalog.pk}"
    return pages.correct(
        request,
        form,
        lambda data: update(**data),
        title=f"更正{what}：{name}",
        success=f"已更正{what}。",
        back=back,
        crumbs=[("重大行政决策", reverse("decisions:list")), ("决策事项目录", back)],
        frozen=partial(rules.validate_catalog_draft, catalog),
    )


def public_item_spec(rows) -> lists.ListSpec:
    """The published catalogs for the public, one row a decision item: search, filters, sorting, pages, export."""
    years = sorted({y for y in rows.values_list("catalog__year", flat=True).distinct()}, reverse=True)
    return lists.ListSpec(
        title="重大行政决策事项目录",
        columns=[
            lists.Column("year", "年度", lambda i: i.catalog.year, order_by=("catalog__year",)),
            lists.Column("item", "决策事项", lambda i: i.title, order_by=("title",)),
            lists.Column("lead", "承办单位", lambda i: i.lead_unit.name, order_by=("lead_unit__path",)),
            lists.Column("planned", "计划完成时间", lambda i: i.planned_time, order_by=("planned_by",)),
            lists.Column(
                "body",
                "决策机关",
                lambda i: i.catalog.organization.name,
                order_by=("catalog__organization__path",),
            ),
            lists.Column(
                "published", "公布日期", lambda i: i.catalog.published_on, order_by=("catalog__published_on",)
            ),
        ],
        filters=[
            lists.Filter(
                "year",
                "年度",
                lambda qs, v: qs.filter(catalog__year=int(v)),
                choices=[(str(y), f"{y}年") for y in years],
            ),
            lists.unit_filter(rows, field="lead_unit", label="承办单位"),
        ],
        search_fields=("title", "lead_unit__name", "catalog__title", "catalog__organization__name"),
        search_placeholder="决策事项、承办单位",
    )


def public_catalogs(request):
    """Every published catalog, for the public, without logging in: one row a decision item."""
    rows = selectors.published_items()
    listing = lists.listing(request, rows, public_item_spec(rows))
    if listing.wants_export:
        return listing.export(f"重大行政决策事项目录_{clock.today().isoformat()}.xlsx")
    return render(
        request,
        "decisions/public_catalogs.html",
        {"items": listing.page_rows, "list": listing},
        status=listing.status,
    )
