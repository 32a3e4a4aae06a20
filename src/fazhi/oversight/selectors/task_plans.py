"""Reads of the task ledger, scoped through core.access: a plan is seen by its issuing office's scope and by the
units leading or co-operating on one of its tasks; a task by its lead unit's scope, its co-operating units and whoever
sees its plan (participant_fields on the models)."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import Organization, User

from ..models import ProgressReport, Task, TaskPlan
from ..rules.task_plans import CO_UNIT_KINDS


def plans_for(user: User, action: str = access.VIEW) -> QuerySet[TaskPlan]:
    return access.scope(user, TaskPlan.objects.all(), action).select_related("organization")


def tasks_for(user: User, action: str = access.VIEW) -> QuerySet[Task]:
    return access.scope(user, Task.objects.all(), action).select_related("plan", "lead_unit")


def co_unit_choices(user: User, task: Task | None = None) -> QuerySet[Organization]:
    """The units a task's co-operating units are chosen from: the district's units that take on tasks
    (rules.task_plans.CO_UNIT_KINDS), in use, other than the task's lead unit."""
    units = access.district_units(user).filter(kind__in=CO_UNIT_KINDS, is_active=True)
    if task is not None:
        units = units.exclude(pk=task.lead_unit_id)
    return units.order_by("path")


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
