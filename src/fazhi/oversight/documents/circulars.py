"""The periodic circular (通报) of a task plan: for each lead unit, its tasks, those done, done on time, late and not
started as of the period's last day, the tasks completed within the period, and a list of every task with its latest
progress; as .docx (fazhi.core.io.officialdoc, GB/T 9704) and .xlsx (fazhi.core.io.sheets: safe cells)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from openpyxl.styles import Font

from fazhi.core import audit
from fazhi.core.io import officialdoc, sheets
from fazhi.core.models import AuditEvent, User

from ..models import Task, TaskPlan
from ..rules import circulars as rules
from ..rules.task_plans import is_late
from ..selectors.task_plans import latest_reports, plans_for, tasks_for

UNIT_HEADERS = ["单位", "牵头任务", "已完成", "其中按时完成", "本期完成", "逾期", "未启动"]
TASK_HEADERS = ["任务编号", "任务内容", "牵头单位", "完成时限", "状态", "完成进度（%）", "最新进展"]


@dataclass
class UnitRow:
    unit: str
    tasks: int = 0
    done: int = 0
    on_time: int = 0
    done_in_period: int = 0
    late: int = 0
    not_started: int = 0

    def cells(self) -> list:
        return [
            self.unit,
            self.tasks,
            self.done,
            self.on_time,
            self.done_in_period,
            self.late,
            self.not_started,
        ]


@dataclass
class Circular:
    plan: TaskPlan
    start: dt.date
    end: dt.date
    units: list[UnitRow] = field(default_factory=list)
    tasks: list[list] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"关于{self.plan}任务进展情况的通报"

    @property
    def period_text(self) -> str:
        return f"{self.start:%Y年%m月%d日}至{self.end:%Y年%m月%d日}"

    @property
    def total(self) -> UnitRow:
        row = UnitRow("合计")
        for r in self.units:
            for name in ("tasks", "done", "on_time", "done_in_period", "late", "not_started"):
                setattr(row, name, getattr(row, name) + getattr(r, name))
        return row


def task_state(task: Task, started: bool, on: dt.date) -> str:
    if task.completed_on is not None and task.completed_on <= on:
        return "逾期完成" if task.completed_on > task.deadline else "按时完成"
    if task.deadline < on:
        return "逾期未完成"
    return "进行中" if started else "未启动"


def build(*, actor: User, plan: TaskPlan, start: dt.date, end: dt.date) -> Circular:
    """The circular's figures as of `end`; the plan must be one the actor may see."""
    if not plans_for(actor).filter(pk=plan.pk).exists():
        raise PermissionDenied(f"您无权查看“{plan}”。")
    rules.validate_period(start, end)
    circular = Circular(plan, start, end)
    # Only the tasks the actor may see: a unit taking part gets its own, the plan's owner every one.
    tasks = list(
        tasks_for(actor).filter(plan=plan).select_related("lead_unit").order_by("lead_unit__path", "number")
    )
    reports = latest_reports(plan, end)
    rows: dict[int, UnitRow] = {}
    for t in tasks:
        row = rows.setdefault(t.lead_unit_id, UnitRow(t.lead_unit.name))
        done = t.completed_on is not None and t.completed_on <= end
        started = t.pk in reports
        row.tasks += 1
        row.done += done
        row.on_time += done and t.completed_on <= t.deadline
        row.done_in_period += done and t.completed_on >= start
        row.late += is_late(t, end)
        row.not_started += not done and not started
        latest = reports.get(t.pk)
        circular.tasks.append(
            [
                t.number,
                t.title,
                t.lead_unit.name,
                t.deadline.isoformat(),
                task_state(t, started, end),
                100 if done else (latest.percent if latest else 0),
                latest.text if latest else "",
            ]
        )
    circular.units = list(rows.values())
    return circular


def _record_export(actor: User, circular: Circular, fmt: str) -> None:
    audit.record(
        actor=actor,
        action=AuditEvent.Action.EXPORT,
        instance=circular.plan,
        note=f"生成通报（{fmt}）：{circular.period_text}",
    )


UNIT_WIDTHS = [40, 20, 18, 22, 18, 18, 20]  # mm, within the 156 mm of a GB/T 9704 page
TASK_WIDTHS = [16, 40, 24, 20, 18, 16, 22]


def to_docx(circular: Circular) -> bytes:
    doc = officialdoc.OfficialDocument()
    doc.title(circular.title)
    total = circular.total
    doc.paragraph(
        f"通报期间：{circular.period_text}。截至{circular.end:%Y年%m月%d日}，{circular.plan}共{total.tasks}项任务，"
        f"已完成{total.done}项（其中按时完成{total.on_time}项，本期完成{total.done_in_period}项），"
        f"逾期{total.late}项，未启动{total.not_started}项。各单位情况如下："
    )
    doc.table(UNIT_HEADERS, [[str(v) for v in row.cells()] for row in [*circular.units, total]], UNIT_WIDTHS)
    doc.heading("任务明细：")
    doc.table(TASK_HEADERS, [[str(v) for v in values] for values in circular.tasks], TASK_WIDTHS)
    return doc.save()


def to_xlsx(circular: Circular) -> bytes:
    wb = sheets.workbook("按单位", [circular.title], [[f"通报期间：{circular.period_text}"], UNIT_HEADERS])
    ws = wb.active
    for row in [*circular.units, circular.total]:
        sheets.append_row(ws, row.cells())
    ws["A1"].font = Font(bold=True)
    detail = wb.create_sheet("任务明细")
    sheets.append_row(detail, TASK_HEADERS)
    for values in circular.tasks:
        sheets.append_row(detail, values)
    return sheets.xlsx_bytes(wb)


def generate(*, actor: User, plan: TaskPlan, start: dt.date, end: dt.date, fmt: str) -> bytes:
    """The circular as `fmt` ("docx" or "xlsx"), its generation written to the audit trail."""
    rules.validate_format(fmt)
    circular = build(actor=actor, plan=plan, start=start, end=end)
    content = to_docx(circular) if fmt == "docx" else to_xlsx(circular)
    _record_export(actor, circular, fmt)
    return content
