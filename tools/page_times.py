#!/usr/bin/env python3
"""Server time and query count of each page the load test (tools/loadtest.py) asks for, per account: where the
processor time of a request goes when the load test's p95 is over its target (docs/reliability.md).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fazhi_load FAZHI_DEV=1 PYTHONPATH=src \
        .venv/bin/python tools/page_times.py [--users scj,jyj] [--repeat 5]

Django's test client (no HTTP) on a demo database: the median of `--repeat` requests after one warm-up request.
Reads only. Not part of the platform; standard library and the project only.
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
    args = parser.parse_args()
    for name in args.users.split(","):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(User.objects.get(username=name))
        for url in READS + SEARCHES:
            client.get(url)
            times = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
            median = statistics.median(times)
            sys.stdout.write(
                f"{name}\t{url}\t{response.status_code}\t{median:.1f} ms\t{len(queries)} 次查询\n"
            )


if __name__ == "__main__":
    main()
