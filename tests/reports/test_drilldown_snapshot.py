"""A figure's drill-down (issue 16) reads the figure from its snapshot — the value the dashboard shows, with the time
it was computed — and queries only the records it lists, in a number of queries that does not grow with them."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.disputes.conftest import register

URL = "/reports/figures/core.people.legal_qualified/?year=2025&org=T"


def test_the_drilldown_shows_the_stored_figure_with_its_time_and_lists_the_records(
    client, district, users, staff
):
    client.force_login(users.justice)
    dashboard = client.get("/reports/?year=2025&org=T").content.decode()
    assert re.search(r'id="computed-at">数据计算于 \d{4}-\d\d-\d\d \d\d:\d\d<', dashboard)
    # a person written without a service (no audit event): the stored figure is not marked stale
    factories.person(district.jyj, has_legal_qualification=True, legal_qualification_year=2025)

    html = client.get(URL).content.decode()

    # the figure is the snapshot's (5), not computed again; the records listed are the records now (6)
    assert '<strong id="figure-value">5人</strong>' in html
    assert re.search(r'id="computed-at">数据计算于 \d{4}-\d\d-\d\d \d\d:\d\d<', html)
    assert "计数记录（人员，共6条）" in html
    assert html.count('<tr class="record">') == 6


def _drilldown_queries(client, n_cases: int, users, district) -> int:
    respondents = [district.scj, district.jyj, district.town]
    for i in range(n_cases):
        register(users, district, applicant_name=f"申请人{i}", respondent=respondents[i % 3])
    url = "/reports/figures/disputes.reconsideration.received/?year=2025&org=T"
    client.get(url)  # the figure's snapshot is stored on the first view
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert html.count('<a class="record-link"') >= n_cases
    return len(queries)


def test_the_drilldown_runs_as_many_queries_for_many_records_as_for_few(client, district, users):
    client.force_login(users.justice)
    few = _drilldown_queries(client, 2, users, district)
    many = _drilldown_queries(client, 7, users, district)  # 9 cases listed, each naming its respondent
    assert many == few
