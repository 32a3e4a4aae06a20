"""Pages of review catalogs (合法性审查目录清单) and the matters counted against them, through the services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.models import Organization
from fazhi.core.web import lists, pages
from fazhi.core.web.pages import submit as _submit

from ... import rules, selectors, services
from ...models import SubjectKind
from ..forms import documents as forms
from .common import may_enter


@login_required
def catalogs(request):
    return _catalogs_page(request)


def matter_spec(user) -> lists.ListSpec:
    """The matters counted against the catalogs as a list: search, filters, sorting, pages and the export."""
    visible = selectors.matters_for(user)
    units = Organization.objects.filter(pk__in=visible.values("organization_id")).order_by("path")
    return lists.ListSpec(
        title="须审查事项",
        columns=[
            lists.Column("title", "事项名称", lambda m: m.title, order_by=("title",)),
            lists.Column(
                "kind", "事项类别", lambda m: m.get_subject_kind_display(), order_by=("subject_kind",)
            ),
            lists.Column("unit", "单位", lambda m: m.organization.name, order_by=("organization__path",)),
            lists.Column("issued", "印发或签订日期", lambda m: m.issued_on, order_by=("issued_on",)),
            lists.Column("review", "合法性审查", _review_text, sortable=False),
        ],
        filters=[
            lists.Filter(
                "kind", "事项类别", lambda qs, v: qs.filter(subject_kind=v), choices=SubjectKind.choices
            ),
            lists.Filter(
                "unit",
                "单位",
                lambda qs, v: qs.filter(organization_id=int(v)),
                choices=[(str(u.pk), u.name) for u in units],
            ),
            lists.Filter(
                "unreviewed",
                "只看未经合法性审查",
                lambda qs, v: qs.filter(legality_review__isnull=True),
                kind=lists.CHECK,
            ),
        ],
        search_fields=("title", "organization__name"),
        search_placeholder="事项名称、单位",
        default_sort="-issued",
    )


def _review_text(matter) -> str:
    review = matter.legality_review
    if review is None:
        return "未经合法性审查"
    opinion = f"：{review.get_final_opinion_display()}" if review.final_opinion else ""
    return f"{review.get_status_display()}{opinion}"


def _catalogs_page(request, *, errors=(), status=200, bound=None) -> HttpResponse:
    user = request.user
    bound = bound or {}
    today = clock.today()
    listing = lists.listing(request, selectors.matters_for(user), matter_spec(user))
    if listing.wants_export:
        return listing.export(f"须审查事项_{today.isoformat()}.xlsx")
    adopt_form = matter_form = None
    if may_enter(user):
        adopt_form = bound.get("adopt") or forms.AdoptCatalogForm(user=user, initial={"adopted_on": today})
        matter_form = bound.get("matter") or forms.MatterForm(user=user, initial={"issued_on": today})
    shown = list(selectors.catalogs_for(user))
    pages.mark_correctable(shown, selectors.catalogs_for(user, access.CHANGE))
    pages.mark_correctable(listing.page_rows, selectors.matters_for(user, access.CHANGE))
    return render(
        request,
        "review/documents/catalogs.html",
        {
            "catalogs": shown,
            "matters": listing.page_rows,
            "list": listing,
            "adopt_form": adopt_form,
            "matter_form": matter_form,
            "errors": errors,
        },
        status=status if status != 200 else listing.status,
    )


@login_required
@require_POST
def adopt_catalog(request):
    form = forms.AdoptCatalogForm(request.POST, user=request.user)
    return _submit(
        request,
        form,
        lambda data: services.adopt_catalog(
            actor=request.user,
            organization=data["organization"],
            title=data["title"],
            adopted_on=data["adopted_on"],
            entries=form.entries(),
        ),
        success="目录清单已制定。",
        done=lambda: redirect(f"{reverse('documents:catalogs')}#catalogs"),
        again=lambda status, errors: _catalogs_page(
            request, errors=errors, status=status, bound={"adopt": form}
        ),
    )


@login_required
@require_POST
def register_matter(request):
    form = forms.MatterForm(request.POST, user=request.user)
    return _submit(
        request,
        form,
        lambda data: services.register_matter(actor=request.user, **data),
        success="已登记事项。",
        done=lambda: redirect(f"{reverse('documents:catalogs')}#matters"),
        again=lambda status, errors: _catalogs_page(
            request, errors=errors, status=status, bound={"matter": form}
        ),
    )


@login_required
def change_catalog(request, pk):
    """更正 a catalog's title and adoption date (its unit is fixed; a revised list is adopted anew)."""
    catalog, user = get_object_or_404(selectors.catalogs_for(request.user), pk=pk), request.user
    return _correct(
        request,
        catalog,
        forms.ChangeCatalogForm,
        rules.fixed_catalog_fields(catalog),
        lambda changes: services.change_catalog(actor=user, catalog=catalog, **changes),
        title=f"更正目录清单：{catalog.title}",
        success="已更正目录清单。",
        anchor=f"catalog-{catalog.pk}",
    )


@login_required
def change_matter(request, pk):
    """更正 a matter's title and date (its unit, kind and review were checked when it was registered)."""
    matter, user = get_object_or_404(selectors.matters_for(request.user), pk=pk), request.user
    return _correct(
        request,
        matter,
        forms.ChangeMatterForm,
        rules.fixed_matter_fields(matter),
        lambda changes: services.change_matter(actor=user, matter=matter, **changes),
        title=f"更正须审查事项：{matter.title}",
        success="已更正须审查事项。",
        anchor="matters",
    )


def _correct(request, record, form_class, fixed, change, *, title, success, anchor) -> HttpResponse:
    open_fields = [n for n in form_class.names if n not in fixed]
    form = form_class(**pages.posted(request), record=record, open_fields=open_fields)
    access.check(request.user, record, access.CHANGE)  # nothing frozen: open while the record stands
    url = reverse("documents:catalogs")
    return pages.correct(
        request,
        form,
        lambda data: change(form.changes()),
        title=title,
        success=success,
        back=f"{url}#{anchor}",
        crumbs=[("合法性审查目录清单", url)],
    )
