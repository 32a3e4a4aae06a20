"""Every write of the task ledger: plans, tasks with lead and co-operating units, milestones and progress reports; a
task is done on the day its lead unit reports 100% (rules/task_plans.completes_task, the one rule the ledger import
calls too)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import access, audit
from fazhi.core import services as core_services
from fazhi.core.io import attachments
from fazhi.core.models import AuditEvent, Organization, User

from ..models import ProgressReport, Task, TaskMilestone, TaskPlan
from ..rules import task_plans as rules
from ..rules import validate_units_in_district


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
    validate_units_in_district(actor, [lead_unit], "lead_unit")
    rules.validate_co_units(actor, list(co_units))
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


def complete_task(*, actor: User | None, task: Task, on: dt.date, note: str) -> list:
    """Mark `task` completed on `on` (its lead unit's 100% report); returns the audit entry to append, so a
    ledger import can write many at once."""
    before = audit.snapshot(task)
    task.completed_on = on
    task.save(update_fields=["completed_on"])
    return [audit.Entry(AuditEvent.Action.UPDATE, task, audit.diff(before, audit.snapshot(task)), note=note)]


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
    """报送进展; the lead unit's 100% completes the task on that day, a named milestone is marked reached. An evidence
    file is kept with its hash and original name (core.io.attachments)."""
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
        unit = rules.reporting_unit(actor, task)
        report = ProgressReport(
            task=task,
            organization=unit,
            reported_on=reported_on,
            text=(text or "").strip(),
            percent=percent,
        )
        if evidence:
            report.evidence_name = attachments.original_name(evidence)
            report.evidence_sha256 = attachments.digest_of(evidence)
            report.uploaded_by = actor
            report.evidence = evidence
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
            core_services.validate(milestone)
            milestone.save(update_fields=["reached_on"])
            audit.record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                instance=milestone,
                changes=audit.diff(before, audit.snapshot(milestone)),
            )
        if rules.completes_task(report, task):
            audit.append(
                actor=actor,
                entries=complete_task(
                    actor=actor, task=task, on=reported_on, note="牵头单位报送完成进度100%"
                ),
            )
    return report


def update_plan(*, actor: User, plan: TaskPlan, **data) -> TaskPlan:
    """Change a plan's title, kind, year, issuing unit, date or description (validate_plan holds)."""
    return core_services.update_record(actor=actor, instance=plan, data=data)


def update_task(*, actor: User, task: Task, **data) -> Task:
    """Change a task's number, content, lead unit or deadline: by whoever may change its plan, and a completed
    task's deadline stays (rules.validate_task_correction)."""
    rules.validate_task_correction(actor, Task.objects.get(pk=task.pk), deadline=data.get("deadline"))
    if data.get("lead_unit") is not None:
        validate_units_in_district(actor, [data["lead_unit"]], "lead_unit")
    allowed = {"number", "title", "lead_unit", "deadline"}
    return core_services.update_record(
        actor=actor, instance=task, data={k: v for k, v in data.items() if k in allowed}
    )


def set_co_units(*, actor: User, task: Task, co_units) -> Task:
    """Set a task's co-operating units (配合单位): by the plan's unit, as for correcting the task
    (rules.check_task_organizer), units that take on tasks (rules.validate_co_units); the lead unit is never its own
    co-operating unit (left out, as on adding the task). The audit event keeps the units before and after."""
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
        rules.check_task_organizer(actor, task, "任务的配合单位")
        co_units = list(co_units)
        rules.validate_co_units(actor, co_units)
        before = sorted(task.co_units.values_list("pk", flat=True))
        chosen = [o for o in co_units if o.pk != task.lead_unit_id]
        after = sorted({o.pk for o in chosen})
        if after != before:
            task.co_units.set(chosen)
            audit.record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                instance=task,
                changes={"co_units": [before, after]},
            )
    return task
