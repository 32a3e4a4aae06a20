"""Pages of review catalogs (合法性审查目录清单) and the matters counted against them, through the services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import clock
from fazhi.core.web.pages import submit as _submit

from ... import selectors, services
from ..forms import documents as forms
from .common import may_enter


@login_required
def catalogs(request):
    return _catalogs_page(request)


def _catalogs_page(request, *, errors=(), status=200, bound=None) -> HttpResponse:
    user = request.user
    bound = bound or {}
    today = clock.today()
    adopt_form = matter_form = None
    if may_enter(user):
        adopt_form = bound.get("adopt") or forms.AdoptCatalogForm(user=user, initial={"adopted_on": today})
        matter_form = bound.get("matter") or forms.MatterForm(user=user, initial={"issued_on": today})
    return render(
        request,
        "review/documents/catalogs.html",
        {
            "catalogs": selectors.catalogs_for(user),
            "matters": selectors.matters_for(user),
            "adopt_form": adopt_form,
            "matter_form": matter_form,
            "errors": errors,
        },
        status=status,
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
