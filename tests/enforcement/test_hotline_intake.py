"""12345工单接入: the hotline platform pushes work orders with its API token; those within supervision's scope become
clues once per order number, the rest are answered and not registered."""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from fazhi.core import clock, services
from fazhi.core.models import AuditEvent
from fazhi.enforcement.models import SupervisionClue

URL = "/api/enforcement/hotline-orders/"


def platform(users) -> APIClient:
    _, raw = services.issue_token(actor=users.admin, user=users.supervisor, name="12345热线平台对接")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


def order(district, **fields):
    return {
        "external_number": "2025112600017",
        "received_on": "2025-11-26",
        "organization": district.jyj.code,
        "content": "某培训机构执法人员检查时未出示执法证件",
        "category": "行政执法",
        **fields,
    }


def test_an_order_in_scope_becomes_one_clue_with_its_due_date_and_a_second_push_changes_nothing(
    district, users
):
    clock.freeze(dt.date(2025, 11, 27))
    client = platform(users)

    first = client.post(URL, order(district), format="json")
    again = client.post(URL, order(district), format="json")

    assert first.status_code == 201 and first.json()["message"] == "工单“2025112600017”已登记为执法监督线索。"
    clue = SupervisionClue.objects.get()
    assert (clue.source, clue.organization, clue.received_on) == (
        "hotline",
        district.jyj,
        dt.date(2025, 11, 26),
    )
    # 15 working days from Wed 26 Nov 2025, the day itself not counted: Wed 17 Dec 2025
    assert clue.due_on == dt.date(2025, 12, 17)
    assert again.status_code == 200 and again.json()["created"] is False
    assert again.json()["message"] == "工单“2025112600017”此前已登记，未重复登记。"
    assert SupervisionClue.objects.count() == 1
    assert AuditEvent.objects.filter(action=AuditEvent.Action.API_CALL, note=f"POST {URL}").count() == 2


def test_an_order_outside_supervision_is_answered_and_not_registered(district, users):
    clock.freeze(dt.date(2025, 11, 27))
    client = platform(users)

    answer = client.post(URL, order(district, category="政策咨询"), format="json")
    flagged = client.post(
        URL,
        order(district, external_number="2025112600018", category="政策咨询", about_enforcement=True),
        format="json",
    )

    assert answer.status_code == 200
    assert answer.json() == {
        "registered": False,
        "created": False,
        "message": "工单“2025112600017”不属于行政执法监督范围，未登记。",
        "clue": None,
    }
    assert flagged.status_code == 201
    assert list(SupervisionClue.objects.values_list("external_number", flat=True)) == ["2025112600018"]


def test_bad_orders_are_refused_in_chinese_naming_the_field(district, users):
    clock.freeze(dt.date(2025, 11, 27))
    client = platform(users)

    unknown_unit = client.post(URL, order(district, organization="NOPE"), format="json")
    future = client.post(URL, order(district, received_on="2025-12-01"), format="json")

    assert unknown_unit.status_code == 400 and "organization" in unknown_unit.json()
    assert future.status_code == 400
    assert "不能晚于今天" in str(future.json())
    assert not SupervisionClue.objects.exists()
