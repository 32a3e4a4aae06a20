"""Long work on django-tasks: the ledger import task, and scheduled work — a registry that apps fill from their
`jobs.py` with `@scheduled(name)` and that `fazhi worker` runs once a day, each run a Job like any other."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.module_loading import autodiscover_modules
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from . import clock, jobs
from .io import ledgers, limits
from .models import Job, Role, User

# Ledger imports ------------------------------------------------------------------------------------------------


def submit_import(*, actor: User, ledger: str, filename: str, content: bytes, dry_run: bool) -> Job:
    """Store the file as a job and enqueue its import (a dry run first; the page confirms it for real)."""
    ledgers.check_may_import(actor, ledgers.get(ledger))  # refused before anything is stored
    limits.check_upload_size(len(content), "ledger")
    job = Job.objects.create(
        kind=Job.Kind.LEDGER_IMPORT,
        name=ledger,
        params={"ledger": ledger, "dry_run": dry_run},
        user=actor,
        organization=actor.organization,
        filename=filename,
        content=content,
    )
    return jobs.enqueue(job, import_ledger)


@task()
def import_ledger(job_id: int) -> None:
    """Import (or dry-run) the file of a ledger import job; the file is deleted once the job ends."""
    try:
        jobs.run(job_id, _import)
    finally:
        discard_file(job_id)


def discard_file(job_id: int) -> None:
    """Delete the uploaded file of an import job that has ended: an import (done or failed) and a failed dry run
    keep only their result. A dry run that passed keeps its file until it is confirmed (the real import reads it)
    or for IMPORT_FILE_KEPT_FOR at most (`core.purge_import_files`, daily)."""
    job = Job.objects.filter(pk=job_id).only("status", "params").first()
    if job is None or not job.finished:
        return  # queued again after an interrupted run: it still needs its file
    if job.dry_run and job.status == Job.Status.DONE:
        return
    Job.objects.filter(pk=job_id).update(content=None)


def _import(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    try:
        result = ledgers.run_import(
            job.ledger,
            content=bytes(job.content or b""),
            filename=job.filename,
            actor=job.user,
            dry_run=job.dry_run,
            progress=progress,
        )
    except ledgers.LedgerFileError as exc:
        raise jobs.JobFailed(str(exc), {"summary": str(exc), "errors": [], "file_error": str(exc)}) from exc
    return {
        "status": Job.Status.DONE if result.ok else Job.Status.FAILED,
        "result": result.as_dict(),
        "message": result.summary(),
        "total": result.total,
        "done": result.total,
    }


# Scheduled work ------------------------------------------------------------------------------------------------

EVERY = ("daily",)


@dataclass(frozen=True)
class Scheduled:
    name: str
    every: str
    func: Callable[..., str]
    title: str


SCHEDULE: dict[str, Scheduled] = {}


def scheduled(name: str, every: str = "daily") -> Callable:
    """Register `func(*, actor, today) -> summary` to run once a day in `fazhi worker`, as the system
    administrator. Apps declare theirs in `<app>/jobs.py`, found by `discover()`."""
    if every not in EVERY:
        raise ValueError(f"scheduled work {name!r}: every must be one of {EVERY}, got {every!r}")

    def register(func: Callable[..., str]) -> Callable[..., str]:
        title = (func.__doc__ or name).strip().splitlines()[0]
        SCHEDULE[name] = Scheduled(name=name, every=every, func=func, title=title)
        return func

    return register


def discover() -> dict[str, Scheduled]:
    """Import every installed app's `jobs` module, so its scheduled work is registered."""
    autodiscover_modules("jobs")
    return SCHEDULE


def scheduled_actor() -> User | None:
    """Who scheduled work acts as: the first active system administrator (its audit events name them)."""
    return (
        User.objects.filter(is_active=True, role=Role.SYSTEM_ADMIN).order_by("pk").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    )


def enqueue_due(today: dt.date | None = None) -> list[Job]:
    """Enqueue each registered piece of scheduled work that has not run today; workers on several machines
    enqueue it once between them (the run key is unique)."""
    today = today or clock.today()
    enqueued = []
    for item in discover().values():
        key = f"{item.name}@{today.isoformat()}"
        if Job.objects.filter(run_key=key).exists():
            continue
        try:
            with transaction.atomic():
                job = Job.objects.create(
                    kind=Job.Kind.SCHEDULED,
                    name=item.name,
                    params={"today": today.isoformat()},
                    run_key=key,
                )
                enqueued.append(jobs.enqueue(job, run_scheduled))
        except IntegrityError:
            continue  # another worker enqueued it first
    return enqueued


@task()
def run_scheduled(job_id: int) -> None:
    """Run one day's scheduled work."""
    jobs.run(job_id, _scheduled)


def _scheduled(job: Job, progress: jobs.Progress) -> dict[str, Any]:
    item = discover().get(job.name)
    if item is None:
        raise jobs.JobFailed(f"没有名为“{job.name}”的定时任务。")
    actor = scheduled_actor()
    if actor is None:
        raise jobs.JobFailed("没有可用的系统管理员用户，定时任务未运行。")
    summary = item.func(actor=actor, today=dt.date.fromisoformat(job.params["today"]))
    return {"message": summary or "", "result": {"summary": summary or ""}, "done": 1, "total": 1}


QUEUE_KEPT_FOR = dt.timedelta(days=14)
IMPORT_FILE_KEPT_FOR = dt.timedelta(days=1)


@scheduled("core.purge_import_files", every="daily")
def purge_import_files(*, actor: User, today: dt.date) -> str:
    """清除过期的导入文件

    The uploaded file of an import job that ended more than a day ago is deleted (a dry run never confirmed); the job
    keeps its result. Files of imports that ended are deleted at once by discard_file."""
    stale = Job.objects.filter(
        kind=Job.Kind.LEDGER_IMPORT,
        content__isnull=False,
        finished_at__lt=clock.now() - IMPORT_FILE_KEPT_FOR,
    )
    count = stale.update(content=None)
    return f"已清除{count}个过期的导入文件。"


@scheduled("core.prune_task_queue", every="daily")
def prune_task_queue(*, actor: User, today: dt.date) -> str:
    """清理已完成的任务队列记录

    The queue's rows of tasks finished more than 14 days ago are deleted; each job's own record (core.Job: who, what,
    status, result) is kept."""
    finished = DBTaskResult.objects.finished().filter(finished_at__lt=clock.now() - QUEUE_KEPT_FOR)
    deleted, _ = finished.delete()
    return f"已清理{deleted}条任务队列记录。"
