"""The list pages still over 300 ms at province scale in session 9 (issue 19), each now sorted, filtered and counted
in the database: every sortable column has a database ordering, and the order shown is the one the list had when
it was sorted in memory (ties included), in both directions. Over a generated district."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import RequestFactory

from fazhi.core import clock
from fazhi.core.web import lists
from fazhi.perf import bench
from fazhi.review.models import LegalityReview
from fazhi.review.selectors import reviews_for
from fazhi.review.web.lists import OPEN_STATUSES, level_due, review_spec

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("synth_district")]


def users():
    return dict(bench.bench_users())


def in_memory(rows, value, *, descending: bool) -> list:
    """How core.web.lists sorted a column without a database ordering: stable, blanks last either way."""
    present = [r for r in rows if value(r) not in (None, "")]
    empty = [r for r in rows if value(r) in (None, "")]
    return sorted(present, key=value, reverse=descending) + empty


def listed(user, spec, rows, **params) -> list:
    request = RequestFactory().get("/", params)
    request.user = user
    return list(lists.listing(request, rows, spec).rows)


def test_the_review_list_sorts_on_the_level_time_limit_in_the_database_as_it_did_in_memory():
    user = users()["justice_bureau"]
    today = clock.today()
    # six more reviews under way, each with its own time limit
    more = list(reviews_for(user).exclude(status__in=OPEN_STATUSES).order_by("pk")[:6])
    for days, review in enumerate(more):
        LegalityReview.objects.filter(pk=review.pk).update(
            status=LegalityReview.Status.ADVISOR_REVIEW, level_due_on=today + dt.timedelta(days=days - 2)
        )
    open_ = list(reviews_for(user).filter(status__in=OPEN_STATUSES).order_by("pk"))
    assert len(open_) >= 6
    # ties on the time limit, and an open review without one (a blank, last either way)
    same = today + dt.timedelta(days=5)
    LegalityReview.objects.filter(pk__in=[r.pk for r in open_[:3]]).update(level_due_on=same)
    LegalityReview.objects.filter(pk=open_[3].pk).update(level_due_on=None)
    spec = review_spec(user, today)
    assert [c.key for c in spec.columns if c.sortable and not c.order_by] == []
    everything = list(reviews_for(user))  # the list's own order: newest submission first
    assert len(everything) == reviews_for(user).count() > len(open_)
    for sort, descending in (("due", False), ("-due", True)):
        shown = listed(user, spec, reviews_for(user), sort=sort)
        assert [r.pk for r in shown] == [
            r.pk for r in in_memory(everything, level_due, descending=descending)
        ]
        assert open_[3].pk in [r.pk for r in shown if level_due(r) is None]
    # the default sort is the time limit; overdue only: the open reviews past it, counted in the database
    request = RequestFactory().get("/", {"overdue": "1"})
    request.user = user
    listing = lists.listing(request, reviews_for(user), spec)
    expected = [
        r.pk for r in everything if r.status in OPEN_STATUSES and r.level_due_on and r.level_due_on < today
    ]
    assert listing.sort == "due" and listing.total == len(expected)
    assert sorted(r.pk for r in listing.rows) == sorted(expected)


def test_the_inspections_api_reads_a_page_of_findings_and_their_items_at_once(
    client, django_assert_max_num_queries
):
    """Each inspection in the list as its own record shows it (findings the user may see, each with its item), read
    in a bounded number of statements (it was one query per inspection and one per finding)."""
    for role, user in users().items():
        client.force_login(user)
        with django_assert_max_num_queries(12, info=role):
            listed_ = client.get("/api/oversight/inspections/?page_size=500", HTTP_HOST="localhost").json()
        assert listed_["count"] == len(listed_["results"]) > (0 if role == "justice_bureau" else -1), role
        with_items = 0
        for row in listed_["results"]:
            one = client.get(f"/api/oversight/inspections/{row['id']}/", HTTP_HOST="localhost").json()
            assert row == one, (role, row["id"])
            with_items += sum(f["item"] is not None for f in row["findings"])
        assert with_items > 0 or role == "unit", role


def test_the_docket_finds_the_next_running_clock_of_open_cases_only_as_before():
    """The next deadline is looked up for open cases only; for every case it equals the running clock the docket
    read before (none for a closed case, a suspended case's decision clock not running), and the list sorts on it
    in the database both ways (cases without one last, and first when reversed, as before: `due_blank` is reversed
    with the column)."""
    from django.db.models import OuterRef, Subquery

    from fazhi.disputes.models import CaseClock, ReconsiderationCase
    from fazhi.disputes.selectors import cases_for
    from fazhi.disputes.web.lists import docket_spec, with_next_due

    C = ReconsiderationCase
    user = users()["justice_bureau"]
    today = clock.today()
    cases = list(cases_for(user).order_by("pk"))
    # a suspended case whose decision clock does not run, and a closed case with a clock left unmet
    suspended, closed, running = cases[0], cases[1], cases[2]
    C.objects.filter(pk=suspended.pk).update(status=C.Status.SUSPENDED)
    C.objects.filter(pk=closed.pk).update(status=C.Status.CLOSED)
    C.objects.filter(pk=running.pk).update(status=C.Status.REVIEWING)
    for case, kind, days in (
        (suspended, CaseClock.Kind.DECISION, 1),
        (closed, CaseClock.Kind.DECISION, 2),
        (running, CaseClock.Kind.DECISION, 3),
    ):
        CaseClock.objects.update_or_create(
            case=case,
            kind=kind,
            defaults={"start": today, "due_on": today + dt.timedelta(days), "met_on": None},
        )
    before = (
        CaseClock.objects.filter(case=OuterRef("pk"), met_on__isnull=True, case__status__in=C.OPEN)
        .exclude(kind=CaseClock.Kind.DECISION, case__status=C.Status.SUSPENDED)
        .order_by("due_on", "pk")
    )
    old = dict(
        cases_for(user)
        .annotate(d=Subquery(before.values("due_on")[:1]), k=Subquery(before.values("kind")[:1]))
        .values_list("pk", "d")
    )
    new = {c.pk: c for c in with_next_due(cases_for(user))}
    assert {pk: c.next_due for pk, c in new.items()} == old
    assert sum(d is not None for d in old.values()) > 0
    assert new[running.pk].next_due == today + dt.timedelta(3) and new[running.pk].next_due_kind == "decision"
    assert new[suspended.pk].next_due != today + dt.timedelta(1) and new[closed.pk].next_due is None
    rows = with_next_due(cases_for(user))
    spec = docket_spec(rows, today)
    for sort, descending in (("due", False), ("-due", True)):
        shown = listed(user, spec, rows, sort=sort)
        dated = [c.next_due for c in shown if c.next_due]
        assert dated == sorted(dated, reverse=descending) and len(dated) == sum(
            d is not None for d in old.values()
        )
        head = shown[-len(dated) :] if descending else shown[: len(dated)]
        assert all(c.next_due for c in head)


def test_the_lawsuit_list_sorts_on_the_next_deadline_of_its_index_as_before():
    """The next deadline now comes from the expressions of the list's index (models.lawsuits): for every lawsuit
    the same as the list computed before, and sorted on it in the database both ways."""
    from django.db.models import Case, DateField, F, Q, When

    from fazhi.litigation.models import Lawsuit
    from fazhi.litigation.selectors import lawsuits_for
    from fazhi.litigation.web.lists import lawsuit_spec, with_next_due

    S = Lawsuit.Status
    user = users()["justice_bureau"]
    today = clock.today()
    first = list(lawsuits_for(user).order_by("pk")[:3])
    Lawsuit.objects.filter(pk=first[0].pk).update(status=S.SERVED, defence_due=today + dt.timedelta(4))
    Lawsuit.objects.filter(pk=first[1].pk).update(
        status=S.EFFECTIVE, must_perform=True, performed_on=None, performance_due=today + dt.timedelta(2)
    )
    before = Case(
        When(Q(status=S.SERVED), then=F("defence_due")),
        When(
            Q(
                status=S.EFFECTIVE,
                must_perform=True,
                performed_on__isnull=True,
                performance_due__isnull=False,
            ),
            then=F("performance_due"),
        ),
        default=None,
        output_field=DateField(),
    )
    old = dict(lawsuits_for(user).annotate(d=before).values_list("pk", "d"))
    rows = with_next_due(lawsuits_for(user))
    assert dict(rows.values_list("pk", "next_due")) == old
    dated = sorted(d for d in old.values() if d)
    assert len(dated) >= 2
    spec = lawsuit_spec(rows, today)
    for sort, descending in (("due", False), ("-due", True)):
        shown = [s.next_due for s in listed(user, spec, rows, sort=sort)]
        # blanks last ascending, first descending (due_blank is reversed with the column), as before
        assert [d for d in shown if d] == sorted(dated, reverse=descending)
        assert (shown[-len(dated) :] if descending else shown[: len(dated)]) == sorted(
            dated, reverse=descending
        )
