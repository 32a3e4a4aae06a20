"""The enterprise contact points (涉企行政执法监督联系点) the user may see, as a list with search, filters, sorting,
pages and an export of exactly the rows kept; setting one up (设立), correcting it (更正) and closing it (撤销), each
through services for whoever may change the unit's points."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.web import lists, pages

from ... import selectors, services
from ...models import ContactPoint
from .. import forms


def contact_point_spec(rows) -> lists.ListSpec:
    return lists.ListSpec(
        title="涉企行政执法监督联系点",
        columns=[
            lists.Column("name", "联系点", lambda p: p.name, order_by=("name",)),
            lists.Column(
                "enterprise", "企业名称", lambda p: p.enterprise_name, order_by=("enterprise_name",)
            ),
            lists.Column(
                "credit_code", "统一社会信用代码", lambda p: p.credit_code, order_by=("credit_code",)
            ),
            lists.Column("unit", "设立单位", lambda p: p.organization.name, order_by=("organization__path",)),
            lists.Column("established", "设立日期", lambda p: p.established_on, order_by=("established_on",)),
            lists.Column("status", "状态", lambda p: p.get_status_display(), order_by=("status",)),
            lists.Column("closed", "撤销日期", lambda p: p.closed_on, order_by=("closed_on",)),
        ],
        filters=[
            lists.status_filter(ContactPoint.Status.choices),
            lists.unit_filter(rows, label="设立单位"),
            lists.year_filter(rows, "established_on", label="设立年度"),
        ],
        search_fields=("name", "enterprise_name", "credit_code", "organization__name"),
        search_placeholder="联系点、企业名称、信用代码、单位",
        default_sort="-established",
    )


@login_required
def contact_point_list(request):
    if request.method == "POST":
        if not access.organizations(request.user, access.CHANGE).exists():
            raise PermissionDenied("您无权设立涉企行政执法监督联系点。")
        form = forms.NewContactPointForm(request.POST, user=request.user)
        return pages.create(
            request,
            form,
            lambda data: services.set_up_contact_point(actor=request.user, **data),
            success="联系点已设立。",
            done=lambda point: redirect(f"{reverse('evaluation:contact_points')}#point-{point.pk}"),
            again=lambda status, errors: _list_page(request, form=form, errors=errors, status=status),
        )
    return _list_page(request)


def _list_page(request, *, form=None, errors=(), status=200):
    user = request.user
    rows = selectors.contact_points_for(user).select_related("organization")
    listing = lists.listing(request, rows, contact_point_spec(rows))
    if listing.wants_export and not errors:
        return listing.export(f"涉企行政执法监督联系点_{clock.today().isoformat()}.xlsx")
    points = listing.page_rows
    pages.mark_correctable(points, selectors.contact_points_for(user, access.CHANGE))
    may_set_up = access.organizations(user, access.CHANGE).exists()
    if form is None and may_set_up:
        form = forms.NewContactPointForm(user=user, initial={"established_on": clock.today()})
    context = {
        "points": points,
        "list": listing,
        "form": form if may_set_up else None,
        "errors": errors,
        "today": clock.today(),
    }
    return render(
        request,
        "enforcement/evaluation/contact_points.html",
        context,
        status=status if errors else listing.status,
    )


@login_required
@require_POST
def close_contact_point(request, pk):
    """撤销 a running contact point from the date given, through services.close_contact_point (403 for whoever may
    only read it; an already closed point or a date before its setting up is refused with the rule's message)."""
    point = get_object_or_404(selectors.contact_points_for(request.user), pk=pk)
    access.check(request.user, point, access.CHANGE)
    form = forms.CloseContactPointForm(request.POST)
    return pages.submit(
        request,
        form,
        lambda data: services.close_contact_point(actor=request.user, point=point, **data),
        success=f"联系点“{point.name}”已撤销。",
        done=lambda: redirect(f"{reverse('evaluation:contact_points')}#point-{point.pk}"),
        again=lambda status, errors: _list_page(request, errors=errors, status=status),
    )


@login_required
def edit_contact_point(request, pk):
    """更正 a contact point's name, enterprise, credit code and date set up, through services.update_contact_point."""
    point = get_object_or_404(selectors.contact_points_for(request.user), pk=pk)
    form = forms.ContactPointForm(
        **pages.posted(request), initial=pages.initial_of(point, forms.ContactPointForm)
    )
    return pages.correct(
        request,
        form,
        lambda data: services.update_contact_point(actor=request.user, point=point, **data),
        may_change=access.can(request.user, point, access.CHANGE),
        title=f"更正涉企行政执法监督联系点：{point.name}",
        back=reverse("evaluation:contact_points"),
        note="设立单位不能更正；联系点不再运行的，请撤销。",
        success="联系点信息已更正。",
    )
