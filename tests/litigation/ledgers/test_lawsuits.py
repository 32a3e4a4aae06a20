"""The ledgers of 行政应诉: templates with Chinese headers, export (the plaintiff's ID masked) that imports back
unchanged, imports that register lawsuits with their computed deadline, link a second instance in the same file,
and import nothing when any row is wrong."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.core.io import ledgers
from fazhi.litigation.models import Lawsuit, LiaisonMeeting

from ..conftest import PLAINTIFF_ID

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HEAD = [
    "案号",
    "受理法院",
    "审级",
    "一审案号",
    "原告类型",
    "原告",
    "原告证件号码",
    "被告单位代码",
    "主管部门代码",
    "案由",
    "送达日期",
]


def test_template_has_the_chinese_headers_and_explanations():
    wb = load_workbook(io.BytesIO(ledgers.template_xlsx("litigation_lawsuits")))
    headers = [c.value for c in wb.worksheets[0][1]]
    assert headers[:4] == ["案号", "受理法院", "审级", "一审案号"]
    assert "答辩期限" in headers
    notes = {row[0].value: row[2].value for row in wb["填写说明"].iter_rows(min_row=2) if row[0].value}
    assert notes["答辩期限"] == "仅导出供查阅，导入时忽略（由办理流程登记）"


def test_import_registers_first_and_second_instance_with_deadlines(users, district):
    content = _xlsx(
        [
            HEAD,
            [
                "（2024）宁0303行初7号",
                "测试区人民法院",
                "一审",
                "",
                "自然人",
                "张三",
                PLAINTIFF_ID,
                "T-JYJ",
                "T-JYJ",
                "政府信息公开",
                "2024-09-20",
            ],
            [
                "（2025）宁03行终2号",
                "测试市中级人民法院",
                "二审",
                "（2024）宁0303行初7号",
                "自然人",
                "张三",
                PLAINTIFF_ID,
                "T-JYJ",
                "T-JYJ",
                "政府信息公开",
                "2025-03-06",
            ],
        ]
    )
    dry = ledgers.run_import(
        "litigation_lawsuits", content=content, filename="a.xlsx", actor=users.reconsideration
    )
    assert dry.ok and dry.created == 2 and not Lawsuit.objects.exists()
    result = ledgers.run_import(
        "litigation_lawsuits", content=content, filename="a.xlsx", actor=users.reconsideration, dry_run=False
    )
    assert result.imported, result.errors
    first = Lawsuit.objects.get(case_number="（2024）宁0303行初7号")
    second = Lawsuit.objects.get(case_number="（2025）宁03行终2号")
    assert (first.defence_due, second.defence_due) == (dt.date(2024, 10, 8), dt.date(2025, 3, 21))
    assert second.first_instance == first and first.status == Lawsuit.Status.SERVED
    # importing the same file again changes nothing
    again = ledgers.run_import(
        "litigation_lawsuits", content=content, filename="a.xlsx", actor=users.reconsideration, dry_run=False
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_file_with_a_bad_row_imports_nothing(users, district):
    content = _xlsx(
        [
            HEAD,
            [
                "（2024）宁0303行初7号",
                "测试区人民法院",
                "一审",
                "",
                "自然人",
                "张三",
                PLAINTIFF_ID,
                "T-JYJ",
                "T-JYJ",
                "信息公开",
                "2024-09-20",
            ],
            [
                "（2024）宁0303行初8号",
                "测试区人民法院",
                "二审",
                "",
                "自然人",
                "李四",
                PLAINTIFF_ID[:-1] + "0",
                "T-XX",
                "T-JYJ",
                "信息公开",
                "2024-09-21",
            ],
        ]
    )
    result = ledgers.run_import(
        "litigation_lawsuits", content=content, filename="a.xlsx", actor=users.reconsideration, dry_run=False
    )
    assert not result.imported and not Lawsuit.objects.exists()
    assert [str(e) for e in result.errors] == ["第3行“被告单位代码”列：单位代码“T-XX”不存在。"]


def test_export_masks_the_plaintiff_id_and_imports_back_unchanged(users, lawsuit):
    content = ledgers.export_for(actor=users.reconsideration, ledger="litigation_lawsuits")
    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    row = {h.value: c.value for h, c in zip(sheet[1], sheet[2], strict=True)}
    assert row["案号"] == "（2024）宁0303行初12号"
    assert row["原告证件号码"] == PLAINTIFF_ID[:6] + "********" + PLAINTIFF_ID[-4:]
    assert (row["答辩期限"], row["状态"]) == ("2024-10-08", "待答辩")
    result = ledgers.run_import(
        "litigation_lawsuits",
        content=content,
        filename="back.xlsx",
        actor=users.reconsideration,
        dry_run=False,
    )
    assert result.ok and result.unchanged == 1
    lawsuit.refresh_from_db()
    assert lawsuit.plaintiff_id_number == PLAINTIFF_ID


def test_meetings_import_and_export(users, district):
    content = _xlsx(
        [
            ["会议日期", "类型", "会议名称", "召集单位代码", "参会单位及人员", "议题"],
            ["2025-04-24", "府院联动", "府院联席会议", "T-SFJ", "区政府、区法院", "行政争议化解"],
            ["2025-11-20", "府检联动", "府检座谈会", "T-SFJ", "区政府、区检察院", "检察监督衔接"],
        ]
    )
    result = ledgers.run_import(
        "litigation_meetings", content=content, filename="m.xlsx", actor=users.justice, dry_run=False
    )
    assert result.imported and LiaisonMeeting.objects.count() == 2
    exported = load_workbook(
        io.BytesIO(ledgers.export_for(actor=users.justice, ledger="litigation_meetings"))
    )
    values = [[c.value for c in row] for row in exported.worksheets[0].iter_rows(min_row=2)]
    assert values[1][0].date() == dt.date(2025, 11, 20)
    assert values[1][1:6] == ["府检联动", "府检座谈会", "T-SFJ", "区政府、区检察院", "检察监督衔接"]
