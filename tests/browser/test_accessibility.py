"""Accessibility of the main pages with axe-core, as four roles of the demo district: the 工作台, the 驾驶舱 and the
list page of each workstream in the role's menu, then (as the Justice Bureau and a unit) the first record page of
each kind those pages link to — a case, a report, a campaign, with their breadcrumbs and forms. Any violation of
impact "serious" or "critical" fails, naming page, rule and element. The other roles of the demo (a market supervision
clerk, the legal advisor, the enforcement supervisor, the system administrator) are checked on a few key pages each.
On the way every page is saved as a full-page screenshot at an office width and a phone width under
$FAZHI_SCREENSHOT_DIR/<role>/ (var/artifacts/screenshots/ unless set; CI keeps them as artifacts)."""

from __future__ import annotations

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from fazhi.core.models import User
from fazhi.demo.management.commands.demo import DEMO_PASSWORD, USERS

pytestmark = pytest.mark.browser

ROLES = {
    # the system administrator's menu is the Justice Bureau administrator's: checked once, as 司法局管理员
    "sfj": "司法局管理员",
    "jyj": "单位经办人",
    "fuyi": "复议工作人员",
    "lingdao": "领导",
}
# The other demo roles, at the pages of their day's work (a few each, to keep the browser time down).
KEY_PAGES = {
    "scj": ("单位经办人", ["/", "/enforcement/clues/", "/oversight/"]),
    "lvshi": ("法律顾问", ["/", "/review/", "/decisions/"]),
    "jiandu": (
        "执法监督员",
        ["/", "/enforcement/officers/", "/enforcement/clues/", "/enforcement/evaluation/"],
    ),
    "admin": ("系统管理员", ["/", "/settings/", "/people/", "/admin/"]),
}
FAILING_IMPACTS = {"serious", "critical"}
# Menu entries that are not a workstream's list: the data admin, the API docs, the public pages.
NOT_WORKSTREAMS = re.compile(r"^/(admin|api|public)/")
# The roles whose record pages are checked too (the Justice Bureau sees every kind; a unit's clerk has the forms).
RECORD_ROLES = {"sfj", "jyj"}
RECORD_PAGE = re.compile(r"^/(?!admin/|api/|public/).*/\d+/$")

# (rule id, path pattern, why it is allowed for now) — each one must be fixed and removed, never widened.
ALLOWED: list[tuple[str, str, str]] = []


def _allowed(rule: str, path: str) -> bool:
    return any(rule == r and re.search(p, path) for r, p, _why in ALLOWED)


@pytest.fixture
def demo(db, settings):
    settings.DEV_MODE = True
    call_command("demo", stdout=StringIO())


def _name(path: str) -> str:
    return path.strip("/").replace("/", "-") or "workbench"


def _main_pages(page) -> list[str]:
    links = page.locator('nav[aria-label="主菜单"] a').evaluate_all(
        "els => els.map(a => a.getAttribute('href'))"
    )
    paths = ["/", "/reports/"]
    for href in links:
        path = urlsplit(href).path
        if not NOT_WORKSTREAMS.match(path) and path not in paths:
            paths.append(path)
    return paths


def test_main_pages_of_each_role_have_no_serious_accessibility_violations(
    page, login, demo, request_log, screenshot_dir
):
    # axe-core is loaded by every page before its own scripts, instead of being sent over with each check
    page.context.add_init_script(script=Axe().axe_script)
    report, walked, opened, shot = [], {}, {}, set()
    for username in ROLES:
        page.context.clear_cookies()
        login(User.objects.get(username=username), DEMO_PASSWORD)
        folder = screenshot_dir / username
        folder.mkdir(parents=True, exist_ok=True)
        paths = _main_pages(page)
        walked[username] = paths
        records: dict[str, str] = {}  # the first record page of each kind the main pages link to
        for path in paths:
            page.set_viewport_size({"width": 1366, "height": 768})
            response = page.goto(path)
            assert response is not None and response.status == 200, f"{username} {path}: {response.status}"
            page.screenshot(path=str(folder / f"{_name(path)}-1366.png"), full_page=True)
            report += _violations(page, ROLES[username], path)
            if username in RECORD_ROLES:
                for href in page.locator("main a[href]").evaluate_all(
                    "els => els.map(a => a.getAttribute('href'))"
                ):
                    if RECORD_PAGE.match(href):
                        records.setdefault(re.sub(r"\d+", "N", href), href)
            # the same page at a phone width: the layout is CSS only, so a resize is enough
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(folder / f"{_name(path)}-390.png"), full_page=True)
            shot.add(username)
        page.set_viewport_size({"width": 1366, "height": 768})
        for path in records.values():
            response = page.goto(path)
            assert response is not None and response.status == 200, f"{username} {path}: {response.status}"
            report += _violations(page, ROLES[username], path)
        opened[username] = list(records.values())
    for username, (role, paths) in KEY_PAGES.items():
        page.context.clear_cookies()
        login(User.objects.get(username=username), DEMO_PASSWORD)
        folder = screenshot_dir / username
        folder.mkdir(parents=True, exist_ok=True)
        for path in paths:
            page.set_viewport_size({"width": 1366, "height": 768})
            response = page.goto(path)
            assert response is not None and response.status == 200, f"{username} {path}: {response.status}"
            page.screenshot(path=str(folder / f"{_name(path)}-1366.png"), full_page=True)
            if not NOT_WORKSTREAMS.match(path):
                report += _violations(page, role, path)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(folder / f"{_name(path)}-390.png"), full_page=True)
            shot.add(username)
    # every user of the demo has its pages on screen at both widths
    assert shot == {username for username, _role, _name in USERS}
    assert all(len(paths) >= 8 for paths in walked.values()), walked
    assert all(len(opened[u]) >= 8 for u in RECORD_ROLES), opened
    assert report == [], "\n".join(report)


def _violations(page, role: str, path: str) -> list[str]:
    """axe-core's serious and critical violations on the page, each as role, path, rule and its first elements."""
    found = []
    for violation in page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    ):
        if violation["impact"] not in FAILING_IMPACTS or _allowed(violation["id"], path):
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        found.append(f"{role} {path} {violation['id']} ({violation['impact']}): {targets[:5]}")
    return found
