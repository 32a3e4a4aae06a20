"""Browser fixtures: one headless Debian Chromium per session, a fresh page per test against pytest-django's
live server, and a record of every request the page makes so a test fails if anything loads from outside."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "screenshots"
# Schemes that never leave the browser.
LOCAL_SCHEMES = {"data", "blob", "about", "chrome", "chrome-extension", "devtools"}


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"浏览器测试需要 Debian 的 Chromium（{CHROMIUM}）："
            "apt-get install -y --no-install-recommends chromium fonts-noto-cjk"
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make between page
    # actions are still synchronous and never overlap with it. Set here, so a run without browser tests keeps
    # Django's check.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """A SQLite test database in a file, as in production (WAL, busy timeout), instead of the shared in-memory
    one: there a background import writing a table makes every page reading it fail at once with "database
    table is locked", because shared-cache locks do not wait."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        db.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("browser-db") / "fazhi-test.sqlite3")


class RequestLog:
    """Every request and failed response of one browser context; requests off the live server are aborted."""

    def __init__(self, base_url: str):
        parts = urlsplit(base_url)
        self.origin = (parts.scheme, parts.netloc)
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.failed: list[str] = []
        self.page_errors: list[str] = []
        self.statuses: dict[str, int] = {}  # path -> last response status

    def is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or (parts.scheme, parts.netloc) == self.origin

    def route(self, route) -> None:
        url = route.request.url
        if self.is_local(url):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def on_request(self, request) -> None:
        self.requests.append(request.url)
        if not self.is_local(request.url) and request.url not in self.outside:
            self.outside.append(request.url)

    def on_response(self, response) -> None:
        self.statuses[urlsplit(response.url).path] = response.status
        if response.status >= 400:
            self.failed.append(f"{response.status} {response.url}")

    def failed_assets(self) -> list[str]:
        return [f for f in self.failed if "/static/" in f]

    def paths(self, prefix: str = "") -> list[str]:
        return [urlsplit(u).path for u in self.requests if urlsplit(u).path.startswith(prefix)]


def new_context(chromium, base_url: str, log: RequestLog, *, viewport: dict):
    """A browser context in Chinese, on Shanghai time, whose requests off `base_url` are aborted and logged."""
    context = chromium.new_context(
        base_url=base_url,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        viewport=viewport,
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.route("**/*", log.route)
    return context


@pytest.fixture
def request_log(live_server) -> RequestLog:
    return RequestLog(live_server.url)


@pytest.fixture
def page(chromium, live_server, request_log):
    context = new_context(chromium, live_server.url, request_log, viewport={"width": 1280, "height": 860})
    context.on("request", request_log.on_request)
    context.on("response", request_log.on_response)
    page = context.new_page()
    page.on("pageerror", lambda exc: request_log.page_errors.append(str(exc)))
    yield page
    context.close()
    assert not request_log.outside, f"页面请求了平台以外的地址（内网无法访问）：{request_log.outside}"
    assert not request_log.page_errors, f"页面脚本出错：{request_log.page_errors}"
    assert not request_log.failed_assets(), f"静态文件未能加载：{request_log.failed_assets()}"


@pytest.fixture
def login(page):
    """Log `user` in through the login form; returns the page on the landing URL."""

    def do(user, password: str = PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("用户名").fill(user.username)
        page.get_by_label("密码").fill(password)
        with page.expect_navigation():
            page.get_by_role("button", name="登录").click()
        return page

    return do


@pytest.fixture
def screenshot_dir() -> Path:
    """Where the tests leave screenshots to look at: $FAZHI_SCREENSHOT_DIR, else var/artifacts/screenshots/ (which
    .ci/run keeps as the run's artifacts)."""
    path = Path(os.environ.get("FAZHI_SCREENSHOT_DIR", "") or ARTIFACTS)
    path.mkdir(parents=True, exist_ok=True)
    return path
