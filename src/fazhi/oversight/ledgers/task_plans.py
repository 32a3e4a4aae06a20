"""Ledgers of the task ledger: tasks with their lead and co-operating units, and progress reports (the lead unit's
100% completes the task, by the same rule and the same service function as a report on the page) — import from
xlsx/csv with a dry run, export and template."""

from __future__ import annotations

import copy

from fazhi.core import audit
from fazhi.core.io.ledgers import CellError, Column, Ledger, register

from ..models import ProgressReport, Task, TaskPlan
from ..rules import task_plans as rules
from ..rules import validate_units_in_district
from ..services.task_plans import complete_task
from .codes import SEP, codes, org, orgs


def _plans(rows) -> dict:
    titles = {r["plan"] for r in rows}
    return {(p.title, p.year): p for p in TaskPlan.objects.filter(title__in=titles)}


def _plan(values, ctx) -> TaskPlan:
    plan = ctx["plans"].get((values["plan"], values["year"]))
    if plan is None:
        raise CellError("没有该名称和年度的计划，请先在页面登记计划。", column="计划名称")
    return plan


PLAN_COLUMNS = [
    Column(
        "plan",
        "计划名称",
        required=True,
        example="法治政府建设八大行动",
        getter=lambda x: _task_of(x).plan.title,
    ),
    Column(
        "year", "计划年度", required=True, kind="int", example="2025", getter=lambda x: _task_of(x).plan.year
    ),
    Column(
        "number",
        "任务编号",
        required=True,
        as_text=True,
        example="1.1",
        max_length=20,
        getter=lambda x: _task_of(x).number,
    ),
]


def _task_of(x):
    return x if isinstance(x, Task) else x.task


@register
class TaskLedger(Ledger):
    code = "oversight_tasks"
    name = "任务分工台账"
    model = Task
    description = "每行一项任务，以计划名称、年度和任务编号识别；计划须先登记。配合单位多个用“、”分隔。"
    columns = [
        *PLAN_COLUMNS,
        Column("title", "任务内容", required=True, example="全面推行行政执法三项制度"),
        Column(
            "lead_unit",
            "牵头单位代码",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda t: t.lead_unit.code,
        ),
        Column(
            "co_units",
            "配合单位代码",
            as_text=True,
            example="CH-SCJ、CH-ZRZY",
            getter=lambda t: SEP.join(o.code for o in t.co_units.all()),
        ),
        Column("deadline", "完成时限", required=True, kind="date", example="2025-12-31"),
    ]

    def queryset(self):
        return (
            Task.objects.select_related("plan", "lead_unit")
            .prefetch_related("co_units")
            .order_by("plan", "number")
        )

    def prepare(self, rows):
        plans = _plans(rows)
        tasks = {(t.plan_id, t.number): t for t in Task.objects.filter(plan__in=list(plans.values()))}
        return {
            "orgs": orgs(rows, "lead_unit", "co_units"),
            "plans": plans,
            "tasks": tasks,
            "key_of": lambda t: (t.plan_id, t.number),
            "key_header": "任务编号",
        }

    def match(self, values, ctx):
        return ctx["tasks"].get((_plan(values, ctx).pk, values["number"]))

    def build(self, values, existing, ctx):
        task = copy.copy(existing) if existing else Task(plan=_plan(values, ctx))
        task.number = values["number"]
        task.title = values["title"]
        task.lead_unit = org(ctx, values["lead_unit"], "牵头单位代码")
        task.deadline = values["deadline"]
        task._co = [org(ctx, c, "配合单位代码") for c in codes(values["co_units"])]
        validate_units_in_district(ctx["actor"], [task.lead_unit], "lead_unit")
        rules.validate_co_units(ctx["actor"], task._co)
        return task

    def update_fields(self):
        return ["title", "lead_unit", "deadline"]

    def save(self, *, creates, updates, fields, actor=None):
        super().save(creates=creates, updates=updates, fields=fields, actor=actor)
        for task in [*creates, *updates]:
            task.co_units.set([o for o in task._co if o.pk != task.lead_unit_id])


@register
class ProgressLedger(Ledger):
    code = "oversight_progress"
    name = "任务进展报送"
    model = ProgressReport
    description = (
        "每行一次进展报送，以任务、报送单位和报送日期识别。报送单位须为该任务的牵头或配合单位；"
        "牵头单位报送完成进度100%的，任务于该日完成。"
    )
    columns = [
        *PLAN_COLUMNS,
        Column(
            "organization",
            "报送单位代码",
            required=True,
            as_text=True,
            example="CH-SFJ",
            getter=lambda r: r.organization.code,
        ),
        Column("reported_on", "报送日期", required=True, kind="date", example="2025-06-30"),
        Column("percent", "完成进度", "0至100的整数", required=True, kind="int", example="50"),
        Column("text", "进展情况", required=True, example="已完成制度起草"),
    ]

    def queryset(self):
        return ProgressReport.objects.select_related("task__plan", "organization").order_by(
            "task", "reported_on"
        )

    def prepare(self, rows):
        plans = _plans(rows)
        tasks = {
            (t.plan_id, t.number): t
            for t in Task.objects.filter(plan__in=list(plans.values())).select_related("plan")
        }
        units: dict[int, set[int]] = {}
        for t, o in Task.co_units.through.objects.filter(task__in=list(tasks.values())).values_list(
            "task_id", "organization_id"
        ):
            units.setdefault(t, set()).add(o)
        reports = {
            (r.task_id, r.organization_id, r.reported_on): r
            for r in ProgressReport.objects.filter(task__in=list(tasks.values()))
        }
        return {
            "orgs": orgs(rows, "organization"),
            "plans": plans,
            "tasks": tasks,
            "co": units,
            "reports": reports,
            "key_of": lambda r: (r.task_id, r.organization_id, r.reported_on),
            "key_header": "报送日期",
        }

    def _task(self, values, ctx) -> Task:
        task = ctx["tasks"].get((_plan(values, ctx).pk, values["number"]))
        if task is None:
            raise CellError("该计划没有此编号的任务。", column="任务编号")
        return task

    def match(self, values, ctx):
        task = self._task(values, ctx)
        unit = org(ctx, values["organization"], "报送单位代码")
        return ctx["reports"].get((task.pk, unit.pk, values["reported_on"]))

    def build(self, values, existing, ctx):
        task = self._task(values, ctx)
        unit = org(ctx, values["organization"], "报送单位代码")
        if not rules.is_task_unit(task, unit.pk, ctx["co"].get(task.pk, ())):
            raise CellError(rules.not_a_task_unit_message(unit), column="报送单位代码")
        report = copy.copy(existing) if existing else ProgressReport(task=task, organization=unit)
        report.reported_on = values["reported_on"]
        report.percent = values["percent"]
        report.text = values["text"]
        return report

    def update_fields(self):
        return ["percent", "text"]

    def save(self, *, creates, updates, fields, actor=None):
        super().save(creates=creates, updates=updates, fields=fields, actor=actor)
        by_task: dict[int, list[ProgressReport]] = {}
        for r in [*creates, *updates]:
            by_task.setdefault(r.task_id, []).append(r)
        entries = []
        for reports in by_task.values():
            task = reports[0].task
            day = rules.completion_date(reports, task)
            if day is not None and task.completed_on is None:
                entries += complete_task(
                    actor=actor, task=task, on=day, note="台账导入：牵头单位报送完成进度100%"
                )
        audit.append(actor=actor, entries=entries)
