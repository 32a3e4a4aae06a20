"""A client finds a case by its 案号 and narrows the docket with filters and search instead of paging through it; the
OpenAPI schema says which fields each action of the case takes."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.disputes import services

from ..conftest import accepted, register

D = dt.date


def test_lookup_by_docket_number_filters_and_search(client, users, district):
    clock.freeze(D(2025, 12, 1))
    first = register(users, district, received_on=D(2025, 3, 3), applicant_name="王某甲")
    second = accepted(
        users, district, received_on=D(2025, 4, 1), applicant_name="李某乙", respondent=district.jyj
    )
    services.send_copy(actor=users.reconsideration, case=second, on=D(2025, 4, 3))
    client.force_login(users.reconsideration)
    found = client.get("/api/reconsideration-cases/lookup/", {"docket_number": "澄复〔2025〕2号"})
    assert found.status_code == 200 and found.json()["id"] == second.pk
    missing = client.get("/api/reconsideration-cases/lookup/", {"docket_number": "澄复〔2025〕9号"})
    assert missing.status_code == 404 and "澄复〔2025〕9号" in missing.json()["detail"]
    assert client.get("/api/reconsideration-cases/lookup/").status_code == 400

    def ids(**params):
        response = client.get("/api/reconsideration-cases/", params)
        assert response.status_code == 200, response.content
        body = response.json()
        return [row["id"] for row in body.get("results", body)]

    assert ids(docket_number="澄复〔2025〕1号") == [first.pk]
    assert ids(status="reviewing") == [second.pk]
    assert ids(search="王某甲") == [first.pk]
    assert ids(received_on__gte="2025-04-01") == [second.pk]
    assert ids(respondent=district.jyj.pk) == [second.pk]
    bad = client.get("/api/reconsideration-cases/", {"status": "nonsense"})
    assert bad.status_code == 400 and "状态" in bad.json()["status"][0]


def test_the_schema_lists_each_action_and_its_fields(client, users):
    client.force_login(users.reconsideration)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    request = schema["paths"]["/api/reconsideration-cases/{id}/actions/"]["post"]["requestBody"]
    assert request["content"]["application/json"]["schema"]["$ref"].endswith("/ReconsiderationActionRequest")
    variants = schema["components"]["schemas"]["ReconsiderationActionRequest"]["discriminator"]["mapping"]
    assert {"accept", "decide", "extend", "refuse", "close"} <= set(variants)
    extend = schema["components"]["schemas"]["ReconsiderationActionExtendData"]
    assert {"days", "approved_by", "approved_on", "reason"} <= set(extend["properties"])
    assert extend["properties"]["days"]["type"] == "integer"


def test_a_number_past_what_the_database_compares_is_a_400_naming_the_field(client, users, district):
    client.force_login(users.reconsideration)
    response = client.get("/api/reconsideration-cases/", {"respondent": "-4.07e+110"})
    assert response.status_code == 400
    assert response.json()["respondent"][0].startswith("被申请人（编号）：")
