"""Templates that help a clerk: a drop-down list (data validation) on every choice and yes/no column, the values on
a sheet of their own, and a sheet of the valid unit codes."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.core.io.ledgers import template_xlsx
from fazhi.core.models import Organization

pytestmark = pytest.mark.django_db


def test_without_units_there_is_no_unit_sheet(db):
    assert load_workbook(io.BytesIO(template_xlsx("people"))).sheetnames == ["人员", "填写说明", "可选值"]


def test_choice_and_yes_no_columns_have_drop_downs(district):
    wb = load_workbook(io.BytesIO(template_xlsx("users", units=[district.root])))
    assert wb.sheetnames == ["用户账号", "填写说明", "可选值", "单位代码"]
    rules = {str(dv.sqref): (dv.type, dv.formula1) for dv in wb["用户账号"].data_validations.dataValidation}
    assert rules == {"D2:D2001": ("list", "'可选值'!$A$2:$A$8"), "E2:E2001": ("list", "'可选值'!$B$2:$B$3")}
    values = list(wb["可选值"].iter_rows(values_only=True))
    assert values[0] == ("角色", "启用")
    assert [row[0] for row in values[1:]] == [
        "系统管理员",
        "司法局管理员",
        "单位填报员",
        "法律顾问",
        "复议工作人员",
        "执法监督员",
        "领导",
    ]
    assert [row[1] for row in values[1:3]] == ["是", "否"]


def test_the_unit_code_sheet_lists_the_units_in_use_in_tree_order(district):
    district.town.is_active = False
    district.town.save()
    units = Organization.objects.all()
    rows = list(
        load_workbook(io.BytesIO(template_xlsx("people", units=units)))["单位代码"].iter_rows(
            values_only=True
        )
    )
    assert rows[0] == ("单位代码", "单位名称", "上级单位代码")
    assert rows[1:] == [
        ("O", "邻区人民政府", None),
        ("O-SFJ", "邻区司法局", "O"),
        ("T", "测试区人民政府", None),
        ("T-FY", "测试区人民法院", "T"),
        ("T-JYJ", "测试区教育局", "T"),
        ("T-SCJ", "测试区市场监督管理局", "T"),
        ("T-SCJ-ZD", "测试区市场监管执法大队", "T-SCJ"),
        ("T-SFJ", "测试区司法局", "T"),
    ]
