"""Pages of supervision clues (执法监督线索): the list with each clue's deadline and state and a form to register one,
and a clue's page with its handling steps and the forms to start handling, add a step and close it. Reads through
clues' selectors, writes through its services; a refusal is shown in Chinese (400/403) and changes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workflow
from fazhi.core.web import pages

from ... import origins, selectors, services
from ...models import EnforcementBody, SupervisionClue
from ...rules import clues as clue_rules
from .. import forms

FILTERS = {"open": "未办结", "overdue": "已超期", "closed": "已办结"}


@login_required
def clue_list(request):
    if request.method == "POST":
        form = forms.RegisterClueForm(request.POST, user=request.user)
        return pages.create(
            request,
            form,
            lambda data: services.register_clue(actor=request.user, **data),
            success=lambda clue: f"线索已登记，应于{clue.due_on:%Y年%m月%d日}前办结。",
            done=lambda clue: redirect("enforcement:clue", pk=clue.pk),
            again=lambda status, errors: _list_page(request, form=form, errors=errors, status=status),
        )
    return _list_page(request)


def _list_page(request, *, form=None, errors=(), status=200):
    user = request.user
    today = clock.today()
    may_register = access.organizations(user, access.CHANGE).exists()
    if form is None and may_register:
        form = forms.RegisterClueForm(user=user, initial={"received_on": today})
    shown = request.GET.get("show", "")
    rows = selectors.clues_for(user)
    if shown == "open":
        rows = rows.exclude(status=SupervisionClue.Status.CLOSED)
    elif shown == "overdue":
        rows = rows.exclude(status=SupervisionClue.Status.CLOSED).filter(due_on__lt=today)
    elif shown == "closed":
        rows = rows.filter(status=SupervisionClue.Status.CLOSED)
    rows = list(rows.order_by("-received_on", "-pk"))
    for c in rows:
        c.overdue = c.status != SupervisionClue.Status.CLOSED and c.due_on < today
    context = {
        "clues": rows,
        "form": form if may_register else None,
        "errors": errors,
        "today": today,
        "filters": FILTERS,
        "shown": shown,
    }
    return render(request, "enforcement/clue_list.html", context, status=status)


def _clue(request, pk) -> SupervisionClue:
    return get_object_or_404(selectors.clues_for(request.user), pk=pk)


def rectification_link(request, clue: SupervisionClue) -> dict | None:
    """The spot for “开立整改事项” (a link to oversight's rectification ledger): None until the lead wires it, e.g.
    {"url": reverse("oversight:…", …), "label": "开立整改事项"}; the clue page shows it when given."""
    return None


def _origin(clue: SupervisionClue) -> dict | None:
    """The record the clue was opened from, named and linked as its app registered it (enforcement.origins)."""
    if clue.origin_type_id is None:
        return None
    record = clue.origin
    return {"description": origins.describe(record), "url": origins.url_of(record)}


@login_required
def clue_detail(request, pk):
    return _detail_page(request, _clue(request, pk))


def _detail_page(request, clue, *, bound=None, errors=(), status=200):
    user = request.user
    # Read again: a refused change may have left the instance in memory half-changed.
    clue = get_object_or_404(selectors.clues_for(user), pk=clue.pk)
    today = clock.today()
    available = {t["name"] for t in workflow.available(clue, user)}
    bound = bound or {}
    may_step = clue_rules.is_handling(clue) and access.can(user, clue, access.CHANGE)
    context = {
        "clue": clue,
        "steps": selectors.steps_for(user, clue),
        "overdue": clue.status != SupervisionClue.Status.CLOSED and clue.due_on < today,
        "start_form": (bound.get("start") or forms.StartClueForm()) if "start" in available else None,
        "step_form": (bound.get("step") or forms.ClueStepForm(initial={"on": today})) if may_step else None,
        "close_form": (bound.get("close") or forms.CloseClueForm(initial={"handled_on": today}))
        if "close" in available
        else None,
        "rectification": rectification_link(request, clue),
        "origin": _origin(clue),
        "errors": errors,
        "history": pages.history_rows([clue], parents=(EnforcementBody,)),
    }
    return render(request, "enforcement/clue_detail.html", context, status=status)


def _post(request, pk, slot, form_class, action, success):
    clue = _clue(request, pk)
    form = form_class(request.POST)
    return pages.submit(
        request,
        form,
        lambda data: action(clue, data),
        success=success,
        done=lambda: redirect("enforcement:clue", pk=clue.pk),
        again=lambda status, errors: _detail_page(
            request, clue, bound={slot: form}, errors=errors, status=status
        ),
    )


@login_required
@require_POST
def start_clue(request, pk):
    return _post(
        request,
        pk,
        "start",
        forms.StartClueForm,
        lambda clue, data: services.start_handling(actor=request.user, clue=clue, note=data["note"]),
        "线索已开始办理。",
    )


@login_required
@require_POST
def add_clue_step(request, pk):
    return _post(
        request,
        pk,
        "step",
        forms.ClueStepForm,
        lambda clue, data: services.add_step(actor=request.user, clue=clue, **data),
        "办理过程已记录。",
    )


@login_required
@require_POST
def close_clue(request, pk):
    return _post(
        request,
        pk,
        "close",
        forms.CloseClueForm,
        lambda clue, data: services.close_clue(actor=request.user, clue=clue, **data),
        "线索已办结。",
    )
