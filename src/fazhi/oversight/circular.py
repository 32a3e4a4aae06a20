"""The periodic circular (通报) of a task plan: for each lead unit, its tasks, those done, done on time, late and not
started as of the period's last day, the tasks completed within the period, and a list of every task with its latest
progress; as .docx (python-docx) and .xlsx (openpyxl)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from openpyxl import Workbook
from openpyxl.styles import Font

from fazhi.core import audit
from fazhi.core.models import AuditEvent, User

from .models import ProgressReport, Task, TaskPlan
from .tasks import is_late, plans_for

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
    if end < start:
        raise ValidationError("通报期间的截止日期不能早于起始日期。")
    circular = Circular(plan, start, end)
    tasks = list(plan.tasks.select_related("lead_unit").order_by("lead_unit__path", "number"))
    reports: dict[int, ProgressReport] = {}
    for r in ProgressReport.objects.filter(task__plan=plan, reported_on__lte=end).order_by(
        "reported_on", "pk"
    ):
        reports[r.task_id] = r  # the latest up to the period's end
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


def to_docx(circular: Circular) -> bytes:
    doc = Document()
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(circular.title)
    run.bold = True
    total = circular.total
    doc.add_paragraph(
        f"通报期间：{circular.period_text}。截至{circular.end:%Y年%m月%d日}，{circular.plan}共{total.tasks}项任务，"
        f"已完成{total.done}项（其中按时完成{total.on_time}项，本期完成{total.done_in_period}项），"
        f"逾期{total.late}项，未启动{total.not_started}项。各单位情况如下："
    )
    table = doc.add_table(rows=1, cols=len(UNIT_HEADERS))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, UNIT_HEADERS, strict=True):
        cell.text = text
    for row in [*circular.units, total]:
        cells = table.add_row().cells
        for cell, value in zip(cells, row.cells(), strict=True):
            cell.text = str(value)
    doc.add_paragraph("任务明细：")
    detail = doc.add_table(rows=1, cols=len(TASK_HEADERS))
    detail.style = "Table Grid"
    for cell, text in zip(detail.rows[0].cells, TASK_HEADERS, strict=True):
        cell.text = text
    for values in circular.tasks:
        for cell, value in zip(detail.add_row().cells, values, strict=True):
            cell.text = str(value)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_xlsx(circular: Circular) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "按单位"
    ws.append([circular.title])
    ws.append([f"通报期间：{circular.period_text}"])
    ws.append(UNIT_HEADERS)
    for row in [*circular.units, circular.total]:
        ws.append(row.cells())
    ws["A1"].font = Font(bold=True)
    detail = wb.create_sheet("任务明细")
    detail.append(TASK_HEADERS)
    for values in circular.tasks:
        detail.append(values)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def generate(*, actor: User, plan: TaskPlan, start: dt.date, end: dt.date, fmt: str) -> bytes:
    """The circular as `fmt` ("docx" or "xlsx"), its generation written to the audit trail."""
    if fmt not in ("docx", "xlsx"):
        raise ValidationError("通报只能生成 .docx 或 .xlsx 文件。")
    circular = build(actor=actor, plan=plan, start=start, end=end)
    content = to_docx(circular) if fmt == "docx" else to_xlsx(circular)
    _record_export(actor, circular, fmt)
    return content
