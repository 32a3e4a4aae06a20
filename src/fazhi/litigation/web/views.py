"""Pages of 行政应诉: the lawsuit list with the year's figures and registration, a lawsuit's timeline with its defence
deadline explained and the forms of its next step, and the liaison meetings. They read through selectors and write
through services; a refusal is shown in Chinese with status 400 or 403 and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock, workbench
from fazhi.core.web import lists, pages
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.indicators import snapshots
from fazhi.indicators.registry import Period, evaluate

from .. import selectors, services
from ..models import Lawsuit, LiaisonMeeting
from ..rules import lawsuits as rules
from . import forms
from . import lists as lists_

S = Lawsuit.Status
FIGURES = [
    "litigation.lawsuits.received",
    "litigation.hearings.head_appearance_rate",
    "litigation.lawsuits.loss_rate",
    "litigation.judgments.performance_rate",
    "litigation.liaison.meetings",
]


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return clock.today().year


# Lawsuits ------------------------------------------------------------------------------------------------------


@login_required
def lawsuits(request):
    if request.method == "POST":
        return _register(request)
    return _list_page(request)


@login_required
def register(request):
    """登记案件 on its own page (it also takes the form posted to the list, as before)."""
    if request.method == "POST":
        return _register(request)
    if not _may_register(request.user):
        raise PermissionDenied("您无权登记行政应诉案件。")
    form = forms.LawsuitForm(user=request.user, initial={"served_on": clock.today(), "court": ""})
    return _register_page(request, form)


def _may_register(user) -> bool:
    return selectors.units_for(user, Lawsuit).exists()


def _register(request) -> HttpResponse:
    form = forms.LawsuitForm(request.POST, user=request.user)
    return pages.create(
        request,
        form,
        lambda data: services.register_lawsuit(actor=request.user, **data),
        success=lambda lawsuit: f"已登记，答辩期限为{lawsuit.defence_due:%Y年%m月%d日}。",
        done=lambda lawsuit: redirect("litigation:detail", pk=lawsuit.pk),
        again=lambda status, errors: _register_page(request, form, errors=errors, status=status),
    )


def _register_page(request, form, *, errors=(), status=200, lawsuit=None) -> HttpResponse:
    context = {"form": form, "errors": errors, "lawsuit": lawsuit}
    return render(request, "litigation/register.html", context, status=status)


@login_required
def edit(request, pk):
    """更正登记信息: the registration page filled with the lawsuit, for whoever may change it (services.update_lawsuit
    checks again and applies the registration rules); a new service date recomputes the defence deadline."""
    lawsuit = _lawsuit(request, pk)

    def correct(data):
        if not data.get("plaintiff_id_number"):
            data.pop("plaintiff_id_number", None)  # left empty: stays as registered
        return services.update_lawsuit(actor=request.user, lawsuit=lawsuit, **data)

    return pages.correct(
        request,
        forms.LawsuitForm(**pages.posted(request), user=request.user, lawsuit=lawsuit),
        correct,
        may_change=access.can(request.user, lawsuit, access.CHANGE),
        title="更正登记信息",
        page=lambda form, errors, status: _register_page(
            request, form, errors=errors, status=status, lawsuit=lawsuit
        ),
        success="已更正登记信息。",
        back=reverse("litigation:detail", args=[lawsuit.pk]),
        refusal="您无权更正本案的登记信息。",
    )


def _list_page(request) -> HttpResponse:
    user = request.user
    today = clock.today()
    rows = lists_.with_next_due(selectors.lawsuits_for(user))
    listing = lists.listing(request, rows, lists_.lawsuit_spec(rows, today))
    if listing.wants_export:
        return listing.export(f"行政应诉案件_{today.isoformat()}.xlsx")
    year = _year(request)
    period = Period.year(year)
    scope = selectors.figure_scope(user)
    # the figures as kept in their snapshots (computed once, recomputed by a task when records change), not per view
    snapshot = snapshots.results(scope, year, FIGURES)
    results = list(snapshot.results.values())
    page_rows = listing.page_rows
    for s in page_rows:
        s.due_level = workbench.level_for(s.next_due, today) if s.next_due else ""
        s.due_label = lists_.due_kind(s)
    context = {
        "lawsuits": page_rows,
        "list": listing,
        "may_register": _may_register(user),
        "year": year,
        "years": list(range(today.year, today.year - 4, -1)),
        "results": results,
        "snapshot": snapshot,
        "departments": selectors.by_department(period, scope),
        "today": today,
    }
    return render(request, "litigation/lawsuit_list.html", context, status=listing.status)


def _lawsuit(request, pk) -> Lawsuit:
    return get_object_or_404(selectors.lawsuits_for(request.user), pk=pk)


@login_required
def detail(request, pk):
    return _detail_page(request, _lawsuit(request, pk))


def _detail_page(request, lawsuit: Lawsuit, *, errors=(), status=200, bound=None) -> HttpResponse:
    user = request.user
    bound = bound or {}
    lawsuit = selectors.lawsuits_for(user).get(
        pk=lawsuit.pk
    )  # read again: a refusal may have half-changed it
    today = clock.today()
    writable = access.can(user, lawsuit, access.CHANGE)
    names = {t["name"] for t in selectors.available_transitions(lawsuit, user)}
    slots = {}
    if writable:
        if "submit_defence" in names:
            slots["defence"] = bound.get("defence") or forms.DefenceForm(initial={"submitted_on": today})
        if rules.may_record_hearing(lawsuit):
            slots["hearing"] = bound.get("hearing") or forms.HearingForm(
                lawsuit=lawsuit, initial={"held_on": today}
            )
        if "record_judgment" in names:
            slots["judgment"] = bound.get("judgment") or forms.JudgmentForm(initial={"judged_on": today})
        if "appeal" in names:
            slots["appeal"] = bound.get("appeal") or forms.AppealForm(initial={"appealed_on": today})
        if names & {"take_effect", "conclude"}:
            slots["effective"] = bound.get("effective") or forms.EffectiveForm(
                initial={"effective_on": today}
            )
        if "perform" in names:
            slots["performance"] = bound.get("performance") or forms.PerformanceForm(
                initial={"performed_on": today}
            )
        if lawsuit.outcome and lawsuit.judgment_served_on is None:
            slots["judgment_service"] = bound.get("judgment_service") or forms.JudgmentServiceForm(
                initial={"served_on": today}
            )
        if rules.may_record_hearing(lawsuit) and lawsuit.head_requested_on is None:
            slots["head_request"] = bound.get("head_request") or forms.HeadRequestForm(
                initial={"requested_on": today}
            )
        slots["recommendation"] = bound.get("recommendation") or forms.RecommendationForm(
            initial={"received_on": today}
        )
    if writable and rules.may_open_supervision_clue(user, lawsuit):
        slots["clue"] = bound.get("clue") or forms.ClueForm(initial={"received_on": today})
    hearings = list(selectors.hearings_for(user, lawsuit))
    clocks = selectors.lawsuit_clocks(lawsuit)
    recommendations = list(selectors.recommendations_for(user, lawsuit))
    clue = enforcement_selectors.clue_for(
        lawsuit
    )  # whether it was referred; linked only if the user may see it
    context = {
        "lawsuit": lawsuit,
        "clue": clue,
        "clue_visible": clue is not None and access.can(user, clue, access.VIEW),
        "steps": selectors.timeline(lawsuit, today),
        "hearings": hearings,
        "clocks": clocks,
        "head_request_pending": rules.head_request_pending(lawsuit, hearings),
        "recommendations": recommendations,
        "reply_form": bound.get("reply") or forms.ReplyForm(initial={"replied_on": today}),
        "reply_bound": bound.get("reply_pk"),
        "later": selectors.later_instances(user, lawsuit),
        "slots": slots,
        "writable": writable,
        "errors": errors,
        "today": today,
        "needs_performance": lawsuit.must_perform,
        "history": pages.history_rows([lawsuit, *hearings], parents=(Lawsuit,)),
    }
    return render(request, "litigation/lawsuit_detail.html", context, status=status)


@dataclass(frozen=True)
class Action:
    """A step on the lawsuit page: the form slot it fills, its form, the service it calls and what it says."""

    form: type
    service: Callable
    success: str
    needs_lawsuit: bool = False  # the form is built with the lawsuit (the hearing form offers its people)


ACTIONS = {
    "defence": Action(forms.DefenceForm, services.submit_defence, "已登记提交答辩。"),
    "hearing": Action(
        forms.HearingForm, services.record_hearing, "已登记开庭及出庭应诉情况。", needs_lawsuit=True
    ),
    "judgment": Action(forms.JudgmentForm, services.record_judgment, "已登记裁判结果。"),
    "appeal": Action(forms.AppealForm, services.record_appeal, "已登记上诉；二审案件请另行登记并关联本案。"),
    "effective": Action(forms.EffectiveForm, services.mark_effective, "已登记裁判生效。"),
    "performance": Action(forms.PerformanceForm, services.record_performance, "已登记履行情况，案件结案。"),
    "judgment_service": Action(
        forms.JudgmentServiceForm,
        services.record_judgment_service,
        "已登记裁判文书送达日期，上诉期限已计算。",
    ),
    "head_request": Action(
        forms.HeadRequestForm, services.record_head_request, "已登记人民法院书面建议负责人出庭。"
    ),
    "recommendation": Action(
        forms.RecommendationForm, services.record_recommendation, "已登记建议，回复期限已计算。"
    ),
    "clue": Action(forms.ClueForm, services.open_supervision_clue, "已转为执法监督线索。"),
}
"""Every step of the lawsuit page by its slot (the URL names the slot: litigation:<slot>)."""


@login_required
@require_POST
def act(request, pk, action: str):
    """One view for every step: parse the slot's form, call its service with the lawsuit, show a refusal on the
    lawsuit page with the form as it was sent."""
    step = ACTIONS.get(action)
    if step is None:
        raise Http404("没有这项操作。")
    lawsuit = _lawsuit(request, pk)
    form = step.form(request.POST, **({"lawsuit": lawsuit} if step.needs_lawsuit else {}))
    return pages.submit(
        request,
        form,
        lambda data: step.service(actor=request.user, lawsuit=lawsuit, **data),
        success=step.success,
        done=lambda: redirect(f"{reverse('litigation:detail', args=[lawsuit.pk])}#timeline"),
        again=lambda status, errors: _detail_page(
            request, lawsuit, errors=errors, status=status, bound={action: form}
        ),
    )


def _correct_on_lawsuit(request, pk, rows_of, record_pk, make_form, service, *, success, anchor, heading):
    """The correction page of a record of the lawsuit `pk` (a hearing, a recommendation): `rows_of(user, lawsuit)`
    the records the user may see, `make_form(lawsuit, record, **bound)` the form, `service(record, data)` the save."""
    lawsuit = _lawsuit(request, pk)
    record = get_object_or_404(rows_of(request.user, lawsuit), pk=record_pk)
    return pages.correct(
        request,
        make_form(lawsuit, record, **pages.posted(request)),
        lambda data: service(record, data),
        may_change=access.can(request.user, record, access.CHANGE),
        success=success,
        back=f"{reverse('litigation:detail', args=[lawsuit.pk])}#{anchor}",
        title=heading(lawsuit, record),
    )


@login_required
def edit_hearing(request, pk, hearing_pk):
    """更正开庭记录 through services.update_hearing, for whoever may change the lawsuit's hearings."""
    return _correct_on_lawsuit(
        request,
        pk,
        selectors.hearings_for,
        hearing_pk,
        lambda lawsuit, hearing, **data: forms.HearingForm(**data, lawsuit=lawsuit, hearing=hearing),
        lambda hearing, data: services.update_hearing(actor=request.user, hearing=hearing, **data),
        success="已更正开庭记录。",
        anchor="hearings",
        heading=lambda lawsuit, h: f"更正开庭记录：{lawsuit.case_number}（{h.held_on:%Y年%m月%d日}开庭）",
    )


@login_required
def edit_recommendation(request, pk, rec):
    """更正建议 not yet replied to, through services.update_recommendation."""
    return _correct_on_lawsuit(
        request,
        pk,
        selectors.recommendations_for,
        rec,
        lambda lawsuit, r, **data: forms.RecommendationForm(**data, recommendation=r),
        lambda r, data: services.update_recommendation(actor=request.user, recommendation=r, **data),
        success="已更正建议，回复期限已重新计算。",
        anchor="recommendations",
        heading=lambda lawsuit, r: f"更正{r.get_ground_display()}：{lawsuit.case_number}",
    )


@login_required
@require_POST
def reply_recommendation(request, pk, rec):
    lawsuit = _lawsuit(request, pk)
    recommendation = get_object_or_404(selectors.recommendations_for(request.user, lawsuit), pk=rec)
    form = forms.ReplyForm(request.POST)
    return pages.submit(
        request,
        form,
        lambda data: services.record_reply(actor=request.user, recommendation=recommendation, **data),
        success="已登记书面回复。",
        done=lambda: redirect(f"{reverse('litigation:detail', args=[lawsuit.pk])}#recommendations"),
        again=lambda status, errors: _detail_page(
            request,
            lawsuit,
            errors=errors,
            status=status,
            bound={"reply": form, "reply_pk": recommendation.pk},
        ),
    )


# Liaison meetings ----------------------------------------------------------------------------------------------


@login_required
def meetings(request):
    if request.method == "POST":
        form = forms.MeetingForm(request.POST, user=request.user)
        return pages.submit(
            request,
            form,
            lambda data: services.record_meeting(actor=request.user, **data),
            success="已登记联动会议。",
            done=lambda: redirect("litigation:meetings"),
            again=lambda status, errors: _meetings_page(request, form=form, errors=errors, status=status),
        )
    return _meetings_page(request)


def _meetings_page(request, *, form=None, errors=(), status=200) -> HttpResponse:
    user = request.user
    may_record = selectors.units_for(user, LiaisonMeeting).exists()
    if form is None and may_record:
        form = forms.MeetingForm(user=user, initial={"held_on": clock.today()})
    today = clock.today()
    every = selectors.meetings_for(user)
    listing = lists.listing(request, every, lists_.meeting_spec(every, today))
    if listing.wants_export:
        return listing.export(f"府院府检联动会议_{today.isoformat()}.xlsx")
    year = _year(request)
    result = evaluate(
        "litigation.liaison.meetings", Period.year(year), selectors.figure_scope(user, LiaisonMeeting)
    )
    rows = listing.page_rows
    for m in rows:
        m.may_change = access.can(user, m, access.CHANGE)
    context = {
        "meetings": rows,
        "list": listing,
        "form": form if may_record else None,
        "errors": errors,
        "year": year,
        "result": result,
    }
    return render(
        request, "litigation/meeting_list.html", context, status=status if status != 200 else listing.status
    )


@login_required
def edit_meeting(request, pk):
    """更正联动会议 through services.update_meeting, for whoever may change the meeting."""
    meeting = get_object_or_404(selectors.meetings_for(request.user), pk=pk)
    return pages.correct(
        request,
        forms.MeetingForm(**pages.posted(request), user=request.user, meeting=meeting),
        lambda data: services.update_meeting(actor=request.user, meeting=meeting, **data),
        may_change=access.can(request.user, meeting, access.CHANGE),
        success="已更正联动会议。",
        back=f"{reverse('litigation:meetings')}#meeting-{meeting.pk}",
        title=f"更正联动会议：{meeting.title}",
    )
