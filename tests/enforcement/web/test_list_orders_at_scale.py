"""The enforcement lists read at province scale from indexes (issue 19, session 11) keep their rows and order, pinned
over a generated district against the order computed in Python from the records themselves: the problem list by
its file's campaign (year, name), then id — the campaign now read from the problem's own row —, and the clue list
open first, by due date, then id; both ways, filtered and on page 2."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.test import RequestFactory

from fazhi.core import clock
from fazhi.core.web import lists
from fazhi.enforcement import selectors
from fazhi.enforcement.models import CaseFileProblem, SupervisionClue, TrainingAttendance
from fazhi.enforcement.rules.clues import DUE_WARNING_DAYS
from fazhi.enforcement.web.views import clues as clue_views
from fazhi.enforcement.web.views import evaluation as evaluation_views
from fazhi.enforcement.web.views import training as training_views
from fazhi.perf import bench

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 20)
PAGE = 3


@pytest.fixture(autouse=True)
def generated():
    clock.freeze(TODAY)
    call_command(
        "synth", "--scale", "district", "--factor", "0.02", stdout=io.StringIO(), stderr=io.StringIO()
    )


def _listed(rows, spec, user, **params) -> list[int]:
    """The ids of a page of the list for `user`, pages of 3 rows (the generated district at a fiftieth is small)."""
    request = RequestFactory().get("/", params)
    request.user = user
    listing = lists.listing(request, rows, dataclasses.replace(spec, per_page=PAGE))
    assert not listing.errors
    return [r.pk for r in listing.page_rows]


def test_the_problem_list_is_in_its_files_campaign_order_then_id():
    for role, user in bench.bench_users():
        problems = list(
            selectors.problems_for(user).select_related("case_file__campaign").order_by().iterator()
        )
        assert len(problems) > 2 * PAGE or role == "unit", (role, len(problems))
        for p in problems:  # the campaign kept on the problem is its file's
            assert p.campaign_id == p.case_file.campaign_id
        key = [
            p.pk
            for p in sorted(
                problems, key=lambda p: (p.case_file.campaign.year, p.case_file.campaign.name, p.pk)
            )
        ]
        rows = selectors.problems_for(user).select_related("case_file")
        spec = evaluation_views.problem_spec(rows)
        assert _listed(rows, spec, user) == key[:PAGE], role
        if len(key) > PAGE:
            assert _listed(rows, spec, user, page="2") == key[PAGE : 2 * PAGE], role
        descending = [
            p.pk
            for p in sorted(
                problems,
                key=lambda p: (p.case_file.campaign.year, p.case_file.campaign.name, p.pk),
                reverse=True,
            )
        ]
        assert _listed(rows, spec, user, sort="-campaign") == descending[:PAGE], role
        campaign = problems[len(problems) // 2].case_file.campaign if problems else None
        if campaign is not None:
            of_campaign = [
                pk for pk in key if CaseFileProblem.objects.get(pk=pk).case_file.campaign == campaign
            ]
            assert _listed(rows, spec, user, campaign=str(campaign.pk)) == of_campaign[:PAGE], role


def test_the_clue_list_is_open_first_by_due_date_then_id():
    for role, user in bench.bench_users():
        clues = list(selectors.clues_for(user).order_by())
        assert len(clues) > 2 * PAGE or role == "unit", (role, len(clues))
        assert any(c.status == SupervisionClue.Status.CLOSED for c in clues), role

        def key(c):
            return (c.status == SupervisionClue.Status.CLOSED, c.due_on, c.pk)

        ascending = [c.pk for c in sorted(clues, key=key)]
        descending = ascending[::-1]
        rows = clue_views._open_first(selectors.clues_for(user))
        spec = clue_views.list_spec(user, rows, TODAY)
        assert _listed(rows, spec, user) == ascending[:PAGE], role
        if len(ascending) > PAGE:
            assert _listed(rows, spec, user, page="2") == ascending[PAGE : 2 * PAGE], role
        assert _listed(rows, spec, user, sort="-due") == descending[:PAGE], role
        overdue = [
            pk
            for pk in ascending
            if (c := next(x for x in clues if x.pk == pk)).status != SupervisionClue.Status.CLOSED
            and c.due_on < TODAY
        ]
        assert _listed(rows, spec, user, overdue="1") == overdue[:PAGE], role


def test_the_clues_due_on_the_workbench_are_the_open_clues_due_within_the_warning_days():
    # some clues open and due around today (the generated ones are due in their own years)
    for days, pk in zip(
        (-3, 0, 5, 6, 40),
        SupervisionClue.objects.order_by("pk").values_list("pk", flat=True)[:5],
        strict=True,
    ):
        SupervisionClue.objects.filter(pk=pk).update(
            status="handling", due_on=TODAY + dt.timedelta(days=days)
        )
    for role, user in bench.bench_users():
        expected = sorted(
            (
                c
                for c in SupervisionClue.objects.all()
                if c.status != SupervisionClue.Status.CLOSED
                and c.due_on <= TODAY + dt.timedelta(days=DUE_WARNING_DAYS)
            ),
            key=lambda c: (c.due_on, c.pk),
        )
        due = list(selectors.clues_due(user, TODAY))
        assert set(due) <= set(expected), role
        if role == "justice_bureau":
            assert due == expected and len(due) >= 3


def test_the_clue_year_choices_are_the_years_of_the_users_clues_gaps_left_out():
    # one clue received long before the others: the years between are offered only where a clue was received
    SupervisionClue.objects.filter(pk=SupervisionClue.objects.order_by("pk").first().pk).update(
        received_on=dt.date(2019, 3, 1)
    )
    for role, user in bench.bench_users():
        clues = selectors.clues_for(user)
        expected = sorted({c.received_on.year for c in clues}, reverse=True)
        assert selectors.years_received(clues) == expected, role
        rows = clue_views._open_first(clues)
        year = next(f for f in clue_views.list_spec(user, rows, TODAY).filters if f.name == "year")
        assert year.choices == [(str(y), f"{y}年") for y in expected], role
        if role == "justice_bureau":
            assert 2019 in expected and 2020 not in expected
    assert selectors.years_received(SupervisionClue.objects.none()) == []


def test_the_training_list_counts_each_sessions_attendances_and_sorts_on_them():
    for role, user in bench.bench_users():
        sessions = list(selectors.sessions_for(user).order_by())
        attended = {s.pk: TrainingAttendance.objects.filter(session=s).count() for s in sessions}
        rows = selectors.sessions_listed(user)
        assert {s.pk: s.attended for s in rows} == attended, role
        spec = training_views.list_spec(rows)
        by_count = [pk for pk, _ in sorted(attended.items(), key=lambda kv: (kv[1], kv[0]))]
        assert _listed(rows, spec, user, sort="attended") == by_count[:PAGE], role
        newest = [s.pk for s in sorted(sessions, key=lambda s: (s.held_on, s.pk), reverse=True)]
        assert _listed(rows, spec, user) == newest[:PAGE], role
