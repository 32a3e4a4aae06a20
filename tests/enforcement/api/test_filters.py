"""The enforcement list endpoints filter and search (core.web.filters); a person is taken by ID number."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from fazhi.core import clock
from fazhi.enforcement import services as enforcement_services
from tests import factories

from ..conftest import issue

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def certificates(users, body, district):
    clock.freeze(dt.date(2025, 6, 1))
    first = factories.person(district.team, name="王执法", id_number=factories.id_number(911))
    second = factories.person(district.team, name="赵执法", id_number=factories.id_number(912))
    issue(users.justice, first, body, "64030001")
    issue(
        users.justice, second, body, "64030002", issued_on=dt.date(2025, 3, 1), exam_on=dt.date(2025, 1, 20)
    )
    return first, second


def test_enforcement_certificates_by_number_date_range_and_search(users, certificates):
    client = api(users.justice)
    rows = client.get("/api/enforcement/certificates/", {"number": "64030002"}).json()["results"]
    assert [row["number"] for row in rows] == ["64030002"]
    rows = client.get("/api/enforcement/certificates/", {"issued_on__gte": "2025-01-01"}).json()["results"]
    assert [row["number"] for row in rows] == ["64030002"]
    rows = client.get("/api/enforcement/certificates/", {"issued_on__lte": "2024-12-31"}).json()["results"]
    assert [row["number"] for row in rows] == ["64030001"]
    response = client.get("/api/enforcement/certificates/", {"issued_on__gte": "2025-13-01"})
    assert response.status_code == 400
    assert response.json() == {"issued_on__gte": ["发证日期（起）：输入一个有效的日期。"]}
    response = client.get("/api/enforcement/certificates/", {"status": "lost"})
    assert response.status_code == 400 and response.json()["status"][0].startswith("状态：选择一个有效的选项")


def test_a_certificate_is_issued_to_a_person_named_by_id_number(users, body, district):
    clock.freeze(dt.date(2025, 6, 1))
    officer = factories.person(district.team, name="钱执法", id_number=factories.id_number(921))
    enforcement_services.record_exam(
        actor=users.justice, person=officer, body=body, exam_on=dt.date(2025, 1, 10), score=90
    )
    payload = {
        "person": factories.id_number(921),
        "body": body.pk,
        "number": "64030009",
        "issued_on": "2025-02-01",
        "valid_until": "2030-01-31",
    }
    response = api(users.justice).post("/api/enforcement/certificates/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["number"] == "64030009"
    assert officer.enforcement_certificates.get().number == "64030009"
    response = api(users.justice).post(
        "/api/enforcement/certificates/",
        {**payload, "number": "64030010", "person": factories.id_number(999)},
        format="json",
    )
    assert response.status_code == 400
    masked = factories.id_number(999)[:6] + "********" + factories.id_number(999)[-4:]
    assert response.json() == {"person": [f"人员“{masked}”不存在或不在您的范围内。"]}
