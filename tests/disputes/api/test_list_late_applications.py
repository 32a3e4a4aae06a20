"""The API's list computes each case's late-application note (第二十条) on one calendar for its page: the same text
as case by case, and no more statements however many years the cases' sixty-day periods span (issue 19: the list
grew a calendar, three statements, whenever a case needed a year the ones before did not)."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.disputes.models import ReconsiderationCase
from fazhi.disputes.rules import outcomes

from ..conftest import register

D = dt.date


def _list(client) -> list[dict]:
    response = client.get("/api/reconsideration-cases/?page_size=100")
    assert response.status_code == 200
    body = response.json()
    return body["results"] if isinstance(body, dict) else body


def test_the_list_reads_the_calendar_once_whatever_years_the_cases_span(
    client, users, district, django_assert_max_num_queries
):
    client.force_login(users.reconsideration)
    # one case: the statements of a list of one
    register(users, district, received_on=D(2025, 3, 3), known_on=D(2025, 2, 1), act_date=D(2025, 1, 20))
    with CaptureQueriesContext(connection) as one:
        _list(client)
    # five more, their periods in five other years, in time or late
    for year, days in [(2019, 70), (2021, 30), (2022, 75), (2023, 10), (2024, 61)]:
        known = D(year, 11, 20)
        register(
            users,
            district,
            received_on=known + dt.timedelta(days=days),
            known_on=known,
            act_date=known - dt.timedelta(days=3),
        )
    with django_assert_max_num_queries(len(one.captured_queries)):
        rows = _list(client)
    assert len(rows) == 6
    cases = {c.pk: c for c in ReconsiderationCase.objects.all()}
    # the same note as computed case by case, late ones included
    assert {r["id"]: r["late_application"] for r in rows} == {
        pk: outcomes.late_application(c) for pk, c in cases.items()
    }
    late = sorted(r["late_application"] for r in rows if r["late_application"])
    assert late == [
        "申请已超过申请期限：自知道或者应当知道该行政行为之日2019年11月20日起六十日，于2020年01月19日届满，"
        "2020年01月29日才收到申请（行政复议法第二十条）。如无正当理由耽误，应不予受理。",
        "申请已超过申请期限：自知道或者应当知道该行政行为之日2022年11月20日起六十日，于2023年01月19日届满，"
        "2023年02月03日才收到申请（行政复议法第二十条）。如无正当理由耽误，应不予受理。",
    ]  # 2024: the sixty days end on Sunday 19 January 2025, moved to Monday the 20th, the day received


def test_late_applications_equal_the_rule_case_by_case(users, district):
    old = register(
        users, district, received_on=D(2025, 6, 2), known_on=D(2025, 5, 30), act_date=D(2020, 6, 1)
    )
    in_time = register(
        users, district, received_on=D(2025, 5, 19), known_on=D(2025, 3, 20), act_date=D(2025, 3, 1)
    )
    late = register(users, district, received_on=D(2025, 5, 20), act_date=D(2025, 3, 20))
    notes = outcomes.late_applications([old, in_time, late])
    assert notes == {
        old.pk: "申请自行政行为作出之日起超过五年，依行政复议法第二十一条应不予受理。",
        in_time.pk: "",
        late.pk: outcomes.late_application(late),
    }
    assert "未登记知道之日" in notes[late.pk] and "于2025年05月19日届满" in notes[late.pk]
    assert outcomes.late_applications([]) == {}
