"""The activity API records through the service and its rules."""

from __future__ import annotations

import pytest

from fazhi.duties.models import Activity

pytestmark = pytest.mark.django_db


def test_the_api_records_activities_through_the_rules(client, users, district, leaders):
    client.force_login(users.justice)
    bad = client.post(
        "/api/duties/activities/",
        {"kind": "lecture", "held_on": "2025-03-01", "organization": "T-JYJ", "topic": "宪法"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "主要负责人讲法须写明" in str(bad.json())
    ok = client.post(
        "/api/duties/activities/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": "T-JYJ",
            "topic": "宪法",
            "people": [leaders["jyj"].pk],
        },
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["people_names"] == "许志诚"
    rows = client.get("/api/duties/activities/", {"kind": "lecture", "year": 2025}).json()["results"]
    assert [r["kind_label"] for r in rows] == ["主要负责人讲法"]


def test_the_api_refuses_people_the_caller_may_not_see(client, users, district, leaders):
    client.force_login(users.scj_clerk)
    response = client.post(
        "/api/duties/activities/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": "T-SCJ",
            "topic": "宪法",
            "people": [leaders["jyj"].pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 403 and f"编号为{leaders['jyj'].pk}的人员" in str(response.json())
    assert not Activity.objects.exists()
