"""Pages of review, decisions and catalogs at province scale (issue 19, session 11): what they show is unchanged and
they run fewer statements — the decision catalogs read the registered decisions' rows alone (not their six procedure
steps), the lists page computes its four figures in two statements, the filings and reviews lists' default order is served
by an index on its expressions. Over a generated district, as the Justice Bureau and as a unit."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from fazhi.core import clock
from fazhi.decisions.selectors import decisions_for
from fazhi.indicators.registry import Period, evaluate
from fazhi.perf import bench
from fazhi.review.selectors import documents_for, filings_for, reviews_for
from fazhi.review.web.lists import review_spec
from fazhi.review.web.views.filings import filing_spec

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("synth_district")]


def _client(role: str, url: str) -> Client:
    """A client logged in as `role` that has seen `url` once (the session's first reads are not the page's)."""
    client = Client(raise_request_exception=True)
    client.force_login(dict(bench.bench_users())[role])
    client.get(url, HTTP_HOST="localhost")
    return client


@pytest.mark.parametrize("role", ["justice_bureau", "unit"])
def test_the_decision_catalogs_show_each_registered_decision_s_status_in_few_statements(
    role, django_assert_max_num_queries
):
    client = _client(role, "/decisions/catalogs/")
    with django_assert_max_num_queries(12, info=role):  # 17 when every decision came with its six steps
        response = client.get("/decisions/catalogs/", HTTP_HOST="localhost")
    assert response.status_code == 200
    items = [i for c in response.context["catalogs"] for i, _ in c.rows]
    assert items
    shown = {i.pk: d for c in response.context["catalogs"] for i, d in c.rows}
    seen = decisions_for(dict(bench.bench_users())[role])  # the decisions the user may see, as before
    registered = {d.catalog_item_id: d for d in seen.filter(catalog_item__in=items)}
    if role == "justice_bureau":
        assert registered  # the generated catalogs have registered decisions
    assert {pk: (d.pk, d.status) if d else None for pk, d in shown.items()} == {
        i.pk: (registered[i.pk].pk, registered[i.pk].status) if i.pk in registered else None for i in items
    }
    html = response.content.decode()
    for decision in registered.values():
        link = (
            f'<a href="{reverse("decisions:detail", args=[decision.pk])}">{decision.get_status_display()}</a>'
        )
        assert link in html


@pytest.mark.parametrize("role", ["justice_bureau", "unit"])
def test_the_lists_page_computes_its_four_figures_in_two_statements(role, django_assert_max_num_queries):
    client = _client(role, "/catalogs/")
    with django_assert_max_num_queries(11, info=role):  # 13 with a statement per figure
        response = client.get("/catalogs/", HTTP_HOST="localhost")
    assert response.status_code == 200
    period = Period.year(2025)
    assert [(r.indicator.code, r.figure.value) for r in response.context["figures"]] == [
        (code, evaluate(code, period).figure.value)
        for code in (
            "catalogs.certification.items",
            "catalogs.commitment.items",
            "catalogs.service.items",
            "catalogs.service.fast_mode",
        )
    ]
    assert response.context["figures"][0].figure.value > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
@pytest.mark.parametrize(
    ("spec", "rows", "index"),
    [
        (filing_spec, filings_for, "filing_correction_order_idx"),
        (review_spec, reviews_for, "review_list_order_idx"),
    ],
)
def test_the_default_order_of_the_filings_and_reviews_lists_is_read_from_an_index(spec, rows, index):
    """The list's first page as core.web.lists orders it (the column's expressions, blanks last, then the primary key
    the way the column goes), read in that order from the index on the same expressions."""
    user = dict(bench.bench_users())["justice_bureau"]
    listed = spec(user, clock.today())
    [column] = [c for c in listed.columns if c.key == listed.default_sort]
    page = rows(user).order_by(*(o.asc(nulls_last=True) for o in column.order_by), "pk")[:50]
    sql, params = page.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert index in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the plan is PostgreSQL's")
@pytest.mark.parametrize(
    ("rows", "index"), [(filings_for, "filing_filed_idx"), (documents_for, "normdoc_order_idx")]
)
def test_the_api_lists_first_page_in_the_model_s_order_is_read_from_an_index(rows, index):
    """The filings and documents APIs list in the model's order (newest filing; newest number): a page of it is read
    from an index on that order, not every row sorted."""
    user = dict(bench.bench_users())["justice_bureau"]
    sql, params = rows(user)[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(r[0] for r in cursor.fetchall())
    assert index in plan, plan
