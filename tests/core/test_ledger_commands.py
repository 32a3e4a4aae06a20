"""The ledger commands: fazhi template, export, import, ledgers and bench."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook, load_workbook

from fazhi.core.ledgers import OrganizationLedger, PersonLedger
from fazhi.core.models import AuditEvent, Person

from .. import factories

PEOPLE_HEADERS = [c.header for c in PersonLedger.columns]


def write_people(path, rows: list[list]) -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(PEOPLE_HEADERS)
    for row in rows:
        ws.append(row)
    wb.save(path)


def person_row(name, id_number, unit, *, position="科员", pk=None):
    return [pk, name, id_number, unit, position, "否", "否", None, "是"]


def run(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_template_command_writes_the_template_with_chinese_headers(db, tmp_path):
    path = tmp_path / "人员模板.xlsx"

    out, _ = run("template", "people", str(path))

    wb = load_workbook(path)
    assert [c.value for c in wb.worksheets[0][1]] == PEOPLE_HEADERS
    assert "填写说明" in wb.sheetnames
    assert "已生成导入模板" in out


def test_template_command_refuses_an_unknown_ledger(db, tmp_path):
    with pytest.raises(CommandError, match="没有名为“nope”的台账"):
        run("template", "nope", str(tmp_path / "x.xlsx"))


def test_export_command_writes_what_the_user_may_see_with_masked_id_numbers(users, district, tmp_path):
    # given people of two units
    factories.person(district.jyj, name="本单位")
    factories.person(district.scj, name="外单位")
    path = tmp_path / "人员.xlsx"

    # when a unit clerk exports the people ledger
    out, _ = run("export", "people", str(path), "--user", "jyj-clerk")

    # then the file holds their unit's people only, with masked ID numbers
    rows = list(load_workbook(path).worksheets[0].iter_rows(values_only=True))
    assert rows[0] == tuple(PEOPLE_HEADERS)
    assert {r[3] for r in rows[1:]} == {"T-JYJ"}
    assert all(re.fullmatch(r"\d{6}\*{8}\d{3}[\dX]", r[2]) for r in rows[1:])
    assert f"已导出{len(rows) - 1}条人员记录" in out


def test_exported_file_imports_back_unchanged_from_the_command_line(users, district, tmp_path):
    factories.person(district.jyj, name="本单位")
    path = tmp_path / "人员.xlsx"
    run("export", "people", str(path))
    total = Person.objects.filter(organization__path__startswith="/").count()

    out, _ = run("import", "people", str(path))

    assert f"共{total}行：已新增0条，已更新0条，{total}条无变化。" in out


def test_import_command_dry_run_shows_changes_and_writes_nothing(users, district, tmp_path):
    path = tmp_path / "新人员.xlsx"
    numbers = [factories.id_number(), factories.id_number()]
    write_people(path, [person_row("甲", numbers[0], "T-JYJ"), person_row("乙", numbers[1], "T-SCJ")])
    events = AuditEvent.objects.count()

    out, _ = run("import", "people", str(path), "--dry-run")

    assert "第2行 新增：甲" in out and "第3行 新增：乙" in out
    assert "将新增2条" in out and "试导入" in out
    assert not Person.objects.with_id_numbers(numbers).exists()
    assert AuditEvent.objects.count() == events

    out, _ = run("import", "people", str(path))

    assert "已新增2条" in out
    assert Person.objects.with_id_numbers(numbers).count() == 2
    assert set(AuditEvent.objects.filter(seq__gt=events).values_list("note", flat=True)) == {
        "台账导入：人员（新人员.xlsx）"
    }


def test_import_command_with_a_bad_row_fails_with_the_row_errors_on_stderr(users, district, tmp_path):
    path = tmp_path / "人员.xlsx"
    good, bad = factories.id_number(), factories.id_number()
    write_people(
        path,
        [
            person_row("甲", good, "T-JYJ"),
            person_row("乙", bad[:17] + "?", "T-JYJ"),
            person_row("丙", factories.id_number(), "T-NOPE"),
        ],
    )

    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="共3行，发现2处错误，未导入任何数据"):
        call_command("import", "people", str(path), stdout=out, stderr=err)

    lines = err.getvalue().splitlines()
    assert "第3行“身份证号”列：身份证号前17位应为数字，第18位应为数字或X。" in lines
    assert "第4行“单位代码”列：单位代码“T-NOPE”不存在。" in lines
    assert not Person.objects.with_id_number(good).exists()


def test_import_command_with_a_user_is_limited_to_what_they_may_change(users, district, tmp_path):
    path = tmp_path / "人员.xlsx"
    write_people(path, [person_row("外单位新人", factories.id_number(), "T-SCJ")])

    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "people", str(path), "--user", "jyj-clerk", stdout=io.StringIO(), stderr=err)

    assert "第2行：您无权为“测试区市场监督管理局”新建人员。" in err.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("人员.xls", b"old excel", "只支持 .xlsx 和 .csv"),
        ("人员.csv", "名字,身份证号\r\n甲,1\r\n".encode("gbk"), "缺少必填列：姓名、单位代码"),
    ],
)
def test_import_command_refuses_a_file_it_cannot_use(users, district, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError, match=message):
        run("import", "people", str(path))


def test_import_command_refuses_a_missing_file(users, tmp_path):
    with pytest.raises(CommandError, match="文件不存在"):
        run("import", "people", str(tmp_path / "nope.xlsx"))


def test_ledgers_command_lists_both_ledgers_with_their_columns(db):
    out, _ = run("ledgers")

    assert "organizations  单位台账" in out and "people  人员台账" in out
    for col in [*OrganizationLedger.columns, *PersonLedger.columns]:
        assert f"  {col.header}（{'必填' if col.required else '选填'}）" in out
    assert "主要负责人（选填）：填“是”或“否”；是、否" in out
