"""Figures computed once and kept fresh (issue 19): a missing snapshot is computed once; a write through a service or
a ledger import marks the figures stale and queues one recompute, run by a task; the dashboard and /api/indicators/
read snapshots and show when they were computed, and a fresh dashboard calls no indicator function."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction

from fazhi.core import clock, jobs
from fazhi.core.io import ledgers
from fazhi.core.models import Job
from fazhi.indicators import registry, snapshots
from fazhi.indicators.models import FigureSnapshot
from fazhi.indicators.registry import REGISTRY, Scope
from tests import factories
from tests.core.test_ledgers import PEOPLE_HEADERS, person_row, xlsx

CODE = "core.people.legal_qualified"


def _qualified(district, year=2025, name=None):
    return factories.person(
        district.jyj, name=name, has_legal_qualification=True, legal_qualification_year=year
    )


def _value(district, year=2025):
    return snapshots.results(Scope(district.root), year, [CODE]).results[CODE].figure.value


@pytest.fixture
def no_commit(monkeypatch):
    """The queue as in production while no worker runs: enqueued jobs wait (nothing is sent)."""
    monkeypatch.setattr(jobs, "on_commit", lambda func, using=None, robust=False: None)


def test_a_missing_figure_is_computed_once_then_read_from_its_snapshot(district, monkeypatch):
    # given two qualified people in 2025
    _qualified(district)
    _qualified(district)
    calls = []
    compute = REGISTRY[CODE].compute
    monkeypatch.setitem(
        REGISTRY,
        CODE,
        registry.Indicator(
            **{
                **REGISTRY[CODE].__dict__,
                "compute": lambda p, s: calls.append(p.start.year) or compute(p, s),
            }
        ),
    )

    # when the figure is read twice
    assert _value(district) == 2
    assert _value(district) == 2

    # then it was computed once for each year (2025 and the year before), and stored with its time
    assert sorted(calls) == [2024, 2025]
    row = FigureSnapshot.objects.get(scope_key=f"{district.root.pk}+", year=2025, code=CODE)
    assert (row.value, row.stale, row.organization) == ("2", False, district.root)


def test_a_record_written_through_a_service_marks_the_figures_stale_and_the_task_brings_them_up_to_date(
    district, no_commit
):
    # given the figure read once (1 person), then one more qualified person registered through the service
    _qualified(district)
    assert _value(district) == 1
    _qualified(district)

    # then the snapshot is stale and still says 1
    snapshot = snapshots.results(Scope(district.root), 2025, [CODE])
    assert snapshot.stale is True and snapshot.results[CODE].figure.value == 1

    # and one recompute job waits, whatever the number of writes and reads that want it
    _qualified(district)
    snapshots.results(Scope(district.root), 2025, [CODE])
    waiting = Job.objects.filter(name=snapshots.REFRESH, run_key=snapshots.PENDING)
    assert waiting.count() == 1
    assert snapshots.request_refresh() is None

    # when the task runs (synchronously, as the worker would)
    snapshots.refresh_figures.call(waiting.get().pk)

    # then the figure is fresh with the new records, and the job is done
    snapshot = snapshots.results(Scope(district.root), 2025, [CODE])
    assert snapshot.stale is False and snapshot.results[CODE].figure.value == 3
    job = Job.objects.get(name=snapshots.REFRESH)
    assert (job.status, job.run_key) == (Job.Status.DONE, None)
    assert job.message == "已重新计算2组指标（范围×年度）。"


def test_writes_queue_one_recompute_when_they_commit(district, no_commit, django_capture_on_commit_callbacks):
    _qualified(district)
    assert _value(district) == 1

    # when two people are registered in one transaction that commits, while no worker runs
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            _qualified(district)
            _qualified(district)

    # then one recompute waits for the worker
    waiting = Job.objects.get(name=snapshots.REFRESH)
    assert (waiting.status, waiting.run_key) == (Job.Status.QUEUED, snapshots.PENDING)

    # and once it has run, the figure counts both
    snapshots.refresh_figures.call(waiting.pk)
    assert FigureSnapshot.objects.filter(stale=True).count() == 0
    assert _value(district) == 3


def test_a_ledger_import_marks_the_figures_stale_once_at_its_end(district, users, monkeypatch, no_commit):
    # given the figure read, and an import of three qualified people (one bulk write)
    assert _value(district) == 0
    marks = []
    mark = snapshots.mark_stale
    monkeypatch.setattr(snapshots, "mark_stale", lambda: marks.append(1) or mark())
    rows = [
        person_row(name, factories.id_number(), "T-JYJ", qualified="是", year=2025)
        for name in ("甲", "乙", "丙")
    ]

    # when it is imported
    result = ledgers.run_import(
        "people",
        content=xlsx(PEOPLE_HEADERS, rows),
        filename="人员.xlsx",
        actor=users.justice,
        dry_run=False,
    )

    # then the figures were marked stale once, and the recompute brings the three people in
    assert result.ok and result.created == 3
    assert marks == [1]
    assert FigureSnapshot.objects.filter(stale=False).count() == 0
    snapshots.refresh()
    assert _value(district) == 3


def test_a_dry_run_or_an_export_changes_no_figure(district, users, no_commit):
    _qualified(district)
    assert _value(district) == 1
    ledgers.export_for(actor=users.justice, ledger="people")  # writes an export event to the audit trail
    ledgers.run_import(
        "people",
        content=xlsx(PEOPLE_HEADERS, [person_row("甲", factories.id_number(), "T-JYJ")]),
        filename="人员.xlsx",
        actor=users.justice,
        dry_run=True,
    )
    assert FigureSnapshot.objects.filter(stale=True).count() == 0
    assert not Job.objects.filter(name=snapshots.REFRESH).exists()


def test_a_change_committed_while_a_recompute_ran_is_recomputed_by_the_next(district, no_commit):
    # given the figure computed at 9:00, then a person registered and the recompute requested at 9:05
    clock.freeze(dt.datetime(2026, 3, 2, 9, 0, tzinfo=clock.SHANGHAI))
    _qualified(district)
    assert _value(district) == 1
    _qualified(district)
    clock.freeze(dt.datetime(2026, 3, 2, 9, 5, tzinfo=clock.SHANGHAI))
    snapshots.results(Scope(district.root), 2025, [CODE])  # a stale read requests the recompute
    # and an earlier run that had read the records before that write cleared the stale mark
    FigureSnapshot.objects.update(stale=False)

    # when the recompute requested after the write runs
    snapshots.refresh_figures.call(Job.objects.get(name=snapshots.REFRESH).pk)

    # then the snapshots computed before it was requested are computed again
    assert _value(district) == 2


def test_the_api_reads_the_snapshots_and_says_when_they_were_computed(client, district, users, no_commit):
    _qualified(district)
    client.force_login(users.justice)
    response = client.get("/api/indicators/", {"year": 2025, "org": "T"})
    rows = {r["code"]: r for r in response.json()}
    assert rows[CODE]["value"] == 1 and response["X-Figures-Updating"] == "0"
    assert dt.datetime.fromisoformat(response["X-Computed-At"]) <= clock.now()

    _qualified(district)
    response = client.get("/api/indicators/", {"year": 2025, "org": "T"})
    assert {r["code"]: r for r in response.json()}[CODE]["value"] == 1
    assert response["X-Figures-Updating"] == "1"
    assert client.get("/api/indicators/", {"year": 1}).status_code == 400


def test_the_dashboard_shows_when_its_figures_were_computed_and_that_they_are_being_updated(
    client, district, users, no_commit
):
    _qualified(district)
    client.force_login(users.justice)
    html = client.get("/reports/?year=2025&org=T").content.decode()
    assert re.search(r"计算于 \d{4}-\d\d-\d\d \d\d:\d\d", html) and "正在更新" not in html

    # when a record is written through a service, the next read shows the old figure and says it is being updated
    _qualified(district)
    html = client.get("/reports/?year=2025&org=T").content.decode()
    row = html[html.index(f'data-code="{CODE}"') :]
    assert ">1人</a>" in row[: row.index("</tr>")]
    assert "数据已变化，正在更新" in html

    # and once the task has run, the new figure
    snapshots.refresh_figures.call(Job.objects.get(name=snapshots.REFRESH).pk)
    html = client.get("/reports/?year=2025&org=T").content.decode()
    row = html[html.index(f'data-code="{CODE}"') :]
    assert ">2人</a>" in row[: row.index("</tr>")] and "正在更新" not in html


def test_a_fresh_dashboard_calls_no_indicator_function(
    client, district, users, monkeypatch, django_assert_max_num_queries
):
    _qualified(district)
    client.force_login(users.justice)
    assert client.get("/reports/?year=2025&org=T").status_code == 200  # computes the missing snapshots

    def refuse(period, scope):
        raise AssertionError("an indicator was computed on a fresh dashboard")

    for code, indicator in list(REGISTRY.items()):
        monkeypatch.setitem(REGISTRY, code, registry.Indicator(**{**indicator.__dict__, "compute": refuse}))
    with django_assert_max_num_queries(15):
        response = client.get("/reports/?year=2025&org=T")
    assert response.status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get("/api/indicators/", {"year": 2025, "org": "T"}).status_code == 200


OVERDUE = "oversight.rectification.overdue"


def _overdue(district, year=2026):
    return snapshots.results(Scope(district.root), year, [OVERDUE])


def test_a_figure_computed_before_today_is_served_marked_stale_and_recomputed_for_the_new_day(
    district, users, no_commit
):
    # given a rectification item due on 2026-07-20, open, and its figures read on that day (not yet overdue)
    from fazhi.enforcement.models import SupervisionClue
    from fazhi.enforcement.services import clues
    from fazhi.oversight import services as oversight_services

    clock.freeze(dt.datetime(2026, 7, 20, 23, 50, tzinfo=clock.SHANGHAI))
    clue = clues.register_clue(
        actor=users.supervisor,
        source=SupervisionClue.Source.HOTLINE,
        external_number="2026062000001",
        received_on=dt.date(2026, 6, 20),
        organization=district.scj,
        content="执法人员检查时未出示执法证件",
    )
    oversight_services.open_item(
        actor=users.justice, source=clue, opened_on=dt.date(2026, 6, 20), deadline=dt.date(2026, 7, 20)
    )
    snapshots.refresh()  # nothing is waiting from the writes above: the snapshots are computed now
    first = _overdue(district)
    assert (first.stale, first.results[OVERDUE].figure.value) == (False, 0)
    assert not Job.objects.filter(name=snapshots.REFRESH, status=Job.Status.QUEUED).exists()

    # when the page is read after midnight (Shanghai), with no record changed
    clock.freeze(dt.datetime(2026, 7, 21, 0, 10, tzinfo=clock.SHANGHAI))
    second = _overdue(district)

    # then yesterday's figure is served, marked as being updated, and one recompute is queued
    assert (second.stale, second.results[OVERDUE].figure.value) == (True, 0)
    waiting = Job.objects.get(name=snapshots.REFRESH, run_key=snapshots.PENDING)

    # and once it runs, the item counts as overdue
    snapshots.refresh_figures.call(waiting.pk)
    third = _overdue(district)
    assert (third.stale, third.results[OVERDUE].figure.value) == (False, 1)
    assert third.computed_at == dt.datetime(2026, 7, 21, 0, 10, tzinfo=clock.SHANGHAI)


def test_the_daily_scheduled_work_recomputes_the_snapshots_of_earlier_days(district, users, no_commit):
    from fazhi.core import tasks

    # given a figure computed yesterday and one computed today
    clock.freeze(dt.datetime(2026, 7, 20, 15, 0, tzinfo=clock.SHANGHAI))
    _qualified(district)
    snapshots.results(Scope(district.root), 2025, [CODE])
    clock.freeze(dt.datetime(2026, 7, 21, 0, 5, tzinfo=clock.SHANGHAI))
    snapshots.results(Scope(district.jyj), 2025, [CODE])

    # when the worker runs today's scheduled work at 01:00
    clock.freeze(dt.datetime(2026, 7, 21, 1, 0, tzinfo=clock.SHANGHAI))
    assert "indicators.refresh_daily" in tasks.discover()
    job = next(j for j in tasks.enqueue_due(dt.date(2026, 7, 21)) if j.name == "indicators.refresh_daily")
    tasks.run_scheduled.call(job.pk)

    # then yesterday's group (district, 2025 and 2024) is recomputed and today's is left as it was
    job.refresh_from_db()
    assert (job.status, job.message) == (Job.Status.DONE, "已重新计算2组指标（范围×年度）。")
    times = dict(FigureSnapshot.objects.filter(year=2025).values_list("scope_key", "computed_at"))
    assert times == {
        f"{district.root.pk}+": dt.datetime(2026, 7, 21, 1, 0, tzinfo=clock.SHANGHAI),
        f"{district.jyj.pk}+": dt.datetime(2026, 7, 21, 0, 5, tzinfo=clock.SHANGHAI),
    }
