"""Every list page, signed in and public, in Chromium against one shared data set (the demo district, built once for
the module, with a live server of its own): for each page, the total; a search (?q=) and a filter sent from the
page's own form, the total of the rows kept among all; sorting by a heading (the export comes back in that order);
page 2 with the total; and ?export=xlsx holding exactly the rows kept (as many as the total, each one a row of the
unfiltered export) and every row when nothing is asked; the print stylesheet hides the tools; a public list fits a
phone's width.

Pages hold one row each here (the page size is patched to 1), so every list with two rows has a page 2. One browser
context per role; the pages of a role share it."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from openpyxl import load_workbook
from playwright.sync_api import expect

from fazhi.core import clock, jobs
from fazhi.core.web import lists

from .conftest import RequestLog, new_context

pytestmark = pytest.mark.browser

PER_PAGE = 1


@dataclass(frozen=True)
class ListPage:
    path: str
    role: str  # the demo user's name, or "" for the public
    q: str  # a word to search for, found on some rows and not on others
    filter: str  # the name of a choice filter; its first choice is taken
    sort: str  # the key of a column whose exported cells are in the order of the sort ("" : none sortable)
    q_from: str = ""  # the heading of the column a word is taken from to search for (default: the first text)
    rows: str = ""  # a row of a list shown as cards (default: the rows of the first table after the total)

    @property
    def id(self) -> str:
        return f"{self.role or 'public'}:{self.path}"


PAGES = [
    # the Justice Bureau's lists
    ListPage("/", "sfj", "", "category", "", q_from="事项"),
    ListPage("/enforcement/", "sfj", "", "unit", "name"),
    ListPage("/enforcement/officers/", "sfj", "", "unit", "issued"),
    ListPage("/enforcement/training/", "sfj", "", "unit", "held"),
    ListPage("/enforcement/clues/", "sfj", "", "unit", "received"),
    ListPage("/enforcement/evaluation/", "sfj", "", "year", "year"),
    ListPage("/enforcement/evaluation/problems/", "sfj", "", "unit", "case"),
    ListPage("/enforcement/evaluation/self-assessments/", "sfj", "", "unit", "complete"),
    ListPage("/enforcement/evaluation/contact-points/", "sfj", "", "status", "established"),
    ListPage("/decisions/", "sfj", "", "unit", "registered"),
    ListPage("/decisions/catalogs/", "sfj", "", "year", "", rows="section.card.catalog"),
    ListPage("/review/", "sfj", "", "unit", "submitted"),
    ListPage("/documents/", "sfj", "", "unit", "registered"),
    ListPage("/documents/filings/", "sfj", "", "unit", "filed"),
    ListPage("/documents/cleanup/", "sfj", "", "unit", "started"),
    ListPage("/documents/catalogs/", "sfj", "", "unit", "issued"),
    ListPage("/oversight/", "sfj", "", "unit", "deadline"),
    ListPage("/oversight/inspections/", "sfj", "", "unit", "held"),
    ListPage("/oversight/plans/", "sfj", "", "year", "issued"),
    ListPage("/duties/", "sfj", "", "unit", "held", q_from="主题"),
    ListPage("/duties/projects/", "sfj", "", "unit", "applied"),
    ListPage("/catalogs/", "sfj", "", "unit", "added"),
    ListPage("/reports/annual/", "sfj", "", "status", "unit"),
    ListPage("/litigation/", "sfj", "", "unit", "served"),
    ListPage("/litigation/meetings/", "sfj", "", "kind", "held", q_from="会议名称"),
    # the reconsideration office's
    ListPage("/disputes/", "fuyi", "", "unit", "received"),
    # the public lists
    ListPage("/public/annual-reports/", "", "", "unit", "issued"),
    ListPage("/public/decision-catalogs/", "", "", "unit", "published"),
    ListPage("/public/normative-documents/", "", "", "unit", "published"),
    ListPage("/public/enforcement-powers/", "", "", "unit", "power"),
    ListPage("/public/enforcement-officers/", "", "", "unit", "number"),
    ListPage("/public/certification-items/", "", "", "unit", "c1"),
    ListPage("/public/commitment-items/", "", "", "unit", "c1"),
    ListPage("/public/service-items/", "", "", "unit", "c1"),
]


@pytest.fixture(scope="module")
def demo_server(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo district, committed, and a live server of this module's own (the session's live_server would empty
    the database after each test); every table is emptied after the module's last test."""
    from pytest_django.live_server_helper import LiveServer

    media = tmp_path_factory.mktemp("list-features-media")
    with (
        django_db_blocker.unblock(),
        _test_database(),
        override_settings(
            DEV_MODE=True,
            TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
            MEDIA_ROOT=media,
            FAZHI_AUDIT_CHECKPOINT_FILE=str(media / "audit-checkpoints.jsonl"),
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        ),
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setattr(jobs, "on_commit", lambda func, using=None, robust=False: func())
        server = None
        try:
            call_command("demo", stdout=StringIO())
            _issued_reports()
            _second_cleanup_campaign()
            original = lists.Paginator
            patch.setattr(lists, "Paginator", lambda rows, _n, **kw: original(rows, PER_PAGE, **kw))
            server = LiveServer("localhost")
            yield server
        finally:
            if server is not None:
                server.stop()
            clock.freeze(None)
            call_command("flush", interactive=False, verbosity=0)


@contextlib.contextmanager
def _test_database():
    """The test database. pytest-django makes it only for tests that ask for the database; these tests do not (a
    test's own transaction would hold SQLite's write lock, which the live server needs), so when this module runs
    alone it is made here."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    if connection.settings_dict["NAME"] == connection.creation._get_test_db_name():
        yield
        return
    made = setup_databases(verbosity=0, interactive=False, aliases={"default"})
    try:
        yield
    finally:
        teardown_databases(made, verbosity=0)


def _second_cleanup_campaign() -> None:
    """The demo has one clean-up campaign; a second, so that its list has a page 2."""
    from fazhi.core.models import Organization, User
    from fazhi.review import services

    services.create_campaign(
        actor=User.objects.get(username="sfj"),
        name="2025年行政规范性文件集中清理",
        scope="2024年底前制定的现行有效的行政规范性文件。",
        organization=Organization.objects.get(code="CH"),
        started_on=dt.date(2025, 3, 1),
        ended_on=dt.date(2025, 6, 30),
    )


def _issued_reports() -> None:
    """Three issued annual reports, two of the last complete year, beside the demo's own (the district's 2024
    report, issued by the demo): a year already issued is left as it is."""
    from fazhi.core.models import Organization, User
    from fazhi.reports.models import IssuedReport

    issuer = User.objects.get(username="sfj")
    last = clock.today().year - 1
    for code, year in [("CH", last - 1), ("CH", last), ("CH-SCJ", last)]:
        unit = Organization.objects.get(code=code)
        if IssuedReport.objects.filter(organization=unit, year=year).exists():
            continue
        IssuedReport.objects.create(
            organization=unit,
            year=year,
            title=f"{unit.name}{year}年度法治政府建设情况的报告",
            content={"blocks": []},
            sha256="0" * 64,
            issued_on=dt.date(year + 1, 3, 20),
            issued_by=issuer,
        )


@pytest.fixture(scope="module")
def contexts(chromium, demo_server, django_db_blocker):
    """One browser context per role, signed in through a session made for it (the public's has none)."""
    from fazhi.core.models import User

    made, logs = {}, {}

    def context_for(role: str):
        if role not in made:
            log = RequestLog(demo_server.url)
            context = new_context(chromium, demo_server.url, log, viewport={"width": 1366, "height": 900})
            if role:
                client = Client()
                with django_db_blocker.unblock():
                    client.force_login(User.objects.get(username=role))
                cookie = client.cookies["sessionid"]
                context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": demo_server.url}])
            made[role], logs[role] = context, log
        return made[role], logs[role]

    yield context_for
    for context in made.values():
        context.close()
    for role, log in logs.items():
        assert not log.outside, f"{role}：页面请求了平台以外的地址：{log.outside}"


TOTAL = re.compile(r"共\s*(\d+)\s*项")


def _total(page) -> int:
    return int(TOTAL.search(page.locator("#list-total").inner_text()).group(1))


def _sheet(page, context) -> tuple[list, list[list]]:
    """The export the page links to (its link is relative to the page, not to the server)."""
    url = urljoin(page.url, page.locator("#list-export").get_attribute("href"))
    response = context.request.get(url)
    assert response.status == 200, url
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    rows = [list(r) for r in load_workbook(io.BytesIO(response.body())).active.iter_rows(values_only=True)]
    return rows[0], rows[1:]


def _ordered(values: list, descending: bool) -> bool:
    """The cells that hold a value are in order (where blanks go depends on the database)."""
    present = [v for v in values if v not in (None, "")]
    keys = [(0, v) if isinstance(v, (int, float, dt.date, dt.datetime)) else (1, str(v)) for v in present]
    return keys == sorted(keys, reverse=descending)


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.id)
def test_search_filter_sort_pages_and_export(spec: ListPage, contexts, screenshot_dir: Path):
    context, log = contexts(spec.role)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        _check(page, context, spec)
    finally:
        page.close()
    assert not errors, errors
    assert not [f for f in log.failed if "/static/" in f]


def _check(page, context, spec: ListPage) -> None:
    # the list with its total; the export of every row
    response = page.goto(spec.path)
    assert response.status == 200
    everything = _total(page)
    assert everything >= 2, f"{spec.path} 演示数据不足两项"
    expect(page.locator("#list-total")).to_contain_text(f"共 {everything} 项，第 1/{everything} 页")
    head, all_rows = _sheet(page, context)
    assert len(all_rows) == everything

    # the print stylesheet leaves the rows and hides the tools
    page.emulate_media(media="print")
    expect(page.locator("form.list-tools")).to_be_hidden()
    page.emulate_media(media="screen")

    # the first choice of a filter, then a word of the first row kept, each sent from the list's own form
    tools = page.locator("form.list-tools")
    chooser = tools.locator(f'select[name="{spec.filter}"]')
    options = chooser.locator("option")
    assert options.count() >= 2, f"{spec.path} 筛选“{spec.filter}”没有选项"
    value = options.nth(1).get_attribute("value")
    chooser.select_option(value)
    with page.expect_navigation():
        tools.get_by_role("button", name="查询").click()
    assert _params(page)[spec.filter] == value
    chosen = _total(page)
    assert 1 <= chosen <= everything
    _head, chosen_rows = _sheet(page, context)
    term = spec.q or _a_word(head, chosen_rows, spec.q_from)
    tools.locator('input[name="q"]').fill(term)
    with page.expect_navigation():
        tools.get_by_role("button", name="查询").click()
    assert (_params(page)[spec.filter], _params(page)["q"]) == (value, term)
    kept = _total(page)
    expect(page.locator("#list-total")).to_contain_text(f"符合条件的共 {kept} 项（全部 {everything} 项）")
    assert 1 <= kept <= chosen, f"{spec.path} 搜索“{term}”后应至少一项"

    # sorting by a heading keeps the search and the filter; the export comes back in that order
    if spec.sort:
        link = page.locator(
            f'thead a.sort[href*="sort={spec.sort}&"], thead a.sort[href$="sort={spec.sort}"]'
        )
        link = link.or_(page.locator(f'thead a.sort[href*="sort=-{spec.sort}"]')).first
        label = link.inner_text().strip()
        with page.expect_navigation():
            link.click()
        direction = page.locator("th[aria-sort]").get_attribute("aria-sort")
        expect(page.locator("th[aria-sort]")).to_have_text(label)
        assert (_params(page)[spec.filter], _params(page)["q"]) == (value, term)
    else:
        label, direction = "", ""
    expect(page.locator("#list-total")).to_contain_text(f"符合条件的共 {kept} 项")

    # the export holds exactly the rows kept, in the order shown
    head_kept, rows_kept = _sheet(page, context)
    assert head_kept == head
    assert len(rows_kept) == kept
    assert all(row in all_rows for row in rows_kept)
    if label:
        column = head.index(label)
        assert _ordered([r[column] for r in rows_kept], direction == "descending"), (spec.path, label)
        first_cell = next((str(c) for c in rows_kept[0] if isinstance(c, str) and len(c) >= 2), "")
        expect(_rows(page, spec).first).to_contain_text(first_cell[:20])

    # page 2 with the total (the page size is one row here), of the rows kept, else of them all
    if kept >= 2:
        total, rows = f"共 {kept} 项（全部 {everything} 项），第 2/{kept} 页", rows_kept
    else:
        page.goto(spec.path)
        total, rows = f"共 {everything} 项，第 2/{everything} 页", all_rows
    with page.expect_navigation():
        page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").click()
    assert _params(page)["page"] == "2"
    expect(page.locator("#list-total")).to_contain_text(total)
    second = next((str(c) for c in rows[1] if isinstance(c, str) and len(c) >= 2), "")
    expect(_rows(page, spec).first).to_contain_text(second[:20])

    # a public list reads on a phone: nothing runs off the side, the search and the export stay on screen
    if not spec.role:
        page.set_viewport_size({"width": 375, "height": 740})
        assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1, spec.path
        expect(page.locator('form.list-tools input[name="q"]')).to_be_visible()
        expect(page.locator("#list-export")).to_be_visible()


def _params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(page.url).query, keep_blank_values=True).items()}


def _rows(page, spec: ListPage):
    """The rows of the list (the first table after its total; a page may hold other tables, such as figures)."""
    if spec.rows:
        return page.locator(spec.rows)
    return page.locator("#list-total").locator("xpath=following::table[contains(@class, 'list')][1]/tbody/tr")


def _a_word(head: list, rows: list[list], column: str) -> str:
    """A word to search for: the first four characters of the first row's cell in `column` (else its first text)."""
    cells = [rows[0][head.index(column)]] if column else rows[0]
    for cell in cells:
        if isinstance(cell, str) and len(cell.strip()) >= 2:
            return cell.strip()[:4]
    raise AssertionError(f"没有可搜索的文字：{rows[0]}")
