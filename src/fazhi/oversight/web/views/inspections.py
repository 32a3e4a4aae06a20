"""Pages of inspections: the list with registration, and an inspection's page with its inspected units and findings,
each finding with its rectification item; recording a finding opens its item."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.web import lists, pages

from ... import services
from ...models import Inspection
from ...selectors import inspections as selectors
from ...services import inspections
from .. import forms
from . import correction


def _prefetched(rows: list) -> list:
    prefetch_related_objects(rows, "co_organizers", "inspected__organization")
    return rows


def inspection_spec(rows) -> lists.ListSpec:
    return lists.ListSpec(
        title="督察",
        columns=[
            lists.Column("title", "督察名称", lambda i: i.title, order_by=("title",)),
            lists.Column("kind", "类别", lambda i: i.get_kind_display(), order_by=("kind",)),
            lists.Column("held", "日期", lambda i: i.held_on, order_by=("held_on",)),
            lists.Column(
                "unit",
                "组织单位",
                lambda i: "、".join([i.organization.name, *(o.name for o in i.co_organizers.all())]),
                order_by=("organization__path",),
            ),
            lists.Column(
                "inspected",
                "被督察单位",
                lambda i: "、".join(u.organization.name for u in i.inspected.all()),
                sortable=False,
            ),
            lists.Column("findings", "发现问题", lambda i: i.finding_count, order_by=("finding_count",)),
        ],
        filters=[
            lists.Filter("kind", "类别", lambda qs, v: qs.filter(kind=v), choices=Inspection.Kind.choices),
            lists.unit_filter(rows, label="组织单位"),
            lists.year_filter(rows, "held_on"),
        ],
        search_fields=("title", "organization__name"),
        search_placeholder="督察名称、组织单位",
        default_sort="-held",
    )


@login_required
def inspection_list(request):
    user = request.user
    rows = selectors.inspections_for(user).annotate(finding_count=Count("findings", distinct=True))
    listing = lists.listing(request, rows, inspection_spec(rows))
    if listing.wants_export and request.method != "POST":
        return listing.export(f"督察_{clock.today().isoformat()}.xlsx")
    may_register = selectors.may_register(user)
    form = forms.InspectionForm(**pages.posted(request), user=user, initial={"held_on": clock.today()})

    def page(status=200, errors=()):
        return render(
            request,
            "oversight/inspections.html",
            {
                "inspections": _prefetched(listing.page_rows),
                "list": listing,
                "form": form if may_register else None,
                "errors": errors,
            },
            status=status if errors else listing.status,
        )

    if request.method != "POST":
        return page()
    return pages.create(
        request,
        form,
        lambda d: inspections.create_inspection(actor=user, **d),
        success="督察已登记。请记录发现的问题，每个问题将建立整改事项。",
        done=lambda inspection: redirect("oversight:inspection", pk=inspection.pk),
        again=lambda status, errors: page(status, errors),
    )


def _inspection(request, pk) -> Inspection:
    return get_object_or_404(selectors.inspections_for(request.user), pk=pk)


def _page(request, inspection, *, form=None, errors=(), status=200):
    user = request.user
    findings = list(selectors.findings_for(user, inspection))
    for f in findings:
        f.item = services.item_of(f)
    may_change = access.can(user, inspection, access.CHANGE)
    return render(
        request,
        "oversight/inspection.html",
        {
            "inspection": inspection,
            "may_change": may_change,
            "findings": findings,
            "form": (form or forms.FindingForm(inspection=inspection)) if may_change else None,
            "errors": errors,
        },
        status=status,
    )


@login_required
def inspection_detail(request, pk):
    return _page(request, _inspection(request, pk))


@login_required
@require_POST
def add_finding(request, pk):
    inspection = _inspection(request, pk)
    form = forms.FindingForm(request.POST, inspection=inspection)
    return pages.submit(
        request,
        form,
        lambda d: inspections.add_finding(actor=request.user, inspection=inspection, **d),
        success="问题已记录，整改事项已交办责任单位。",
        done=lambda: redirect("oversight:inspection", pk=inspection.pk),
        again=lambda status, errors: _page(request, inspection, form=form, errors=errors, status=status),
    )


edit_inspection = correction(
    _inspection,
    forms.InspectionForm,
    inspections.correct_inspection,
    name="inspection",
    success="督察已更正。",
    back="oversight:inspection",
    heading=lambda inspection: f"更正督察：{inspection.title}",
)
"""更正督察 through services.correct_inspection, for whoever may change the inspection."""


def _finding(request, pk):
    found = selectors.finding(request.user, pk)
    if found is None:
        raise Http404("没有这个问题或您无权查看。")
    return found


edit_finding = correction(
    _finding,
    forms.FindingEditForm,
    inspections.update_finding,
    name="finding",
    success="问题描述已更正。",
    back=lambda finding: f"{reverse('oversight:inspection', args=[finding.inspection_id])}#findings",
    heading=lambda finding: f"更正问题：{finding}",
)
"""更正问题描述 through services.update_finding, for whoever may change the inspection."""
