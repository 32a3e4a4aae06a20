"""The staff pages of the lists add and remove items through the services."""

from __future__ import annotations

import pytest

from fazhi.catalogs.models import ListItem

from ..conftest import D

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
