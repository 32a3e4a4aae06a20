"""Accessibility of the main pages with axe-core, as five roles of the demo district: the 工作台, the 驾驶舱 and the
list page of each workstream in the role's menu. Any violation of impact "serious" or "critical" fails, naming
page, rule and element. On the way every page is saved as a full-page screenshot at an office width and a phone
width under var/artifacts/screenshots/<role>/ (CI keeps them as artifacts)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from fazhi.core.models import User
from fazhi.demo.management.commands.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "screenshots"
ROLES = {
    # the system administrator's menu is the Justice Bureau administrator's: checked once, as 司法局管理员
    "sfj": "司法局管理员",
    "jyj": "单位经办人",
    "fuyi": "复议工作人员",
    "lingdao": "领导",
}
FAILING_IMPACTS = {"serious", "critical"}
# Menu entries that are not a workstream's list: the data admin, the API docs, the public pages.
NOT_WORKSTREAMS = re.compile(r"^/(admin|api|public)/")

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


def test_main_pages_of_each_role_have_no_serious_accessibility_violations(page, login, demo, request_log):
    # axe-core is loaded by every page before its own scripts, instead of being sent over with each check
    page.context.add_init_script(script=Axe().axe_script)
    report, walked = [], {}
    for username in ROLES:
        page.context.clear_cookies()
        login(User.objects.get(username=username), DEMO_PASSWORD)
        folder = SCREENSHOTS / username
        folder.mkdir(parents=True, exist_ok=True)
        paths = _main_pages(page)
        walked[username] = paths
        for path in paths:
            page.set_viewport_size({"width": 1366, "height": 768})
            response = page.goto(path)
            assert response is not None and response.status == 200, f"{username} {path}: {response.status}"
            page.screenshot(path=str(folder / f"{_name(path)}-1366.png"), full_page=True)
            violations = page.evaluate(
                "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
            )
            # the same page at a phone width: the layout is CSS only, so a resize is enough
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(folder / f"{_name(path)}-390.png"), full_page=True)
            for violation in violations:
                if violation["impact"] not in FAILING_IMPACTS or _allowed(violation["id"], path):
                    continue
                targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
                report.append(
                    f"{ROLES[username]} {path} {violation['id']} ({violation['impact']}): {targets[:5]}"
                )
    assert all(len(paths) >= 8 for paths in walked.values()), walked
    assert report == [], "\n".join(report)
