"""Pages of supervision clues (执法监督线索): the list with each clue's deadline and state and a form to register one,
and a clue's page with its handling steps and the forms to start handling, add a step and close it. Reads through
clues' selectors, writes through its services; a refusal is shown in Chinese (400/403) and changes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workflow
from fazhi.core.web import lists, pages

from ... import origins, selectors, services
from ...models import EnforcementBody, SupervisionClue
from ...models.clues import CLOSED_LAST
from ...rules import clues as clue_rules
from .. import forms


def _open_first(rows):
    """Open clues before closed ones (a sort key in the database, in the order of index clue_list_order_idx)."""
    return rows.annotate(closed_rank=CLOSED_LAST)


def list_spec(user, rows, today) -> lists.ListSpec:
    """The clue list: search, filters (state, source, unit, year, due before, overdue), sortable columns with the due
    date first (open clues by due date, overdue first; closed ones after) and the export's cells."""
    open_q = ~Q(status=SupervisionClue.Status.CLOSED)
    return lists.ListSpec(
        title="执法监督线索",
        columns=[
            lists.Column("content", "线索内容", lambda c: c.content, order_by=("content",)),
            lists.Column("number", "来源编号", lambda c: c.external_number, order_by=("external_number",)),
            lists.Column("source", "线索来源", lambda c: c.get_source_display(), order_by=("source",)),
            lists.Column("unit", "承办单位", lambda c: c.organization.name, order_by=("organization__path",)),
            lists.Column(
                "body", "涉及执法主体", lambda c: c.body.name if c.body else "", order_by=("body__name",)
            ),
            lists.Column("received", "受理日期", lambda c: c.received_on, order_by=("received_on",)),
            lists.Column("due", "办理期限", lambda c: c.due_on, order_by=("closed_rank", "due_on")),
            lists.Column("status", "状态", lambda c: c.get_status_display(), order_by=("status",)),
        ],
        filters=[
            lists.status_filter(SupervisionClue.Status.choices),
            lists.Filter(
                "source",
                "线索来源",
                lambda qs, v: qs.filter(source=v),
                choices=SupervisionClue.Source.choices,
            ),
            lists.unit_filter(rows, label="承办单位"),
            lists.Filter(  # lists.year_filter's, the years read from the index
                "year",
                "受理年度",
                lambda qs, v: qs.filter(received_on__year=int(v)),
                choices=[(str(y), f"{y}年") for y in selectors.years_received(rows)],
            ),
            lists.due_before_filter("due_on", open_q),
            lists.Filter(
                "overdue", "只看超期", lambda qs, v: qs.filter(open_q, due_on__lt=today), kind=lists.CHECK
            ),
            lists.Filter(
                "enterprise", "只看涉企", lambda qs, v: qs.filter(enterprise_related=True), kind=lists.CHECK
            ),
        ],
        search_fields=(
            "content",
            "external_number",
            "category",
            "organization__name",
            "body__name",
            "result",
        ),
        search_placeholder="线索内容、工单编号、单位",
        default_sort="due",
    )


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
    rows = _open_first(selectors.clues_for(user))
    listing = lists.listing(request, rows, list_spec(user, rows, today))
    if listing.wants_export and not errors:
        return listing.export(f"执法监督线索_{today.isoformat()}.xlsx")
    clues = listing.page_rows
    for c in clues:
        c.overdue = c.status != SupervisionClue.Status.CLOSED and c.due_on < today
    assign_form = forms.AssignCluesForm(user=user) if may_register else None
    context = {
        "clues": clues,
        "list": listing,
        "form": form if may_register else None,
        "assign_form": assign_form
        if assign_form and assign_form.fields["organization"].queryset.exists()
        else None,
        "errors": errors,
        "today": today,
    }
    return render(request, "enforcement/clue_list.html", context, status=status if errors else listing.status)


@login_required
@require_POST
def assign_clues(request):
    """批量交办: each ticked clue goes to the chosen unit through the service; refused ones are named with the rule."""
    user = request.user
    form = forms.AssignCluesForm(request.POST, user=user)
    chosen, error = lists.ticked(request, selectors.clues_for(user))
    if error or not form.is_valid():
        return _list_page(request, errors=[error] if error else pages.form_messages(form), status=400)
    unit = form.cleaned_data["organization"]
    result = lists.run_batch(
        chosen, lambda clue: services.assign_clue(actor=user, clue=clue, organization=unit)
    )
    lists.tell(request, result, f"交办{unit.name}", name=lambda c: f"线索“{c.content[:20]}”")
    return redirect(reverse("enforcement:clues") + (f"?{request.GET.urlencode()}" if request.GET else ""))


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
        "may_correct": access.can(user, clue, access.CHANGE),
    }
    return render(request, "enforcement/clue_detail.html", context, status=status)


@login_required
def edit_clue(request, pk):
    """更正 what a clue concerns (body, 涉企, category, content), through services.update_clue."""
    clue = _clue(request, pk)
    initial = pages.initial_of(clue, forms.ClueForm)
    form = forms.ClueForm(**pages.posted(request), user=request.user, initial=initial)
    return pages.correct(
        request,
        form,
        lambda data: services.update_clue(actor=request.user, clue=clue, **data),
        may_change=access.can(request.user, clue, access.CHANGE),
        title=f"更正执法监督线索：{clue}",
        back=reverse("enforcement:clue", args=[clue.pk]),
        note="线索来源、来源编号、受理日期、办理期限和状态不能更正；承办单位的变更请交办。",
        success="线索信息已更正。",
    )


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
