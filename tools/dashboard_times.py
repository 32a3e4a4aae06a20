#!/usr/bin/env python3
"""Server time of the dashboard (驾驶舱), its deadline chart, a figure's drill-down and the 工作台, per role (issue 16's
budget: the dashboard under 300 ms of server time on the demo, the first view after a change included).

    DATABASE_URL=sqlite:////tmp/x.sqlite3 FAZHI_DEV=1 PYTHONPATH=src .venv/bin/python tools/dashboard_times.py \
        [--users sfj,jyj,lingdao] [--repeat 5] [--providers] [--fresh] [--no-drilldowns]

Run it on a demo database (`fazhi migrate && fazhi demo`). Everything runs in one transaction rolled back at the
end, so each run starts from the same state and leaves the database as it was. Django's test client (no HTTP): the
time is the view's, the query count is CaptureQueriesContext's; one request to the 工作台 warms the process first
(URLs, templates). `--providers` also times each 工作台 provider; `--fresh` first drops the stored figures (the
dashboard's very first view then computes them).
Not part of the platform; standard library and the project only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fazhi.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from fazhi.core import calendar, clock, workbench  # noqa: E402
from fazhi.core.models import User  # noqa: E402
from fazhi.indicators import snapshots  # noqa: E402
from fazhi.indicators.models import FigureSnapshot  # noqa: E402


def say(text: str) -> None:
    sys.stdout.write(text + "\n")


class Rollback(Exception):
    pass


def timed(client: Client, url: str) -> tuple[float, int, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="localhost")
        ms = (time.perf_counter() - start) * 1000
    return ms, len(queries), response.status_code


def line(label: str, runs: list[tuple[float, int, int]]) -> str:
    times = [r[0] for r in runs]
    statuses = sorted({r[2] for r in runs})
    return (
        f"  {label:<34} median {statistics.median(times):7.1f} ms  max {max(times):7.1f} ms  "
        f"queries {runs[-1][1]:>4}  status {statuses}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", default="sfj,jyj,lingdao")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--providers", action="store_true")
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--drilldowns", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["*"]
    try:
        with transaction.atomic():
            run(args)
            raise Rollback
    except Rollback:
        pass


def run(args) -> None:
    if args.fresh:
        FigureSnapshot.objects.all().delete()
    say(f"snapshots stored at start: {FigureSnapshot.objects.count()}")
    warm = Client()
    warm.force_login(User.objects.get(username=args.users.split(",")[0]))
    warm.get("/", HTTP_HOST="localhost")
    for username in args.users.split(","):
        user = User.objects.get(username=username)
        client = Client()
        client.force_login(user)
        say(f"{username} ({user.get_role_display()}):")
        say(line("dashboard, first view", [timed(client, "/reports/")]))
        say(line("dashboard", [timed(client, "/reports/") for _ in range(args.repeat)]))
        snapshots.mark_stale()  # a change: every snapshot stale, served as it is (its recompute queued)
        say(line("dashboard, first view after a change", [timed(client, "/reports/")]))
        start = time.perf_counter()
        groups = snapshots.refresh()
        say(f"  (refresh job: {groups} groups in {(time.perf_counter() - start) * 1000:.0f} ms)")
        say(line("dashboard, after the refresh", [timed(client, "/reports/") for _ in range(args.repeat)]))
        say(line("deadline chart", [timed(client, "/reports/charts/deadlines/") for _ in range(args.repeat)]))
        say(line("工作台", [timed(client, "/") for _ in range(args.repeat)]))
        html = client.get("/reports/").content.decode()
        links = sorted(set(re.findall(r'href="(/reports/figures/[^"/]+/\?year=\d+&amp;org=[^"]+)"', html)))
        if links and args.drilldowns:
            drill = []
            for link in links:
                url = link.replace("&amp;", "&")
                drill.append((timed(client, url), url))
            drill.sort(key=lambda r: -r[0][0])
            say(line(f"drill-downs ({len(drill)})", [r[0] for r in drill]))
            for (ms, n, status), url in drill[:3]:
                say(f"    slowest: {ms:7.1f} ms {n:>4} queries {status} {url}")
        if args.providers:
            today = clock.today()
            for fn in workbench.PROVIDERS:
                runs = []
                for _ in range(args.repeat):
                    # as items_for runs them: one calendar shared by the providers' deadlines, where it is
                    with (
                        getattr(calendar, "reused", contextlib.nullcontext)(),
                        CaptureQueriesContext(connection) as queries,
                    ):
                        start = time.perf_counter()
                        items = fn(user, today)
                        runs.append(((time.perf_counter() - start) * 1000, len(queries), len(items)))
                times = [r[0] for r in runs]
                say(
                    f"    provider {fn.__module__}.{fn.__name__:<32} median {statistics.median(times):6.1f} ms "
                    f" queries {runs[-1][1]:>3}  items {runs[-1][2]}"
                )


if __name__ == "__main__":
    main()
