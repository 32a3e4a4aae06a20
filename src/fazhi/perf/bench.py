"""The benchmark behind `fazhi bench`: figures, pages, the county report, a people import and the pre-check, timed
against the configured database and returned in the JSON shape of issue 19.

Pages are requested over HTTP from `fazhi serve` (gunicorn, the production server) started as a subprocess on a free
loopback port, logged in with a session cookie as the Justice Bureau and as a unit. Each page is fetched `repeat`
times per role after one warm-up request; p50/p95 are over those runs (client side: request, server, response read).
The query count of each request comes back in the X-Bench-Queries response header, which only that subprocess's
settings turn on (perf/server_settings.py, perf/middleware.py). `client=True` uses Django's test Client instead (same
views, no HTTP; for tests inside a transaction, or SQLite in memory, that another process cannot see)."""

from __future__ import annotations

import datetime as dt
import io
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import Workbook

from fazhi.core import clock, ids, services
from fazhi.core.io import ledgers
from fazhi.core.ledgers import PersonLedger
from fazhi.core.models import Organization, OrganizationKind, Person, Role, User
from fazhi.enforcement.models import CaseFile
from fazhi.indicators import snapshots
from fazhi.indicators.registry import REGISTRY, Period, Scope, evaluate, evaluate_all
from fazhi.reports.services.rendering import render_report
from fazhi.review.selectors.precheck import check_text, load_rules

from . import floors
from .middleware import HEADER

# ---- import (formerly core's `fazhi bench`) ------------------------------------------------------------------------

IMPORT_REGION = "990199"  # not a real administrative division: generated numbers cannot be anyone's
POSITIONS = ["科员", "副科长", "科长", "执法队员", "法制审核员", "副局长"]


def bench_actor() -> User:
    """The first active system administrator, or a new one with a random password (the database is throwaway)."""
    user = (
        User.objects.filter(is_active=True, role=Role.SYSTEM_ADMIN).order_by("pk").first()
        or User.objects.filter(is_active=True, is_superuser=True).order_by("pk").first()
    )
    return user or services.create_user(
        actor=None, username="bench-admin", password=secrets.token_urlsafe(24), role=Role.SYSTEM_ADMIN
    )


def bench_units(actor: User) -> list[Organization]:
    units = list(Organization.objects.filter(is_active=True).order_by("path")[:2000])
    if not units:
        units = [
            services.create_organization(
                actor=actor, code="BENCH", name="性能测试单位", kind=OrganizationKind.OTHER, parent=None
            )
        ]
    return units


def people_xlsx(rows: int, units: list[Organization], *, seed: int) -> bytes:
    """A people ledger of `rows` new people with valid, unique, fictitious ID numbers spread over `units`."""
    rng = random.Random(seed)  # noqa: S311  (synthetic benchmark data, not secrets)
    # A random first birth date, so running the benchmark twice on one database still creates new people.
    first_birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(15_000))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(PersonLedger.name)
    ws.append([c.header for c in PersonLedger.columns])
    for i in range(rows):
        number = ids.make_id_number(IMPORT_REGION, first_birth + dt.timedelta(days=i // 1000), i % 1000)
        qualified = rng.random() < 0.3
        ws.append(
            [
                None,
                f"测试人员{i + 1:05d}",
                number,
                units[i % len(units)].code,
                rng.choice(POSITIONS),
                "是" if i % 50 == 0 else "否",
                "是" if qualified else "否",
                rng.randrange(1995, 2025) if qualified else None,
                "是",
            ]
        )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def run_import(rows: int, *, seed: int | None = None, keep: bool = False) -> dict:
    """Time a real import of `rows` generated people (rolled back unless `keep`)."""
    actor = bench_actor()
    units = bench_units(actor)
    content = people_xlsx(rows, units, seed=secrets.randbits(32) if seed is None else seed)

    class Rollback(Exception):
        pass

    started = time.perf_counter()
    try:
        with transaction.atomic():
            result = ledgers.run_import(
                PersonLedger.code, content=content, filename="bench.xlsx", actor=actor, dry_run=False
            )
            seconds = time.perf_counter() - started
            if not keep:
                raise Rollback
    except Rollback:
        pass
    return {"rows": rows, "seconds": round(seconds, 3), "ok": result.ok, "summary": result.summary()}


# ---- indicators ------------------------------------------------------------------------------------------------


def county() -> Organization:
    """The county a county-level figure is computed for: the first district government below the top unit (a
    district installation: its first department)."""
    org = (
        Organization.objects.filter(kind=OrganizationKind.DISTRICT_GOVERNMENT, parent__isnull=False)
        .order_by("path")
        .first()
    )
    if org is None:
        org = (
            Organization.objects.filter(parent__isnull=False, kind=OrganizationKind.DEPARTMENT)
            .order_by("path")
            .first()
        )
    return org or Organization.objects.order_by("path").first()


class QueryCounter:
    """Counts the statements run on the default connection (CaptureQueriesContext keeps at most 9,000, and some pages
    run more)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        return self._wrapper.__exit__(*exc)


def timed(fn: Callable) -> tuple[float, int, object]:
    with QueryCounter() as counter:
        started = time.perf_counter()
        value = fn()
        seconds = time.perf_counter() - started
    return seconds, counter.count, value


def _evaluated_all(period: Period, scope: Scope | None, runs: int) -> dict:
    """Every figure for `scope`, evaluated once cold (`first_seconds`: the process's first statements of each kind)
    then `runs` times: `seconds` is their median, as the pages' p50 after their warm-up."""
    first, queries, _ = timed(lambda: evaluate_all(period, scope))
    times = [first] if runs < 1 else []
    for _ in range(runs):
        seconds, queries, _ = timed(lambda: evaluate_all(period, scope))
        times.append(seconds)
    return {
        "seconds": round(statistics.median(times), 3),
        "queries": queries,
        "first_seconds": round(first, 3),
    }


def indicators(year: int, *, per: bool = True, runs: int = 3) -> dict:
    period = Period.year(year)
    unit = county()
    scope = Scope(unit) if unit else None
    whole = _evaluated_all(period, None, runs)
    of_county = _evaluated_all(period, scope, runs)
    out = {
        "year": year,
        "all": whole,
        "county": {**of_county, "unit": unit.name if unit else None},
        "stored": stored_figures(year, scope),
        "per": [],
    }
    if not per:
        return out
    family_times: dict[str, tuple[float, dict]] = {}
    for floor in floors.FLOORS:
        family_times[floor.family] = floors.run(floor, period, None)
    for code in sorted(REGISTRY):
        seconds, _q, result = timed(lambda code=code: evaluate(code, period, None))
        floor = floors.family_of(code)
        row = {"code": code, "seconds": round(seconds, 4), "floor_seconds": None, "ratio": None}
        if floor is not None:
            f_seconds, values = family_times[floor.family]
            row["floor_seconds"] = round(f_seconds, 4)
            row["ratio"] = round(seconds / f_seconds, 1) if f_seconds else None
            column = floor.columns.get(code)
            if column is not None:
                row["floor_value"] = values[column]
                row["value"] = result.figure.value
        out["per"].append(row)
    return out


def stored_figures(year: int, scope: Scope | None) -> dict:
    """Every figure with the year before as the dashboard, the report and /api/indicators/ read them: from their
    snapshots (indicators.snapshots), stored first where missing; whole installation and the county."""
    out = {}
    for name, where in (("all", None), ("county", scope)):
        snapshots.results(where, year)  # stores the missing ones (a page would have, on its first view)
        seconds, queries, snapshot = timed(lambda where=where: snapshots.results(where, year))
        out[name] = {"seconds": round(seconds, 4), "queries": queries, "stale": snapshot.stale}
    return out


# ---- pages -----------------------------------------------------------------------------------------------------

SKIP = re.compile(
    r"^(admin|accounts|api/schema|api/docs|static)|/new/$|/adopt/$|/matters/$|/register/$|xlsx|export|^api/$"
    r"|checks/$|comparison/$|lookup/$"
)


def page_urls() -> list[str]:
    """Every page without a parameter in its address (lists, dashboards, the 工作台), API lists included; forms,
    exports and downloads left out."""

    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    urls = []
    for route in walk(get_resolver().url_patterns):
        route = route.replace("^", "").replace("$", "")
        if "<" in route or "(?P" in route or "\\" in route or SKIP.search(route):
            continue
        urls.append("/" + route)
    return sorted(set(urls))


def bench_users() -> list[tuple[str, User]]:
    """The Justice Bureau (a 司法局管理员) and a unit (a 单位填报员), as generated by synth or the demo."""
    out = []
    for role, label in ((Role.JUSTICE_ADMIN, "justice_bureau"), (Role.UNIT_CLERK, "unit")):
        user = (
            User.objects.filter(is_active=True, role=role, person__isnull=False).order_by("-username").first()
        )
        if user is not None:
            out.append((label, user))
    return out


@dataclass
class PageResult:
    url: str
    role: str
    status: int
    p50_ms: float
    p95_ms: float
    queries: int
    bytes: int
    first_ms: float  # the warm-up request, not in p50/p95

    def as_dict(self) -> dict:
        return {
            "url": self.url,
            "role": self.role,
            "status": self.status,
            "p50_ms": self.p50_ms,
            "p95_ms": self.p95_ms,
            "queries": self.queries,
            "bytes": self.bytes,
            "first_ms": self.first_ms,
        }


# Pages that need a parameter to show anything: the year, the unit, a figure (the page's usual filters).
QUERY = {
    "/api/indicators/": "?year={year}&org={org}",
    "/api/reports/drafts/": "?year={year}&org={org}",
    "/api/reports/drafts/figures/": "?year={year}&org={org}",
    "/reports/charts/units/": "?year={year}&code=enforcement.clues.received",
}


class Server:
    """`fazhi serve` (gunicorn, the production web server) in a subprocess on 127.0.0.1 and a free port, against
    the configured database. The subprocess runs with DJANGO_SETTINGS_MODULE=fazhi.perf.server_settings: the
    project's settings plus the X-Bench-Queries response header (perf/middleware.py), each request's statement
    count, read by the bench; nothing else differs from production. On PostgreSQL its connections carry a
    statement_timeout of the page timeout (PGOPTIONS), so a page past the timeout stops loading the database."""

    def __init__(self, timeout: float = 60, *, workers: int = 1, threads: int = 1):
        self.timeout = timeout
        self.workers, self.threads = workers, threads
        self.port = 0
        self.process: subprocess.Popen | None = None

    def environment(self) -> dict:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "fazhi.perf.server_settings"}
        url = database_url()
        if url:
            env["DATABASE_URL"] = url
        if connection.vendor == "postgresql":
            limit = f"-c statement_timeout={int(self.timeout * 1000)}"
            env["PGOPTIONS"] = " ".join(filter(None, [os.environ.get("PGOPTIONS", ""), limit]))
        return env

    def __enter__(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._log = tempfile.TemporaryFile()
        argv = [sys.executable, "-m", "fazhi.cli", "serve", "--bind", f"127.0.0.1:{self.port}"]
        argv += ["--workers", str(self.workers), "--threads", str(self.threads)]
        argv += ["--timeout", str(int(self.timeout) + 30)]
        self.process = subprocess.Popen(  # noqa: S603  (our own command, no shell, no user input)
            argv,
            env=self.environment(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
            except OSError:
                time.sleep(0.2)
                continue
            self.get("/accounts/login/", "")  # the worker loads the project before the first measured page
            return self
        self.__exit__()
        self._log.seek(0)
        raise RuntimeError("fazhi serve 未能启动：" + self._log.read().decode(errors="replace")[-2000:])

    def __exit__(self, *exc):
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown: the workers stop at once
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def restart(self) -> None:
        """A new server process: after a page without an answer, whose request may still hold the old one's only
        worker, so the next page is not measured waiting behind it."""
        self.__exit__()
        self.__enter__()

    def get(self, path: str, cookie: str) -> tuple[int, int, int]:
        """(status, queries, bytes) of GET `path` with the session `cookie`; queries from X-Bench-Queries."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}",
            headers={"Cookie": cookie, "Host": f"localhost:{self.port}"},
        )
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            with opener.open(request, timeout=self.timeout) as response:
                size = len(response.read())
                return response.status, int(response.headers.get(HEADER, 0)), size
        except urllib.error.HTTPError as exc:
            size = len(exc.read())
            return exc.code, int(exc.headers.get(HEADER, 0)), size
        except (TimeoutError, urllib.error.URLError, ConnectionError):
            return 0, 0, 0  # status 0: no answer within the timeout (its time is the timeout)


def database_url() -> str:
    """The configured database as a DATABASE_URL for the server subprocess (the one this process uses, also when a
    test changed it); "" for SQLite in memory, which no other process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = str(db["NAME"])
        return "" if (name == ":memory:" or "mode=memory" in name) else f"sqlite:///{name}"
    if connection.vendor == "postgresql":
        user = quote(db.get("USER") or "")
        password = quote(db.get("PASSWORD") or "")
        auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
        host = db.get("HOST") or "127.0.0.1"
        port = f":{db['PORT']}" if db.get("PORT") else ""
        return f"postgres://{auth}{host}{port}/{quote(db['NAME'])}"
    return ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (e.g. to the login page) is the page's answer


def session_cookie(user: User) -> str:
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}"


def pages(
    *,
    year: int,
    repeat: int = 5,
    slow_seconds: float = 3.0,
    only: str = "",
    client: bool = False,
    timeout: float = 60,
) -> list[dict]:
    """Every page for both roles, through `fazhi serve` (or, `client=True`, Django's test Client). A page without an
    answer within `timeout` seconds is reported with status 0 and the timeout as its time."""
    urls = [u for u in page_urls() if u.startswith(only or "/")]
    if client:
        return _pages(urls, year, repeat, slow_seconds, _client_fetch)
    with Server(timeout) as server:

        def fetch(user, url):
            cookie = session_cookie(user)

            def get():
                status, queries, size = server.get(url, cookie)
                if status == 0:
                    server.restart()
                return status, queries, size

            return get

        return _pages(urls, year, repeat, slow_seconds, fetch)


def _client_fetch(user, url):
    c = Client(raise_request_exception=False)
    c.force_login(user)

    def get():
        with QueryCounter() as counter:
            response = c.get(url, HTTP_HOST="localhost")
        size = len(response.content) if not getattr(response, "streaming", False) else 0
        return response.status_code, counter.count, size

    return get


def _pages(urls, year, repeat, slow_seconds, fetch) -> list[dict]:
    """Each page once to warm up (`first_ms`: a first view may compute and store figures no page has stored yet),
    then `repeat` times (p50/p95). A page slower than `slow_seconds` after its warm-up is measured once more only:
    that time is the finding. A page that does not answer (status 0) is not asked again."""
    results = []
    for role, user in bench_users():
        org = user.organization.code if user.organization else ""
        for url in urls:
            get = fetch(user, url + QUERY.get(url, "").format(year=year, org=org))
            started = time.perf_counter()
            status, n_queries, size = get()
            first = (time.perf_counter() - started) * 1000
            times = [] if status and repeat else [first]
            while status and len(times) < repeat:
                started = time.perf_counter()
                status, n_queries, size = get()
                elapsed = (time.perf_counter() - started) * 1000
                times.append(elapsed)
                if elapsed > slow_seconds * 1000:
                    break  # a slow page is measured once after its warm-up: its figure is the finding
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
            results.append(
                PageResult(
                    url,
                    role,
                    status,
                    round(statistics.median(times), 1),
                    round(p95, 1),
                    n_queries,
                    size,
                    round(first, 1),
                )
            )
    return [r.as_dict() for r in results]


# ---- report, pre-check -----------------------------------------------------------------------------------------


def report(year: int) -> dict:
    """The county's report rendered as .docx twice: the first rendering computes and stores the figures no page has
    stored yet (`first_seconds`), the second reads them as every later one does (`seconds`, the report's time)."""
    unit = county()
    first, first_queries, _ = timed(lambda: render_report(unit, year, "docx"))
    seconds, queries, (content, _name) = timed(lambda: render_report(unit, year, "docx"))
    return {
        "seconds": round(seconds, 3),
        "queries": queries,
        "first_seconds": round(first, 3),
        "first_queries": first_queries,
        "unit": unit.name,
        "bytes": len(content),
    }


DRAFT_PARAGRAPHS = [
    "第{n}条 本办法所称的市场主体，是指在本行政区域内依法登记的企业、个体工商户和农民专业合作社。",
    "第{n}条 行政机关应当依法履行职责，不得擅自增设行政许可，不得限定或者变相限定经营者购买指定的商品。",
    "第{n}条 对违反本办法规定的，由有关部门责令改正，可以处一千元以上五千元以下罚款。",
    "第{n}条 申请人应当提交营业执照、法定代表人身份证明以及主管部门规定的其他材料，逾期不予受理。",
    "第{n}条 本地企业在政府采购中享受优先，外地企业须在本地设立分支机构后方可参与投标。",
    "第{n}条 各乡镇人民政府、街道办事处应当于每年十二月底前将工作情况报送区人民政府。",
]


def draft_text(characters: int) -> str:
    parts, n = [], 0
    while sum(len(p) for p in parts) < characters:
        n += 1
        parts.append(DRAFT_PARAGRAPHS[n % len(DRAFT_PARAGRAPHS)].format(n=n))
    return "\n".join(parts)[:characters]


def precheck(characters: int = 30_000, repeat: int = 5) -> dict:

    text = draft_text(characters)
    rules = load_rules()
    times, findings = [], 0
    for _ in range(repeat):
        started = time.perf_counter()
        findings = len(check_text(text, rules))
        times.append((time.perf_counter() - started) * 1000)
    return {"characters": len(text), "ms": round(statistics.median(times), 1), "findings": findings}


# ---- everything ------------------------------------------------------------------------------------------------


def database() -> str:
    db = settings.DATABASES["default"]
    vendor = connection.vendor
    return (
        f"{vendor} {connection.Database.sqlite_version if vendor == 'sqlite' else connection.pg_version}"
        + ("" if vendor == "sqlite" else f" {db.get('NAME')}")
    )


def scale() -> str:

    return (
        f"{Organization.objects.count()} units, {Person.objects.count()} people, "
        f"{CaseFile.objects.count()} case files"
    )


PARTS = ("indicators", "pages", "report", "import", "precheck")  # `fazhi bench --only`, in the order they run


def run(
    *,
    year: int | None = None,
    repeat: int = 5,
    import_rows: int = 50_000,
    per_indicator: bool = True,
    pages_prefix: str = "",
    client: bool = False,
    page_timeout: float = 60,
    only: frozenset[str] | set[str] | None = None,
    log: Callable[[str], None] = lambda s: None,
    save: Callable[[dict], None] = lambda out: None,
) -> dict:
    """Every part of the benchmark, or those in `only` (PARTS): a part not run keeps its key with null, so the
    JSON keeps the issue's shape."""
    year = year or clock.today().year - 1
    wanted = set(PARTS) if only is None else set(only)
    out: dict = {"database": database(), "scale": scale(), "machine": machine()}
    out.update(dict.fromkeys(PARTS))
    if "indicators" in wanted:
        log("指标……")
        out["indicators"] = indicators(year, per=per_indicator, runs=3 if per_indicator else 0)
        save(out)
    if "pages" in wanted:
        log("页面……")
        out["pages"] = pages(year=year, repeat=repeat, only=pages_prefix, client=client, timeout=page_timeout)
        out["pages_via"] = (
            "test client"
            if client
            else "fazhi serve (gunicorn, 1 worker × 1 thread, 127.0.0.1; restarted after a page without an answer)"
        )
        save(out)
    if "report" in wanted:
        log("县级报告……")
        out["report"] = report(year)
        save(out)
    if "import" in wanted:
        log("导入……")
        out["import"] = run_import(import_rows)
        save(out)
    if "precheck" in wanted:
        log("合法性预审……")
        out["precheck"] = precheck()
    return out


def machine() -> str:
    import platform

    return f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}"
