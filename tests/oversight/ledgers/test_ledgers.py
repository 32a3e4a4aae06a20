"""The oversight ledgers: inspections and findings imported (a new finding opens its item; the same file again
changes nothing), items opened for sources by import, tasks with co-operating units and progress reports (the lead
unit's 100% completes the task); templates and exports with Chinese headers; a bad row imports nothing."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl

from fazhi.core.io.ledgers import export_for, run_import, template_xlsx
from fazhi.oversight.models import Inspection, InspectionFinding, ProgressReport, RectificationItem, Task
from fazhi.oversight.services import task_plans as tasks

D = dt.date


def csv_bytes(header, rows) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def load(actor, code, header, rows, dry_run=False):
    return run_import(code, content=csv_bytes(header, rows), filename="t.csv", actor=actor, dry_run=dry_run)


INSPECTION_HEADER = [
    "督察名称",
    "督察日期",
    "督察类别",
    "组织单位代码",
    "联合组织单位代码",
    "被督察单位代码",
    "督察概况",
]
FINDING_HEADER = ["督察名称", "督察日期", "问题序号", "问题单位代码", "问题描述", "整改措施", "整改期限"]


def test_inspections_and_findings_import_and_open_items(users, district):
    result = load(
        users.justice,
        "oversight_inspections",
        INSPECTION_HEADER,
        [
            ["联合督查", "2024-06-12", "督查", "T-SFJ", "T", "T-JYJ、T-SCJ", "抽查"],
        ],
    )
    assert result.ok and result.created == 1, result.errors
    inspection = Inspection.objects.get()
    assert set(inspection.inspected.values_list("organization__code", flat=True)) == {"T-JYJ", "T-SCJ"}
    assert list(inspection.co_organizers.values_list("code", flat=True)) == ["T"]
    rows = [
        ["联合督查", "2024-06-12", "", "T-JYJ", "学法计划未落实", "制定计划", ""],
        ["联合督查", "2024-06-12", "", "T-SCJ", "案卷未归档", "", "2024-07-31"],
    ]
    result = load(users.justice, "oversight_findings", FINDING_HEADER, rows)
    assert result.ok and result.created == 2, result.errors
    items = {i.source.text: i for i in RectificationItem.objects.all()}
    assert items["学法计划未落实"].deadline == D(2024, 9, 12)  # 3 months after the inspection
    assert items["学法计划未落实"].measures == "制定计划"
    assert items["案卷未归档"].deadline == D(2024, 7, 31)
    assert list(InspectionFinding.objects.values_list("number", flat=True)) == [1, 2]
    # exported and imported back: nothing changes, no second item
    exported = export_for(actor=users.justice, ledger="oversight_findings")
    again = run_import(
        "oversight_findings", content=exported, filename="x.xlsx", actor=users.justice, dry_run=False
    )
    assert again.ok and (again.created, again.updated) == (0, 0), again.errors
    assert RectificationItem.objects.count() == 2


def test_a_bad_finding_row_imports_nothing(users, district, inspection):
    result = load(
        users.justice,
        "oversight_findings",
        FINDING_HEADER,
        [
            ["2024年度法治政府建设督察", "2024-05-06", "", "T-JYJ", "问题", "", ""],
            ["2024年度法治政府建设督察", "2024-05-06", "", "T-LHZ", "问题", "", ""],
            ["没有的督察", "2024-05-06", "", "T-JYJ", "问题", "", ""],
        ],
    )
    assert not result.ok
    assert [str(e) for e in result.errors] == [
        "第3行“问题单位代码”列：“测试区莲花镇”不是本次督察的被督察单位。",
        "第4行“督察名称”列：没有该名称和日期的督察，请先导入督察台账。",
    ]
    assert InspectionFinding.objects.count() == 0 and RectificationItem.objects.count() == 0


def test_items_ledger_opens_items_for_clues_and_updates_measures_only(users, district, clue, item):
    header = ["问题来源", "责任单位代码", "整改措施", "交办日期", "整改期限"]
    result = load(
        users.justice,
        "oversight_items",
        header,
        [
            [f"enforcement.supervisionclue:{clue.pk}", "", "约谈", "2024-06-20", ""],
            [f"oversight.inspectionfinding:{item.source_id}", "", "新措施", "2024-05-06", ""],
        ],
    )
    assert result.ok and (result.created, result.updated) == (1, 1), result.errors
    new = RectificationItem.objects.get(source_id=clue.pk, source_type__model="supervisionclue")
    assert (new.organization, new.deadline) == (district.scj, D(2024, 9, 20))
    item.refresh_from_db()
    assert item.measures == "新措施"
    refused = load(
        users.scj_clerk,
        "oversight_items",
        header,
        [
            [f"oversight.inspectionfinding:{item.source_id}", "", "新措施", "2024-05-06", "2024-12-31"],
        ],
    )
    assert [str(e) for e in refused.errors] == [
        "第2行“整改期限”列：整改期限只能由督察机构在整改事项页面调整。"
    ]
    wb = openpyxl.load_workbook(io.BytesIO(export_for(actor=users.scj_clerk, ledger="oversight_items")))
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("问题来源", "问题", "责任单位代码")
    assert len(rows) == 3  # the market bureau's two items


def test_tasks_and_progress_import(users, district):
    plan = tasks.create_plan(
        actor=users.justice, title="八大行动", year=2024, organization=district.sfj, issued_on=D(2024, 3, 1)
    )
    header = ["计划名称", "计划年度", "任务编号", "任务内容", "牵头单位代码", "配合单位代码", "完成时限"]
    result = load(
        users.justice,
        "oversight_tasks",
        header,
        [
            ["八大行动", "2024", "1", "推行三项制度", "T-SCJ", "T-JYJ、T-SFJ", "2024-06-30"],
            ["八大行动", "2024", "2", "开展评查", "T-SFJ", "", "2024-09-30"],
        ],
    )
    assert result.ok and result.created == 2, result.errors
    task = Task.objects.get(plan=plan, number="1")
    assert set(task.co_units.values_list("code", flat=True)) == {"T-JYJ", "T-SFJ"}
    header = ["计划名称", "计划年度", "任务编号", "报送单位代码", "报送日期", "完成进度", "进展情况"]
    result = load(
        users.justice,
        "oversight_progress",
        header,
        [
            ["八大行动", "2024", "1", "T-JYJ", "2024-05-01", "100", "配合完成"],
            ["八大行动", "2024", "1", "T-SCJ", "2024-06-10", "100", "完成"],
            ["八大行动", "2024", "2", "T-SFJ", "2024-06-10", "40", "推进中"],
        ],
    )
    assert result.ok and result.created == 3, result.errors
    task.refresh_from_db()
    assert task.completed_on == D(2024, 6, 10)
    assert Task.objects.get(number="2").completed_on is None
    bad = load(
        users.justice,
        "oversight_progress",
        header,
        [["八大行动", "2024", "2", "T-JYJ", "2024-06-11", "10", "x"]],
    )
    assert [str(e) for e in bad.errors] == [
        "第2行“报送单位代码”列：“测试区教育局”不是该任务的牵头单位或配合单位。"
    ]
    assert ProgressReport.objects.count() == 3


def test_templates_have_chinese_headers():
    for code, first in [
        ("oversight_inspections", "督察名称"),
        ("oversight_findings", "督察名称"),
        ("oversight_items", "问题来源"),
        ("oversight_tasks", "计划名称"),
        ("oversight_progress", "计划名称"),
    ]:
        wb = openpyxl.load_workbook(io.BytesIO(template_xlsx(code)))
        assert wb.worksheets[0]["A1"].value == first
