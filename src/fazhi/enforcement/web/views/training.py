"""Pages of enforcement training: the sessions the user may see with a form to record one, and a session with who
attended and a form to record attendance. Reads through training's selectors, writes through its services; a refusal
is shown in Chinese and changes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.web import pages

from ... import selectors, services
from ...models import TrainingSession
from .. import forms


@login_required
def session_list(request):
    if request.method == "POST":
        form = forms.SessionForm(request.POST, user=request.user)
        return pages.create(
            request,
            form,
            lambda data: services.record_session(actor=request.user, **data),
            success="培训已登记，请登记参训人员。",
            done=lambda session: redirect("enforcement:training_session", pk=session.pk),
            again=lambda status, errors: _list_page(request, form=form, errors=errors, status=status),
        )
    return _list_page(request)


def _list_page(request, *, form=None, errors=(), status=200):
    user = request.user
    may_record = access.organizations(user, access.CHANGE).exists()
    if form is None and may_record:
        form = forms.SessionForm(user=user, initial={"held_on": clock.today()})
    sessions = (
        selectors.sessions_for(user).annotate(attended=Count("attendances")).order_by("-held_on", "-pk")
    )
    context = {"sessions": sessions, "form": form if may_record else None, "errors": errors}
    return render(request, "enforcement/training_list.html", context, status=status)


def _session(request, pk) -> TrainingSession:
    return get_object_or_404(selectors.sessions_for(request.user), pk=pk)


@login_required
def session_detail(request, pk):
    return _detail_page(request, _session(request, pk))


def _detail_page(request, session, *, form=None, errors=(), status=200):
    user = request.user
    may_change = access.can(user, session, access.CHANGE)
    if form is None and may_change:
        form = forms.AttendanceForm(user=user)
    context = {
        "session": session,
        "attendances": selectors.attendances_for(user).filter(session=session).order_by("person__name"),
        "form": form if may_change else None,
        "errors": errors,
        "history": pages.history_rows([session]),
    }
    return render(request, "enforcement/training_detail.html", context, status=status)


@login_required
@require_POST
def record_attendance(request, pk):
    session = _session(request, pk)
    form = forms.AttendanceForm(request.POST, user=request.user)
    return pages.submit(
        request,
        form,
        lambda data: services.record_attendances(actor=request.user, session=session, people=data["people"]),
        success=lambda: f"已登记{len(form.cleaned_data['people'])}名参训人员。",
        done=lambda: redirect("enforcement:training_session", pk=session.pk),
        again=lambda status, errors: _detail_page(request, session, form=form, errors=errors, status=status),
    )
