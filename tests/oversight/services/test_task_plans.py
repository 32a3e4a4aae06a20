"""The task ledger: tasks with lead and co-operating units, progress by either, the lead unit's 100% completing the
task, the figures, and the circular (通报) as .docx and .xlsx by the command, reopened and checked row by row."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import docx
import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command

from fazhi.core import clock, workbench
from fazhi.core.models import AuditEvent
from fazhi.indicators.registry import Period, Scope, evaluate
from fazhi.oversight.models import TaskPlan
from fazhi.oversight.selectors import task_plans as task_selectors
from fazhi.oversight.services import task_plans as tasks

D = dt.date


@pytest.fixture
def plan(users, district):
    plan = tasks.create_plan(
        actor=users.justice,
        title="法治政府建设八大行动",
        year=2024,
        organization=district.sfj,
        issued_on=D(2024, 3, 1),
    )
    # 市场监管局: 1 on time, 1 late, 1 not started; 教育局: 1 done in period, 1 under way
    t = {}
    for number, lead, deadline in [
        ("1", district.scj, D(2024, 6, 30)),
        ("2", district.scj, D(2024, 5, 31)),
        ("3", district.scj, D(2024, 12, 31)),
        ("4", district.jyj, D(2024, 9, 30)),
        ("5", district.jyj, D(2024, 12, 31)),
    ]:
        t[number] = tasks.add_task(
            actor=users.justice,
            plan=plan,
            number=number,
            title=f"任务{number}",
            lead_unit=lead,
            deadline=deadline,
            co_units=[district.jyj] if number == "1" else [],
        )
    clerk, jyj = users.scj_clerk, users.jyj_clerk
    tasks.report_progress(actor=clerk, task=t["1"], reported_on=D(2024, 6, 20), text="完成", percent=100)
    tasks.report_progress(actor=clerk, task=t["2"], reported_on=D(2024, 5, 10), text="推进中", percent=50)
    tasks.report_progress(actor=clerk, task=t["2"], reported_on=D(2024, 7, 15), text="完成", percent=100)
    tasks.report_progress(actor=jyj, task=t["4"], reported_on=D(2024, 8, 10), text="完成", percent=100)
    tasks.report_progress(actor=jyj, task=t["5"], reported_on=D(2024, 8, 1), text="起草中", percent=30)
    return plan


def test_lead_units_100_percent_completes_the_task_a_co_operating_units_does_not(users, district, plan):
    t1 = plan.tasks.get(number="1")
    assert t1.completed_on == D(2024, 6, 20)
    t3 = plan.tasks.get(number="3")
    t1_co = tasks.add_task(
        actor=users.justice,
        plan=plan,
        number="9",
        title="协同",
        lead_unit=district.scj,
        deadline=D(2024, 12, 31),
        co_units=[district.jyj],
    )
    report = tasks.report_progress(
        actor=users.jyj_clerk, task=t1_co, reported_on=D(2024, 9, 1), text="配合完成", percent=100
    )
    assert report.organization == district.jyj
    t1_co.refresh_from_db()
    assert t1_co.completed_on is None
    with pytest.raises(PermissionDenied):
        tasks.report_progress(actor=users.jyj_clerk, task=t3, reported_on=D(2024, 9, 1), text="x", percent=10)
    with pytest.raises(ValidationError, match="已于"):
        tasks.report_progress(
            actor=users.scj_clerk, task=t1, reported_on=D(2024, 9, 1), text="x", percent=100
        )


def test_percent_over_100_is_refused(users, plan):
    with pytest.raises(ValidationError):
        tasks.report_progress(
            actor=users.scj_clerk,
            task=plan.tasks.get(number="3"),
            reported_on=D(2024, 9, 1),
            text="x",
            percent=120,
        )


def test_co_operating_unit_sees_the_task_others_do_not(users, plan):
    assert set(task_selectors.tasks_for(users.jyj_clerk).values_list("number", flat=True)) == {"1", "4", "5"}
    assert set(task_selectors.tasks_for(users.scj_clerk).values_list("number", flat=True)) == {"1", "2", "3"}
    assert task_selectors.tasks_for(users.other_justice).count() == 0


def test_task_figures(plan, district, monkeypatch):
    clock.freeze(D(2025, 1, 10))
    year = Period.year(2024)
    assert evaluate("oversight.tasks.due", year).figure.value == 5
    assert evaluate("oversight.tasks.on_time", year).figure.value == 2  # 1 and 4
    assert (
        evaluate("oversight.tasks.late", year).figure.value == 3
    )  # 2 done late; 3 and 5 past due on 2025-01-10
    assert evaluate("oversight.tasks.on_time", year, Scope(district.scj)).figure.value == 1
    assert evaluate("oversight.tasks.on_time_rate", year, Scope(district.jyj)).figure.value == 50


def test_tasks_due_appear_on_the_lead_units_workbench(users, plan):
    items = [w for w in workbench.items_for(users.scj_clerk, D(2024, 12, 25)) if w.category == "任务分工台账"]
    assert [(w.title, w.level) for w in items] == [
        ("法治政府建设八大行动任务3应于2024年12月31日前完成", "due_soon")
    ]


UNIT_ROWS = [
    ["单位", "牵头任务", "已完成", "其中按时完成", "本期完成", "逾期", "未启动"],
    ["测试区教育局", "2", "1", "1", "1", "0", "0"],
    ["测试区市场监督管理局", "3", "2", "1", "1", "1", "1"],
    ["合计", "5", "3", "2", "2", "1", "1"],
]


def test_circular_xlsx_by_the_command(users, plan, tmp_path):
    out = tmp_path / "通报.xlsx"
    call_command(
        "circular",
        plan=str(plan.pk),
        start="2024-07-01",
        end="2024-09-30",
        out=str(out),
        user="justice",
        stdout=StringIO(),
    )
    wb = openpyxl.load_workbook(out)
    ws = wb["按单位"]
    assert ws["A1"].value == "关于2024年法治政府建设八大行动任务进展情况的通报"
    assert ws["A2"].value == "通报期间：2024年07月01日至2024年09月30日"
    rows = [[str(c) for c in r] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert rows == UNIT_ROWS
    detail = list(wb["任务明细"].iter_rows(values_only=True))
    assert detail[0] == ("任务编号", "任务内容", "牵头单位", "完成时限", "状态", "完成进度（%）", "最新进展")
    assert detail[1:] == [
        ("4", "任务4", "测试区教育局", "2024-09-30", "按时完成", 100, "完成"),
        ("5", "任务5", "测试区教育局", "2024-12-31", "进行中", 30, "起草中"),
        ("1", "任务1", "测试区市场监督管理局", "2024-06-30", "按时完成", 100, "完成"),
        ("2", "任务2", "测试区市场监督管理局", "2024-05-31", "逾期完成", 100, "完成"),
        ("3", "任务3", "测试区市场监督管理局", "2024-12-31", "未启动", 0, None),
    ]
    assert (
        AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT, model_label="oversight.taskplan").count()
        == 1
    )


def test_circular_docx_by_the_command(users, plan, tmp_path):
    out = tmp_path / "通报.docx"
    call_command(
        "circular", plan=str(plan.pk), start="2024-07-01", end="2024-09-30", out=str(out), stdout=StringIO()
    )
    document = docx.Document(str(out))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "关于2024年法治政府建设八大行动任务进展情况的通报"
    assert texts[1] == (
        "通报期间：2024年07月01日至2024年09月30日。截至2024年09月30日，2024年法治政府建设八大行动共5项任务，"
        "已完成3项（其中按时完成2项，本期完成2项），逾期1项，未启动1项。各单位情况如下："
    )
    table = document.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == UNIT_ROWS
    assert len(document.tables[1].rows) == 6


def test_circular_as_of_a_later_day_counts_tasks_past_due(users, plan, tmp_path):
    out = tmp_path / "c.xlsx"
    call_command(
        "circular", plan=str(plan.pk), start="2025-01-01", end="2025-01-31", out=str(out), stdout=StringIO()
    )
    rows = [
        [str(c) for c in r]
        for r in openpyxl.load_workbook(out)["按单位"].iter_rows(min_row=4, values_only=True)
    ]
    assert rows == [
        ["测试区教育局", "2", "1", "1", "0", "1", "0"],
        ["测试区市场监督管理局", "3", "2", "1", "0", "2", "1"],
        ["合计", "5", "3", "2", "0", "3", "1"],
    ]


def test_circular_command_refuses_bad_input(users, plan, tmp_path):
    with pytest.raises(CommandError, match="没有编号为 999"):
        call_command(
            "circular", plan="999", start="2024-01-01", end="2024-02-01", out=str(tmp_path / "a.docx")
        )
    with pytest.raises(CommandError, match=r"\.docx 或 \.xlsx"):
        call_command(
            "circular", plan=str(plan.pk), start="2024-01-01", end="2024-02-01", out=str(tmp_path / "a.pdf")
        )
    with pytest.raises(CommandError, match="不能早于"):
        call_command(
            "circular", plan=str(plan.pk), start="2024-03-01", end="2024-02-01", out=str(tmp_path / "a.docx")
        )
    with pytest.raises(CommandError, match="无权"):
        call_command(
            "circular",
            plan=str(plan.pk),
            start="2024-01-01",
            end="2024-02-01",
            out=str(tmp_path / "a.docx"),
            user="other-justice",
        )
    assert not (tmp_path / "a.docx").exists()
    assert TaskPlan.objects.count() == 1
