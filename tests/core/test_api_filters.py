"""Every list endpoint filters by its model's plain fields, searches its serializer's text fields and orders, without
per-app code (core.web.filters); a bad filter value is a 400 naming the field; a person is taken by ID number."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests import factories

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def people(district):
    return [
        factories.person(district.jyj, name="张三", id_number=factories.id_number(901)),
        factories.person(district.jyj, name="李四", id_number=factories.id_number(902)),
        factories.person(district.scj, name="张五", id_number=factories.id_number(903)),
    ]


def names(response) -> list[str]:
    """The names listed, without the people the `users` fixture makes (人员N)."""
    return sorted(row["name"] for row in response.json()["results"] if not row["name"].startswith("人员"))


def test_people_search_number_and_unit_filters(users, district, people):
    client = api(users.justice)
    assert names(client.get("/api/people/", {"search": "张"})) == ["张三", "张五"]
    assert names(client.get("/api/people/", {"id_number": factories.id_number(902)})) == ["李四"]
    assert names(client.get("/api/people/", {"organization": district.scj.pk})) == ["张五"]
    ordered = client.get("/api/people/", {"search": "张", "ordering": "-name"}).json()["results"]
    assert [row["name"] for row in ordered] == ["张五", "张三"]


def test_an_unknown_filter_value_is_a_400_naming_the_field(users, people):
    client = api(users.justice)
    response = client.get("/api/people/", {"organization": "教育局"})
    assert response.status_code == 400
    assert response.json() == {"organization": ["所在单位（编号）：输入一个数字。"]}
    response = client.get("/api/people/", {"is_active": "也许"})
    assert response.status_code == 400 and response.json()["is_active"][0].startswith("在职")


def test_search_never_reads_the_id_number(users, people):
    # The ID number is write-only in the API: searching part of it finds nothing.
    assert names(api(users.justice).get("/api/people/", {"search": factories.id_number(902)[:10]})) == []


def test_a_missing_or_out_of_scope_record_is_a_chinese_404(client, users, district):
    from tests import factories

    other = factories.person(district.other_dept, name="邻区人员")
    client.force_login(users.jyj_clerk)

    missing = client.get("/api/people/999999/")
    elsewhere = client.get(f"/api/people/{other.pk}/")

    assert missing.status_code == elsewhere.status_code == 404
    assert missing.json() == elsewhere.json() == {"detail": "该人员不存在或不在您的范围内。"}
