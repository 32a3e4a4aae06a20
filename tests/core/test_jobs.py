"""Long work on django-tasks: a job enqueued while no worker runs waits in the database and is run when
`fazhi worker` starts; the worker runs each app's scheduled work once a day; the web process starts no thread."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from fazhi.core import clock, jobs, tasks
from fazhi.core.models import Job, Person
from fazhi.disputes import services as disputes_services
from fazhi.disputes.models import ReconsiderationCase
from tests import factories
from tests.core.test_ledgers import PEOPLE_HEADERS, person_row, xlsx
from tests.disputes.conftest import register

D = dt.date
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def database_tasks(settings, transactional_db):
    """The production backend: tasks wait in the database for `fazhi worker`. Transactional, as in production: the
    worker closes stale connections between passes (on PostgreSQL that would end a test wrapped in a transaction)."""
    settings.TASKS = DATABASE_TASKS


def _worker(**options) -> str:
    out = StringIO()
    call_command("worker", batch=True, stdout=out, **options)
    return out.getvalue()


def test_a_job_enqueued_while_no_worker_runs_is_run_when_the_worker_starts(database_tasks, users, district):
    # given the production backend and an import submitted while no worker runs
    number = factories.id_number()
    job = tasks.submit_import(
        actor=users.justice,
        ledger="people",
        filename="人员.xlsx",
        content=xlsx(PEOPLE_HEADERS, [person_row("甲", number, "T-JYJ")]),
        dry_run=False,
    )

    # then it waits in the database, queued, and nothing is imported
    job.refresh_from_db()
    assert (job.status, job.percent) == (Job.Status.QUEUED, 0)
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"
    assert not Person.objects.with_id_number(number).exists()

    # when the worker starts (and stops once the queue is empty)
    _worker(no_scheduled=True)

    # then the job ran to the end, with its progress and result
    job.refresh_from_db()
    assert (job.status, job.percent, job.done, job.total) == (Job.Status.DONE, 100, 1, 1)
    assert job.result["imported"] is True and job.started_at and job.finished_at
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    assert Person.objects.with_id_number(number).count() == 1


def test_a_job_is_not_run_twice_when_its_task_is_delivered_again(database_tasks, users, district):
    job = tasks.submit_import(
        actor=users.justice,
        ledger="people",
        filename="人员.xlsx",
        content=xlsx(PEOPLE_HEADERS, [person_row("甲", factories.id_number(), "T-JYJ")]),
        dry_run=False,
    )
    _worker(no_scheduled=True)
    finished_at = Job.objects.get(pk=job.pk).finished_at

    tasks.import_ledger.call(job.pk)

    assert Job.objects.get(pk=job.pk).finished_at == finished_at
    assert Person.objects.filter(name="甲").count() == 1


def test_deemed_acceptance_is_registered_as_daily_scheduled_work():
    schedule = tasks.discover()
    assert schedule["disputes.deem"].every == "daily"
    assert schedule["disputes.deem"].title.startswith("行政复议申请视为受理")
    assert schedule["core.prune_task_queue"].every == "daily"


def test_worker_applies_deemed_acceptance_once_a_day_as_the_system_administrator(
    database_tasks, users, district
):
    # given an application whose five-day examination period ended on 13 October with no refusal
    case = register(users, district, received_on=D(2025, 9, 29))
    clock.freeze(D(2025, 10, 14))

    # when the worker runs twice that day
    out = _worker()
    _worker()

    # then the case is accepted from the day the period ended, by one scheduled job of that day
    case.refresh_from_db()
    assert (case.status, case.accepted_on) == (ReconsiderationCase.Status.ACCEPTED, D(2025, 10, 13))
    job = Job.objects.get(kind=Job.Kind.SCHEDULED, name="disputes.deem")
    assert (job.status, job.run_key) == (Job.Status.DONE, "disputes.deem@2025-10-14")
    assert job.message == f"视为受理1件：{case.docket_number}"
    assert "disputes.deem" in out

    # and the next day it runs again, finding nothing more to do
    clock.freeze(D(2025, 10, 15))
    _worker()
    assert list(
        Job.objects.filter(name="disputes.deem").order_by("run_key").values_list("run_key", "message")
    ) == [("disputes.deem@2025-10-14", job.message), ("disputes.deem@2025-10-15", "视为受理0件：无")]


def test_scheduled_work_calls_the_disputes_service_with_the_day_and_actor(database_tasks, users, monkeypatch):
    calls = []
    monkeypatch.setattr(
        disputes_services, "deem_overdue_acceptances", lambda *, actor, on: calls.append((actor, on)) or []
    )
    clock.freeze(D(2026, 1, 5))

    _worker()

    assert calls == [(users.admin, D(2026, 1, 5))]


def test_the_queue_keeps_finished_tasks_for_14_days_and_every_job_record(database_tasks, users, district):
    # given two finished imports, one finished 15 days ago
    for name in ("甲", "乙"):
        tasks.submit_import(
            actor=users.justice,
            ledger="people",
            filename=f"{name}.xlsx",
            content=xlsx(PEOPLE_HEADERS, [person_row(name, factories.id_number(), "T-JYJ")]),
            dry_run=True,
        )
    _worker(no_scheduled=True)
    old = Job.objects.get(filename="甲.xlsx")
    DBTaskResult.objects.filter(id=old.task_id).update(finished_at=clock.now() - dt.timedelta(days=15))

    # when the daily scheduled work runs
    _worker()

    # then the old task's queue row is gone, the other stays, and both jobs keep their records
    assert not DBTaskResult.objects.filter(id=old.task_id).exists()
    assert DBTaskResult.objects.filter(id=Job.objects.get(filename="乙.xlsx").task_id).exists()
    assert Job.objects.filter(kind=Job.Kind.LEDGER_IMPORT, status=Job.Status.DONE).count() == 2
    assert Job.objects.get(name="core.prune_task_queue").message == "已清理1条任务队列记录。"


def test_scheduled_work_fails_visibly_without_a_system_administrator(database_tasks, db):
    clock.freeze(D(2026, 1, 5))

    _worker()

    job = Job.objects.get(name="disputes.deem")
    assert (job.status, job.message) == (Job.Status.FAILED, "没有可用的系统管理员用户，定时任务未运行。")


def test_scheduled_work_must_say_how_often():
    with pytest.raises(ValueError, match="every"):
        tasks.scheduled("x.y", every="hourly")


def test_the_web_process_never_starts_a_thread():
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"threading\.Thread|from threading import", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
    importers = [
        path.relative_to(SRC).as_posix()
        for path in SRC.rglob("*.py")
        if re.search(
            r"perf\.bench|from \.+bench import|from \.+ import bench", path.read_text(encoding="utf-8")
        )
    ]
    assert importers == ["fazhi/perf/management/commands/bench.py"]


def test_a_job_committed_but_never_enqueued_is_sent_again_when_the_worker_starts(
    database_tasks, users, district, monkeypatch
):
    # given an import whose enqueueing was lost (the web process stopped right after its commit)
    monkeypatch.setattr(jobs, "on_commit", lambda func, using=None, robust=False: None)
    number = factories.id_number()
    job = tasks.submit_import(
        actor=users.justice,
        ledger="people",
        filename="人员.xlsx",
        content=xlsx(PEOPLE_HEADERS, [person_row("甲", number, "T-JYJ")]),
        dry_run=False,
    )
    assert (job.task_id, job.task_path) == ("", "fazhi.core.tasks.import_ledger")
    assert not DBTaskResult.objects.exists()
    fresh = tasks.submit_import(
        actor=users.justice,
        ledger="people",
        filename="人员2.xlsx",
        content=xlsx(PEOPLE_HEADERS, [person_row("乙", factories.id_number(), "T-JYJ")]),
        dry_run=True,
    )
    Job.objects.filter(pk=job.pk).update(created_at=clock.now() - dt.timedelta(minutes=6))

    # when the worker starts
    out = _worker(no_scheduled=True)

    # then the old job is enqueued and run; one just committed is left to its own enqueueing
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.task_id
    assert Person.objects.with_id_number(number).count() == 1
    assert "人员.xlsx" in out
    assert Job.objects.get(pk=fresh.pk).status == Job.Status.QUEUED


def test_a_job_left_running_by_a_killed_worker_is_queued_again_and_run_when_the_worker_starts(
    database_tasks, users, district
):
    # given an import the worker had claimed and was running when it was killed (its transaction rolled back)
    number = factories.id_number()
    job = tasks.submit_import(
        actor=users.justice,
        ledger="people",
        filename="人员.xlsx",
        content=xlsx(PEOPLE_HEADERS, [person_row("甲", number, "T-JYJ")]),
        dry_run=False,
    )
    old_task = job.task_id
    DBTaskResult.objects.filter(id=old_task).update(status="RUNNING", worker_ids=["killed"])
    Job.objects.filter(pk=job.pk).update(status=Job.Status.RUNNING, done=3, total=10, started_at=clock.now())

    # when a worker starts again
    out = _worker(no_scheduled=True)

    # then the job was queued again under a new task, run once, and says so; the old task is failed in the queue
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.task_id and job.task_id != old_task
    assert (job.done, job.total) == (1, 1)
    assert Person.objects.with_id_number(number).count() == 1
    assert DBTaskResult.objects.get(id=old_task).status == "FAILED"
    assert "已重新排入上次运行中断的任务" in out and "人员.xlsx" in out
