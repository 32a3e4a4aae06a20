"""The task ledger: plans, tasks with lead and co-operating units, milestones and progress reports; a task is done
on the day its lead unit reports 100%. Reads scoped through core.access (a co-operating unit sees the tasks it works
on), and the 工作台 warning of tasks near or past their deadline."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from fazhi.core import access, audit
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Organization, User

from .models import ProgressReport, Task, TaskMilestone, TaskPlan


def create_plan(
    *,
    actor: User,
    title: str,
    year: int,
    organization: Organization,
    issued_on: dt.date,
    kind: str = TaskPlan.Kind.ACTIONS,
    description: str = "",
) -> TaskPlan:
    plan = TaskPlan(
        title=(title or "").strip(),
        year=year,
        organization=organization,
        issued_on=issued_on,
        kind=kind,
        description=description,
    )
    return core_services.create_record(actor=actor, instance=plan)


def add_task(
    *,
    actor: User,
    plan: TaskPlan,
    number: str,
    title: str,
    lead_unit: Organization,
    deadline: dt.date,
    co_units=(),
    milestones=(),
) -> Task:
    """A task of the plan, by whoever may change the plan (the issuing office); milestones as (title, due_on)."""
    with transaction.atomic():
        access.check(actor, plan, access.CHANGE)
        task = Task(
            plan=plan, number=(number or "").strip(), title=title, lead_unit=lead_unit, deadline=deadline
        )
        core_services.validate(task)
        task.save()
        co = [o for o in co_units if o.pk != lead_unit.pk]
        task.co_units.set(co)
        snapshot = audit.snapshot(task) | {"co_units": sorted(o.pk for o in co)}
        audit.record(
            actor=actor, action=AuditEvent.Action.CREATE, instance=task, changes=audit.diff({}, snapshot)
        )
        for title_, due_on in milestones:
            add_milestone(actor=actor, task=task, title=title_, due_on=due_on)
    return task


def add_milestone(*, actor: User, task: Task, title: str, due_on: dt.date) -> TaskMilestone:
    with transaction.atomic():
        access.check(actor, task.plan, access.CHANGE)
        milestone = TaskMilestone(task=task, title=title, due_on=due_on)
        core_services.validate(milestone)
        milestone.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=milestone,
            changes=audit.diff({}, audit.snapshot(milestone)),
        )
    return milestone


def _works_on(user: User, task: Task) -> Organization:
    """The unit the user reports for: the lead unit or a co-operating unit of the task."""
    org = user.organization
    units = {task.lead_unit_id, *task.co_units.values_list("pk", flat=True)}
    if access.can(user, task, access.CHANGE):
        return task.lead_unit if org is None or org.pk not in units else org
    if org is not None and org.pk in units and access.policy_for(user) and access.policy_for(user).writes:
        return org
    raise PermissionDenied(f"只有任务“{task.number}”的牵头单位、配合单位或督办机构可以报送进展。")


def report_progress(
    *,
    actor: User,
    task: Task,
    reported_on: dt.date,
    text: str,
    percent: int,
    evidence=None,
    milestone: TaskMilestone | None = None,
) -> ProgressReport:
    """报送进展; the lead unit's 100% completes the task on that day, a named milestone is marked reached."""
    with transaction.atomic():
        task = Task.objects.select_for_update().get(pk=task.pk)
        unit = _works_on(actor, task)
        if task.completed_on is not None:
            raise ValidationError(f"任务已于{task.completed_on:%Y年%m月%d日}完成，不再报送进展。")
        if reported_on < task.plan.issued_on:
            raise ValidationError({"reported_on": "报送日期不能早于计划印发日期。"})
        report = ProgressReport(
            task=task,
            organization=unit,
            reported_on=reported_on,
            text=(text or "").strip(),
            percent=percent,
            evidence=evidence or "",
        )
        core_services.validate(report)
        report.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=report,
            changes=audit.diff({}, audit.snapshot(report)),
        )
        if milestone is not None and milestone.task_id == task.pk and milestone.reached_on is None:
            before = audit.snapshot(milestone)
            milestone.reached_on = reported_on
            milestone.save(update_fields=["reached_on"])
            audit.record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                instance=milestone,
                changes=audit.diff(before, audit.snapshot(milestone)),
            )
        if percent == 100 and unit.pk == task.lead_unit_id:
            before = audit.snapshot(task)
            task.completed_on = reported_on
            task.save(update_fields=["completed_on"])
            audit.record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                instance=task,
                changes=audit.diff(before, audit.snapshot(task)),
                note="牵头单位报送完成进度100%",
            )
    return report


# Selectors -----------------------------------------------------------------------------------------------------


def plans_for(user: User, action: str = access.VIEW) -> QuerySet[TaskPlan]:
    """Plans the user's scope covers, and plans with a task the user's unit leads or co-operates on."""
    mine = access.scope(user, TaskPlan.objects.all(), action)
    if action == access.VIEW:
        tasks = tasks_for(user)
        mine = TaskPlan.objects.filter(Q(pk__in=mine.values("pk")) | Q(pk__in=tasks.values("plan_id")))
    return mine.select_related("organization")


def tasks_for(user: User, action: str = access.VIEW) -> QuerySet[Task]:
    """Tasks the user's scope covers as lead unit, those of plans the user may see, and those the unit co-operates on."""
    qs = Task.objects.select_related("plan", "lead_unit")
    scoped = access.scope(user, Task.objects.all(), action)
    if action != access.VIEW:
        return qs.filter(pk__in=scoped.values("pk"))
    plans = access.scope(user, TaskPlan.objects.all())
    cond = Q(pk__in=scoped.values("pk")) | Q(plan__in=plans.values("pk"))
    if user.organization is not None and access.policy_for(user) is not None:
        cond |= Q(co_units=user.organization)
    return qs.filter(cond).distinct()


def is_late(task: Task, on: dt.date) -> bool:
    """逾期: done after its deadline, or not done and the deadline has passed on `on`."""
    if task.completed_on is not None and task.completed_on <= on:
        return task.completed_on > task.deadline
    return task.deadline < on
