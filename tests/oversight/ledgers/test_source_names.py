"""The rectification ledger's 问题来源 takes what a clerk knows: an inspection finding by the inspection's title and
the finding's number (not oversight.inspectionfinding:1); the export writes it so and imports back unchanged."""

from __future__ import annotations

import io

import openpyxl

from fazhi.core.io.ledgers import export_for, run_import

from .test_ledgers import load

HEADER = ["问题来源", "责任单位代码", "整改措施", "交办日期", "整改期限"]


def test_a_finding_is_named_by_inspection_title_and_number(users, district, item):
    result = load(
        users.justice,
        "oversight_items",
        HEADER,
        [["2024年度法治政府建设督察 问题1", "", "新措施", "2024-05-06", ""]],
    )
    assert result.ok and (result.created, result.updated) == (0, 1), result.errors
    item.refresh_from_db()
    assert item.measures == "新措施"
    wrong = load(
        users.justice,
        "oversight_items",
        HEADER,
        [
            ["2024年度法治政府建设督察 问题9", "", "新措施", "2024-05-06", ""],
            ["没有的督察 问题1", "", "新措施", "2024-05-06", ""],
        ],
    )
    assert [str(e) for e in wrong.errors] == [
        "第2行“问题来源”列：没有名为“2024年度法治政府建设督察”的检查，或该检查没有问题9。",
        "第3行“问题来源”列：没有名为“没有的督察”的检查，或该检查没有问题1。",
    ]


def test_the_export_names_the_finding_and_imports_back_unchanged(users, district, item):
    exported = export_for(actor=users.justice, ledger="oversight_items")
    rows = list(openpyxl.load_workbook(io.BytesIO(exported)).worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == "2024年度法治政府建设督察 问题1"
    again = run_import(
        "oversight_items", content=exported, filename="x.xlsx", actor=users.justice, dry_run=True
    )
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 1), again.errors
