"""The 工作台's deadlines share one calendar (issue 16): the calendar-region setting and the holiday rows are read
once per 工作台, not once per item — here the appeal periods of judged lawsuits, each computed over the calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import calendar, clock, workbench
from fazhi.litigation import services
from tests import factories
from tests.litigation.conftest import judge, lawsuit_fields

pytestmark = pytest.mark.django_db
ON = dt.date(2024, 12, 10)


@pytest.fixture
def head(district):
    return factories.person(district.jyj, name="许局长", position="局长", is_principal_leader=True)


def _appeals(users, district, head, numbers) -> None:
    actor = users.reconsideration
    for n in numbers:
        lawsuit = services.register_lawsuit(
            actor=actor, **lawsuit_fields(district, case_number=f"（2024）宁0303行初{n}号")
        )
        judge(actor, lawsuit, head, "revoked")
        services.record_judgment_service(actor=actor, lawsuit=lawsuit, served_on=dt.date(2024, 12, 5))


def _queries(user) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        items = [i for i in workbench.items_for(user, ON) if "上诉期限" in i.title]
    return len(queries), len(items)


def test_appeal_deadlines_of_many_lawsuits_cost_the_queries_of_one(users, district, head):
    clock.freeze(ON)
    _appeals(users, district, head, [1])
    one = _queries(users.reconsideration)
    _appeals(users, district, head, [2, 3, 4])
    four = _queries(users.reconsideration)
    assert (one[1], four[1]) == (1, 4)
    assert four[0] == one[0]


def test_a_reused_calendar_grows_to_the_years_asked_and_gives_the_same_deadlines():
    asked = [
        (calendar.add_calendar_days, dt.date(2024, 12, 20), 15),
        (calendar.add_working_days, dt.date(2025, 9, 28), 5),
        (calendar.add_calendar_days, dt.date(2027, 3, 1), 10),
        (calendar.add_calendar_days, dt.date(2024, 12, 20), 15),
    ]
    alone = [fn(start, n) for fn, start, n in asked]
    with CaptureQueriesContext(connection) as queries, calendar.reused():
        shared = [fn(start, n) for fn, start, n in asked]
    assert [d.due for d in shared] == [d.due for d in alone]
    assert [d.explain() for d in shared] == [d.explain() for d in alone]
    # two calendars built (2024–2026, then grown to 2024–2028 for 2027), not four
    assert sum("core_calendaryear" in q["sql"] for q in queries.captured_queries) == 2
