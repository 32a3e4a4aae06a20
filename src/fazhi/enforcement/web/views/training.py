"""Pages of enforcement training: the sessions the user may see with a form to record one, and a session with who
attended and a form to record attendance. Reads through training's selectors, writes through its services; a refusal
is shown in Chinese and changes nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.web import lists, pages

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


def list_spec(rows) -> lists.ListSpec:
    return lists.ListSpec(
        title="执法培训",
        columns=[
            lists.Column("topic", "培训主题", lambda s: s.topic, order_by=("topic",)),
            lists.Column("unit", "组织单位", lambda s: s.organization.name, order_by=("organization__path",)),
            lists.Column("kind", "培训形式", lambda s: s.get_kind_display(), order_by=("kind",)),
            lists.Column("held", "培训日期", lambda s: s.held_on, order_by=("held_on",)),
            lists.Column("hours", "学时", lambda s: s.hours, order_by=("hours",)),
            lists.Column("attended", "参训人数", lambda s: s.attended, order_by=("attended",)),
        ],
        filters=[
            lists.Filter(
                "kind", "培训形式", lambda qs, v: qs.filter(kind=v), choices=TrainingSession.Kind.choices
            ),
            lists.unit_filter(rows, label="组织单位"),
            lists.year_filter(rows, "held_on"),
        ],
        search_fields=("topic", "organization__name"),
        search_placeholder="培训主题、单位",
        default_sort="-held",
    )


def _list_page(request, *, form=None, errors=(), status=200):
    user = request.user
    may_record = access.organizations(user, access.CHANGE).exists()
    if form is None and may_record:
        form = forms.SessionForm(user=user, initial={"held_on": clock.today()})
    rows = selectors.sessions_listed(user)
    listing = lists.listing(request, rows, list_spec(rows))
    if listing.wants_export and not errors:
        return listing.export(f"执法培训_{clock.today().isoformat()}.xlsx")
    context = {
        "sessions": listing.page_rows,
        "list": listing,
        "form": form if may_record else None,
        "errors": errors,
    }
    return render(
        request, "enforcement/training_list.html", context, status=status if errors else listing.status
    )


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
        "may_correct": may_change,
    }
    return render(request, "enforcement/training_detail.html", context, status=status)


@login_required
def edit_session(request, pk):
    """更正 a session's organizer, topic, date, hours and kind, through services.update_session."""
    session = _session(request, pk)
    initial = pages.initial_of(session, forms.SessionForm)
    form = forms.SessionForm(**pages.posted(request), user=request.user, initial=initial)
    return pages.correct(
        request,
        form,
        lambda data: services.update_session(actor=request.user, session=session, **data),
        may_change=access.can(request.user, session, access.CHANGE),
        title=f"更正执法培训：{session.topic}",
        back=reverse("enforcement:training_session", args=[session.pk]),
        success="培训信息已更正。",
    )


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


@login_required
@require_POST
def remove_attendance(request, pk, attendance_pk):
    """移除 an attendance recorded by mistake, through services.remove_attendance (the audit event keeps it)."""
    session = _session(request, pk)
    attendance = get_object_or_404(
        selectors.attendances_for(request.user).filter(session=session), pk=attendance_pk
    )
    status, errors = pages.attempt(
        lambda: services.remove_attendance(actor=request.user, attendance=attendance)
    )
    if status is not None:
        return _detail_page(request, session, errors=errors, status=status)
    messages.success(request, f"已移除参训人员{attendance.person.name}。")
    return redirect("enforcement:training_session", pk=session.pk)
