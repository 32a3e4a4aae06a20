"""Pages of inspections: the list with registration, and an inspection's page with its inspected units and findings,
each finding with its rectification item; recording a finding opens its item."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.web import pages

from ... import services
from ...models import Inspection
from ...selectors import inspections as selectors
from ...services import inspections
from .. import forms


@login_required
def inspection_list(request):
    user = request.user
    may_register = selectors.may_register(user)
    form = forms.InspectionForm(request.POST or None, user=user, initial={"held_on": clock.today()})

    def page(status=200, errors=()):
        return render(
            request,
            "oversight/inspections.html",
            {
                "inspections": selectors.inspections_for(user).prefetch_related(
                    "co_organizers", "inspected__organization"
                ),
                "form": form if may_register else None,
                "errors": errors,
            },
            status=status,
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
