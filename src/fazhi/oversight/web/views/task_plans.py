"""Pages of the task ledger: plans with registration, a plan's tasks by unit with the circular download, and a task's
page with its milestones and progress reports, where the lead or a co-operating unit reports progress."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.db.models import Case, Count, IntegerField, Min, Q, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fazhi.core import access, clock
from fazhi.core.web import files, lists, pages

from ...documents import circulars as circular
from ...models import TaskPlan
from ...rules.task_plans import check_task_organizer, is_late, may_report
from ...selectors import task_plans as selectors
from ...services import task_plans as tasks
from .. import forms
from . import correction

TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def plan_spec(rows, today) -> lists.ListSpec:
    """The plans as a list page, each with its open tasks and their next deadline (overdue first)."""
    return lists.ListSpec(
        title="任务分工台账",
        columns=[
            lists.Column("year", "年度", lambda p: p.year, order_by=("year",)),
            lists.Column("title", "计划", lambda p: p.title, order_by=("title",)),
            lists.Column("kind", "类别", lambda p: p.get_kind_display(), order_by=("kind",)),
            lists.Column("unit", "印发单位", lambda p: p.organization.name, order_by=("organization__path",)),
            lists.Column("issued", "印发日期", lambda p: p.issued_on, order_by=("issued_on",)),
            lists.Column("open", "未完成任务", lambda p: p.open_tasks, order_by=("open_tasks",)),
            lists.Column("due", "最近完成时限", lambda p: p.next_due, order_by=("no_due_rank", "next_due")),
        ],
        filters=[
            lists.Filter("kind", "类别", lambda qs, v: qs.filter(kind=v), choices=TaskPlan.Kind.choices),
            lists.unit_filter(rows, label="印发单位"),
            lists.Filter(
                "year",
                "年度",
                lambda qs, v: qs.filter(year=int(v)),
                choices=[
                    (str(y), f"{y}年")
                    for y in rows.order_by("-year").values_list("year", flat=True).distinct()
                ],
            ),
            lists.Filter("due_before", "时限早于", lambda qs, v: qs.filter(next_due__lt=v), kind=lists.DATE),
            lists.Filter(
                "overdue", "只看有逾期任务", lambda qs, v: qs.filter(next_due__lt=today), kind=lists.CHECK
            ),
        ],
        search_fields=("title", "organization__name"),
        search_placeholder="计划名称、印发单位",
        default_sort="due",
    )


def _plans(user):
    undone = Q(tasks__completed_on__isnull=True)
    return (
        selectors.plans_for(user)
        .annotate(
            open_tasks=Count("tasks", filter=undone, distinct=True),
            next_due=Min("tasks__deadline", filter=undone),
        )
        .annotate(
            no_due_rank=Case(When(next_due__isnull=True, then=1), default=0, output_field=IntegerField())
        )
    )


@login_required
def plan_list(request):
    user = request.user
    today = clock.today()
    rows = _plans(user)
    listing = lists.listing(request, rows, plan_spec(rows, today))
    if listing.wants_export and request.method != "POST":
        return listing.export(f"任务分工台账_{today.isoformat()}.xlsx")
    may_create = selectors.may_create_plan(user)
    form = forms.TaskPlanForm(
        **pages.posted(request),
        user=user,
        initial={"year": clock.today().year, "issued_on": clock.today()},
    )

    def page(status=200, errors=()):
        return render(
            request,
            "oversight/plans.html",
            {
                "plans": listing.page_rows,
                "list": listing,
                "today": today,
                "form": form if may_create else None,
                "errors": errors,
            },
            status=status if errors else listing.status,
        )

    if request.method != "POST":
        return page()
    return pages.create(
        request,
        form,
        lambda d: tasks.create_plan(actor=user, **d),
        success="计划已登记，请分解任务。",
        done=lambda plan: redirect("oversight:plan", pk=plan.pk),
        again=lambda status, errors: page(status, errors),
    )


def _plan(request, pk) -> TaskPlan:
    return get_object_or_404(selectors.plans_for(request.user), pk=pk)


def _plan_page(request, plan, *, form=None, errors=(), status=200):
    user = request.user
    today = clock.today()
    rows = list(selectors.tasks_for(user).filter(plan=plan).prefetch_related("co_units").order_by("number"))
    for t in rows:
        t.late = is_late(t, today)
    may_change = access.can(user, plan, access.CHANGE)
    return render(
        request,
        "oversight/plan.html",
        {
            "plan": plan,
            "may_change": may_change,
            "tasks": rows,
            "today": today,
            "form": (form or forms.TaskForm(user=user)) if may_change else None,
            "circular_form": forms.CircularForm(
                initial={"start": plan.issued_on, "end": today, "fmt": "docx"}
            ),
            "errors": errors,
        },
        status=status,
    )


@login_required
def plan_detail(request, pk):
    return _plan_page(request, _plan(request, pk))


edit_plan = correction(
    _plan,
    forms.TaskPlanForm,
    tasks.update_plan,
    name="plan",
    success="计划已更正。",
    back="oversight:plan",
    heading=lambda plan: f"更正计划：{plan.title}",
)
"""更正计划 through services.task_plans.update_plan, for whoever may change the plan."""


@login_required
@require_POST
def add_task(request, pk):
    plan = _plan(request, pk)
    form = forms.TaskForm(request.POST, user=request.user)
    return pages.submit(
        request,
        form,
        lambda d: tasks.add_task(actor=request.user, plan=plan, **d),
        success="任务已分解。",
        done=lambda: redirect("oversight:plan", pk=plan.pk),
        again=lambda status, errors: _plan_page(request, plan, form=form, errors=errors, status=status),
    )


@login_required
def circular_download(request, pk):
    plan = _plan(request, pk)
    form = forms.CircularForm(request.GET)
    if not form.is_valid():
        return _plan_page(request, plan, errors=pages.form_messages(form), status=400)
    d = form.cleaned_data
    content: list[bytes] = []
    status, errors = pages.attempt(
        lambda: content.append(
            circular.generate(actor=request.user, plan=plan, start=d["start"], end=d["end"], fmt=d["fmt"])
        )
    )
    if status is not None:
        return _plan_page(request, plan, errors=errors, status=status)
    response = HttpResponse(content[0], content_type=TYPES[d["fmt"]])
    name = f"{plan}任务进展通报（{d['start']:%Y%m%d}-{d['end']:%Y%m%d}）.{d['fmt']}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


def _task(request, pk):
    return get_object_or_404(selectors.tasks_for(request.user), pk=pk)


def _task_page(request, task, *, form=None, errors=(), status=200):
    task = _task(request, task.pk)
    today = clock.today()
    return render(
        request,
        "oversight/task.html",
        {
            "task": task,
            "may_correct": access.can(request.user, task.plan, access.CHANGE),
            "late": is_late(task, today),
            "milestones": task.milestones.all(),
            "reports": task.reports.select_related("organization"),
            "form": None
            if task.completed_on or not may_report(request.user, task)
            else (form or forms.ProgressForm(task=task, initial={"reported_on": today})),
            "errors": errors,
            "history": pages.history_rows([task, *task.reports.all()], parents=(TaskPlan,)),
        },
        status=status,
    )


@login_required
def task_detail(request, pk):
    return _task_page(request, _task(request, pk))


@login_required
@require_POST
def report_progress(request, pk):
    task = _task(request, pk)
    form = forms.ProgressForm(request.POST, request.FILES, task=task)
    return pages.submit(
        request,
        form,
        lambda d: tasks.report_progress(actor=request.user, task=task, **d),
        success="进展已报送。",
        done=lambda: redirect("oversight:task", pk=task.pk),
        again=lambda status, errors: _task_page(request, task, form=form, errors=errors, status=status),
    )


@login_required
def report_evidence(request, pk, report_pk):
    task = _task(request, pk)
    report = get_object_or_404(task.reports.exclude(evidence=""), pk=report_pk)
    name = report.evidence_name or report.evidence.name.rsplit("/", 1)[-1]
    return files.serve(request, report.evidence, name)


edit_task = correction(
    _task,
    forms.TaskEditForm,
    tasks.update_task,
    name="task",
    success="任务已更正。",
    back="oversight:task",
    heading=lambda task: f"更正任务{task.number}",
)
"""更正任务 through services.task_plans.update_task, for whoever may change its plan."""


@login_required
def set_co_units(request, pk):
    """设置配合单位 of a task through services.task_plans.set_co_units, by the plan's unit (the rule of correcting the
    task, rules.check_task_organizer: anyone else is refused in its words)."""
    task, user = _task(request, pk), request.user
    check_task_organizer(user, task, "任务的配合单位")
    url = reverse("oversight:task", args=[task.pk])
    return pages.correct(
        request,
        forms.CoUnitsForm(**pages.posted(request), user=user, task=task),
        lambda data: tasks.set_co_units(actor=user, task=task, **data),
        title=f"设置任务{task.number}的配合单位",
        success="配合单位已更新。",
        note=f"牵头单位：{task.lead_unit}。配合单位应为本区承担任务的机关；修改前后的配合单位保留在审计日志中。",
        back=url,
        crumbs=[
            ("任务分工台账", reverse("oversight:plans")),
            (str(task.plan), reverse("oversight:plan", args=[task.plan_id])),
            (f"任务{task.number}", url),
        ],
    )
