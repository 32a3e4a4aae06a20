"""Background jobs: one `Job` row for each piece of long work (a ledger import, a report rendering, scheduled work),
its django-tasks task enqueued when the transaction that stored it commits, and the run that records its status and
progress. The web process only stores the job; `fazhi worker` runs it (tests run it at once with ImmediateBackend).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.module_loading import import_string
from django_tasks_db.models import DBTaskResult

from . import clock
from .models import Job, User

Progress = Callable[[int, int], None]
UNSENT_AFTER = dt.timedelta(minutes=5)

# Tests replace this with a direct call: their transaction is rolled back, never committed.
on_commit = transaction.on_commit


class JobFailed(Exception):
    """The work ended without its result for a reason the user can act on; its message is shown as it is."""

    def __init__(self, message: str, result: dict | None = None):
        super().__init__(message)
        self.message = message
        self.result = result


def enqueue(job: Job, task: Any) -> Job:
    """Enqueue `task(job.pk)` once the job's row is committed (the worker must find it), keeping the task's id.
    The task's path is stored with the job, so a job whose enqueueing was lost can be sent again."""
    Job.objects.filter(pk=job.pk).update(task_path=task.module_path)
    on_commit(lambda: _send(job.pk, task))
    job.refresh_from_db()
    return job


def _send(job_id: int, task: Any) -> None:
    result = task.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id))


def requeue_unsent(older_than: dt.timedelta = UNSENT_AFTER) -> list[Job]:
    """Send again the jobs committed but never enqueued (the process stopped between its commit and the enqueue):
    queued, with no task id, for longer than `older_than`. `fazhi worker` calls it when it starts."""
    unsent = Job.objects.filter(
        status=Job.Status.QUEUED, task_id="", created_at__lt=clock.now() - older_than
    ).exclude(task_path="")
    sent = []
    for job in unsent:
        _send(job.pk, import_string(job.task_path))
        sent.append(job)
    return sent


def recover_interrupted() -> list[Job]:
    """Queue again the jobs a stopped worker left running (the process was killed or the machine restarted while it
    ran them): their task is marked failed in the queue, the job goes back to 排队中 with its progress reset and a
    note, and its task is sent again. `fazhi worker` calls it when it starts, before it runs anything: one worker
    runs an installation's jobs (README), so a job still running at that moment has no worker.
    The work a job does is atomic (an import is one transaction; scheduled work is keyed by day), so running it
    again neither doubles nor loses records."""
    recovered = []
    for job in Job.objects.filter(status=Job.Status.RUNNING).exclude(task_path=""):
        if job.task_id:
            DBTaskResult.objects.filter(id=job.task_id, status="RUNNING").update(
                status="FAILED", finished_at=clock.now(), exception_class_path="fazhi.core.jobs.Interrupted"
            )
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.QUEUED,
            done=0,
            started_at=None,
            task_id="",
            message="上次运行时后台任务进程中断，已重新排队。",
        )
        _send(job.pk, import_string(job.task_path))
        recovered.append(job)
    return recovered


def run(job_id: int, work: Callable[[Job, Progress], dict[str, Any]]) -> None:
    """Run `work(job, progress)` for a job: mark it running, store its progress (at most every 2%), store the
    fields `work` returns when it succeeds. JobFailed, ValidationError and PermissionDenied end the job as failed
    with their message; anything else fails it too and is raised again, so the worker keeps the traceback."""
    job = Job.objects.select_related("user", "organization").filter(pk=job_id).first()
    if job is None or job.finished:
        return  # a task delivered twice does not run its job twice
    Job.objects.filter(pk=job_id).update(status=Job.Status.RUNNING, started_at=clock.now())
    last = [0]

    def progress(done: int, total: int) -> None:
        if done == total or done - last[0] >= max(1, total // 50):
            last[0] = done
            Job.objects.filter(pk=job_id).update(done=done, total=total)

    try:
        fields = work(job, progress)
    except JobFailed as exc:
        _finish(job_id, Job.Status.FAILED, message=exc.message, result=exc.result or {"summary": exc.message})
    except (ValidationError, PermissionDenied) as exc:
        message = "；".join(getattr(exc, "messages", None) or [str(exc)])
        _finish(job_id, Job.Status.FAILED, message=message, result={"summary": message, "errors": []})
    except Exception as exc:
        message = f"{job.get_kind_display()}时发生系统错误：{exc}"
        _finish(job_id, Job.Status.FAILED, message=message, result={"summary": message, "errors": []})
        raise
    else:
        _finish(job_id, fields.pop("status", Job.Status.DONE), **fields)


def _finish(job_id: int, status: str, **fields: Any) -> None:
    Job.objects.filter(pk=job_id).update(status=status, finished_at=clock.now(), **fields)


def for_user(user: User, kind: str) -> QuerySet[Job]:
    """The jobs a user submitted, of one kind: a job's page and its file are its submitter's alone."""
    if not getattr(user, "is_authenticated", False):
        return Job.objects.none()
    return Job.objects.filter(user=user, kind=kind)
