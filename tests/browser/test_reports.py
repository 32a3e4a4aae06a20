"""The dashboard and the annual report in headless Chromium against the live server: the first screen holds the key
figures and warnings, the charts draw with the platform's own ECharts, a number opens the records behind it and a
record opens its page, and the report renders with progress and downloads."""

from __future__ import annotations

import docx
import pytest
from playwright.sync_api import expect

from tests import factories
from tests.disputes.conftest import register

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(district):
    return [
        factories.person(
            district.court, name="法院甲", has_legal_qualification=True, legal_qualification_year=2024
        ),
        factories.person(
            district.jyj, name="教育乙", has_legal_qualification=True, legal_qualification_year=2025
        ),
        factories.person(
            district.sfj, name="司法丙", has_legal_qualification=True, legal_qualification_year=2025
        ),
    ]


def test_dashboard_draws_its_charts_and_a_number_opens_its_records(
    page, login, users, staff, request_log, screenshot_dir
):
    # given the Justice Bureau's administrator, logged in
    login(users.justice)
    # when they open the dashboard from the navigation, for 2025
    page.get_by_role("link", name="驾驶舱").click()
    page.goto("/reports/?year=2025&org=T")
    # then the charts are drawn on canvases by the ECharts the platform serves
    for chart in ("chart-trend", "chart-units", "chart-deadlines"):
        expect(page.locator(f"#{chart}")).to_have_attribute("data-ready", "1")
        expect(page.locator(f"#{chart} canvas").first).to_be_visible()
    assert "/static/reports/echarts/echarts.min.js" in request_log.paths("/static/")
    # the first screen: key figures, when they were computed, the warnings (the user's overdue work loaded after)
    expect(page.locator("#computed-at")).to_contain_text("计算于 ")
    expect(page.locator("#warning-list")).to_have_attribute("data-ready", "1")
    expect(page.locator(".dash-key").first).to_be_in_viewport()
    expect(page.locator("#warnings")).to_be_in_viewport()
    page.screenshot(path=str(screenshot_dir / "reports-dashboard.png"), full_page=True)

    # the full list of figures is folded by group under the charts; a group opens on a click
    row = page.locator('tr[data-code="core.people.legal_qualified"]')
    expect(row).to_be_hidden()
    page.locator("details.dash-group", has=row).locator("summary").click()
    expect(row).to_contain_text("3人")
    expect(row).to_contain_text("同比上升200%")

    # when they click the number, the records behind it are listed
    with page.expect_navigation():
        row.locator("a.figure-link").click()
    expect(page.locator("h1")).to_have_text("具有法律职业资格人员")
    expect(page.locator("#figure-value")).to_have_text("3人")
    expect(page.locator("tr.record")).to_have_count(3)
    expect(page.locator(".provenance-part")).to_contain_text("教育乙")
    with page.expect_download() as download:
        page.locator("#export").click()
    assert download.value.suggested_filename.endswith("具有法律职业资格人员记录.xlsx")


def test_a_bar_of_the_unit_chart_opens_that_units_records(page, login, users, staff):
    login(users.justice)
    page.goto("/reports/?year=2025&org=T&unit_code=core.people.legal_qualified")
    chart = page.locator("#chart-units")
    expect(chart).to_have_attribute("data-ready", "1")
    # the overdue warnings arrive with their own request and push the charts down: wait for them
    expect(page.locator("#warning-list")).to_have_attribute("data-ready", "1")
    chart.scroll_into_view_if_needed()  # below the key figures and warnings: the mouse clicks what is on screen
    # click the middle of the court's bar, wherever ECharts drew it
    box = chart.bounding_box()
    x, y = page.evaluate(
        """() => {
            const c = echarts.getInstanceByDom(document.getElementById('chart-units'));
            const o = c.getOption(), i = o.yAxis[0].data.indexOf('测试区人民法院');
            return c.convertToPixel({seriesIndex: 0}, [o.series[0].data[i] / 2, i]);
        }"""
    )
    with page.expect_navigation():
        page.mouse.click(box["x"] + x, box["y"] + y)
    assert "org=T-FY" in page.url
    expect(page.locator("tr.record")).to_have_count(1)
    expect(page.locator(".provenance-part")).to_contain_text("法院甲")


def test_the_report_renders_with_progress_and_downloads(page, login, users, staff, tmp_path):
    login(users.justice)
    page.goto("/reports/annual/T/2025/")
    expect(page.locator("h1")).to_have_text("测试区人民政府2025年法治政府建设年度报告")
    expect(page.locator("ul.checks")).to_contain_text("各项比率在0–100%之间")
    with page.expect_navigation():
        page.locator('button[data-format="docx"]').click()
    expect(page.locator("#job-status")).to_have_text("已完成")
    expect(page.locator("#job-bar")).to_have_text("100%")
    with page.expect_download() as download:
        page.locator("#download-link").click()
    path = tmp_path / "report.docx"
    download.value.save_as(path)
    assert docx.Document(path).paragraphs[0].text == "测试区人民政府2025年法治政府建设年度报告"


def test_a_record_in_a_drilldown_opens_its_page(page, login, users, district):
    # given a reconsideration application registered in 2025
    case = register(users, district, applicant_name="申请人丁")
    login(users.justice)
    # when the Justice Bureau opens the figure's records and clicks the case
    page.goto("/reports/figures/disputes.reconsideration.received/?year=2025&org=T")
    link = page.locator("a.record-link")
    expect(link).to_have_count(1)
    with page.expect_navigation():
        link.click()
    # then the case's own page is open
    assert page.url.endswith(f"/disputes/{case.pk}/")
    expect(page.locator("main")).to_contain_text("申请人丁")
