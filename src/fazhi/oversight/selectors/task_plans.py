"""Reads of the task ledger, scoped through core.access: a plan is seen by its issuing office's scope and by the
units leading or co-operating on one of its tasks; a task by its lead unit's scope, its co-operating units and whoever
sees its plan (participant_fields on the models)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import ProgressReport, Task, TaskPlan


def plans_for(user: User, action: str = access.VIEW) -> QuerySet[TaskPlan]:
    return access.scope(user, TaskPlan.objects.all(), action).select_related("organization")


def tasks_for(user: User, action: str = access.VIEW) -> QuerySet[Task]:
    return access.scope(user, Task.objects.all(), action).select_related("plan", "lead_unit")


def may_create_plan(user: User) -> bool:
    return access.scope_kind(user, TaskPlan, access.CHANGE) not in (access.NONE, access.ASSIGNED)


def latest_reports(plan: TaskPlan, until) -> dict[int, ProgressReport]:
    """Each task's latest progress report up to `until` (one query)."""
    reports: dict[int, ProgressReport] = {}
    for r in ProgressReport.objects.filter(task__plan=plan, reported_on__lte=until).order_by(
        "reported_on", "pk"
    ):
        reports[r.task_id] = r
    return reports
