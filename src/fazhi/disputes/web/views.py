"""Pages of the reconsideration office: the docket (register an application), a case with its timeline, clocks and
how each was computed, the actions open to it, its documents; the year's figures and the national-platform
export. They read through selectors and write through services; a refusal is shown in Chinese with status 400
or 403 and changes nothing."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workbench, workflow
from fazhi.core.web import lists, pages
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.indicators import snapshots
from fazhi.indicators.registry import Period, Scope

from .. import documents, indicators, selectors, services
from ..documents import platform
from ..models import ReconsiderationCase
from ..rules import cases as rules
from ..rules import events as timeline_events
from ..rules import outcomes as outcome_rules
from ..rules import timeline
from . import forms
from . import lists as lists_

FIGURES = [
    "received",
    "accepted",
    "closed",
    "carried_over",
    "carried_in",
    "received_in_person",
    "received_mail",
    "received_online",
    "opinion_rate",
    "hearings",
    "correction_rate",
    "within_period_rate",
    "average_days",
    "platform_entry_rate",
]


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or clock.today().year)
    except ValueError as exc:
        raise Http404("年度应为数字。") from exc


@login_required
def index(request):
    """The docket: search, filters, the next deadline of each case (overdue first), pages and the Excel export."""
    user = request.user
    today = clock.today()
    cases = lists_.with_next_due(selectors.cases_for(user))
    listing = lists.listing(request, cases, lists_.docket_spec(cases, today))
    if listing.wants_export:
        return listing.export(f"行政复议案件_{today.isoformat()}.xlsx")
    rows = lists_.page_rows(listing)
    for case in rows:
        case.due_level = workbench.level_for(case.next_due, today) if case.next_due else ""
        case.due_label = lists_.due_kind(case)
    context = {
        "cases": rows,
        "list": listing,
        "may_register": rules.may_register(user),
        "overdue_count": lists_.overdue(cases, today).count(),
        "this_year": today.year,
        "today": today,
    }
    return render(request, "disputes/index.html", context, status=listing.status)


@login_required
def register(request):
    """登记申请 on its own page; a refusal comes back on it with the form as typed."""
    if not rules.may_register(request.user):
        raise PermissionDenied(rules.OFFICE_ONLY)
    if request.method != "POST":
        form = forms.RegisterForm(user=request.user, initial={"received_on": clock.today()})
        return _register_page(request, form)
    form = forms.RegisterForm(request.POST, user=request.user)
    created = {}

    def action(data):
        office = request.user.organization
        created["case"] = services.register_case(actor=request.user, organization=office, **data)

    return pages.submit(
        request,
        form,
        action,
        success=lambda: f"已登记，案号{created['case'].docket_number}。",
        done=lambda: redirect(reverse("disputes:case", args=[created["case"].pk])),
        again=lambda status, errors: _register_page(request, form, errors=errors, status=status),
    )


def _register_page(request, form, *, errors=(), status=200):
    return render(request, "disputes/register.html", {"form": form, "errors": errors}, status=status)


def _case(request, pk) -> ReconsiderationCase:
    return get_object_or_404(selectors.cases_for(request.user), pk=pk)


@login_required
def case_detail(request, pk):
    return _case_page(request, _case(request, pk))


def _offered(case: ReconsiderationCase, user) -> list[dict]:
    available = {t["name"]: t for t in workflow.available(case, user)}
    may_change = rules.may_handle(case, user)
    out = []
    for action in forms.ACTIONS.values():
        if action.transition:
            t = available.get(action.transition)
            if t is None:
                continue
            blocked = t["blocked_by"]
        elif may_change and action.when(case):
            blocked = []
        else:
            continue
        out.append({"action": action, "blocked_by": blocked})
    return out


def _case_page(request, case: ReconsiderationCase, *, errors=(), status=200, failed=None, failed_form=None):
    user = request.user
    case = get_object_or_404(selectors.cases_for(user), pk=case.pk)
    today = clock.today()
    offered = _offered(case, user)
    clue = enforcement_selectors.clue_for(
        case
    )  # whether the case was referred; linked only if the user may see it
    for item in offered:
        name = item["action"].name
        item["form"] = (
            failed_form
            if name == failed
            else forms.form_for(item["action"], case, initial={"on": today}, user=user)
        )
    context = {
        "case": case,
        "clue": clue,
        "clue_visible": clue is not None and access.can(user, clue, access.VIEW),
        "clocks": selectors.clock_rows(case, today),
        "timeline": selectors.timeline(case),
        "opinions": selectors.opinions_for(user, case),
        "hearings": selectors.hearings_for(user, case),
        "suspensions": selectors.suspensions_for(user, case),
        "documents": documents.available(case),
        "late_application": outcome_rules.late_application(case),
        "authority": outcome_rules.authority_name(),
        "letters": selectors.opinion_letters_for(user, case),
        "offered": offered,
        "errors": errors,
        "today": today,
        "history": pages.history_rows(
            [
                case,
                *case.suspensions.all(),
                *case.opinions.all(),
                *case.hearings.all(),
                *case.opinion_letters.all(),
            ],
            parents=(ReconsiderationCase,),
        ),
    }
    return render(request, "disputes/case_detail.html", context, status=status)


@login_required
@require_POST
def act(request, pk, name):
    case = _case(request, pk)
    action = forms.ACTIONS.get(name)
    if action is None:
        raise Http404("没有这项操作。")
    form = forms.form_for(action, case, data=request.POST, user=request.user)
    return pages.submit(
        request,
        form,
        lambda data: action.call(request.user, case, data),
        success=f"已{action.label}。",
        done=lambda: redirect(reverse("disputes:case", args=[case.pk])),
        again=lambda status, errors: _case_page(
            request, case, errors=errors, status=status, failed=name, failed_form=form
        ),
    )


@login_required
def document(request, pk, kind):
    case = _case(request, pk)
    try:
        filename, content = documents.generate(actor=request.user, case=case, kind=kind)
    except ValidationError as exc:
        return _case_page(request, case, errors=exc.messages, status=400)
    response = HttpResponse(
        content, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = _attachment(filename)
    return response


def _attachment(filename: str) -> str:
    return (
        f"attachment; filename=\"document.{filename.rsplit('.', 1)[-1]}\"; filename*=UTF-8''{quote(filename)}"
    )


@login_required
def export(request):
    year = _year(request)
    fmt = request.GET.get("format", "csv")
    if fmt not in platform.FORMATS:
        raise Http404("导出格式应为 csv、xlsx 或 json。")
    filename, content = platform.export(actor=request.user, year=year, fmt=fmt)
    response = HttpResponse(content, content_type=platform.CONTENT_TYPES[fmt])
    response["Content-Disposition"] = _attachment(filename)
    return response


@login_required
def figures(request):
    year = _year(request)
    period = Period.year(year)
    org = getattr(request.user, "organization", None)
    kind = access.scope_kind(request.user, ReconsiderationCase)
    if kind in (access.ALL, access.DISTRICT):
        # the district's top-level unit: the figures cover the whole district
        district = access.district_units(request.user).filter(parent__isnull=True)
        scope = district.order_by("path").first() if org is not None else None
    elif org is not None and kind in (access.SUBTREE, access.UNIT):
        # a unit sees the figures of the cases it may see, never the district's totals
        scope = Scope(org, include_below=kind == access.SUBTREE)
    else:
        raise PermissionDenied("您无权查看行政复议统计。")
    # the figures as kept in their snapshots (computed once, recomputed by a task when records change), not per view
    snapshot = snapshots.results(scope, year, [f"disputes.reconsideration.{code}" for code in FIGURES])
    context = {
        "year": year,
        "results": list(snapshot.results.values()),
        "snapshot": snapshot,
        "by_respondent": indicators.by_respondent(period, scope),
    }
    return render(request, "disputes/figures.html", context)


@login_required
def calculator(request):
    """期限计算器: the same calculation as the case pages and `fazhi disputes timeline` (rules/timeline.py)."""
    form = forms.TimelineForm(**pages.posted(request))
    result, errors, status = None, [], 200
    if request.method == "POST":
        if form.is_valid():
            try:
                procedure, events = timeline_events.parse(form.as_input())
                result = timeline.run(procedure, events, today=clock.today())
            except ValidationError as exc:
                errors, status = exc.messages, 400
        else:
            status = 400
    context = {"form": form, "result": result, "errors": errors, "names": timeline.KIND_NAMES}
    return render(request, "disputes/calculator.html", context, status=status)
