"""The national-platform export (csv, xlsx, json), scoped, with no live formula; the platform entry date."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from fazhi.core.io import sheets
from fazhi.disputes import services
from fazhi.disputes.documents import platform

from ..conftest import accepted, register

D = dt.date


@pytest.fixture
def decided(users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    services.record_opinion(
        actor=users.reconsideration, case=case, heard_on=D(2025, 3, 20), method="phone", with_whom="申请人"
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome="confirm_illegal",
        summary="程序违法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )
    return case


def test_platform_export_in_csv_and_json(users, district, decided):
    register(users, district, received_on=D(2024, 12, 30))  # another year: not exported
    services.record_platform_entry(
        actor=users.reconsideration, case=decided, on=D(2025, 3, 5), number="QG2025000001"
    )
    name, content = platform.export(actor=users.reconsideration, year=2025, fmt="csv")
    assert name.endswith(".csv") and content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == [header for _, header in platform.FIELDS]
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["案号"] == "澄复〔2025〕1号"
    assert row["申请人证件号码"] == decided.applicant_id_code
    assert (row["受理日期"], row["审理期限届满日"], row["结案方式"]) == (
        "2025-03-04",
        "2025-05-06",
        "确认违法",
    )
    assert (row["听取意见次数"], row["录入平台日期"], row["平台案件编号"]) == (
        "1",
        "2025-03-05",
        "QG2025000001",
    )
    _, content = platform.export(actor=users.reconsideration, year=2025, fmt="json")
    data = json.loads(content)
    assert data["year"] == 2025 and data["count"] == 1
    assert list(data["cases"][0]) == [key for key, _ in platform.FIELDS]
    assert data["cases"][0]["concluded_on"] == "2025-04-01"


def test_platform_export_is_scoped(users, district, decided):
    _, content = platform.export(actor=users.jyj_clerk, year=2025, fmt="json")
    assert json.loads(content)["count"] == 0


def test_platform_entry_cannot_precede_receipt(users, decided):
    with pytest.raises(ValidationError):
        services.record_platform_entry(actor=users.reconsideration, case=decided, on=D(2025, 3, 1))


def test_platform_export_never_carries_a_live_formula_in_csv_or_xlsx(users, district):
    # given an application whose contested act was typed starting with "="
    register(users, district, received_on=D(2025, 3, 3), contested_act='=HYPERLINK("http://x")处罚决定')
    # when the year is exported as csv, the cell is neutralised and reads back as typed through core.io.sheets
    _, content = platform.export(actor=users.reconsideration, year=2025, fmt="csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    cell = dict(zip(rows[0], rows[1], strict=True))["被申请行政行为"]
    assert cell == '\'=HYPERLINK("http://x")处罚决定'
    assert sheets.unescape_csv(cell) == '=HYPERLINK("http://x")处罚决定'
    # and as xlsx, the cell is a plain string, not a formula
    name, content = platform.export(actor=users.reconsideration, year=2025, fmt="xlsx")
    ws = load_workbook(io.BytesIO(content)).worksheets[0]
    headers = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=headers.index("被申请行政行为") + 1)
    assert name.endswith(".xlsx") and cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_only_the_office_exports_full_id_numbers_and_the_audit_says_which(users, district, decided):
    from fazhi.core.models import AuditEvent

    _, office = platform.export(actor=users.reconsideration, year=2025, fmt="json")
    _, leader = platform.export(actor=users.leader, year=2025, fmt="json")
    _, supervisor = platform.export(actor=users.supervisor, year=2025, fmt="json")

    assert json.loads(office)["cases"][0]["applicant_id_code"] == decided.applicant_id_code
    for content in (leader, supervisor):
        number = json.loads(content)["cases"][0]["applicant_id_code"]
        assert number == decided.masked_id_code and number != decided.applicant_id_code
    notes = list(
        AuditEvent.objects.filter(action__in=[AuditEvent.Action.EXPORT, AuditEvent.Action.UNMASK])
        .order_by("seq")
        .values_list("action", "note")
    )
    # The export with full numbers is an unmasking (查看完整个人信息, issue 18).
    assert notes == [
        ("unmask", "导出2025年行政复议案件（全国行政复议工作平台，JSON，1件，含完整证件号码）"),
        ("export", "导出2025年行政复议案件（全国行政复议工作平台，JSON，1件，证件号码已脱敏）"),
        ("export", "导出2025年行政复议案件（全国行政复议工作平台，JSON，1件，证件号码已脱敏）"),
    ]
