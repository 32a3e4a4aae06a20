"""fazhi worker [--batch] [--interval S]: run the background jobs (django-tasks-db's db_worker) and, once a day,
the scheduled work the apps register in their jobs.py (core.tasks.scheduled). Jobs enqueued while no worker ran are
run when it starts: they wait in the database (and a job committed but never enqueued is sent again). Jobs a killed
worker left running are queued again when it starts; run one worker per installation."""

from __future__ import annotations

import logging
import os
import time

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from fazhi.core import jobs, tasks


class Command(db_worker.Command):
    help = "运行后台任务（台账导入、报告生成），并每天运行一次定时任务（如行政复议申请视为受理）。"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--no-scheduled", action="store_true", help="不运行定时任务，只运行队列中的任务")

    def handle(
        self,
        *,
        verbosity: int,
        queue_name: str,
        interval: float,
        batch: bool,
        backend_name: str,
        startup_delay: bool,
        max_tasks: int | None,
        worker_id: str,
        exclude_queues: str,
        reload: bool = False,
        no_scheduled: bool = False,
        **options,
    ) -> None:
        self.configure_logging(verbosity)
        if verbosity < 2:
            # db_worker announces each pass; this loop makes one pass per interval.
            logging.getLogger("django_tasks_db").setLevel(logging.WARNING)
        schedule = tasks.discover()
        for job in jobs.recover_interrupted():
            self.stdout.write(f"已重新排入上次运行中断的任务：{job}")
        for job in jobs.requeue_unsent():
            self.stdout.write(f"已重新排入未送达队列的任务：{job}")
        if verbosity and not no_scheduled:
            names = "、".join(f"{s.name}（{s.title}）" for s in schedule.values()) or "无"
            self.stdout.write(f"后台任务进程已启动；每日定时任务：{names}")
        worker = db_worker.Worker(
            queue_names=queue_name.split(","),
            interval=interval,
            batch=True,  # one pass runs every ready task, then this loop looks at the schedule again
            backend_name=backend_name,
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=exclude_queues.split(",") if exclude_queues else [],
        )

        def loop() -> None:
            while worker.running:
                if not no_scheduled:
                    for job in tasks.enqueue_due():
                        self.stdout.write(f"已排入定时任务：{job.name}")
                worker.run()
                if batch or (max_tasks is not None and worker._run_tasks >= max_tasks):
                    return
                time.sleep(interval)

        if batch:
            loop()
        elif reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # only the reloaded child runs tasks
            run_with_reloader(loop)
        else:
            worker.configure_signals()
            loop()
