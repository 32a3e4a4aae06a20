#!/usr/bin/env python3
"""Server time and query count of each page the load test (tools/loadtest.py) asks for, per account: where the
processor time of a request goes when the load test's p95 is over its target (docs/reliability.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_load FAZHI_DEV=1 PYTHONPATH=src \
        .venv/bin/python tools/page_times.py [--users scj,jyj] [--repeat 5]

Django's test client (no HTTP) on a demo database: the median of `--repeat` requests after one warm-up request, as
wall time, the processor time of the Python thread (`cpu`, what the server's workers spend; it does not count waiting
for the database) and the time spent in SQL as Django sees it (`sql`, the database's share, on the same cores when
PostgreSQL runs on the same machine). `--urls` measures only the pages given. Reads only. Not part of the platform; standard library and the project only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from fazhi.core.models import User  # noqa: E402

sys.path.insert(0, os.path.dirname(__file__))
from loadtest import READS, SEARCHES  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="负载测试各页面的服务端耗时和查询数")
    parser.add_argument("--users", default="scj,jyj", help="账号，逗号分隔")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--urls", default="", help="只测这些页面，逗号分隔（默认：负载测试的读和搜索）")
    args = parser.parse_args()
    for name in args.users.split(","):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=name))
        for url in args.urls.split(",") if args.urls else READS + SEARCHES:
            client.get(url)
            walls, cpus, sqls = [], [], []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start, cpu = time.perf_counter(), time.thread_time()
                    response = client.get(url)
                    cpus.append((time.thread_time() - cpu) * 1000)
                    walls.append((time.perf_counter() - start) * 1000)
                sqls.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            wall, cpu, sql = (statistics.median(v) for v in (walls, cpus, sqls))
            sys.stdout.write(
                f"{name}\t{url}\t{response.status_code}\t{wall:.1f} ms\tcpu {cpu:.1f} ms\t"
                f"sql {sql:.1f} ms\t{len(queries)} 次查询\n"
            )


if __name__ == "__main__":
    main()
