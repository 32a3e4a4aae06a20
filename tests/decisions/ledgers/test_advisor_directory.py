"""The legal-advisor directory (法律顾问名录) comes in by ledger and by API; then the attendance ledger that needs it
takes its rows (parent, then child, from files alone); re-importing the directory changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from fazhi.core import clock
from fazhi.core.io.ledgers import run_import
from fazhi.decisions.ledgers import LegalAdvisorLedger
from fazhi.decisions.models import AdvisorAttendance, LegalAdvisor
from tests import factories

from .test_imports import ATTENDANCE_HEADERS, xlsx

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in LegalAdvisorLedger.columns]
FIRM = "宁夏青山律师事务所"


@pytest.fixture(autouse=True)
def _today():
    clock.freeze(dt.date(2025, 6, 1))


def directory(users, rows, *, dry_run=False):
    return run_import(
        "legal_advisors",
        content=xlsx(HEADERS, rows),
        filename="名录.xlsx",
        actor=users.justice,
        dry_run=dry_run,
    )


def test_directory_then_attendances_from_files_alone(users, district):
    lawyer = factories.person(district.sfj, name="马律师", id_number=factories.id_number(601))
    rows = [
        [FIRM, "律师事务所", "T", "2025-01-01", "2025-12-31", "T-JYJ、T-SCJ", "", "", "0951-1234567"],
        ["马律师", "个人", "T-SFJ", "2024-07-01", "2026-06-30", "", factories.id_number(601), "advisor", ""],
    ]
    result = directory(users, rows)
    assert result.ok and result.created == 2, result.errors
    firm = LegalAdvisor.objects.get(name=FIRM)
    assert (firm.organization.code, firm.kind, firm.contract_end) == ("T", "law_firm", dt.date(2025, 12, 31))
    assert sorted(firm.units_served.values_list("code", flat=True)) == ["T-JYJ", "T-SCJ"]
    ma = LegalAdvisor.objects.get(name="马律师")
    assert (ma.person, ma.user) == (lawyer, users.advisor)

    again = directory(users, rows, dry_run=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = directory(users, [[*rows[0][:8], "0951-7654321"], rows[1]], dry_run=True)
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)

    meetings = [[FIRM, "T", "政府常务会议", "区政府第5次常务会议", "2025-03-12"]]
    child = run_import(
        "advisor_attendances",
        content=xlsx(ATTENDANCE_HEADERS, meetings),
        filename="列席.xlsx",
        actor=users.justice,
        dry_run=False,
    )
    assert child.ok and child.created == 1, child.errors
    assert AdvisorAttendance.objects.get().advisor == firm


def test_directory_rows_are_checked_by_the_advisor_rule(users, district):
    rows = [
        [FIRM, "律师事务所", "T", "2025-12-31", "2025-01-01", "T-NOPE", "", "nobody", ""],
    ]
    result = directory(users, rows)
    assert [str(e) for e in result.errors] == [
        "第2行“服务单位代码”列：单位代码“T-NOPE”不存在。",
    ]
    rows = [[FIRM, "律师事务所", "T", "2025-12-31", "2025-01-01", "", "", "", ""]]
    assert [str(e) for e in directory(users, rows).errors] == [
        "第2行“聘期结束”列：聘期结束日期不能早于开始日期。"
    ]
    assert not LegalAdvisor.objects.exists()


def test_api_registers_an_advisor_with_the_person_by_id_number_and_finds_it(users, district):
    lawyer = factories.person(district.sfj, name="牛律师", id_number=factories.id_number(602))
    client = APIClient()
    client.force_authenticate(users.justice)
    payload = {
        "name": "牛律师",
        "kind": "person",
        "organization": "T-SFJ",
        "units_served": ["T-JYJ"],
        "contract_start": "2025-01-01",
        "contract_end": "2025-12-31",
        "person": factories.id_number(602),
    }
    response = client.post("/api/decisions/advisors/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["units_served"] == ["T-JYJ"] and response.json()["person"] == lawyer.pk
    client.post("/api/decisions/advisors/", {**payload, "name": "羊律师", "person": None}, format="json")
    rows = client.get("/api/decisions/advisors/", {"search": "牛"}).json()["results"]
    assert [r["name"] for r in rows] == ["牛律师"]
    response = client.post(
        "/api/decisions/advisors/", {**payload, "contract_end": "2024-01-01"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"contract_end": ["聘期结束日期不能早于开始日期。"]}
