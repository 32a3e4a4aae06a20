"""Admin of the task ledger (plans, tasks, progress reports), through services/task_plans.py. A progress report,
once made, is read-only here: it may have completed its task."""

from __future__ import annotations

from django.contrib import admin

from ..models import ProgressReport, Task, TaskPlan
from ..services import task_plans
from .base import OversightAdmin, created, values

PLAN_FIELDS = ["title", "kind", "year", "organization", "issued_on", "description"]


def create_plan(*, actor, obj, form) -> None:
    created(obj, task_plans.create_plan(actor=actor, **values(form, PLAN_FIELDS)))


def update_plan(*, actor, obj, form, changed) -> None:
    current = TaskPlan.objects.get(pk=obj.pk)
    task_plans.update_plan(
        actor=actor, plan=current, **values(form, [n for n in PLAN_FIELDS if n in changed])
    )


@admin.register(TaskPlan)
class TaskPlanAdmin(OversightAdmin):
    create_service = create_plan
    update_service = update_plan
    list_display = ["title", "year", "kind", "organization", "issued_on"]
    list_filter = ["year", "kind"]
    search_fields = ["title"]
    fields = PLAN_FIELDS


TASK_FIELDS = ["plan", "number", "title", "lead_unit", "co_units", "deadline"]


def add_task(*, actor, obj, form) -> None:
    created(obj, task_plans.add_task(actor=actor, **values(form, TASK_FIELDS)))


def update_task(*, actor, obj, form, changed) -> None:
    current = Task.objects.get(pk=obj.pk)
    names = [n for n in ("number", "title", "lead_unit", "deadline") if n in changed]
    task_plans.update_task(actor=actor, task=current, **values(form, names))


@admin.register(Task)
class TaskAdmin(OversightAdmin):
    ledger_code = "oversight_tasks"
    create_service = add_task
    update_service = update_task
    list_display = ["number", "title", "plan", "lead_unit", "deadline", "completed_on"]
    list_filter = ["plan"]
    search_fields = ["number", "title"]
    list_select_related = ["plan", "lead_unit"]
    fields = TASK_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return ["plan", "co_units"] if obj is not None else []


REPORT_FIELDS = ["task", "reported_on", "text", "percent", "evidence"]


def report_progress(*, actor, obj, form) -> None:
    created(obj, task_plans.report_progress(actor=actor, **values(form, REPORT_FIELDS)))


@admin.register(ProgressReport)
class ProgressReportAdmin(OversightAdmin):
    ledger_code = "oversight_progress"
    create_service = report_progress
    list_display = ["task", "organization", "reported_on", "percent"]
    list_filter = ["reported_on"]
    search_fields = ["task__number", "task__title", "text"]
    list_select_related = ["task", "organization"]
    fields = REPORT_FIELDS
