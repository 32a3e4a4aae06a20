"""Every list page, API list, the 工作台 and the dashboard run a bounded number of queries whatever the number of rows
(issue 19): the same bound holds over a generated district at a fiftieth and at a tenth of its records (200 and
1,000 case files, 30 and 150 clues…, enough to fill the lists' pages at the larger size), as the Justice Bureau and
as a unit."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import Client

from fazhi.core import clock
from fazhi.perf import bench

pytestmark = pytest.mark.django_db

# Most pages: the session, the user, the unit tree, the page's rows and their linked records in batches.
DEFAULT_BOUND = 40
# Pages computing every figure (bounded by the number of indicators, not of rows; the stored figures of the reports
# app will bring them down) and the 工作台 (one source per workstream).
BOUNDS = {
    "/": 30,  # the 工作台: short lists, one statement for its counts and page, one per source on the page
    "/reports/": 400,
    "/reports/charts/units/": 120,  # cold: each child unit's figure computed once into its snapshot
    "/disputes/figures/": 25,  # its figures read from their snapshots; the first view computes them (shared)
    # Session 10 (the lists still over 300 ms at province): each sorted, filtered and counted in the database, its
    # linked records read for the page at once.
    "/review/": 15,
    "/disputes/": 12,
    "/oversight/": 30,
    "/api/oversight/inspections/": 15,  # a page's findings and their items: two statements, not two per row
    "/api/litigation/lawsuits/": 20,
    "/litigation/": 20,  # its figures from their snapshots: the first view computes and stores them (3 families)
    "/api/indicators/": 300,
    "/api/reports/drafts/": 300,
    "/api/reports/drafts/figures/": 300,
    # session 10: the public lists read a page of rows (count, unit and mode choices, the page, its 序号)
    "/public/certification-items/": 8,
    "/public/commitment-items/": 8,
    "/public/service-items/": 8,
    # the campaign choices probed campaign by campaign: one statement; a page's campaigns, bodies, units and case files
    # read for its rows (four statements) instead of joined to every problem before the sort (session 11)
    "/enforcement/evaluation/problems/": 14,
    "/enforcement/clues/": 16,  # the 受理年度 choices: the first and last clue by date and the years between (3)
    "/enforcement/training/": 12,
    "/api/enforcement/training-sessions/": 8,
}


@pytest.fixture(autouse=True)
def today():
    clock.freeze(dt.date(2026, 11, 20))


@pytest.mark.parametrize("factor", ["0.02", "0.1"])
def test_every_list_page_runs_a_bounded_number_of_queries_whatever_the_rows(
    factor, django_assert_max_num_queries
):
    call_command(
        "synth", "--scale", "district", "--factor", factor, stdout=io.StringIO(), stderr=io.StringIO()
    )
    users = bench.bench_users()
    assert {role for role, _ in users} == {"justice_bureau", "unit"}
    urls = bench.page_urls()
    assert len(urls) > 50  # every list page and API list, not a sample
    for role, user in users:
        client = Client(raise_request_exception=True)
        client.force_login(user)
        org = user.organization.code
        for url in urls:
            query = bench.QUERY.get(url, "").format(year=2025, org=org)
            with django_assert_max_num_queries(BOUNDS.get(url, DEFAULT_BOUND), info=f"{url} ({role})"):
                response = client.get(url + query, HTTP_HOST="localhost")
            assert response.status_code in (200, 405), (url, role, response.status_code)
