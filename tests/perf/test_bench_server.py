"""fazhi bench measures pages through `fazhi serve` (gunicorn) in a subprocess; each request's query count comes back
in the X-Bench-Queries header, which only the bench's settings for that subprocess turn on — never the project's."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import sqlite3

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from fazhi.core import clock
from fazhi.perf import bench
from fazhi.perf.middleware import HEADER

MIDDLEWARE = "fazhi.perf.middleware.QueryCountHeader"


def test_the_projects_settings_carry_no_query_count_header():
    project = importlib.import_module("fazhi.settings")
    assert MIDDLEWARE not in project.MIDDLEWARE
    assert not getattr(project, "FAZHI_BENCH_QUERY_HEADER", False)
    server_settings = importlib.import_module("fazhi.perf.server_settings")
    assert server_settings.MIDDLEWARE == [MIDDLEWARE, *project.MIDDLEWARE]
    assert server_settings.FAZHI_BENCH_QUERY_HEADER is True


def test_a_page_of_the_project_says_nothing_of_its_queries(client, users):
    client.force_login(users.justice)
    response = client.get("/oversight/")
    assert response.status_code == 200
    assert HEADER not in response


def test_the_middleware_removes_itself_unless_the_bench_setting_is_on(users, settings):
    def client():  # a new client loads the middleware of the settings in force
        c = Client()
        c.force_login(users.justice)
        return c

    with override_settings(MIDDLEWARE=[MIDDLEWARE, *settings.MIDDLEWARE]):
        assert HEADER not in client().get("/oversight/")
        with override_settings(FAZHI_BENCH_QUERY_HEADER=True):
            c = client()
            with CaptureQueriesContext(connection) as queries:
                response = c.get("/oversight/")
    assert response.status_code == 200
    assert int(response[HEADER]) == len(queries.captured_queries) > 3


@pytest.mark.django_db(transaction=True)
def test_pages_go_through_fazhi_serve_and_count_the_queries_of_each_request(tmp_path, monkeypatch):
    """The server subprocess answers as the Justice Bureau and as a unit; its per-request query count is the one the
    test Client counts for the same page and user. On PostgreSQL the server opens the test database itself (this
    test commits); SQLite's test database lives in memory, where no other process can open it: the server reads a
    copy of it in a file."""
    clock.freeze(dt.date(2026, 11, 20))
    call_command(
        "synth", "--scale", "district", "--factor", "0.05", stdout=io.StringIO(), stderr=io.StringIO()
    )
    users = bench.bench_users()
    cookies = {role: bench.session_cookie(user) for role, user in users}
    if connection.vendor == "sqlite":  # in memory: the server reads a file copy, sessions included
        copy = tmp_path / "copy.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        monkeypatch.setattr(bench, "database_url", lambda: f"sqlite:///{copy}")
    urls = [u for u in bench.page_urls() if u.startswith("/oversight/")]

    via_client = bench.pages(year=2025, repeat=1, only="/oversight/", client=True)
    served = []
    with bench.Server(60) as server:
        for role, _user in users:
            for url in urls:
                server.get(url, cookies[role])  # warm-up, as the bench does
                status, queries, size = server.get(url, cookies[role])
                served.append((url, role, status, queries, size))
        # after a page without an answer the bench starts a fresh process: it answers on its own port
        old = server.process
        server.restart()
        assert old.returncode is not None and server.process is not old
        assert server.get(urls[0], cookies["unit"])[0] == 200

    assert {role for _, role, *_ in served} == {"justice_bureau", "unit"}
    assert [(url, role, status, queries) for url, role, status, queries, _ in served] == [
        (p["url"], p["role"], p["status"], p["queries"]) for p in via_client
    ]
    assert all(status == 200 and size > 1000 and queries > 3 for _, _, status, queries, size in served)
    assert server.process.returncode is not None  # stopped on leaving the block


def test_the_warm_up_is_reported_apart_and_a_slow_page_is_measured_once_after_it(monkeypatch):
    # given three pages answering in scripted times (ms): a first view that stores figures, then fast reads; a page
    # slow every time; a page that does not answer (status 0, the timeout as its time)
    script = {
        "/a/": [(200, 4000), (200, 100), (200, 120), (200, 110), (200, 130), (200, 90)],
        "/b/": [(200, 5000), (200, 4000), (200, 4100)],
        "/c/": [(0, 60000), (200, 10)],
    }
    now = [0.0]
    monkeypatch.setattr(bench.time, "perf_counter", lambda: now[0])
    monkeypatch.setattr(
        bench, "bench_users", lambda: [("justice_bureau", type("U", (), {"organization": None}))]
    )

    def fetch(user, url):
        answers = iter(script[url])

        def get():
            status, ms = next(answers)
            now[0] += ms / 1000
            return status, 7, 100

        return get

    # when they are measured five times each
    results = {r["url"]: r for r in bench._pages(list(script), 2025, 5, 3.0, fetch)}

    # then the warm-up is apart; the slow page is measured once after it; the silent one is not asked again
    assert {u: (r["first_ms"], r["p50_ms"], r["p95_ms"], r["status"]) for u, r in results.items()} == {
        "/a/": (4000.0, 110.0, 130.0, 200),
        "/b/": (5000.0, 4000.0, 4000.0, 200),
        "/c/": (60000.0, 60000.0, 60000.0, 0),
    }


def test_every_figure_is_timed_cold_then_as_the_median_of_its_runs(monkeypatch):
    # given evaluations that take 5, 1, 3 and 2 s (scripted)
    durations = iter([5.0, 1.0, 3.0, 2.0])
    now = [0.0]
    monkeypatch.setattr(bench.time, "perf_counter", lambda: now[0])
    monkeypatch.setattr(
        bench, "evaluate_all", lambda period, scope: now.__setitem__(0, now[0] + next(durations))
    )

    # when the whole installation is timed with three runs after the cold one
    timed = bench._evaluated_all(bench.Period.year(2025), None, 3)

    # then the cold run is apart and the figure is the median of the three
    assert (timed["first_seconds"], timed["seconds"]) == (5.0, 2.0)
