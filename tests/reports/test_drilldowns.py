"""Every drill-down of every figure opens for every role of the demo district (issue 16): the dashboard links each
figure to its records, no drill-down answers 500 or runs a query per listed record, and the records it links open a
page that role may see (200) — one record of each part of each drill-down, the first listed (a part lists records
of one kind, opened by one page); a record without a page of its own shows no link. Prints the dashboard's server
time per role.

The demo district is built once for the module, its figures computed once (the snapshots), and each role logged in
once: each role's walk is its own test."""

from __future__ import annotations

import re
import sys
import time
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from fazhi.core import clock
from fazhi.core.models import User
from fazhi.indicators.registry import REGISTRY
from fazhi.reports.selectors.draft import default_year

from ..shared_records import records_for_the_module

ROLES = ["sfj", "scj", "jyj", "lvshi", "fuyi", "jiandu", "lingdao", "admin"]
FIGURE_LINK = re.compile(r'href="(/reports/figures/[^"/]+/\?year=\d+&amp;org=[^"]+)"')
RECORD_LINK = re.compile(r'<a class="record-link" href="([^"]+)">')
# A drill-down lists up to 500 records with their units and pages: its queries do not grow with them (measured at
# most 20 on the demo, whose largest drill-downs list over 80 records).
DRILLDOWN_MAX_QUERIES = 30


@pytest.fixture(scope="module")
def demo_clients(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo district with its dashboards' figures computed, and a client logged in as each role."""
    with records_for_the_module(django_db_blocker, tmp_path_factory):
        call_command("demo", stdout=StringIO())
        clients = {}
        for username in ROLES:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
            assert (
                clients[username].get("/reports/").status_code == 200
            )  # computes the missing snapshots once
        yield clients


@pytest.fixture
def demo(demo_clients, db, settings):
    settings.DEV_MODE = True
    return demo_clients


def _get(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode() if response.status_code == 200 else ""


def _first_record_of_each_part(page: str) -> list[str]:
    links = []
    for part in page.split('class="card provenance-part"')[1:]:
        found = RECORD_LINK.search(part)
        if found:
            links.append(found.group(1))
    return links


@pytest.mark.parametrize("username", ROLES)
def test_every_drilldown_of_every_figure_opens_and_its_records_open(demo, username, capsys):
    client = demo[username]
    status, html = _get(client, "/reports/")
    assert status == 200, username
    # the drill-downs of the year shown (those of the year before are the same pages for another year)
    shown = f"year={default_year(clock.today())}&"
    figures = {link.replace("&amp;", "&") for link in FIGURE_LINK.findall(html)}
    figures = {link for link in figures if shown in link}
    if 'id="no-units"' in html:  # a role that sees no unit's records (the legal advisor) has no figures
        assert figures == set(), username
        return
    # every figure is linked from the dashboard, for the year shown
    assert {link.split("/")[3] for link in figures} == set(REGISTRY), username
    problems, records, most = [], set(), (0, "")
    for link in sorted(figures):
        with CaptureQueriesContext(connection) as queries:
            status, page = _get(client, link)
        most = max(most, (len(queries), link))
        if status != 200:
            problems.append(f"{username} {link} → {status}")
            continue
        records |= set(_first_record_of_each_part(page))
    for link in sorted(records):
        status, _ = _get(client, link)
        if status != 200:
            problems.append(f"{username} record {link} → {status}")
    with capsys.disabled():
        sys.stdout.write(
            f"\n{username}: {len(figures)} drill-downs, {len(records)} record pages opened; "
            f"most queries {most[0]} ({most[1]})\n"
        )
    assert problems == [], "\n".join(problems[:60])
    assert most[0] <= DRILLDOWN_MAX_QUERIES, most
    if username == "sfj":
        # the Justice Bureau's drill-downs do link records of many kinds (the demo has records behind its figures)
        assert len(records) >= 45


@pytest.mark.parametrize("username", ["sfj", "jyj", "lingdao"])
def test_dashboard_server_time(demo, username, capsys, django_assert_max_num_queries):
    """Not a timing assert: prints the dashboard's server time once its figures are computed (issue 16's budget
    is 300 ms; tools/dashboard_times.py measures it outside the tests), and bounds its query count."""
    client = demo[username]
    times = []
    for _ in range(3):
        start = time.perf_counter()
        with django_assert_max_num_queries(20):
            response = client.get("/reports/")
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200
        assert "数据计算于 " in response.content.decode()
    start = time.perf_counter()
    assert client.get("/reports/charts/deadlines/").status_code == 200
    deadlines = (time.perf_counter() - start) * 1000
    with capsys.disabled():
        sys.stdout.write(
            f"\ndashboard ({username}): median {sorted(times)[1]:.0f} ms of 3; "
            f"its deadline chart request {deadlines:.0f} ms\n"
        )
