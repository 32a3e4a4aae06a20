"""The litigation API: lawsuits scoped by unit with the ID masked and the timeline, registration and each step through
the services (refusals 400/403 in Chinese), cases by department, and meetings."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.litigation.models import Lawsuit, LiaisonMeeting

from ..conftest import PLAINTIFF_ID

pytestmark = pytest.mark.django_db


def test_list_is_scoped_and_masks_the_plaintiff(client, users, lawsuit):
    client.force_login(users.jyj_clerk)
    rows = client.get("/api/litigation/lawsuits/").json()["results"]
    assert [r["case_number"] for r in rows] == ["（2024）宁0303行初12号"]
    assert rows[0]["masked_plaintiff_id"] == PLAINTIFF_ID[:6] + "********" + PLAINTIFF_ID[-4:]
    assert "plaintiff_id_number" not in rows[0]
    assert rows[0]["defence_due"] == "2024-10-08"
    assert [s["key"] for s in rows[0]["timeline"]][:2] == ["served", "defence"]
    client.force_login(users.scj_clerk)
    assert client.get("/api/litigation/lawsuits/").json()["results"] == []
    assert client.get(f"/api/litigation/lawsuits/{lawsuit.pk}/").status_code == 404


def test_register_and_take_steps_through_the_api(client, users, district, head):
    client.force_login(users.reconsideration)
    response = client.post(
        "/api/litigation/lawsuits/",
        {
            "court": "测试区人民法院",
            "case_number": "（2025）宁0303行初3号",
            "instance": "first",
            "plaintiff_kind": "person",
            "plaintiff_name": "张三",
            "plaintiff_id_number": PLAINTIFF_ID,
            "defendant": "T-JYJ",
            "responsible_department": "T-JYJ",
            "cause": "信息公开",
            "served_on": "2025-03-06",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["defence_due"] == "2025-03-21"
    base = f"/api/litigation/lawsuits/{pk}"
    assert (
        client.post(
            f"{base}/defence/", {"submitted_on": "2025-03-18"}, content_type="application/json"
        ).status_code
        == 200
    )
    refused = client.post(
        f"{base}/judgment/",
        {"outcome": "revoked", "judged_on": "2025-05-06"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "一审作出判决前须登记开庭情况" in str(refused.json())
    hearing = client.post(
        f"{base}/hearings/",
        {"held_on": "2025-04-20", "head_appeared": True, "head": head.pk},
        content_type="application/json",
    )
    assert hearing.status_code == 201 and hearing.json()["head_name"] == "许局长"
    judged = client.post(
        f"{base}/judgment/",
        {"outcome": "revoked", "judged_on": "2025-05-06"},
        content_type="application/json",
    )
    assert judged.json()["status"] == "judged" and judged.json()["result_label"] == "败诉"
    effective = client.post(
        f"{base}/effective/", {"effective_on": "2025-05-22"}, content_type="application/json"
    )
    assert effective.json()["status"] == "effective"
    done = client.post(
        f"{base}/performance/",
        {"performed_on": "2025-06-02", "note": "已重新作出"},
        content_type="application/json",
    )
    assert done.json()["status"] == "closed"
    client.force_login(users.leader)
    assert client.post(f"{base}/supervision-clue/", {}, content_type="application/json").status_code == 403
    client.force_login(users.justice)
    clue = client.post(
        f"{base}/supervision-clue/", {"received_on": "2025-06-10"}, content_type="application/json"
    )
    assert clue.status_code == 200 and clue.json()["id"] == pk  # the answer is the lawsuit, not the new clue
    assert clue.json()["supervision_clue"] == enforcement_selectors.clue_for(Lawsuit.objects.get(pk=pk)).pk
    assert clue.json()["supervision_clue"] is not None
    assert Lawsuit.objects.get(pk=pk).performed_on == dt.date(2025, 6, 2)


def test_by_department_counts_the_year(client, users, lawsuit):
    client.force_login(users.reconsideration)
    rows = client.get("/api/litigation/lawsuits/by-department/?year=2024").json()
    assert rows == [
        {
            "department_id": lawsuit.responsible_department_id,
            "department": "测试区教育局",
            "code": "T-JYJ",
            "count": 1,
        }
    ]
    assert client.get("/api/litigation/lawsuits/by-department/?year=x").status_code == 400


def test_meetings_api(client, users, district):
    client.force_login(users.justice)
    response = client.post(
        "/api/litigation/meetings/",
        {
            "held_on": "2025-04-24",
            "kind": "procuratorate",
            "title": "府检座谈会",
            "organization": "T-SFJ",
            "participants": "区政府、区检察院",
            "topics": "检察监督衔接",
        },
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["kind_label"] == "府检联动"
    client.force_login(users.other_justice)
    assert client.get("/api/litigation/meetings/").json()["results"] == []
    assert LiaisonMeeting.objects.count() == 1


def test_the_api_schema_documents_the_litigation_endpoints(client, users):
    client.force_login(users.justice)
    response = client.get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/litigation/lawsuits/{id}/judgment/" in text
    assert "/api/litigation/meetings/" in text
