"""A client finds a lawsuit by the court's 案号 and narrows the list with filters and search."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.litigation import services

from ..conftest import judge, lawsuit_fields

pytestmark = pytest.mark.django_db
D = dt.date


def test_lookup_by_case_number_filters_and_search(client, users, district, head, lawsuit):
    other = services.register_lawsuit(
        actor=users.reconsideration,
        **lawsuit_fields(
            district, case_number="（2024）宁0303行初13号", plaintiff_name="李四", cause="行政处罚"
        ),
    )
    judge(users.reconsideration, lawsuit, head, "revoked")
    client.force_login(users.justice)
    found = client.get("/api/litigation/lawsuits/lookup/", {"case_number": "（2024）宁0303行初13号"})
    assert found.status_code == 200 and found.json()["id"] == other.pk
    missing = client.get("/api/litigation/lawsuits/lookup/", {"case_number": "（2024）宁0303行初99号"})
    assert missing.status_code == 404 and "（2024）宁0303行初99号" in missing.json()["detail"]
    assert client.get("/api/litigation/lawsuits/lookup/").status_code == 400

    def ids(**params):
        response = client.get("/api/litigation/lawsuits/", params)
        assert response.status_code == 200, response.content
        body = response.json()
        return [row["id"] for row in body.get("results", body)]

    assert ids(case_number="（2024）宁0303行初12号") == [lawsuit.pk]
    assert ids(result="lost") == [lawsuit.pk]
    assert ids(status="served") == [other.pk]
    assert ids(search="行政处罚") == [other.pk]
    assert sorted(ids(served_on__gte="2024-09-20")) == sorted([lawsuit.pk, other.pk])
