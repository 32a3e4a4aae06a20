"""The staff pages, API and admin of the lists: add and remove through the services, never delete; the API lists
what was in force on a day."""

from __future__ import annotations

import pytest

from fazhi.catalogs.models import ListItem, ServiceItem

from .conftest import D, certification

pytestmark = pytest.mark.django_db


def test_the_staff_page_adds_and_removes_an_item(client, users, district):
    client.force_login(users.jyj_clerk)
    response = client.post(
        "/catalogs/certification/add/",
        {
            "code": "ZM-1",
            "name": "无犯罪记录证明",
            "basis": "《教师法》第十四条",
            "organization": district.jyj.pk,
            "issuer": "派出所",
            "added_on": "2024-03-01",
        },
    )
    assert response.status_code == 302, response.content.decode()
    item = ListItem.objects.get()
    response = client.post(
        f"/catalogs/certification/{item.pk}/remove/", {"removed_on": "2024-02-01", "reason": "取消"}
    )
    assert response.status_code == 400
    assert "移出日期（2024-02-01）应晚于列入日期（2024-03-01）" in response.content.decode()
    client.post(f"/catalogs/certification/{item.pk}/remove/", {"removed_on": "2025-06-30", "reason": "取消"})
    assert ListItem.objects.get().removed_on == D(2025, 6, 30)
    page = client.get("/catalogs/certification/", {"on": "2025-01-01"}).content.decode()
    assert '<strong id="in-force">1</strong>' in page


def test_a_commitment_item_added_on_the_page_needs_its_verification(client, users, district):
    client.force_login(users.justice)
    data = {
        "code": "CN-1",
        "name": "食品经营许可",
        "basis": "《食品安全法》第三十五条",
        "organization": district.scj.pk,
        "false_commitment": "撤销许可",
        "added_on": "2024-03-01",
    }
    response = client.post("/catalogs/commitment/add/", data)
    assert response.status_code == 400 and "须写明核查方式" in response.content.decode()
    client.post("/catalogs/commitment/add/", {**data, "verification": ["网络核查", "书面核查"]})
    assert ListItem.objects.get().verification == "书面核查、网络核查"


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


def test_the_admin_never_deletes_and_removes_through_the_service(client, users, district):
    item = certification(users.justice, district.jyj, "ZM-1")
    client.force_login(users.justice)
    assert client.post(f"/admin/catalogs/listitem/{item.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(
        f"/admin/catalogs/listitem/{item.pk}/change/", {"removed_on": "2025-01-01", "removal_reason": "取消"}
    )
    item.refresh_from_db()
    assert (item.removed_on, item.removal_reason, item.name) == (D(2025, 1, 1), "取消", "证明ZM-1")
