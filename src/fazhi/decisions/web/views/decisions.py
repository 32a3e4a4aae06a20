"""Pages of major administrative decisions: the list with registration, a decision's timeline with the forms of its
current step. They read through selectors and write through services;
a refusal (ValidationError, PermissionDenied) is shown on the page in Chinese and changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.models import Role
from fazhi.core.web import lists, pages
from fazhi.core.web.pages import create as _create
from fazhi.core.web.pages import submit as _submit
from fazhi.review import services as review_services

from ... import rules, selectors, services
from ...models import Decision, Procedure, ProcedureRecord
from .. import forms

S = Decision.Status
CLOSED = (S.ARCHIVED, S.TERMINATED)
# Procedures with a record of their own; the legality review is the review workstream's record.
RECORDED = tuple(forms.PROCEDURE_FORM_FIELDS)
# States of the review workstream's LegalityReview the page acts on.
REVIEW_CONCLUDED, REVIEW_FINAL = "concluded", "final_review"


# Running a service -------------------------------------------------------------------------------------------


def _decision(request, pk) -> Decision:
    return get_object_or_404(selectors.decisions_for(request.user), pk=pk)


def _record(decision: Decision, procedure: str):
    """The decision's own record of a procedure (created with the decision)."""
    return getattr(decision, selectors.RELATED[procedure])


@login_required
def decision_list(request):
    if request.method == "POST":
        form = forms.RegisterDecisionForm(request.POST, user=request.user)
        return _create(
            request,
            form,
            lambda data: services.register_decision(actor=request.user, **data),
            success="决策已登记。请启动决策程序，依次办理各法定程序。",
            done=lambda decision: redirect("decisions:detail", pk=decision.pk),
            again=lambda status, errors: _list_page(request, form=form, errors=errors, status=status),
        )
    return _list_page(request)


def list_spec(rows) -> lists.ListSpec:
    """The decisions as a list page: search, filters (step, unit, year, in or outside the catalog), sorting, pages
    and the export's cells."""
    return lists.ListSpec(
        title="重大行政决策",
        columns=[
            lists.Column("title", "决策事项", lambda d: d.title, order_by=("title",)),
            lists.Column("unit", "承办单位", lambda d: d.organization.name, order_by=("organization__path",)),
            lists.Column("status", "当前环节", lambda d: d.get_status_display(), order_by=("status",)),
            lists.Column(
                "planned",
                "计划完成时间",
                lambda d: d.catalog_item.planned_time if d.catalog_item else "目录外决策",
                order_by=("catalog_item__planned_time",),
            ),
            lists.Column("registered", "立项日期", lambda d: d.registered_on, order_by=("registered_on",)),
            # sorted on the deadline computed in the query (selectors.with_next_due_on): none last in both directions
            lists.Column("due", "下一期限", lambda d: d.due_on, order_by=(F("due_on"),)),
        ],
        filters=[
            lists.status_filter(Decision.Status.choices, label="当前环节"),
            lists.unit_filter(rows, label="承办单位"),
            lists.year_filter(rows, "registered_on", "立项年度"),
            lists.Filter("open", "只看未办结", lambda qs, v: qs.exclude(status__in=CLOSED), kind=lists.CHECK),
            lists.Filter(
                "outside",
                "只看目录外决策",
                lambda qs, v: qs.filter(catalog_item__isnull=True),
                kind=lists.CHECK,
            ),
        ],
        search_fields=("title", "summary", "organization__name"),
        search_placeholder="决策事项、简介、单位",
        default_sort="due",
    )


def _list_page(request, *, form=None, errors=(), status=200) -> HttpResponse:
    user = request.user
    may_register = access.organizations(user, access.CHANGE).exists()
    if form is None and may_register:
        form = forms.RegisterDecisionForm(user=user, initial={"registered_on": clock.today()})
    rows = selectors.with_next_due_on(selectors.decision_rows(user))
    listing = lists.listing(request, rows, list_spec(rows))
    if listing.wants_export and not errors:
        return listing.export(f"重大行政决策_{clock.today().isoformat()}.xlsx")
    return render(
        request,
        "decisions/decision_list.html",
        {
            "decisions": listing.page_rows,
            "today": clock.today(),
            "list": listing,
            "form": form,
            "errors": errors,
            "may_register": may_register,
        },
        status=status if errors else listing.status,
    )


@login_required
def decision_detail(request, pk):
    return _detail_page(request, _decision(request, pk), editing=request.GET.get("procedure", ""))


def _detail_page(
    request, decision: Decision, *, errors=(), status=200, bound=None, editing=""
) -> HttpResponse:
    """The decision page. `bound` holds forms sent back with their errors, by slot name."""
    user = request.user
    bound = bound or {}
    # Read again: a refused change may have left the instance in memory half-changed.
    decision = selectors.decisions_for(user).get(pk=decision.pk)
    today = clock.today()
    steps = selectors.timeline(decision, today)
    current = next((s for s in steps if s.state in (selectors.CURRENT_STEP, selectors.OVERDUE_STEP)), None)
    can_change = access.can(user, decision, access.CHANGE)
    open_ = decision.status not in CLOSED
    writable = can_change and open_

    records = {p: _record(decision, p) for p in RECORDED}
    participation = records[Procedure.PUBLIC_PARTICIPATION]
    argumentation = records[Procedure.EXPERT_ARGUMENTATION]
    comments = list(participation.comments.all())
    opinions = list(argumentation.opinions.all())
    documents = list(decision.documents.select_related("uploaded_by__person"))
    review = decision.legality_review

    # The record being filled in: the one asked for, else the current step's.
    procedure = editing if editing in RECORDED else (current.procedure if current else "")
    record_form = None
    if writable and procedure in RECORDED:
        record_form = bound.get(f"record_{procedure}") or forms.procedure_form(procedure, records[procedure])

    transitions = selectors.available_transitions(decision, user)
    forward = [t for t in transitions if t["name"] != "terminate"]
    terminate = next((t for t in transitions if t["name"] == "terminate"), None)

    current_procedure = current.procedure if current else ""
    show_comment_form = (
        writable and current_procedure == Procedure.PUBLIC_PARTICIPATION and participation.applicable
    )
    answer_forms = {}
    if writable:
        for c in comments:
            if not c.answered:
                answer_forms[c.pk] = bound.get(f"answer_{c.pk}") or forms.AnswerCommentForm(
                    initial={"answered_on": today}
                )
    for c in comments:
        c.answer_form = answer_forms.get(c.pk)

    may_request_review = (
        writable
        and decision.status == S.LEGALITY_REVIEW
        and (review is None or (review.status == REVIEW_CONCLUDED and not review.passed))
    )
    may_conclude = (
        review is not None
        and review.status == REVIEW_FINAL
        and access.has_role(user, Role.JUSTICE_ADMIN)
        and access.can(user, review, access.CHANGE)
    )
    step_documents = {p: [d for d in documents if d.procedure == p] for p in Procedure.values}
    for step in steps:
        step.documents = step_documents.get(step.procedure, [])
        step.has_record = step.procedure in RECORDED

    history = _history(
        [decision, *records.values(), *comments, *opinions, *documents, *([review] if review else [])]
    )
    context = {
        "decision": decision,
        "steps": steps,
        "current": current,
        "can_change": can_change,
        "writable": writable,
        "may_edit": rules.may_edit_decision(user, decision),
        "errors": errors,
        "procedure": procedure,
        "procedure_label": Procedure(procedure).label if procedure else "",
        "editing_other": bool(procedure and current and procedure != current.procedure),
        "record": records.get(procedure),
        "record_form": record_form,
        "participation": participation,
        "argumentation": argumentation,
        "comments": comments,
        "opinions": opinions,
        "comment_form": (bound.get("comment") or forms.PublicCommentForm(initial={"received_on": today}))
        if show_comment_form
        else None,
        "opinion_form": (bound.get("opinion") or forms.ExpertOpinionForm())
        if writable and current_procedure == Procedure.EXPERT_ARGUMENTATION
        else None,
        "review": review,
        "request_review_form": (
            bound.get("request_review") or forms.RequestReviewForm(initial={"submitted_on": today})
        )
        if may_request_review
        else None,
        "conclude_form": (bound.get("conclude") or forms.ConcludeReviewForm(initial={"concluded_on": today}))
        if may_conclude
        else None,
        "forward": forward,
        "terminate": terminate,
        "today": today,
        "documents": documents,
        "document_form": (
            bound.get("document") or forms.DocumentForm(initial={"procedure": current_procedure})
        )
        if writable
        else None,
        "history": history,
        "S": S,
    }
    return render(request, "decisions/decision_detail.html", context, status=status)


@login_required
def edit_decision(request, pk):
    """更正 what was registered (title, units, catalog item, date, summary) while the decision is open."""
    decision, user = _decision(request, pk), request.user
    access.check(user, decision, access.CHANGE)
    return pages.correct(
        request,
        forms.EditDecisionForm(**pages.posted(request), user=user, decision=decision),
        lambda data: services.update_decision(actor=user, decision=decision, **data),
        title=f"更正决策登记信息：{decision.title}",
        success="已更正决策登记信息。",
        back=_detail_url(decision),
        crumbs=[("重大行政决策", reverse("decisions:list")), (decision.title, _detail_url(decision))],
        frozen=partial(rules.validate_decision_open, decision),
    )


@dataclass(frozen=True)
class _Filed:
    """A record filed under a decision's procedure that its page corrects: where it is, its form, its service."""

    procedure: str
    related: str
    form: type[forms.Form]
    fields: tuple[str, ...]
    what: str
    update: Callable[..., object]
    ready: Callable[[object], None] | None = None  # a rule of the record itself that refuses any correction


_COMMENT = _Filed(
    Procedure.PUBLIC_PARTICIPATION,
    "comments",
    forms.PublicCommentForm,
    ("received_on", "commenter", "content"),
    "公众意见",
    lambda actor, record, data: services.update_public_comment(actor=actor, comment=record, **data),
)
_ANSWER = _Filed(
    Procedure.PUBLIC_PARTICIPATION,
    "comments",
    forms.AnswerCommentForm,
    ("response", "adopted", "answered_on"),
    "公众意见的采纳情况及理由",
    lambda actor, record, data: services.correct_comment_answer(actor=actor, comment=record, **data),
    rules.validate_answer_to_correct,
)
_OPINION = _Filed(
    Procedure.EXPERT_ARGUMENTATION,
    "opinions",
    forms.ExpertOpinionForm,
    ("expert_name", "expert_title", "opinion", "adopted"),
    "专家论证意见",
    lambda actor, record, data: services.update_expert_opinion(actor=actor, expert_opinion=record, **data),
)


@login_required
def edit_comment(request, pk, comment_pk):
    """更正 a public comment as received (date, commenter, content) while the decision is open."""
    return _correct_filed(request, pk, comment_pk, _COMMENT)


@login_required
def edit_answer(request, pk, comment_pk):
    """更正 the answer given to a public comment (采纳情况及理由, adopted, date) while the decision is open; the old
    answer stays in the decision's history."""
    return _correct_filed(request, pk, comment_pk, _ANSWER)


@login_required
def edit_expert_opinion(request, pk, opinion_pk):
    """更正 an expert's opinion as recorded (expert, title, opinion, adopted) while the decision is open."""
    return _correct_filed(request, pk, opinion_pk, _OPINION)


def _correct_filed(request, pk, record_pk, kind: _Filed) -> HttpResponse:
    """The correction page of a record filed under a decision: only by who may change the decision, only while it
    is open, back to the decision's page."""
    decision, user = _decision(request, pk), request.user
    record = get_object_or_404(getattr(_record(decision, kind.procedure), kind.related), pk=record_pk)
    access.check(user, decision, access.CHANGE)
    return pages.correct(
        request,
        kind.form(**pages.posted(request), initial=model_to_dict(record, fields=kind.fields)),
        lambda data: kind.update(user, record, data),
        title=f"更正{kind.what}：{record}",
        success=f"已更正{kind.what}。",
        back=_detail_url(decision),
        crumbs=[("重大行政决策", reverse("decisions:list")), (decision.title, _detail_url(decision))],
        frozen=partial(_frozen, decision, record, kind),
    )


def _frozen(decision: Decision, record, kind: _Filed) -> None:
    rules.validate_decision_open(decision)
    if kind.ready is not None:
        kind.ready(record)


def _detail_url(decision: Decision) -> str:
    return reverse("decisions:detail", args=[decision.pk])


def _back_to(decision: Decision, anchor: str) -> Callable[[], HttpResponse]:
    return lambda: redirect(f"{reverse('decisions:detail', args=[decision.pk])}#{anchor}")


def _again(request, decision: Decision, slot: str, form: forms.Form, editing: str = ""):
    return lambda status, errors: _detail_page(
        request, decision, errors=errors, status=status, bound={slot: form}, editing=editing
    )


@login_required
@require_POST
def record_procedure(request, pk, procedure):
    decision = _decision(request, pk)
    if procedure not in RECORDED:
        raise Http404("没有这个程序的记录。")
    form = forms.procedure_form(procedure, _record(decision, procedure), request.POST)
    return _submit(
        request,
        form,
        lambda data: services.record_procedure(
            actor=request.user, decision=decision, procedure=procedure, **data
        ),
        success=f"已保存{Procedure(procedure).label}记录。",
        done=_back_to(decision, f"step-{procedure}"),
        again=_again(request, decision, f"record_{procedure}", form, editing=procedure),
    )


@login_required
@require_POST
def add_comment(request, pk):
    decision = _decision(request, pk)
    form = forms.PublicCommentForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.add_public_comment(actor=request.user, decision=decision, **data),
        success="已登记公众意见。",
        done=_back_to(decision, "comments"),
        again=_again(request, decision, "comment", form),
    )


@login_required
@require_POST
def answer_comment(request, pk, comment_pk):
    decision = _decision(request, pk)
    comment = get_object_or_404(_record(decision, Procedure.PUBLIC_PARTICIPATION).comments, pk=comment_pk)
    form = forms.AnswerCommentForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.answer_comment(actor=request.user, comment=comment, **data),
        success="已记录意见采纳情况及反馈。",
        done=_back_to(decision, "comments"),
        again=_again(request, decision, f"answer_{comment.pk}", form),
    )


@login_required
@require_POST
def add_expert_opinion(request, pk):
    decision = _decision(request, pk)
    form = forms.ExpertOpinionForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.add_expert_opinion(actor=request.user, decision=decision, **data),
        success="已登记专家论证意见。",
        done=_back_to(decision, "opinions"),
        again=_again(request, decision, "opinion", form),
    )


@login_required
@require_POST
def request_legality_review(request, pk):
    decision = _decision(request, pk)
    form = forms.RequestReviewForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: services.request_legality_review(actor=request.user, decision=decision, **data),
        success="已送司法局合法性审查。",
        done=_back_to(decision, "legality-review"),
        again=_again(request, decision, "request_review", form),
    )


@login_required
@require_POST
def conclude_legality_review(request, pk):
    decision = _decision(request, pk)
    if decision.legality_review is None:
        raise Http404("该决策尚未送合法性审查。")
    form = forms.ConcludeReviewForm(request.POST)
    return _submit(
        request,
        form,
        lambda data: review_services.conclude_review(
            actor=request.user, review=decision.legality_review, **data
        ),
        success="已出具合法性审查终审意见。",
        done=_back_to(decision, "legality-review"),
        again=_again(request, decision, "conclude", form),
    )


@login_required
@require_POST
def advance(request, pk):
    decision = _decision(request, pk)
    form = forms.TransitionForm(request.POST)
    label = {t["name"]: t["label"] for t in selectors.available_transitions(decision, request.user)}
    return _submit(
        request,
        form,
        lambda data: services.advance(
            actor=request.user,
            decision=decision,
            transition=data["transition"],
            note=data["note"],
            **form.transition_kwargs(),
        ),
        success=f"已{label.get(form.data.get('transition'), '办理')}。",
        done=_back_to(decision, "timeline"),
        again=_again(request, decision, "transition", form),
    )


def _history(instances) -> list[pages.HistoryRow]:
    return pages.history_rows(instances, parents=(Decision, ProcedureRecord))
