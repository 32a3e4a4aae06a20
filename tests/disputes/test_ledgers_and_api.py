"""The docket ledger (template, export, import with new numbers), the API, and concurrent registration on
PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import threading

import pytest
from django.db import connection
from openpyxl import Workbook, load_workbook

from fazhi.core.io import ledgers
from fazhi.disputes.models import DocketSequence, ReconsiderationCase
from tests import factories

from .conftest import register

Case = ReconsiderationCase
D = dt.date


def xlsx(rows) -> bytes:
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_template_export_and_import(users, district):
    template = load_workbook(io.BytesIO(ledgers.template_xlsx("disputes_cases"))).worksheets[0]
    headers = [c.value for c in template[1]]
    assert headers[:3] == ["案号", "收到申请日期", "申请渠道"]
    existing = register(users, district, received_on=D(2025, 1, 6))
    exported = load_workbook(
        io.BytesIO(ledgers.export_for(actor=users.reconsideration, ledger="disputes_cases"))
    )
    row = [c.value for c in exported.worksheets[0][2]]
    assert row[0] == existing.docket_number and existing.masked_id_code in row
    number = factories.id_number()
    content = xlsx(
        [
            headers,
            [
                None,
                "2025-02-10",
                "邮寄申请",
                "自然人",
                "刘某",
                number,
                "",
                "",
                "T-JYJ",
                "不予答复",
                "2025-01-20",
                "责令答复",
                "T-SFJ",
            ],
            row[:4] + ["张某（更正）"] + row[5:],
        ]
    )
    result = ledgers.run_import(
        "disputes_cases", content=content, filename="c.xlsx", actor=users.reconsideration, dry_run=False
    )
    assert result.ok, result.errors
    assert (result.created, result.updated) == (1, 1)
    new = Case.objects.get(applicant_name="刘某")
    assert new.docket_number == "澄复〔2025〕2号"
    assert new.clocks.get(kind="examination").due_on == D(2025, 2, 17)
    existing.refresh_from_db()
    assert existing.applicant_name == "张某（更正）"
    assert existing.applicant_id_code != existing.masked_id_code  # the masked export came back unchanged


def test_import_with_a_bad_row_imports_nothing(users, district):
    headers = [c.header for c in ledgers.get("disputes_cases").columns]
    content = xlsx(
        [
            headers,
            [
                None,
                "2025-02-10",
                "邮寄申请",
                "自然人",
                "刘某",
                "123",
                "",
                "",
                "T-NONE",
                "x",
                "2025-01-20",
                "x",
                "T-SFJ",
            ],
        ]
    )
    result = ledgers.run_import(
        "disputes_cases", content=content, filename="c.xlsx", actor=users.reconsideration, dry_run=False
    )
    assert not result.ok
    assert any("不存在" in e.message for e in result.errors)
    assert not Case.objects.exists() and not DocketSequence.objects.exists()


def test_api_lists_registers_and_acts(client, users, district):
    client.force_login(users.reconsideration)
    response = client.post(
        "/api/reconsideration-cases/",
        {
            "channel": "mail",
            "received_on": "2025-09-29",
            "applicant_kind": "person",
            "applicant_name": "赵某",
            "applicant_id_code": factories.id_number(),
            "respondent": "T-SCJ",
            "contested_act": "处罚决定",
            "act_date": "2025-09-01",
            "request": "撤销",
            "procedure": "ordinary",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["docket_number"] == "澄复〔2025〕1号" and "applicant_id_code" not in body
    assert body["clocks"][0]["due_on"] == "2025-10-13"
    pk = body["id"]
    response = client.post(
        f"/api/reconsideration-cases/{pk}/actions/",
        {"name": "accept", "data": {"on": "2025-10-09", "procedure": "ordinary"}},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = client.post(
        f"/api/reconsideration-cases/{pk}/actions/",
        {"name": "decide", "data": {"on": "2025-10-20", "outcome": "uphold", "summary": "x"}},
        content_type="application/json",
    )
    assert response.status_code == 400
    client.force_login(users.other_justice)
    listing = client.get("/api/reconsideration-cases/").json()
    assert (listing["results"] if isinstance(listing, dict) else listing) == []


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_take_unique_gapless_numbers(district):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database (PostgreSQL)")
    from types import SimpleNamespace

    from fazhi.core.models import Role

    staff = factories.user(Role.RECONSIDERATION_STAFF, district.sfj, username="fuyi-concurrent")
    users = SimpleNamespace(reconsideration=staff)
    errors = []

    def write(i):
        try:
            for _ in range(5):
                register(users, district, received_on=D(2025, 3, 3))
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(Case.objects.values_list("docket_seq", flat=True)) == list(range(1, 21))
    assert DocketSequence.objects.get(year=2025).last_seq == 20
