"""The 工作台 over generated data (issue 16): each provider runs a bounded number of queries whatever the number of
rows — no query per item for its unit, its page or its deadline's calendar — for the Justice Bureau, a unit clerk
and the reconsideration staff, at a fiftieth and at a tenth of a district."""

from __future__ import annotations

import datetime as dt
import io
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import calendar, clock, workbench
from fazhi.core.models import User

pytestmark = pytest.mark.django_db

USERS = ["synth-sfj", "synth-unit", "synth-fuyi"]
# The most queries of each provider for any of USERS, measured at both sizes (the same at both).
MAX_QUERIES = {
    "calendar_schedule_missing": 0,
    "review_work": 6,
    "decision_deadlines": 2,
    "certificate_expiry_warnings": 1,
    "clue_due_warnings": 1,
    "reconsideration_deadlines": 4,
    "litigation_warnings": 5,
    "overdue_items": 1,
    "tasks_due": 1,
    "annual_report_deadline": 6,
}
# Every provider's deadlines share one calendar: a setting and the holiday rows, read once per 工作台.
MAX_TOTAL = 30


@pytest.fixture(autouse=True)
def today():
    clock.freeze(dt.date(2026, 11, 20))


def _measure(user) -> dict[str, tuple[int, int]]:
    """provider name → (queries, items), run as items_for runs them (one shared calendar)."""
    measured = {}
    with calendar.reused():
        for fn in workbench.PROVIDERS:
            with CaptureQueriesContext(connection) as queries:
                items = fn(user, clock.today())
            measured[fn.__name__] = (len(queries), len(items))
    return measured


@pytest.mark.parametrize("factor", ["0.02", "0.1"])
def test_each_provider_runs_a_bounded_number_of_queries_whatever_the_rows(factor, capsys):
    call_command(
        "synth", "--scale", "district", "--factor", factor, stdout=io.StringIO(), stderr=io.StringIO()
    )
    items, over, totals = 0, {}, {}
    for username in USERS:
        user = User.objects.get(username=username)
        measured = _measure(user)
        with capsys.disabled():
            sys.stdout.write(f"\n{factor} {username}: {measured}\n")
        for name, (queries, _) in measured.items():
            if name in MAX_QUERIES and queries > MAX_QUERIES[name]:
                over[(username, name)] = queries
        items += sum(n for _, n in measured.values())
        with CaptureQueriesContext(connection) as queries:
            assert len(workbench.items_for(user)) == sum(n for _, n in measured.values())
        totals[username] = len(queries)
    assert over == {}
    assert max(totals.values()) <= MAX_TOTAL, totals
    # the bounds hold over rows: the larger district gives more items than its 工作台s' queries
    if factor == "0.1":
        assert items > MAX_TOTAL
