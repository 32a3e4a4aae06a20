"""Pages of the legal advisors (法律顾问): the directory (search, filters, export, a new advisor), and each advisor's
page with its attendances at meetings and its reviews, where the units it serves record them and the advisor gives
its opinion. Every read through decisions.selectors, every write through decisions.services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.web import lists, pages
from fazhi.core.web.pages import create as _create
from fazhi.core.web.pages import submit as _submit

from ... import selectors, services
from ...models import LegalAdvisor
from .. import forms


def advisor_spec(rows) -> lists.ListSpec:
    today = clock.today()
    return lists.ListSpec(
        title="法律顾问",
        columns=[
            lists.Column("name", "名称", lambda a: a.name, order_by=("name",)),
            lists.Column("kind", "类型", lambda a: a.get_kind_display(), order_by=("kind",)),
            lists.Column("unit", "聘请单位", lambda a: a.organization.name, order_by=("organization__path",)),
            lists.Column(
                "served",
                "服务单位",
                lambda a: "、".join(o.name for o in a.units_served.all()),
                sortable=False,
            ),
            lists.Column("start", "聘期开始", lambda a: a.contract_start, order_by=("contract_start",)),
            lists.Column("end", "聘期结束", lambda a: a.contract_end, order_by=("contract_end",)),
            lists.Column("serving", "在聘", lambda a: "是" if a.serves_on(today) else "否", sortable=False),
        ],
        filters=[
            lists.Filter("kind", "类型", lambda qs, v: qs.filter(kind=v), choices=LegalAdvisor.Kind.choices),
            lists.unit_filter(rows, label="聘请单位"),
            lists.Filter(
                "serving",
                "聘期",
                lambda qs, v: (
                    qs.filter(contract_start__lte=today, contract_end__gte=today)
                    if v == "yes"
                    else qs.exclude(contract_start__lte=today, contract_end__gte=today)
                ),
                choices=[("yes", "在聘"), ("no", "不在聘期")],
            ),
        ],
        search_fields=("name", "organization__name"),  # contact is encrypted (not searchable)
        search_placeholder="名称、聘请单位",
        default_sort="name",
    )


@login_required
def advisors(request):
    return _advisors_page(request)


def _advisors_page(request, *, errors=(), status=200, form=None) -> HttpResponse:
    user = request.user
    rows = selectors.advisors_for(user).select_related("organization")
    listing = lists.listing(request, rows, advisor_spec(rows))
    if listing.wants_export and not errors:
        return listing.export(f"法律顾问_{clock.today().isoformat()}.xlsx")
    today = clock.today()
    page_rows = listing.page_rows
    for adv in page_rows:
        adv.serving = adv.serves_on(today)
    create_form = None
    if selectors.may_register_advisor(user):
        create_form = form or forms.AdvisorForm(user=user)
    return render(
        request,
        "decisions/advisors.html",
        {"list": listing, "advisors": page_rows, "create_form": create_form, "errors": errors},
        status=status if errors else listing.status,
    )


def _with_units(data: dict) -> dict:
    """The form's values with the units served as the list the advisor services take."""
    return {**data, "units_served": list(data.get("units_served") or [])}


@login_required
@require_POST
def create_advisor(request):
    form = forms.AdvisorForm(request.POST, user=request.user)

    return _create(
        request,
        form,
        lambda data: services.create_advisor(actor=request.user, **_with_units(data)),
        success=lambda a: f"已登记法律顾问“{a.name}”。",
        done=lambda a: redirect("decisions:advisor", pk=a.pk),
        again=lambda status, errors: _advisors_page(request, errors=errors, status=status, form=form),
    )


def _advisor(request, pk) -> LegalAdvisor:
    return get_object_or_404(
        selectors.advisors_for(request.user).select_related("organization", "user"), pk=pk
    )


@login_required
def advisor(request, pk):
    return _advisor_page(request, _advisor(request, pk))


def _advisor_page(request, adv: LegalAdvisor, *, errors=(), status=200, bound=None) -> HttpResponse:
    user = request.user
    bound = bound or {}
    today = clock.today()
    may_change = access.can(user, adv, access.CHANGE)
    may_record = selectors.may_register_advisor(user)
    attendances = list(selectors.attendances_for(user).filter(advisor=adv).order_by("-held_on"))
    reviews = list(selectors.advisor_reviews_for(user).filter(advisor=adv).order_by("-received_on"))
    pages.mark_correctable(attendances, _correctable(user, selectors.attendances_for(user)))
    pages.mark_correctable(reviews, _correctable(user, selectors.advisor_reviews_for(user)))
    for review in reviews:
        review.complete_form = None
        if review.completed_on is None and access.can(user, review, access.CHANGE):
            review.complete_form = bound.get(f"complete_{review.pk}") or forms.CompleteAdvisorReviewForm(
                initial={"completed_on": today}
            )
    edit_form = None
    if may_change:
        edit_form = bound.get("edit") or forms.AdvisorForm(
            user=user,
            initial={
                "name": adv.name,
                "kind": adv.kind,
                "organization": adv.organization_id,
                "units_served": [o.pk for o in adv.units_served.all()],
                "contract_start": adv.contract_start,
                "contract_end": adv.contract_end,
                "contact": adv.contact,
                "user": adv.user_id,
            },
        )
    return render(
        request,
        "decisions/advisor_detail.html",
        {
            "advisor": adv,
            "serving": adv.serves_on(today),
            "attendances": attendances,
            "reviews": reviews,
            "edit_form": edit_form,
            "attendance_form": (bound.get("attendance") or forms.AttendanceForm(user=user))
            if may_record
            else None,
            "review_form": (bound.get("review") or forms.AdvisorReviewForm(user=user))
            if may_record
            else None,
            "errors": errors,
        },
        status=status,
    )


def _advisor_submit(request, adv, form, slot: str, action, success: str, anchor: str) -> HttpResponse:
    return _submit(
        request,
        form,
        action,
        success=success,
        done=lambda: redirect(f"{reverse('decisions:advisor', args=[adv.pk])}#{anchor}"),
        again=lambda status, errors: _advisor_page(
            request, adv, errors=errors, status=status, bound={slot: form}
        ),
    )


@login_required
@require_POST
def edit_advisor(request, pk):
    adv = _advisor(request, pk)
    form = forms.AdvisorForm(request.POST, user=request.user)

    return _advisor_submit(
        request,
        adv,
        form,
        "edit",
        lambda data: services.update_advisor(actor=request.user, advisor=adv, **_with_units(data)),
        "已保存法律顾问信息。",
        "advisor",
    )


# What a unit served records of an advisor's work: the form, the service, the notice, the anchor, by slot.
WORK = {
    "attendance": (forms.AttendanceForm, services.record_attendance, "已登记列席会议。", "attendances"),
    "review": (
        forms.AdvisorReviewForm,
        services.record_advisor_review,
        "已登记审查事项，待法律顾问出具意见。",
        "reviews",
    ),
}


def _record_work(request, pk, slot: str) -> HttpResponse:
    adv = _advisor(request, pk)
    form_class, record, success, anchor = WORK[slot]
    form = form_class(request.POST, user=request.user)

    def action(data):
        return record(actor=request.user, advisor=adv, **data)

    return _advisor_submit(request, adv, form, slot, action, success, anchor)


@login_required
@require_POST
def record_attendance(request, pk):
    return _record_work(request, pk, "attendance")


@login_required
@require_POST
def record_review(request, pk):
    return _record_work(request, pk, "review")


@login_required
@require_POST
def complete_review(request, pk, review_pk):
    adv = _advisor(request, pk)
    review = get_object_or_404(selectors.advisor_reviews_for(request.user).filter(advisor=adv), pk=review_pk)
    form = forms.CompleteAdvisorReviewForm(request.POST)
    return _advisor_submit(
        request,
        adv,
        form,
        f"complete_{review.pk}",
        lambda data: services.complete_advisor_review(actor=request.user, review=review, **data),
        "已记录审查意见。",
        f"review-{review.pk}",
    )


# The corrections (更正) of what a unit recorded of an advisor's work: by slot, its rows, its form's fields, the
# update service and the notice. Only who may record such work corrects it (not the advisor, who gives opinions).
# slot: the rows, the update service and the name it takes the record by, what it is called.
CORRECTED = {
    "attendance": (selectors.attendances_for, services.update_attendance, "attendance", "列席会议"),
    "review": (selectors.advisor_reviews_for, services.update_advisor_review, "review", "审查事项"),
}


def _correctable(user, rows):
    """The rows `user` may correct: changeable by them, and they may record advisors' work at all."""
    return access.scope(user, rows, access.CHANGE) if selectors.may_register_advisor(user) else rows.none()


def _correct_work(request, pk, record_pk, slot: str) -> HttpResponse:
    adv, user = _advisor(request, pk), request.user
    rows, update, name, what = CORRECTED[slot]
    record = get_object_or_404(rows(user).filter(advisor=adv), pk=record_pk)
    form_class = WORK[slot][0]
    advisor_url = reverse("decisions:advisor", args=[adv.pk])
    return pages.correct(
        request,
        form_class(**pages.posted(request), user=user, initial=pages.initial_of(record, form_class)),
        lambda data: update(actor=user, **{name: record}, **data),
        may_change=_correctable(user, rows(user)).filter(pk=record.pk).exists(),
        title=f"更正{what}：{record}",
        success=f"已更正{what}。",
        back=advisor_url,
        crumbs=[("法律顾问", reverse("decisions:advisors")), (adv.name, advisor_url)],
    )


@login_required
def edit_attendance(request, pk, attendance_pk):
    """更正 an advisor's attendance at a meeting as the convening unit recorded it."""
    return _correct_work(request, pk, attendance_pk, "attendance")


@login_required
def edit_review(request, pk, review_pk):
    """更正 what a unit registered of a review it asked of an advisor (subject, kind, unit, date received)."""
    return _correct_work(request, pk, review_pk, "review")
