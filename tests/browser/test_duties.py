"""The activity ledger in headless Chromium: a unit's clerk records a written 述法 with names typed as text, and the
year's figure counts the cadres."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from fazhi.duties.models import Activity

pytestmark = pytest.mark.browser


def test_a_clerk_records_a_written_report_and_the_figure_counts_the_cadres(page, login, users, district):
    login(users.jyj_clerk)
    page.get_by_role("link", name="述法学法").click()
    expect(page.get_by_role("heading", name="述法学法", exact=True)).to_be_visible()

    form = page.locator("#add form")
    form.get_by_label("类型").select_option(label="领导干部书面述法")
    form.get_by_label("日期").fill("2025-12-10")
    form.get_by_label("单位", exact=True).select_option(label="测试区教育局")
    form.get_by_label("主题").fill("2025年度书面述法")
    form.get_by_label("人员（姓名）").fill("王建国、李晓燕、张志强")
    with page.expect_navigation():
        form.get_by_role("button", name="登记活动").click()

    expect(page.locator("h1")).to_have_text("领导干部书面述法")
    expect(page.locator("#participants li")).to_have_count(3)
    activity = Activity.objects.get()
    assert activity.people_names == "王建国、李晓燕、张志强"

    page.goto("/duties/?year=2025")
    expect(page.locator('tr[data-code="duties.written_report.cadres"] strong')).to_have_text("3")
