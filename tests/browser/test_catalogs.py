"""The public lists in headless Chromium, without logging in: choosing a past day shows that day's list (an item
removed later is still there, one added later is not), a bad date is explained, and the Excel download holds the
rows shown."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from fazhi.catalogs import services

from ..catalogs.conftest import D, certification

pytestmark = pytest.mark.browser


@pytest.fixture
def lists(users, district):
    certification(users.justice, district.jyj, "ZM-1", name="无犯罪记录证明")
    removed = certification(users.justice, district.jyj, "ZM-2", name="学历证明")
    services.remove(actor=users.justice, item=removed, removed_on=D(2025, 6, 30), reason="改为部门间核验")
    certification(users.justice, district.scj, "ZM-3", name="健康证明", added_on=D(2025, 1, 15))


@pytest.mark.usefixtures("lists")
def test_the_public_certification_list_of_a_past_day_and_its_download(page, screenshot_dir):
    # given the public page today, without logging in
    page.goto("/public/certification-items/")
    expect(page.locator("#list-heading")).to_contain_text("现行证明事项清单")
    expect(page.locator("tr.public-item")).to_have_count(2)
    expect(page.locator("#public-items")).not_to_contain_text("学历证明")

    # when a day in 2024 is chosen
    page.locator("#on").fill("2024-12-31")
    with page.expect_navigation():
        page.get_by_role("button", name="查看").click()

    # then the list of that day: 学历证明 (removed in 2025) is in, 健康证明 (added in 2025) is not
    expect(page.locator("#list-heading")).to_contain_text("2024年12月31日的证明事项清单")
    expect(page.locator("#item-count")).to_have_text("2")
    expect(page.locator("#public-items")).to_contain_text("学历证明")
    expect(page.locator("#public-items")).not_to_contain_text("健康证明")
    page.screenshot(path=str(screenshot_dir / "catalogs-public-2024.png"), full_page=True)

    # and the download holds exactly those rows
    with page.expect_download() as info:
        page.locator("#download").click()
    download = info.value
    assert download.suggested_filename == "证明事项清单_2024-12-31.xlsx"
    ws = load_workbook(io.BytesIO(open(download.path(), "rb").read())).active
    assert [r[1:3] for r in ws.iter_rows(min_row=3, values_only=True)] == [
        ("ZM-1", "无犯罪记录证明"),
        ("ZM-2", "学历证明"),
    ]


@pytest.mark.usefixtures("lists")
def test_a_bad_date_is_explained_in_chinese(page):
    page.goto("/public/certification-items/?on=2024-02-30")
    expect(page.locator("#date-error")).to_have_text(
        "日期“2024-02-30”无效：请按“年-月-日”填写，如 2025-12-31。"
    )
    expect(page.locator("tr.public-item")).to_have_count(0)
