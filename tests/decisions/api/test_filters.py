"""The decisions list endpoint filters by status, unit and dates and searches titles (core.web.filters)."""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from fazhi.decisions import services as decision_services


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_decisions_by_status_date_and_search(users, district, catalog, decision):
    item = catalog.items.get(title="农贸市场改造")
    decision_services.register_decision(
        actor=users.scj_clerk,
        title=item.title,
        organization=district.scj,
        decision_body=district.root,
        registered_on=dt.date(2024, 5, 12),
        catalog_item=item,
    )
    client = api(users.justice)

    def titles(**params):
        response = client.get("/api/decisions/", params)
        assert response.status_code == 200, response.json()
        return sorted(row["title"] for row in response.json()["results"])

    assert titles() == ["中小学布局调整", "农贸市场改造"]
    assert titles(search="农贸") == ["农贸市场改造"]
    assert titles(registered_on__lte="2024-04-01") == ["中小学布局调整"]
    assert titles(organization=district.scj.pk) == ["农贸市场改造"]
    assert titles(status="registered") == ["中小学布局调整", "农贸市场改造"]
    assert titles(status="public_participation") == []
    response = client.get("/api/decisions/", {"status": "closed"})
    assert response.status_code == 400 and response.json()["status"][0].startswith("状态：选择一个有效的选项")
