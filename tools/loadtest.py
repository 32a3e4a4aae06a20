#!/usr/bin/env python3
"""A bounded load test against a running fazhi server — an HTTP client, not part of the platform.

    .venv/bin/python tools/loadtest.py --url http://127.0.0.1:8765 --users 50 --seconds 60 --password '…' \
        [--accounts scj:CH-SCJ,jyj:CH-JYJ]

Each virtual user (a thread with its own session) signs in as one of the given unit clerks (username:unit code;
the default is the demo district's two clerks), then for the given time repeats a mix of reads (workbench, lists,
dashboard, API), searches (list and API search) and writes (a new person through the API), each with a short think
time. Sign-in is not counted. Prints the requests, errors, throughput and p50/p95/max latency overall and per kind;
exits 1 when any request failed. Writes create people in the unit of the signed-in clerk with ID numbers of region
990199 (no real division): run it on a throwaway database (docs/reliability.md). Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.cookiejar
import json
import os
import random
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

DEMO_CLERKS = "scj:CH-SCJ,jyj:CH-JYJ"
WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999 check digit


class LoginRefused(Exception):
    pass


def make_id_number(region: str, birth: dt.date, sequence: int) -> str:
    """A valid 18-digit number (GB 11643 check digit) for a generated person."""
    body = f"{region}{birth:%Y%m%d}{sequence:03d}"
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]


REGION = "990199"
READS = [
    "/",
    "/decisions/",
    "/disputes/",
    "/litigation/",
    "/oversight/",
    "/enforcement/",
    "/duties/",
    "/reports/",
    "/api/people/",
    "/api/decisions/",
]
SEARCHES = ["/decisions/?q=办法", "/disputes/?q=决定", "/api/people/?search=张", "/documents/?q=规定"]
MIX = [("read", 0.6), ("search", 0.25), ("write", 0.15)]
SIGN_INS = threading.Semaphore(4)


@dataclass
class Results:
    lock: threading.Lock = field(default_factory=threading.Lock)
    times: dict[str, list[float]] = field(default_factory=lambda: {"read": [], "search": [], "write": []})
    errors: list[str] = field(default_factory=list)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors.append(error)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Numbers:
    """Sequence numbers shared by the threads, for unique generated ID numbers."""

    def __init__(self, start: int):
        self.next, self.lock = start, threading.Lock()

    def __next__(self) -> int:
        with self.lock:
            self.next += 1
            return self.next


class VirtualUser(threading.Thread):
    def __init__(self, base, username, unit, *, password, results, counter, think, start_line, deadline):
        super().__init__(daemon=True)
        self.base, self.username, self.password, self.unit = base, username, password, unit
        self.results, self.counter, self.think = results, counter, think
        self.start_line, self.deadline = start_line, deadline
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.rng = random.Random(username + str(id(self)))  # noqa: S311 (a request mix, not a secret)
        self.signed_in = False

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def _request(self, path, data=None, headers=None, timeout=30):
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})  # noqa: S310
        with self.opener.open(request, timeout=timeout) as response:  # noqa: S310 (the operator's own server)
            response.read()
            return response.status, response.geturl()

    def sign_in(self) -> None:
        with SIGN_INS:  # a few at a time: each checks a password hash, which is slow by design
            self._request("/accounts/login/", timeout=120)
            body = urllib.parse.urlencode(
                {"username": self.username, "password": self.password, "csrfmiddlewaretoken": self._csrf()}
            ).encode()
            _, final = self._request(
                "/accounts/login/", body, {"Referer": self.base + "/accounts/login/"}, timeout=120
            )
        if "/accounts/login/" in final:
            raise LoginRefused(f"账号 {self.username} 无法登录（密码不对或已被锁定）。")
        self.signed_in = True

    def _person(self) -> bytes:
        n = next(self.counter)
        birth = dt.date(1960, 1, 1) + dt.timedelta(days=n // 1000)
        return json.dumps(
            {
                "name": f"压测{n}",
                "id_number": make_id_number(REGION, birth, n % 1000),
                "organization": self.unit,
            }
        ).encode()

    def one(self) -> None:
        kind = self.rng.choices([k for k, _ in MIX], [w for _, w in MIX])[0]
        start = time.perf_counter()
        error = None
        try:
            if kind == "read":
                path = self.rng.choice(READS)
                status, _ = self._request(path)
            elif kind == "search":
                path = self.rng.choice(SEARCHES)
                status, _ = self._request(urllib.parse.quote(path, safe="/?=&"))
            else:
                path = "/api/people/"
                headers = {
                    "Content-Type": "application/json",
                    "X-CSRFToken": self._csrf(),
                    "Referer": self.base + "/",
                }
                status, _ = self._request(path, self._person(), headers)
            if status >= 400:
                error = f"{kind} {path}: HTTP {status}"
        except urllib.error.HTTPError as exc:
            error = f"{kind} {path}: HTTP {exc.code}"
        except (urllib.error.URLError, OSError) as exc:
            error = f"{kind} {path}: {exc}"
        self.results.add(kind, time.perf_counter() - start, error)

    def run(self) -> None:
        try:
            self.sign_in()  # not measured
        except Exception as exc:  # noqa: BLE001 (reported as an error of the run)
            with self.results.lock:
                self.results.errors.append(f"登录 {self.username}：{exc}")
        self.start_line.wait()  # everyone starts together once signed in
        if not self.signed_in:
            return
        while time.monotonic() < self.deadline[0]:
            self.one()
            time.sleep(self.rng.uniform(0, 2 * self.think))


def run(
    *, url: str, users: int, seconds: float, think: float, password: str, accounts: list[tuple[str, str]]
):
    """Run the crowd; return (report lines, number of errors)."""
    results = Results()
    counter = Numbers(random.SystemRandom().randrange(0, 10_000_000, 1000))
    deadline = [0.0]
    started = [0.0]

    def go():
        started[0] = time.monotonic()
        deadline[0] = started[0] + seconds

    start_line = threading.Barrier(users, action=go)
    crowd = [
        VirtualUser(
            url.rstrip("/"),
            *accounts[i % len(accounts)],
            password=password,
            results=results,
            counter=counter,
            think=think,
            start_line=start_line,
            deadline=deadline,
        )
        for i in range(users)
    ]
    for user in crowd:
        user.start()
    for user in crowd:
        user.join()
    elapsed = max(time.monotonic() - started[0], 0.001)
    every = [t for times in results.times.values() for t in times]
    lines = [
        f"压测：{users}个用户，{seconds:.0f}秒，{url}",
        f"请求 {len(every)} 次（{len(every) / elapsed:.1f} 次/秒），错误 {len(results.errors)} 次",
        f"全部：p50 {percentile(every, 50) * 1000:.0f} ms，p95 {percentile(every, 95) * 1000:.0f} ms，"
        f"最长 {max(every, default=0) * 1000:.0f} ms",
    ]
    names = {"read": "读取", "search": "检索", "write": "写入"}
    for kind, times in results.times.items():
        if times:
            lines.append(
                f"{names[kind]}：{len(times)} 次，p50 {percentile(times, 50) * 1000:.0f} ms，"
                f"p95 {percentile(times, 95) * 1000:.0f} ms，均值 {statistics.fmean(times) * 1000:.0f} ms"
            )
    for error in sorted(set(results.errors))[:10]:
        lines.append(f"  错误：{error}")
    return lines, len(results.errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="对运行中的 fazhi 服务做有时限的压力测试（读取、检索、写入混合）。"
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="服务地址（本机回环）")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=0.5, help="每个用户两次请求之间的平均间隔（秒）")
    parser.add_argument("--password", default=os.environ.get("FAZHI_LOADTEST_PASSWORD", ""))
    parser.add_argument(
        "--accounts", default=DEMO_CLERKS, help="单位填报员账号，如 scj:CH-SCJ,jyj:CH-JYJ（账号:单位代码）"
    )
    args = parser.parse_args(argv)
    if not args.password:
        parser.error("请用 --password 或环境变量 FAZHI_LOADTEST_PASSWORD 给出压测账号的密码。")
    try:
        accounts = [tuple(a.strip().split(":", 1)) for a in args.accounts.split(",") if a.strip()]
        if not accounts or any(len(a) != 2 or not all(a) for a in accounts):
            raise ValueError
    except ValueError:
        parser.error("--accounts 的格式为 账号:单位代码，多个以逗号分隔。")
    lines, errors = run(
        url=args.url,
        users=args.users,
        seconds=args.seconds,
        think=args.think,
        password=args.password,
        accounts=accounts,
    )
    sys.stdout.write("\n".join(lines) + "\n")
    if errors:
        sys.stderr.write(f"压测中有 {errors} 次请求失败。\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
