"""The list tools in the browser on the public service list: search, a filter, sorting by a heading, the next page,
the export of exactly the rows kept, and the 打印 button; at phone width the tools stay on screen."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from fazhi.core import clock
from tests.catalogs.conftest import service_item

pytestmark = pytest.mark.browser


@pytest.fixture
def services_list(users, district):
    clock.freeze(dt.date(2025, 3, 1))
    for n in range(1, 56):
        service_item(users.justice, district.scj, f"FW-{n:02d}", "committed", limit=n % 9 + 1)
    for n in range(56, 59):
        service_item(users.justice, district.jyj, f"FW-{n:02d}", "on_the_spot")


def test_search_filter_sort_page_and_export_on_the_public_service_list(page, services_list, screenshot_dir):
    page.goto("/public/service-items/")
    expect(page.locator("#list-total")).to_contain_text("共 58 项，第 1/2 页")
    expect(page.locator("tr.public-item")).to_have_count(50)
    # the next page
    page.get_by_role("navigation", name="分页").get_by_role("link", name="下一页").click()
    expect(page.locator("tr.public-item")).to_have_count(8)
    # a search and a filter
    page.get_by_label("搜索").fill("服务事项")
    page.get_by_label("办理方式").select_option("当场办")
    page.get_by_role("button", name="查询").click()
    expect(page.locator("#list-total")).to_contain_text("符合条件的共 3 项（全部 58 项）")
    # sorting by a heading, twice for descending
    page.get_by_role("link", name="事项编码").click()
    page.get_by_role("link", name="事项编码").click()
    expect(page.locator("th[aria-sort=descending]")).to_have_text("事项编码")
    expect(page.locator("tr.public-item").first).to_contain_text("FW-58")
    # the export holds exactly those rows
    with page.expect_download() as download:
        page.locator("#list-export").click()
    ws = load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
    assert [r[1] for r in ws.iter_rows(min_row=2, values_only=True)] == ["FW-58", "FW-57", "FW-56"]
    # the print stylesheet hides the tools
    page.emulate_media(media="print")
    expect(page.locator("form.list-tools")).to_be_hidden()
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 375, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375 + 1
    page.screenshot(path=str(screenshot_dir / "public-service-list-phone.png"), full_page=True)
