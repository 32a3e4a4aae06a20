"""The pages the load test asks for most (tools/loadtest.py; docs/reliability.md "Load test"): the 工作台, the duties
and decisions lists, the dashboard and the people API run the same small number of queries at a
fiftieth and at a tenth of a generated district, as the Justice Bureau and as a unit — no query per row, and a
bound tight enough that one more query per page is noticed (issue 18: the server's processor time per request)."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fazhi.core import clock
from fazhi.perf import bench

pytestmark = pytest.mark.django_db

# The most queries of each page for either user, measured at both sizes (the same at both): the session (read, then
# saved), the user with their person and unit, then the page's own.
BOUNDS = {
    "/": 32,
    "/duties/": 14,
    "/decisions/": 17,
    "/decisions/?q=办法": 17,
    "/reports/": 10,
    "/api/people/": 9,
    "/api/people/?search=张": 9,
}


@pytest.fixture(autouse=True)
def today():
    clock.freeze(dt.date(2026, 11, 20))


@pytest.mark.parametrize("factor", ["0.02", "0.1"])
def test_the_load_tests_pages_run_the_same_few_queries_whatever_the_rows(factor, capsys):
    call_command(
        "synth", "--scale", "district", "--factor", factor, stdout=io.StringIO(), stderr=io.StringIO()
    )
    measured = {}
    for role, user in bench.bench_users():
        client = Client(raise_request_exception=True)
        client.force_login(user)
        for url in BOUNDS:
            client.get(url, HTTP_HOST="localhost")  # the first request of a session may create it
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url, HTTP_HOST="localhost")
            assert response.status_code == 200, (url, role)
            measured[(url, role)] = len(queries)
    with capsys.disabled():
        sys.stdout.write(f"\n{factor}: {measured}\n")
    over = {key: n for key, n in measured.items() if n > BOUNDS[key[0]]}
    assert over == {}
