"""The lists API: items in force on a day; adding and removing through the services."""

from __future__ import annotations

import pytest

from fazhi.catalogs.models import ServiceItem

pytestmark = pytest.mark.django_db


def test_the_api_lists_items_in_force_on_a_day_and_removes_one(client, users, history):
    client.force_login(users.justice)
    rows = client.get("/api/catalogs/items/", {"catalog": "certification", "on": "2024-12-31"}).json()[
        "results"
    ]
    assert [r["code"] for r in rows] == ["ZM-1", "ZM-2"]
    bad = client.get("/api/catalogs/items/", {"on": "2024-13-01"})
    assert bad.status_code == 400 and "日期“2024-13-01”无效" in str(bad.json())
    kept = history[0]
    response = client.post(
        f"/api/catalogs/items/{kept.pk}/remove/",
        {"removed_on": "2026-01-01", "reason": "取消"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["removed_on"] == "2026-01-01"


def test_the_api_adds_service_items_through_the_service(client, users, district):
    client.force_login(users.scj_clerk)
    response = client.post(
        "/api/catalogs/service-items/",
        {
            "code": "FW-1",
            "name": "个体工商户设立登记",
            "organization": "T-SCJ",
            "mode": "committed",
            "added_on": "2024-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "承诺办事项须写明承诺办结时限" in str(response.json())
    response = client.post(
        "/api/catalogs/service-items/",
        {
            "code": "FW-1",
            "name": "个体工商户设立登记",
            "organization": "T-JYJ",
            "mode": "instant",
            "added_on": "2024-01-01",
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not ServiceItem.objects.exists()
