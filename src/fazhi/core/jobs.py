"""Ledger imports as background jobs with progress, so the page can show a progress bar while a file imports.

The job runs in a thread of the web process after the request commits (the task queue takes this over when the
platform runs on several machines); tests and the CLI run it inline.
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, transaction

from .io import ledgers
from .models import LedgerJob, User


def submit_import(*, actor: User, ledger: str, filename: str, content: bytes, dry_run: bool) -> LedgerJob:
    ledgers.get(ledger)  # an unknown ledger is refused before anything is stored
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("请先登录。")
    job = LedgerJob.objects.create(
        ledger=ledger,
        user=actor,
        organization=actor.organization,
        filename=filename,
        content=content,
        dry_run=dry_run,
    )
    if getattr(settings, "FAZHI_JOBS_INLINE", False):
        run_job(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(
            lambda: threading.Thread(target=_run_in_thread, args=(job.pk,), daemon=True).start()
        )
    return job


def _run_in_thread(job_id: int) -> None:
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        close_old_connections()


def run_job(job_id: int) -> None:
    job = LedgerJob.objects.select_related("user").get(pk=job_id)
    LedgerJob.objects.filter(pk=job_id).update(status=LedgerJob.Status.RUNNING)
    last = [0]

    def progress(done: int, total: int) -> None:
        # Write progress at most every 2% so a large file does not spend its time on progress rows.
        if done == total or done - last[0] >= max(1, total // 50):
            last[0] = done
            LedgerJob.objects.filter(pk=job_id).update(processed=done, total=total)

    try:
        result = ledgers.run_import(
            job.ledger,
            content=bytes(job.content),
            filename=job.filename,
            actor=job.user,
            dry_run=job.dry_run,
            progress=progress,
        )
        status = LedgerJob.Status.DONE if result.ok else LedgerJob.Status.FAILED
        LedgerJob.objects.filter(pk=job_id).update(
            status=status, result=result.as_dict(), total=result.total, processed=result.total
        )
    except (ledgers.LedgerFileError, PermissionDenied) as exc:
        LedgerJob.objects.filter(pk=job_id).update(
            status=LedgerJob.Status.FAILED, result={"summary": str(exc), "errors": [], "file_error": str(exc)}
        )
    except Exception as exc:  # an unexpected failure must still end the job visibly
        LedgerJob.objects.filter(pk=job_id).update(
            status=LedgerJob.Status.FAILED, result={"summary": f"导入时发生系统错误：{exc}", "errors": []}
        )
        raise
