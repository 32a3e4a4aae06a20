"""Every API list refuses a query parameter it does not take — a 400 naming it, with the parameters it does take and
no records — instead of silently listing everything (core.web.filters); the parameters it takes are exactly those the
OpenAPI schema lists for it, and a known filter still filters."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import get_resolver
from django.urls.resolvers import URLResolver
from rest_framework.test import APIClient

from fazhi.core import clock
from fazhi.core.web import filters
from fazhi.enforcement.models import SupervisionClue as Clue
from fazhi.indicators.api import IndicatorListView
from tests import factories

pytestmark = pytest.mark.django_db
UNKNOWN = "no_such_param"
ACCEPTED = re.compile(r"本接口可用的查询参数：(.*)。$")


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.callback


def list_endpoints() -> list[str]:
    """The URL of every list of the API: each viewset's `list`, and the views that answer with a list of figures."""
    found = []
    for route, callback in _walk(get_resolver().url_patterns):
        actions = getattr(callback, "actions", None) or {}
        if not route.startswith("api/") or "<" in route or "(?P" in route:
            continue
        if actions.get("get") == "list" or getattr(callback, "cls", None) is IndicatorListView:
            found.append("/" + route.replace("^", "").replace("$", ""))
    return sorted(set(found))


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def accepted_of(response) -> list[str]:
    """The parameters a refusal lists as those the endpoint takes."""
    return ACCEPTED.search(response.json()[UNKNOWN][0]).group(1).split("、")


def test_the_walk_finds_every_list(db):
    urls = list_endpoints()
    assert len(urls) == 32  # with the clean-up campaigns and self-assessments lists
    assert {"/api/enforcement/clues/", "/api/people/", "/api/indicators/", "/api/reports/drafts/"} <= set(
        urls
    )


def test_every_list_refuses_an_unknown_parameter_naming_it(users, district):
    clock.freeze(dt.date(2025, 12, 1))
    client = api(users.justice)
    schema = client.get("/api/schema/", {"format": "json"}).json()
    for url in list_endpoints():
        response = client.get(url, {UNKNOWN: "1"})
        assert response.status_code == 400, (url, response.status_code, response.content[:300])
        body = response.json()
        assert list(body) == [UNKNOWN], url  # the refusal only: no records
        assert body[UNKNOWN][0].startswith(f"不支持的查询参数“{UNKNOWN}”。本接口可用的查询参数："), url
        taken = accepted_of(response)
        assert UNKNOWN not in taken and "format" in taken
        # what the endpoint takes is what its schema documents (format is DRF's, for every endpoint)
        documented = {
            p["name"] for p in schema["paths"][url]["get"].get("parameters", []) if p["in"] == "query"
        }
        assert set(taken) - {"format"} == documented, url


def test_a_misspelt_filter_is_refused_with_the_nearest_one(users, district):
    response = api(users.justice).get("/api/enforcement/clues/", {"extrnal_number": "12345-1"})
    assert response.status_code == 400
    message = response.json()["extrnal_number"][0]
    assert message.startswith(
        "不支持的查询参数“extrnal_number”。是否应为“external_number”？本接口可用的查询参数："
    )
    taken = ACCEPTED.search(message).group(1).split("、")
    assert taken[:4] == ["page", "page_size", "search", "ordering"]
    assert {"external_number", "status", "received_on__gte", "received_on__lte"} <= set(taken)


def _clue(district, number: str, received_on: dt.date) -> Clue:
    return Clue.objects.create(
        organization=district.sfj,
        source=Clue.Source.HOTLINE,
        external_number=number,
        received_on=received_on,
        content=f"工单{number}",
        due_on=received_on + dt.timedelta(days=30),
    )


def test_known_filters_pages_and_the_lists_own_parameters_still_work(users, district):
    clock.freeze(dt.date(2025, 12, 1))
    for n in range(1, 4):
        _clue(district, f"12345-{n}", dt.date(2025, 3, n))
    client = api(users.justice)
    found = client.get("/api/enforcement/clues/", {"external_number": "12345-2"}).json()
    assert [row["external_number"] for row in found["results"]] == ["12345-2"]
    paged = client.get(
        "/api/enforcement/clues/", {"page_size": 2, "page": 2, "ordering": "received_on"}
    ).json()
    assert (paged["count"], [row["external_number"] for row in paged["results"]]) == (3, ["12345-3"])
    assert client.get("/api/enforcement/clues/", {"page_size": 0}).json() == {
        "page_size": [f"每页条数应为1至{filters.MAX_PAGE_SIZE}的整数。"]
    }
    person = factories.person(district.jyj, name="王五", id_number=factories.id_number(701))
    people = client.get("/api/people/", {"id_number": factories.id_number(701), "format": "json"}).json()
    assert [row["id"] for row in people["results"]] == [person.pk]
    # parameters a list reads itself (declared in own_query_params) are taken, not refused
    assert client.get("/api/audit-events/").json()["count"] > 0
    assert client.get("/api/audit-events/", {"since": "2099-01-01T00:00:00+08:00"}).json()["count"] == 0
    assert (
        client.get("/api/catalogs/items/", {"on": "2025-06-01", "catalog": "certification"}).status_code
        == 200
    )
    assert client.get("/api/duties/activities/", {"year": 2025, "kind": "lecture"}).status_code == 200
    assert client.get("/api/oversight/items/", {"overdue": "1", "unit": district.jyj.pk}).status_code == 200


def test_lookups_and_detail_pages_are_not_lists(users, district):
    clock.freeze(dt.date(2025, 12, 1))
    clue = _clue(district, "12345-9", dt.date(2025, 3, 9))
    client = api(users.justice)
    assert client.get(f"/api/enforcement/clues/{clue.pk}/", {UNKNOWN: "1"}).status_code == 200
    response = client.get("/api/reconsideration-cases/lookup/", {"docket_number": "澄复〔2025〕99号"})
    assert response.status_code == 404
    assert (
        client.get("/api/litigation/lawsuits/lookup/", {"case_number": "（2025）宁0303行初9号"}).status_code
        == 404
    )


def test_a_refusal_names_at_most_ten_unknown_parameters(users, district):
    response = api(users.justice).get("/api/people/", {f"x{n}": "1" for n in range(30)})
    assert response.status_code == 400
    assert list(response.json()) == [f"x{n}" for n in range(filters.MAX_REPORTED_PARAMS)]
