"""The ledger framework (core.ledgers) on its first two ledgers, units and people: template, import from xlsx
and csv, dry run, row validation, export round trip, access, audit, and the page and API paths."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import resolve
from openpyxl import Workbook, load_workbook

from fazhi.core import ids
from fazhi.core.audit import verify_chain
from fazhi.core.io import ledgers
from fazhi.core.io.ledgers import Column, LedgerFileError, RowError, run_import
from fazhi.core.ledgers import OrganizationLedger, PersonLedger
from fazhi.core.models import AuditChainHead, AuditEvent, Job, Organization, OrganizationKind, Person

from .. import factories

PEOPLE_HEADERS = [c.header for c in PersonLedger.columns]
ORG_HEADERS = [c.header for c in OrganizationLedger.columns]
MASKED = re.compile(r"^\d{6}\*{8}\d{3}[\dX]$")


def person_row(name, id_number, unit, *, position="科员", principal="否", qualified="否", year=None, pk=None):
    """A row of the people ledger in the order of its template's columns."""
    return [pk, name, id_number, unit, position, principal, qualified, year, "是"]


def xlsx(headers: list, rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_bytes(headers: list, rows: list[list], encoding: str) -> bytes:
    """A csv as Excel saves it: CRLF line ends, in UTF-8 with BOM ("CSV UTF-8") or GBK ("CSV 逗号分隔")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([["" if v is None else v for v in row] for row in rows])
    return out.getvalue().encode(encoding)


def sheet_rows(content: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(content)).worksheets[0].iter_rows(values_only=True))


def edit_cell(content: bytes, *, where: tuple[str, object], header: str, value) -> bytes:
    """The workbook with `header` set to `value` on the row whose column where[0] holds where[1]."""
    wb = load_workbook(io.BytesIO(content))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    key, target = headers.index(where[0]), headers.index(header)
    for row in ws.iter_rows(min_row=2):
        if row[key].value == where[1]:
            row[target].value = value
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def id_number_ending_in_x() -> str:
    while not (number := factories.id_number()).endswith("X"):
        pass
    return number


def counts() -> tuple[int, int, int, int]:
    return (
        Person.objects.count(),
        Organization.objects.count(),
        AuditEvent.objects.count(),
        AuditChainHead.objects.get(pk=1).last_seq,
    )


# Template ----------------------------------------------------------------------------------------------------


def test_people_template_has_chinese_headers_and_explains_every_column(db):
    # given the people ledger's template, opened again as Excel would
    wb = load_workbook(io.BytesIO(ledgers.template_xlsx("people")))

    # then row 1 of the first sheet holds the Chinese headers, and nothing else is filled in
    first = wb.worksheets[0]
    assert [c.value for c in first[1]] == PEOPLE_HEADERS
    assert PEOPLE_HEADERS[:4] == ["记录编号", "姓名", "身份证号", "单位代码"]
    assert first.max_row == 1
    # and the explanation sheet says, for every column, whether it is required and how to fill it
    notes = wb["填写说明"]
    explained = {row[0]: row for row in notes.iter_rows(min_row=2, values_only=True) if row[0]}
    for col in PersonLedger.columns:
        assert explained[col.header][1] == ("必填" if col.required else "选填")
    assert explained["身份证号"][2] and "GB 11643" in explained["身份证号"][2]
    assert explained["主要负责人"][3] == "是、否"
    assert any("任何一行有错误" in (row[2] or "") for row in notes.iter_rows(values_only=True))
    # and the ID number column is text, so Excel does not turn an 18-digit number into 6.40303E+17
    assert first.column_dimensions["C"].number_format == "@"


def test_a_filled_in_template_imports(users, district):
    # given the template, filled in on its first sheet as a unit would, explanation sheet and all
    wb = load_workbook(io.BytesIO(ledgers.template_xlsx("people")))
    number = factories.id_number()
    wb.worksheets[0].append(person_row("欧阳明", number, "T-JYJ", qualified="是", year=2015))
    out = io.BytesIO()
    wb.save(out)

    result = run_import(
        "people", content=out.getvalue(), filename="模板.xlsx", actor=users.admin, dry_run=False
    )

    assert (result.created, result.errors) == (1, [])
    assert Person.objects.with_id_number(number).get().legal_qualification_year == 2015


def test_organizations_template_lists_unit_kinds_by_their_chinese_names(db):
    wb = load_workbook(io.BytesIO(ledgers.template_xlsx("organizations")))
    assert [c.value for c in wb.worksheets[0][1]] == ORG_HEADERS
    kinds = {row[0]: row[3] for row in wb["填写说明"].iter_rows(min_row=2, values_only=True)}["单位类型"]
    assert "政府工作部门" in kinds and "乡镇" in kinds


def test_unknown_ledger_is_a_file_error_naming_the_available_ones(db):
    with pytest.raises(LedgerFileError, match="people"):
        ledgers.template_xlsx("nonexistent")


# Reading xlsx and csv ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "encode"),
    [
        ("人员.xlsx", lambda rows: xlsx(PEOPLE_HEADERS, rows)),
        ("人员.csv", lambda rows: csv_bytes(PEOPLE_HEADERS, rows, "utf-8-sig")),
        ("人员.csv", lambda rows: csv_bytes(PEOPLE_HEADERS, rows, "gbk")),
        ("人员.csv", lambda rows: csv_bytes(PEOPLE_HEADERS, rows, "gb18030")),
    ],
    ids=["xlsx", "csv-utf8-bom", "csv-gbk", "csv-gb18030"],
)
def test_xlsx_and_csv_in_utf8_and_gbk_import_the_same_records(users, district, filename, encode):
    # given the same three people in each format (with a year, a lower-case x check digit, a principal leader)
    numbers = [factories.id_number(), id_number_ending_in_x(), factories.id_number()]
    rows = [
        person_row("欧阳明", numbers[0], "T-JYJ", position="科长", qualified="是", year=2015),
        person_row("司马静", numbers[1].lower(), "T-SCJ", position="", principal="是"),
        person_row("诸葛亮", numbers[2], "T-LHZ", position="", qualified="否"),
    ]

    # when the file is imported
    result = run_import("people", content=encode(rows), filename=filename, actor=users.admin, dry_run=False)

    # then the same records are created, whatever the format
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    got = {
        (
            p.name,
            p.id_number,
            p.organization.code,
            p.position,
            p.is_principal_leader,
            p.legal_qualification_year,
        )
        for p in Person.objects.with_id_numbers([n.upper() for n in numbers])
    }
    assert got == {
        ("欧阳明", numbers[0], "T-JYJ", "科长", False, 2015),
        ("司马静", numbers[1].upper(), "T-SCJ", "", True, None),
        ("诸葛亮", numbers[2], "T-LHZ", "", False, None),
    }


def test_gbk_csv_of_the_records_an_xlsx_created_is_unchanged(users, district):
    # given people imported from an xlsx
    rows = [person_row("欧阳明", factories.id_number(), "T-JYJ", qualified="是", year=2015)]
    run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="a.xlsx", actor=users.admin, dry_run=False
    )

    # when the same rows come again as a GBK csv
    result = run_import(
        "people", content=csv_bytes(PEOPLE_HEADERS, rows, "gbk"), filename="a.csv", actor=users.admin
    )

    # then they are the same records
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)


def test_rows_are_numbered_as_excel_shows_them_even_after_a_blank_row(users, district):
    # given a good row 2, an empty row 3 and a bad row 4
    rows = [person_row("甲", factories.id_number(), "T-JYJ"), [None] * 9, person_row("乙", "123", "T-JYJ")]

    result = run_import("people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.admin)

    # then the blank row is not counted and the error is on row 4
    assert result.total == 2
    assert [(e.row, e.column) for e in result.errors] == [(4, "身份证号")]


# Dry run ------------------------------------------------------------------------------------------------------


def test_dry_run_reports_what_would_change_and_writes_nothing(users, district):
    # given one person to update, one left as is, and one new
    changed = factories.person(district.jyj, name="王五", position="科员")
    same = factories.person(district.jyj, name="赵六", position="科员")
    new_number = factories.id_number()
    rows = [
        person_row("王五", changed.id_number, "T-JYJ", position="科长", pk=changed.pk),
        person_row("赵六", same.id_number, "T-JYJ", position="科员", pk=same.pk),
        person_row("钱七", new_number, "T-JYJ"),
    ]
    before = counts()

    # when the file is imported as a dry run
    result = run_import("people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.admin)

    # then it says what would change, row by row
    assert result.ok and result.dry_run and not result.imported
    assert (result.total, result.created, result.updated, result.unchanged) == (3, 1, 1, 1)
    assert result.preview == [
        {"row": 2, "action": "更新", "record": "王五"},
        {"row": 4, "action": "新增", "record": "钱七"},
    ]
    assert "将新增1条" in result.summary() and "试导入" in result.summary()
    # and nothing was written: no record, no audit event
    assert counts() == before
    changed.refresh_from_db()
    assert changed.position == "科员"
    assert not Person.objects.with_id_number(new_number).exists()


# Validation: one bad row imports nothing ----------------------------------------------------------------------


def _wrong_check_digit(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


BAD_ROWS = {
    "wrong ID check digit": (
        lambda n: person_row("乙", _wrong_check_digit(n), "T-JYJ"),
        "身份证号",
        "校验码",
    ),
    "unknown unit code": (lambda n: person_row("乙", n, "T-NOPE"), "单位代码", "“T-NOPE”不存在"),
    "yes/no column with 可能": (
        lambda n: person_row("乙", n, "T-JYJ", principal="可能"),
        "主要负责人",
        "应填“是”或“否”",
    ),
    "missing required cell": (lambda n: person_row(None, n, "T-JYJ"), "姓名", "必填"),
    "year not a number": (
        lambda n: person_row("乙", n, "T-JYJ", qualified="是", year="二〇一五"),
        "取得法律职业资格年份",
        "不是整数",
    ),
    "year without qualification": (
        lambda n: person_row("乙", n, "T-JYJ", qualified="否", year=2015),
        "取得法律职业资格年份",
        "不应填写",
    ),
    "masked number for a new person": (
        lambda n: person_row("乙", ids.mask_id_number(n), "T-JYJ"),
        "身份证号",
        "不能是脱敏号码",
    ),
    "unknown record number": (lambda n: person_row("乙", n, "T-JYJ", pk=999_999), "记录编号", "不存在"),
    # Excel keeps 15 digits of a number: an ID typed into a number cell has lost its last digits.
    "ID number stored as an Excel number": (
        lambda n: person_row("乙", float(n[:17] + "0"), "T-JYJ"),
        "身份证号",
        "存成了数字",
    ),
}


@pytest.mark.parametrize("bad", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_one_bad_row_imports_nothing_and_says_row_column_and_reason(users, district, bad):
    # given a good row 2, a bad row 3 and a good row 4
    make_bad, header, reason = bad
    rows = [
        person_row("甲", factories.id_number(), "T-JYJ"),
        make_bad(factories.id_number()),
        person_row("丙", factories.id_number(), "T-SCJ"),
    ]
    before = counts()

    # when it is imported for real
    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.admin, dry_run=False
    )

    # then nothing is imported, and the one error names row 3, the column, and why in Chinese
    assert not result.ok and not result.imported
    assert counts() == before
    assert [(e.row, e.column) for e in result.errors] == [(3, header)]
    assert reason in result.errors[0].message
    assert str(result.errors[0]).startswith(f"第3行“{header}”列：")
    assert "未导入任何数据" in result.summary()


def test_a_duplicate_id_number_within_the_file_names_the_first_row(users, district):
    number = factories.id_number()
    rows = [
        person_row("甲", number, "T-JYJ"),
        person_row("乙", factories.id_number(), "T-JYJ"),
        person_row("甲二", number, "T-SCJ"),
    ]

    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.admin, dry_run=False
    )

    assert result.errors == [RowError(4, "身份证号", "与第2行重复。")]
    assert not Person.objects.with_id_number(number).exists()


def test_the_same_record_twice_in_a_file_is_refused(users, district):
    # regression: two rows with one 记录编号 and different ID numbers both "updated" the same person
    person = factories.person(district.jyj, name="王五")
    rows = [
        person_row("王五", ids.mask_id_number(person.id_number), "T-JYJ", pk=person.pk),
        person_row("王五", factories.id_number(), "T-JYJ", position="科长", pk=person.pk),
    ]

    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.admin, dry_run=False
    )

    assert result.errors == [RowError(3, "记录编号", "与第2行是同一条记录。")]


def test_every_bad_cell_of_a_file_is_reported_not_only_the_first(users, district):
    rows = [
        person_row(None, "123", "T-JYJ", principal="可能"),
        person_row("乙", factories.id_number(), "T-NOPE"),
    ]

    result = run_import("people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.admin)

    assert [(e.row, e.column) for e in result.errors] == [(2, "姓名"), (2, "主要负责人"), (3, "单位代码")]


@pytest.mark.parametrize(
    ("headers", "message"),
    [
        (["姓名", "身份证号", "单位代码", "备注"], "无法识别的列：备注"),
        (["姓名", "单位代码", "职务"], "缺少必填列：身份证号"),
        (["名字", "身份证号码", "单位"], "缺少必填列：姓名、身份证号、单位代码"),
        (["姓名", "身份证号", "单位代码", "职务", "姓名"], "列名重复：姓名"),
    ],
    ids=["unknown header", "missing required header", "headers of another sheet", "repeated header"],
)
def test_wrong_headers_refuse_the_whole_file(users, district, headers, message):
    content = xlsx(headers, [["甲"] * len(headers)])
    before = counts()

    with pytest.raises(LedgerFileError, match=message):
        run_import("people", content=content, filename="p.xlsx", actor=users.admin, dry_run=False)

    assert counts() == before


@pytest.mark.parametrize(
    ("filename", "content", "message"),
    [
        ("人员.xls", b"\xd0\xcf\x11\xe0 an old Excel 97 file", "只支持 .xlsx 和 .csv"),
        ("人员.txt", "姓名,身份证号".encode(), "只支持 .xlsx 和 .csv"),
        ("人员.xlsx", b"not a zip at all", "无法读取该Excel文件"),
        ("人员.csv", b"", "文件是空的"),
    ],
    ids=["xls", "txt", "damaged xlsx", "empty csv"],
)
def test_a_file_that_is_not_a_readable_xlsx_or_csv_is_refused(users, district, filename, content, message):
    with pytest.raises(LedgerFileError, match=message):
        run_import("people", content=content, filename=filename, actor=users.admin)


def test_organization_rows_are_checked_against_units_and_earlier_rows(users, district):
    # given units whose parent is missing, whose kind is unknown, and two with one 统一社会信用代码
    credit = ids.make_credit_code("91640303MA0000001")
    rows = [
        ["T-NEW1", "新单位一", "", "政府工作部门", "T", credit, 1, "是"],
        ["T-NEW2", "新单位二", "", "政府工作部门", "T-NOPE", "", 2, "是"],
        ["T-NEW3", "新单位三", "", "某某机关", "T", "", 3, "是"],
        ["T-NEW4", "新单位四", "", "乡镇", "T", credit, 4, "是"],
        ["T-NEW1", "新单位一（重复）", "", "乡镇", "T", "", 5, "是"],
    ]

    result = run_import(
        "organizations", content=xlsx(ORG_HEADERS, rows), filename="u.xlsx", actor=users.admin, dry_run=False
    )

    # then each row says what is wrong in its own column, and nothing (not even the good row 2) is imported
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "上级单位代码"),
        (4, "单位类型"),
        (5, "统一社会信用代码"),
        (6, "单位代码"),
    ]
    assert "“T-NOPE”不存在" in result.errors[0].message
    assert "T-NEW1" in result.errors[2].message
    assert result.errors[3].message == "与第2行重复。"
    assert not Organization.objects.filter(code__startswith="T-NEW").exists()


def test_a_credit_code_already_registered_to_a_unit_is_refused(users, district):
    # regression: a repeated 统一社会信用代码 passed validation and failed at the database (IntegrityError)
    credit = ids.make_credit_code("91640303MA0000002")
    factories.org("T-HAS", parent=district.root, credit_code=credit)
    rows = [["T-NEW", "新单位", "", "政府工作部门", "T", credit, 1, "是"]]

    result = run_import(
        "organizations", content=xlsx(ORG_HEADERS, rows), filename="u.xlsx", actor=users.admin, dry_run=False
    )

    assert result.errors == [RowError(2, "统一社会信用代码", "该统一社会信用代码已属于单位“T-HAS”。")]


def test_two_new_units_with_one_credit_code_are_refused_before_writing(users, district):
    # regression: the repeat passed every row check and the import died on the database's unique constraint
    credit = ids.make_credit_code("91640303MA0000004")
    rows = [
        ["T-NEW1", "新单位一", "", "政府工作部门", "T", credit, 1, "是"],
        ["T-NEW2", "新单位二", "", "政府工作部门", "T", credit, 2, "是"],
    ]

    result = run_import(
        "organizations", content=xlsx(ORG_HEADERS, rows), filename="u.xlsx", actor=users.admin, dry_run=False
    )

    assert result.errors == [RowError(3, "统一社会信用代码", "该统一社会信用代码已属于单位“T-NEW1”。")]
    assert not Organization.objects.filter(code__startswith="T-NEW").exists()


def test_new_units_may_follow_their_new_parent_in_the_same_file(users, district):
    rows = [
        ["T-ZRZY", "测试区自然资源局", "区资源局", "政府工作部门", "T", "", 9, "是"],
        ["T-ZRZY-ZD", "测试区自然资源执法大队", "", "行政执法机构", "T-ZRZY", "", 1, "是"],
    ]

    result = run_import(
        "organizations", content=xlsx(ORG_HEADERS, rows), filename="u.xlsx", actor=users.admin, dry_run=False
    )

    assert result.ok, result.errors
    team = Organization.objects.get(code="T-ZRZY-ZD")
    assert team.parent.code == "T-ZRZY" and team.path == "/T/T-ZRZY/T-ZRZY-ZD/"
    assert team.kind == OrganizationKind.ENFORCEMENT_BODY


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("是", True),
        ("否", False),
        ("", False),
        (None, False),
        (True, True),
        (1, True),
        (1.0, True),
        (0.0, False),
    ],
)
def test_yes_no_column_reads_words_and_excel_booleans_and_numbers(raw, expected):
    assert Column("x", "是否", kind="bool").parse(raw) is expected


# Export and round trip ----------------------------------------------------------------------------------------


def test_organizations_export_of_a_filtered_list_imports_back_unchanged(users, district):
    # given the units of the test district, one with a 统一社会信用代码, and a neighbouring district
    credit = ids.make_credit_code("91640303MA0000003")
    factories.org("T-SWJ", parent=district.root, credit_code=credit)
    codes = set(Organization.objects.filter(path__startswith="/T/").values_list("code", flat=True))

    # when the test district's units are exported
    content = ledgers.export_for(
        actor=users.admin, ledger="organizations", filters={"path__startswith": "/T/"}
    )

    # then the file holds them, parents before children, in the template's columns
    rows = sheet_rows(content)
    assert rows[0] == tuple(ORG_HEADERS)
    by_code = {r[0]: r for r in rows[1:]}
    assert set(by_code) == codes
    assert by_code["T-SCJ-ZD"][1:5] == ("测试区市场监管执法大队", None, "行政执法机构", "T-SCJ")
    assert by_code["T-SWJ"][5] == credit
    order = [r[0] for r in rows[1:]]
    assert order.index("T") < order.index("T-SCJ") < order.index("T-SCJ-ZD")
    events = AuditEvent.objects.count()

    # and when the export is imported back, nothing changes
    result = run_import(
        "organizations", content=content, filename="单位.xlsx", actor=users.admin, dry_run=False
    )
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(codes))
    assert AuditEvent.objects.count() == events


def test_people_export_masks_id_numbers_and_imports_back_unchanged(users, district):
    # given people of 教育局 (and one elsewhere, filtered out)
    qualified = factories.person(
        district.jyj, name="欧阳明", has_legal_qualification=True, legal_qualification_year=2015
    )
    factories.person(district.jyj, name="司马静", is_principal_leader=True)
    factories.person(district.scj, name="外单位")
    content = ledgers.export_for(actor=users.admin, ledger="people", filters={"organization": district.jyj})

    # then every ID number in the file is masked, and no full number appears in it
    rows = sheet_rows(content)
    assert rows[0] == tuple(PEOPLE_HEADERS)
    numbers = [r[2] for r in rows[1:]]
    assert numbers and all(MASKED.match(n) for n in numbers)
    assert qualified.masked_id_number in numbers
    text = repr(rows)
    assert all(p.id_number not in text for p in Person.objects.all())
    assert "外单位" not in text
    jyj_people = Person.objects.filter(organization=district.jyj).count()
    assert len(rows) - 1 == jyj_people

    # when the masked export is imported back
    result = run_import("people", content=content, filename="人员.xlsx", actor=users.admin, dry_run=False)

    # then every record is unchanged and keeps its full ID number
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 0, jyj_people)
    qualified.refresh_from_db()
    assert "*" not in qualified.id_number and qualified.legal_qualification_year == 2015


def test_editing_a_cell_of_an_export_updates_exactly_that_record_with_its_audit_event(users, district):
    # given an export of 教育局's people
    edited = factories.person(district.jyj, name="王五", position="科员")
    other = factories.person(district.jyj, name="赵六", position="科员")
    full_number = edited.id_number
    content = ledgers.export_for(actor=users.admin, ledger="people", filters={"organization": district.jyj})
    total = len(sheet_rows(content)) - 1

    # when one position is changed in the file and it is imported
    content = edit_cell(content, where=("记录编号", edited.pk), header="职务", value="副科长")
    result = run_import(
        "people", content=content, filename="人员（改）.xlsx", actor=users.justice, dry_run=False
    )

    # then exactly that record is updated, keeping its full ID number
    assert result.ok, result.errors
    assert (result.created, result.updated, result.unchanged) == (0, 1, total - 1)
    edited.refresh_from_db()
    other.refresh_from_db()
    assert (edited.position, edited.id_number) == ("副科长", full_number)
    assert other.position == "科员"
    # and one audit event holds the change, before and after, by the importing user, naming the file
    event = AuditEvent.objects.get(model_label="core.person", object_id=str(edited.pk), action="update")
    assert event.changes == {"position": ["科员", "副科长"]}
    assert event.actor_id == users.justice.pk and event.organization_id == district.jyj.pk
    assert event.note == "台账导入：人员（人员（改）.xlsx）"


def test_a_column_left_out_of_the_file_leaves_that_field_as_it_is(users, district):
    # regression: a file without the optional 职务 and 主要负责人 columns blanked them on every record it updated
    person = factories.person(district.jyj, name="王五", position="科长", is_principal_leader=True)
    headers = ["记录编号", "姓名", "身份证号", "单位代码"]
    rows = [[person.pk, "王五（更名）", person.masked_id_number, "T-JYJ"]]

    result = run_import(
        "people", content=xlsx(headers, rows), filename="p.xlsx", actor=users.admin, dry_run=False
    )

    assert result.ok, result.errors
    person.refresh_from_db()
    assert (person.name, person.position, person.is_principal_leader) == ("王五（更名）", "科长", True)
    event = AuditEvent.objects.get(object_id=str(person.pk), model_label="core.person", action="update")
    assert event.changes == {"name": ["王五", "王五（更名）"]}


def test_a_masked_number_that_is_not_the_records_own_is_refused(users, district):
    person = factories.person(district.jyj, name="王五")
    someone_else = ids.mask_id_number(factories.id_number())
    rows = [person_row("王五", someone_else, "T-JYJ", pk=person.pk)]

    result = run_import("people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.admin)

    assert [(e.row, e.column) for e in result.errors] == [(2, "身份证号")]
    assert "脱敏号码与该记录的身份证号不符" in result.errors[0].message


def test_a_full_id_number_in_an_export_corrects_that_persons_number(users, district):
    person = factories.person(district.jyj, name="王五")
    corrected = factories.id_number()
    content = ledgers.export_for(actor=users.admin, ledger="people", filters={"pk": person.pk})
    content = edit_cell(content, where=("记录编号", person.pk), header="身份证号", value=corrected)

    result = run_import("people", content=content, filename="p.xlsx", actor=users.admin, dry_run=False)

    assert (result.updated, result.errors) == (1, [])
    person.refresh_from_db()
    assert person.id_number == corrected


def test_an_import_runs_a_few_queries_per_file_not_one_per_row(
    users, district, django_assert_max_num_queries
):
    # regression: full_clean looked up each row's unit in the database, one query per row
    updated = [factories.person(district.jyj, name=f"旧{i}") for i in range(20)]
    rows = [
        person_row(f"新{i}", factories.id_number(), ["T-JYJ", "T-SCJ", "T-LHZ"][i % 3]) for i in range(300)
    ]
    rows += [person_row(p.name, p.masked_id_number, "T-JYJ", position="科长", pk=p.pk) for p in updated]
    content = xlsx(PEOPLE_HEADERS, rows)

    with django_assert_max_num_queries(10):
        dry = run_import("people", content=content, filename="p.xlsx", actor=users.justice)
    with django_assert_max_num_queries(40):  # plus the bulk inserts, in batches the database allows
        real = run_import("people", content=content, filename="p.xlsx", actor=users.justice, dry_run=False)

    assert (dry.created, dry.updated) == (real.created, real.updated) == (300, 20)


# Access -------------------------------------------------------------------------------------------------------


def test_unit_clerk_touching_another_units_person_imports_nothing(users, district):
    # given a person of the clerk's own unit and one of another unit, both in the file
    own = factories.person(district.jyj, name="本单位", position="科员")
    foreign = factories.person(district.scj, name="外单位人员", position="科员")
    rows = [
        person_row("本单位", own.masked_id_number, "T-JYJ", position="科长", pk=own.pk),
        person_row("外单位人员", foreign.masked_id_number, "T-SCJ", position="科长", pk=foreign.pk),
    ]

    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    # then row 3 is refused without naming a person the clerk may not see, and not even row 2 is imported
    assert [e.row for e in result.errors] == [3]
    assert "无权修改" in result.errors[0].message and "外单位人员" not in result.errors[0].message
    own.refresh_from_db()
    foreign.refresh_from_db()
    assert own.position == foreign.position == "科员"


def test_unit_clerk_cannot_create_a_person_in_another_unit(users, district):
    number = factories.id_number()
    rows = [person_row("甲", factories.id_number(), "T-JYJ"), person_row("乙", number, "T-SCJ")]
    before = counts()

    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert [e.row for e in result.errors] == [3]
    assert "无权为“测试区市场监督管理局”新建人员" in result.errors[0].message
    assert counts() == before


def test_unit_clerk_cannot_move_own_units_person_to_another_unit(users, district):
    # regression: only new records were checked against the unit they go to, so a clerk could move people out
    own = factories.person(district.jyj, name="本单位")
    rows = [person_row("本单位", own.masked_id_number, "T-SCJ", pk=own.pk)]

    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert [e.row for e in result.errors] == [2]
    assert "无权为“测试区市场监督管理局”新建人员" in result.errors[0].message
    own.refresh_from_db()
    assert own.organization == district.jyj


def test_unit_clerk_may_import_own_units_people(users, district):
    rows = [person_row("新人", factories.id_number(), "T-JYJ")]

    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="p.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert (result.created, result.errors) == (1, [])
    assert Person.objects.get(name="新人").organization == district.jyj


def test_unit_clerk_export_contains_only_own_units_people(users, district):
    factories.person(district.jyj, name="本单位")
    factories.person(district.scj, name="外单位")
    factories.person(district.other_dept, name="邻区")

    rows = sheet_rows(ledgers.export_for(actor=users.jyj_clerk, ledger="people"))

    units = {r[3] for r in rows[1:]}
    names = {r[1] for r in rows[1:]}
    assert units == {"T-JYJ"}
    assert "本单位" in names and "外单位" not in names and "邻区" not in names


def test_leader_cannot_import_anything(users, district):
    # given a leader of the whole district, with a file of new people and an unchanged export they may read
    new_people = xlsx(PEOPLE_HEADERS, [person_row("新人", factories.id_number(), "T-JYJ")])
    export = ledgers.export_for(actor=users.leader, ledger="people")
    units = xlsx(ORG_HEADERS, [["T-NEW", "新单位", "", "政府工作部门", "T", "", 1, "是"]])
    before = counts()

    # when they import any of them
    results = [
        run_import("people", content=new_people, filename="p.xlsx", actor=users.leader, dry_run=False),
        run_import("people", content=export, filename="p.xlsx", actor=users.leader, dry_run=False),
        run_import("organizations", content=units, filename="u.xlsx", actor=users.leader, dry_run=False),
    ]

    # then every row is refused and nothing is written
    for result in results:
        assert not result.ok and not result.imported
        assert all("无权" in e.message for e in result.errors)
    assert len(results[1].errors) == results[1].total > 0
    assert counts() == before


def test_unit_clerk_cannot_import_units(users, district):
    units = xlsx(ORG_HEADERS, [["T-JYJ-X", "新单位", "", "其他单位", "T-JYJ", "", 1, "是"]])

    result = run_import(
        "organizations", content=units, filename="u.xlsx", actor=users.jyj_clerk, dry_run=False
    )

    assert result.errors == [RowError(2, "", "您无权新建单位。")]


# Audit --------------------------------------------------------------------------------------------------------


def test_import_writes_one_audit_event_per_created_or_updated_record_and_the_chain_verifies(users, district):
    # given one person to update, one unchanged, and two new in the file
    changed = factories.person(district.jyj, name="王五", position="科员")
    same = factories.person(district.jyj, name="赵六")
    rows = [
        person_row("王五", changed.masked_id_number, "T-JYJ", position="科长", pk=changed.pk),
        person_row("赵六", same.masked_id_number, "T-JYJ", position="", pk=same.pk),
        person_row("钱七", factories.id_number(), "T-JYJ"),
        person_row("孙八", factories.id_number(), "T-SCJ", qualified="是", year=2020),
    ]
    last_seq = AuditChainHead.objects.get(pk=1).last_seq

    result = run_import(
        "people",
        content=xlsx(PEOPLE_HEADERS, rows),
        filename="三季度人员.xlsx",
        actor=users.admin,
        dry_run=False,
    )

    # then three events, one per created or updated record, each naming the file
    assert result.imported
    events = list(AuditEvent.objects.filter(seq__gt=last_seq).order_by("seq"))
    created = {p.pk for p in Person.objects.filter(name__in=["钱七", "孙八"])}
    assert sorted((e.action, e.object_id) for e in events) == sorted(
        [("update", str(changed.pk))] + [("create", str(pk)) for pk in created]
    )
    assert {e.note for e in events} == {"台账导入：人员（三季度人员.xlsx）"}
    sun = next(e for e in events if e.object_repr == "孙八")
    assert sun.changes["legal_qualification_year"] == [None, 2020]
    assert sun.organization_id == district.scj.pk
    # and the hash chain still verifies, as `fazhi audit verify` reports it
    assert verify_chain().ok
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert "审计链完整" in out.getvalue()


def test_the_audit_events_of_an_import_hold_every_id_number_masked_and_other_values_as_given(users, district):
    # given a person whose number a file corrects, and a new person
    corrected = factories.person(district.jyj, name="周九")
    old_number, new_number, added_number = corrected.id_number, factories.id_number(), factories.id_number()
    rows = [
        person_row("周九", new_number, "T-JYJ", pk=corrected.pk),
        person_row("吴十", added_number, "T-SCJ", position="科长"),
    ]
    last_seq = AuditChainHead.objects.get(pk=1).last_seq

    result = run_import(
        "people", content=xlsx(PEOPLE_HEADERS, rows), filename="更正.xlsx", actor=users.admin, dry_run=False
    )

    # then each event holds the numbers masked, old and new, and the other changes in full
    assert result.imported
    events = {e.object_repr: e for e in AuditEvent.objects.filter(seq__gt=last_seq)}
    assert events["周九"].changes["id_number"] == [
        ids.mask_id_number(old_number),
        ids.mask_id_number(new_number),
    ]
    added = events["吴十"].changes
    assert added["id_number"] == [None, ids.mask_id_number(added_number)]
    assert added["position"] == [None, "科长"]
    assert added["organization_id"] == [None, district.scj.pk]
    assert "id_number_hash" not in added and "id" not in added
    assert not any(
        n in str(e.changes) for e in events.values() for n in (old_number, new_number, added_number)
    )


# Pages and API ------------------------------------------------------------------------------------------------


def _upload(content: bytes, name: str = "人员.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_page_import_is_a_dry_run_job_whose_confirmation_imports(client, users, district):
    # given a logged-in justice administrator with a file of two new people
    client.force_login(users.justice)
    numbers = [factories.id_number(), factories.id_number()]
    content = xlsx(
        PEOPLE_HEADERS, [person_row("甲", numbers[0], "T-JYJ"), person_row("乙", numbers[1], "T-SCJ")]
    )

    # when they post it, they are sent to the job page of a dry run that wrote nothing
    response = client.post("/ledgers/people/import/", {"file": _upload(content)})
    assert response.status_code == 302
    match = resolve(response["Location"])
    assert match.url_name == "ledger_job"
    job_id = match.kwargs["pk"]
    assert client.get(response["Location"]).status_code == 200
    status = client.get(f"/ledgers/jobs/{job_id}/status/").json()
    assert status["status"] == "done" and status["percent"] == 100
    assert (status["result"]["created"], status["result"]["dry_run"], status["result"]["imported"]) == (
        2,
        True,
        False,
    )
    assert not Person.objects.with_id_numbers(numbers).exists()

    # and confirming imports the file
    response = client.post(f"/ledgers/jobs/{job_id}/confirm/")
    assert response.status_code == 302
    confirmed = resolve(response["Location"]).kwargs["pk"]
    status = client.get(f"/ledgers/jobs/{confirmed}/status/").json()
    assert status["status"] == "done" and status["result"]["imported"] is True
    assert Person.objects.with_id_numbers(numbers).count() == 2


def test_page_import_of_a_bad_file_fails_with_its_errors_and_cannot_be_confirmed(client, users, district):
    client.force_login(users.jyj_clerk)
    content = xlsx(PEOPLE_HEADERS, [person_row("甲", factories.id_number(), "T-SCJ")])

    response = client.post("/ledgers/people/import/", {"file": _upload(content)})

    job_id = resolve(response["Location"]).kwargs["pk"]
    status = client.get(f"/ledgers/jobs/{job_id}/status/").json()
    assert status["status"] == "failed"
    assert [(e["row"], e["column"]) for e in status["result"]["errors"]] == [(2, "")]
    assert "无权为“测试区市场监督管理局”新建人员" in status["result"]["errors"][0]["message"]
    assert client.post(f"/ledgers/jobs/{job_id}/confirm/").status_code == 403
    assert Job.objects.filter(kind=Job.Kind.LEDGER_IMPORT).count() == 1


def test_page_import_of_a_file_with_wrong_headers_fails_with_the_reason(client, users, district):
    client.force_login(users.justice)

    response = client.post("/ledgers/people/import/", {"file": _upload(xlsx(["名字"], [["甲"]]))})

    job_id = resolve(response["Location"]).kwargs["pk"]
    status = client.get(f"/ledgers/jobs/{job_id}/status/").json()
    assert status["status"] == "failed" and "缺少必填列" in status["result"]["summary"]


def test_another_users_import_job_is_not_found(client, users, district):
    client.force_login(users.justice)
    response = client.post("/ledgers/people/import/", {"file": _upload(xlsx(PEOPLE_HEADERS, []))})
    job_id = resolve(response["Location"]).kwargs["pk"]

    client.force_login(users.jyj_clerk)

    assert client.get(f"/ledgers/jobs/{job_id}/status/").status_code == 404
    assert client.post(f"/ledgers/jobs/{job_id}/confirm/").status_code == 404


def test_api_import_writes_with_dry_run_false(client, users, district):
    client.force_login(users.jyj_clerk)
    number = factories.id_number()
    content = xlsx(PEOPLE_HEADERS, [person_row("接口导入", number, "T-JYJ")])

    dry = client.post("/api/ledgers/people/import/", {"file": _upload(content)})
    assert dry.status_code == 200 and dry.json()["created"] == 1
    assert not Person.objects.with_id_number(number).exists()

    response = client.post("/api/ledgers/people/import/", {"file": _upload(content), "dry_run": "false"})

    assert response.status_code == 200
    assert response.json()["imported"] is True and response.json()["created"] == 1
    assert Person.objects.with_id_number(number).get().organization == district.jyj


def test_api_import_of_a_bad_file_is_400_with_row_errors(client, users, district):
    client.force_login(users.justice)
    content = xlsx(PEOPLE_HEADERS, [person_row("甲", "640303", "T-JYJ")])

    response = client.post("/api/ledgers/people/import/", {"file": _upload(content), "dry_run": "false"})

    assert response.status_code == 400
    assert [(e["row"], e["column"]) for e in response.json()["errors"]] == [(2, "身份证号")]
    bad_type = client.post("/api/ledgers/people/import/", {"file": _upload(b"x", "人员.pdf")})
    assert bad_type.status_code == 400 and "只支持" in str(bad_type.json()["file"])


def test_api_export_gives_the_callers_people_masked(client, users, district):
    factories.person(district.jyj, name="本单位")
    factories.person(district.scj, name="外单位")
    client.force_login(users.jyj_clerk)

    response = client.get("/api/ledgers/people/export/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(response.content)
    assert {r[3] for r in rows[1:]} == {"T-JYJ"} and "本单位" in {r[1] for r in rows[1:]}
    assert all(MASKED.match(r[2]) for r in rows[1:])
    assert client.get("/api/ledgers/nonexistent/export/").status_code == 404


def test_a_record_created_by_someone_else_between_check_and_write_imports_nothing(
    users, district, monkeypatch
):
    # given a file whose person someone else registers while the import is being written
    number = factories.id_number()
    content = xlsx(
        PEOPLE_HEADERS,
        [person_row("并发甲", number, "T-JYJ"), person_row("并发乙", factories.id_number(), "T-JYJ")],
    )
    original_save = PersonLedger.save

    def save_after_a_concurrent_create(self, **kwargs):
        factories.person(district.jyj, name="他人先登记", id_number=number)
        return original_save(self, **kwargs)

    monkeypatch.setattr(PersonLedger, "save", save_after_a_concurrent_create)
    # when it is imported
    result = run_import("people", content=content, filename="p.xlsx", actor=users.justice, dry_run=False)
    # then nothing of the file is written and the error says why
    assert not result.imported and "同时修改" in result.errors[0].message
    assert not Person.objects.filter(name__startswith="并发").exists()


def test_the_ledgers_page_offers_a_leader_exports_only_and_a_clerk_imports(client, users, district):
    client.force_login(users.leader)
    read_only = client.get("/ledgers/").content.decode()
    client.force_login(users.jyj_clerk)
    clerk = client.get("/ledgers/").content.decode()

    assert "<h1>台账导出</h1>" in read_only and "您的角色只能查阅，不能导入。" in read_only
    assert 'type="file"' not in read_only and "下载导入模板" not in read_only
    assert "/ledgers/people/export/" in read_only
    assert "<h1>台账导入导出</h1>" in clerk
    assert 'action="/ledgers/people/import/"' in clerk
