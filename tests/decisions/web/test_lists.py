"""The decision list and the catalog list as clerks use them: search, filters, sorting, pages with the total, an export
of exactly the rows kept, and query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core import clock
from fazhi.decisions import selectors, services

pytestmark = pytest.mark.django_db
D = dt.date


def sheet(response) -> list[list]:
    assert response.status_code == 200
    return [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


def outside(users, district, title, on, unit=None):
    unit = unit or district.jyj
    return services.register_decision(
        actor=users.justice,
        title=title,
        organization=unit,
        decision_body=district.root,
        registered_on=on,
        outside_catalog_reason="上级部署",
    )


def test_the_decision_list_searches_filters_sorts_and_exports(client, users, district, decision):
    clock.freeze(D(2025, 6, 30))
    outside(users, district, "农贸市场临时改造", D(2025, 2, 3), district.scj)
    client.force_login(users.justice)
    url = reverse("decisions:list")
    html = client.get(url).content.decode()
    # the decision past its planned date first, the one outside the catalog (no deadline) last
    assert html.index("中小学布局调整") < html.index("农贸市场临时改造")
    html = client.get(url, {"q": "农贸"}).content.decode()
    assert "农贸市场临时改造" in html and "中小学布局调整" not in html
    rows = sheet(client.get(url, {"outside": "1", "export": "xlsx"}))
    assert rows == [
        ["决策事项", "承办单位", "当前环节", "计划完成时间", "立项日期", "下一期限"],
        ["农贸市场临时改造", "测试区市场监督管理局", "已立项", "目录外决策", dt.datetime(2025, 2, 3), None],
    ]
    rows = sheet(client.get(url, {"year": 2024, "sort": "title", "export": "xlsx"}))
    assert [r[0] for r in rows[1:]] == ["中小学布局调整"] and rows[1][3] == "2024年第三季度"


def test_the_decision_list_pages_and_its_query_count_does_not_grow(
    client, users, district, django_assert_max_num_queries
):
    clock.freeze(D(2025, 6, 30))
    for i in range(53):
        outside(users, district, f"决策{i:02d}", D(2025, 1, 6))
    client.force_login(users.justice)
    with django_assert_max_num_queries(30):
        html = client.get(reverse("decisions:list")).content.decode()
    assert "共 <strong>53</strong> 项，第 1/2 页" in html and html.count('class="decision-row"') == 50
    response = client.get(reverse("decisions:list"), {"status": "nope"})
    assert response.status_code == 400 and "没有“nope”这一项" in response.content.decode()


def test_the_catalog_list_filters_by_year_and_exports(client, users, district, catalog):
    clock.freeze(D(2025, 6, 30))
    services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    client.force_login(users.justice)
    url = reverse("decisions:catalogs")
    html = client.get(url, {"year": 2024}).content.decode()
    assert f'id="catalog-{catalog.pk}"' in html and html.count('class="card catalog"') == 1
    rows = sheet(client.get(url, {"export": "xlsx"}))
    assert [r[0] for r in rows[1:]] == [2025, 2024] and rows[2][3:] == [2, "已公布"]


def test_the_decision_list_reads_a_row_with_its_unit_and_catalog_item_only(client, users, district, decision):
    """Not the procedure steps (six more joins: PostgreSQL spent ~10 ms planning that query on every list page); the
    API, which shows each decision's timeline, reads the steps in one batch per step."""
    client.force_login(users.justice)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("decisions:list")).content.decode()
    assert "中小学布局调整" in html and decision.organization.name in html
    rows = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "decisions_decision"."id"')
    ]
    assert len(rows) == 1 and rows[0].count(" JOIN ") == 2  # the unit and the catalog item
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/api/decisions/").json()
    steps = {s["procedure"]: s for s in data["results"][0]["timeline"]}
    assert steps["public_participation"]["state"] == "waiting"
    rows = [
        q["sql"] for q in queries.captured_queries if q["sql"].startswith('SELECT "decisions_decision"."id"')
    ]
    assert len(rows) == 1 and "decisions_publicparticipation" not in rows[0]


def test_the_catalog_list_has_sort_links_that_sort(client, users, district, catalog):
    # given the published 2024 catalog and a 2025 draft named so that it sorts first by title
    clock.freeze(D(2025, 6, 30))
    draft = services.create_catalog(actor=users.justice, year=2025, organization=district.root, title="A目录")
    client.force_login(users.justice)
    url = reverse("decisions:catalogs")

    # the heads of the catalogs' table link to sorting, newest year first by default
    html = client.get(url).content.decode()
    assert 'href="?sort=title" title="按目录名称排序"' in html
    assert 'aria-sort="descending"' in html and html.index(f"catalog-{draft.pk}") < html.index(
        f"catalog-{catalog.pk}"
    )
    # and by title ascending, then descending
    html = client.get(url, {"sort": "title"}).content.decode()
    assert html.index(f'id="catalog-{draft.pk}"') < html.index(f'id="catalog-{catalog.pk}"')
    html = client.get(url, {"sort": "-title"}).content.decode()
    assert html.index(f'id="catalog-{catalog.pk}"') < html.index(f'id="catalog-{draft.pk}"')
    assert client.get(url, {"sort": "items"}).status_code == 400  # not a sortable column


def test_the_decision_list_shows_each_decisions_next_deadline_and_sorts_by_it_overdue_first(
    client, users, district, decision, market_decision
):
    # given (2024-06-15) the school decision registered (catalog's planned date 2024-09-30), the market decision in
    # public participation whose comment period ended on 2024-04-11, and one outside the catalog without a deadline
    clock.freeze(D(2024, 6, 15))
    market = market_decision
    services.advance(actor=users.scj_clerk, decision=market, transition="start")
    services.record_procedure(
        actor=users.scj_clerk,
        decision=market,
        procedure="public_participation",
        started_on=D(2024, 4, 1),
        period_days=10,
        shorter_period_reason="防汛紧急",
    )
    outside(users, district, "课后服务收费标准调整", D(2024, 5, 6))
    # the timeline's current step has the same deadline, overdue
    steps = selectors.timeline(selectors.decisions_for(users.justice).get(pk=market.pk), clock.today())
    assert [(s.deadline, s.state) for s in steps if s.procedure == "public_participation"] == [
        (D(2024, 4, 11), "overdue")
    ]
    client.force_login(users.justice)
    url = reverse("decisions:list")

    def titles(**params):
        return [r[0] for r in sheet(client.get(url, {**params, "export": "xlsx"}))[1:]]

    # by default the overdue decision first, then the next due, the one without a deadline last
    html = client.get(url).content.decode()
    assert html.count('class="decision-row is-overdue"') == 1 and "2024年4月11日 <span" in html
    assert html.index("农贸市场改造") < html.index("中小学布局调整") < html.index("课后服务收费标准调整")
    rows = sheet(client.get(url, {"export": "xlsx"}))
    assert rows[0][-1] == "下一期限"
    assert [(r[0], r[-1]) for r in rows[1:]] == [
        ("农贸市场改造", dt.datetime(2024, 4, 11)),
        ("中小学布局调整", dt.datetime(2024, 9, 30)),
        ("课后服务收费标准调整", None),
    ]
    # latest first: still none last; other sorts and filters keep working
    assert titles(sort="-due") == ["中小学布局调整", "农贸市场改造", "课后服务收费标准调整"]
    assert titles(sort="registered") == ["中小学布局调整", "农贸市场改造", "课后服务收费标准调整"]
    assert titles(outside="1", sort="due") == ["课后服务收费标准调整"]
    assert titles(status="public_participation") == ["农贸市场改造"]
