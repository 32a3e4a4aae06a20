"""The lists' ledgers: a file adds items and removes them with dates (a removal is a date on the existing row), a
change of content is refused unless it is a new version, overlapping versions import nothing, and the export
imports back unchanged."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook, load_workbook

from fazhi.catalogs import selectors
from fazhi.catalogs.models import ListItem, ServiceItem
from fazhi.core.io import ledgers

from ..conftest import D

pytestmark = pytest.mark.django_db
HEADERS = ["事项编码", "证明名称", "设定依据", "索要单位代码", "开具单位", "列入日期", "移出日期", "移出原因"]


def xlsx(headers, rows) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run(actor, rows, code="catalogs_certification", headers=HEADERS, dry_run=False):
    return ledgers.run_import(
        code, content=xlsx(headers, rows), filename="清单.xlsx", actor=actor, dry_run=dry_run
    )


def row(code, added="2024-03-01", removed=None, reason=None, name=None, unit="T-JYJ"):
    return [code, name or f"证明{code}", "《教师法》第十四条", unit, "派出所", added, removed, reason]


def test_importing_a_list_adds_items_and_a_later_file_removes_one_with_its_date(users):
    result = run(users.justice, [row("ZM-1"), row("ZM-2"), row("ZM-3", added="2025-01-15")])
    assert result.ok and result.created == 3
    result = run(users.justice, [row("ZM-2", removed="2025-06-30", reason="取消该证明事项")])
    assert result.ok and result.updated == 1, result.errors
    assert [i.code for i in selectors.public_items("certification", D(2025, 6, 29))] == [
        "ZM-1",
        "ZM-2",
        "ZM-3",
    ]
    assert [i.code for i in selectors.public_items("certification", D(2025, 6, 30))] == ["ZM-1", "ZM-3"]
    assert ListItem.objects.count() == 3


def test_a_changed_item_comes_in_as_a_new_version_in_the_same_file(users):
    run(users.justice, [row("ZM-1")])
    result = run(
        users.justice,
        [
            row("ZM-1", removed="2025-09-01", reason="名称调整"),
            row("ZM-1", added="2025-09-01", name="无犯罪记录证明"),
        ],
    )
    assert result.ok and (result.created, result.updated) == (1, 1), result.errors
    assert selectors.public_items("certification", D(2025, 8, 31)).get().name == "证明ZM-1"
    assert selectors.public_items("certification", D(2025, 9, 1)).get().name == "无犯罪记录证明"


def test_rewriting_an_item_in_place_or_overlapping_versions_imports_nothing(users):
    run(users.justice, [row("ZM-1")])
    result = run(
        users.justice, [row("ZM-1", name="改过的名称"), row("ZM-2"), row("ZM-2", added="2025-01-01")]
    )
    assert not result.ok
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("第2行“证明名称”列：已列入清单的事项不能直接修改“证明名称”") for m in messages)
    assert any("第3行" in m and "在同一时间都在清单内" in m for m in messages)
    assert ListItem.objects.count() == 1 and ListItem.objects.get().name == "证明ZM-1"


def test_a_removal_without_reason_and_an_unknown_unit_are_refused_row_by_row(users):
    result = run(users.justice, [row("ZM-1", removed="2025-01-01"), row("ZM-2", unit="NOPE")])
    assert [str(e) for e in result.errors] == [
        "第2行“移出原因”列：请写明移出原因，如 取消该证明事项、改为告知承诺制。",
        "第3行“索要单位代码”列：单位代码“NOPE”不存在。",
    ]


def test_the_export_imports_back_unchanged(users):
    run(users.justice, [row("ZM-1"), row("ZM-2", removed="2025-06-30", reason="取消")])
    content = ledgers.export_for(actor=users.justice, ledger="catalogs_certification")
    ws = load_workbook(io.BytesIO(content)).active
    assert [c.value for c in ws[1]] == HEADERS
    result = ledgers.run_import(
        "catalogs_certification", content=content, filename="导出.xlsx", actor=users.justice, dry_run=False
    )
    assert result.ok and (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_service_items_ledger_requires_a_time_limit_for_committed_items(users):
    headers = ["事项编码", "事项名称", "实施单位代码", "办理方式", "承诺办结时限（工作日）", "列入日期"]
    result = run(
        users.justice,
        [
            ["FW-1", "个体工商户设立登记", "T-SCJ", "承诺办", None, "2024-01-01"],
            ["FW-2", "食品经营许可", "T-SCJ", "即时办", None, "2024-01-01"],
        ],
        code="catalogs_service_items",
        headers=headers,
    )
    assert [str(e) for e in result.errors] == [
        "第2行“承诺办结时限（工作日）”列：承诺办事项须写明承诺办结时限（工作日）。"
    ]
    assert ServiceItem.objects.count() == 0


def test_a_unit_clerk_cannot_import_items_of_another_unit(users):
    result = run(users.jyj_clerk, [row("ZM-1", unit="T-SCJ")])
    assert not result.ok and "无权" in str(result.errors[0])


def test_a_commitment_file_with_its_verification_methods_in_another_order_imports_again_unchanged(users):
    headers = ["事项编码", "事项名称", "设定依据", "实施单位代码", "核查方式", "不实承诺的处理", "列入日期"]
    rows = [
        [
            "CN-1",
            "食品经营许可",
            "《食品安全法》第三十五条",
            "T-JYJ",
            "实地核查、网络核查",
            "撤销许可",
            "2024-06-01",
        ]
    ]
    first = run(users.justice, rows, code="catalogs_commitment", headers=headers)
    assert first.ok and first.created == 1, first.errors
    assert (
        ListItem.objects.get(code="CN-1").verification == "网络核查、实地核查"
    )  # stored in the standard order

    again = run(users.justice, rows, code="catalogs_commitment", headers=headers)

    assert again.ok, again.errors
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
