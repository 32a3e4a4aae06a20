"""fazhi serve [--bind ADDR] [--workers N] [--threads N]: the production web server, gunicorn, on this project.

Behind nginx (docs/deployment.md): nginx terminates TLS and forwards to the bind address; static files are served by
whitenoise from the same process. `fazhi worker` runs the background jobs beside it."""

from __future__ import annotations

import os
import sys

from django.core.management.base import BaseCommand


def default_workers() -> int:
    return 2 * (os.cpu_count() or 1) + 1


class Command(BaseCommand):
    help = "以 gunicorn 提供网页服务（生产部署在 nginx 之后）。"

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("FAZHI_BIND", "127.0.0.1:8000"), help="监听地址")
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("FAZHI_WORKERS", default_workers()))
        )
        parser.add_argument("--threads", type=int, default=int(os.environ.get("FAZHI_THREADS", "4")))
        parser.add_argument("--timeout", type=int, default=60, help="单个请求的最长秒数")

    def handle(self, *args, bind, workers, threads, timeout, **options):
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "fazhi.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread",
            "--timeout",
            str(timeout),
            "--graceful-timeout",
            "30",
            "--max-requests",
            "2000",
            "--max-requests-jitter",
            "200",
            "--access-logfile",
            "-",
            "--forwarded-allow-ips",
            os.environ.get("FAZHI_TRUSTED_PROXIES", "127.0.0.1"),
        ]
        self.stderr.write(f"gunicorn 在 {bind} 提供服务：{workers}个进程 × {threads}个线程。")
        sys.stdout.flush()
        os.execv(sys.executable, argv)  # noqa: S606  (replaces this process with gunicorn)
