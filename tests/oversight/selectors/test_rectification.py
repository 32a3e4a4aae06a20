"""The item list describes each item's source record without a query per item (the sources of every kind are
prefetched with what their descriptions read)."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.oversight import selectors
from fazhi.oversight.services import inspections


def _count_queries(user) -> int:
    with CaptureQueriesContext(connection) as ctx:
        items = list(selectors.items_for(user))
        selectors.describe_sources(items)
    return len(ctx.captured_queries)


def test_describing_the_item_list_takes_no_query_per_item(users, district, inspection, finding):
    # given one item (listed once to warm the content-type cache)
    _count_queries(users.justice)
    one = _count_queries(users.justice)
    # when four more findings of the inspection open their items
    for n in range(4):
        inspections.add_finding(
            actor=users.justice, inspection=inspection, organization=district.jyj, text=f"问题{n}"
        )
    # then listing and describing them takes the same number of queries (items, then findings with inspections)
    assert _count_queries(users.justice) == one == 2
