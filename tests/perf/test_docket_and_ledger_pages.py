"""Session 11 (issue 19): the docket (/disputes/) reads its page's ids in its default order from two parts served by
indexes (the open cases with a next deadline, then every other case by id) and its respondent choices by probing
units; the rectification ledger (/oversight/) reads its summaries as last counted. Each gives exactly what the
one-statement reads gave before, over a generated district, as the Justice Bureau and as a unit."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory

from fazhi.core import clock
from fazhi.core.web import lists
from fazhi.perf import bench

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("synth_district")]


def _listing(user, spec, rows, **params):
    request = RequestFactory().get("/", params)
    request.user = user
    return lists.listing(request, rows, spec)


def test_the_docket_pages_are_the_rows_of_the_one_statement_sort_in_both_directions():
    from fazhi.disputes.models import CaseClock, ReconsiderationCase
    from fazhi.disputes.selectors import cases_for
    from fazhi.disputes.web import lists as docket

    C = ReconsiderationCase
    today = clock.today()
    users = dict(bench.bench_users())
    everyone = list(cases_for(users["justice_bureau"]).order_by("pk"))
    # open cases with running clocks (ties on the deadline), an open case without one, a suspended case whose
    # decision clock does not run, closed cases with clocks left unmet
    for n, case in enumerate(everyone[:12]):
        status = [C.Status.REVIEWING, C.Status.ACCEPTED, C.Status.SUSPENDED, C.Status.CLOSED][n % 4]
        C.objects.filter(pk=case.pk).update(status=status)
        if n != 5:
            CaseClock.objects.update_or_create(
                case=case,
                kind=CaseClock.Kind.DECISION,
                defaults={"start": today, "due_on": today + dt.timedelta(days=n % 3 - 1), "met_on": None},
            )
    for role, user in users.items():
        rows = docket.with_next_due(cases_for(user))
        spec = docket.docket_spec(rows, today)
        spec.per_page = 7  # pages that cross from the dated cases to the others
        for sort in ("due", "-due", "received", "-number"):
            whole = list(_listing(user, spec, rows, sort=sort).rows)  # the one-statement sort of before
            assert len(whole) == len(everyone) or role == "unit", role
            shown = []
            for page in range(1, (len(whole) + 6) // 7 + 1):
                listing = _listing(user, spec, rows, sort=sort, page=page)
                got = docket.page_rows(listing)
                assert len(listing.page) == len(got)  # the page holds them: its links read no rows again
                shown += [(c.pk, c.next_due, c.next_due_kind, c.respondent.name) for c in got]
            assert shown == [(c.pk, c.next_due, c.next_due_kind, c.respondent.name) for c in whole], (
                role,
                sort,
            )
        dated = [c for c in rows if c.next_due]
        if role == "justice_bureau":
            assert len(dated) >= 5 and everyone[2].pk not in {c.pk for c in dated}  # suspended: not running
        # the overdue count and filter, and the respondent choices, as read before
        assert docket.overdue(rows, today).count() == rows.filter(next_due__lt=today).count()
        assert [c.pk for c in docket.overdue(rows, today)] == [c.pk for c in rows.filter(next_due__lt=today)]
        before = lists.unit_filter(rows, field="respondent", label="被申请人", name="unit")
        assert list(docket.respondent_filter(rows).units) == list(before.units)
        assert len(before.units) > 1 or role == "unit"


def test_the_open_cases_index_names_the_open_statuses():
    from fazhi.disputes.models import ReconsiderationCase

    (index,) = [i for i in ReconsiderationCase._meta.indexes if i.name == "recon_open_idx"]
    assert list(index.condition.children[0][1]) == list(ReconsiderationCase.OPEN)


def test_the_ledger_page_shows_its_summaries_as_last_counted_and_counts_again_after_a_write(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from fazhi.oversight import selectors, services
    from fazhi.oversight.models import LedgerSummary, RectificationItem

    users = dict(bench.bench_users())
    today = clock.today()
    for role, user in users.items():
        client.force_login(user)
        visible = selectors.items_for(user)
        expected = selectors.summaries(visible, today)
        first = client.get("/oversight/")
        assert first.status_code == 200 and 'id="summary-at"' in first.content.decode()
        assert (first.context["by_kind"], first.context["by_unit"]) == expected
        with CaptureQueriesContext(connection) as again:
            second = client.get("/oversight/")
        assert (second.context["by_kind"], second.context["by_unit"]) == expected
        assert second.context["summary_at"] == first.context["summary_at"]
        assert not [q for q in again.captured_queries if "GROUP BY" in q["sql"]], role  # read, not counted
    assert LedgerSummary.objects.count() == 2  # one per set of visible items and day
    # a write through a service: the next view counts again, exactly
    bureau = users["justice_bureau"]
    item = selectors.items_for(bureau).filter(status=RectificationItem.Status.SIGNED_OFF).first()
    assert item is not None
    services.consolidate(actor=bureau, item=item, checked_on=today, note="巩固")
    client.force_login(bureau)
    after = client.get("/oversight/")
    fresh = selectors.summaries(selectors.items_for(bureau), today)
    assert (after.context["by_kind"], after.context["by_unit"]) == fresh != expected
    # another day: counted again for that day (the overdue items change with it)
    clock.freeze(today + dt.timedelta(days=400))
    later = client.get("/oversight/")
    assert (later.context["by_kind"], later.context["by_unit"]) == selectors.summaries(
        selectors.items_for(bureau), clock.today()
    )
    assert list(LedgerSummary.objects.values_list("day", flat=True)) == [
        clock.today()
    ]  # the earlier day's gone
