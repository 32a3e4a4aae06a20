"""行政应诉 as the reconsideration office uses it, in headless Chromium against the live server: register a lawsuit
and see its defence deadline explained, take it through the defence, a hearing with the agency head, the judgment,
its effect and performance; record a liaison meeting. Everything loads from the platform itself."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from fazhi.core import ids
from fazhi.litigation.models import Lawsuit
from tests import factories

pytestmark = pytest.mark.browser
PLAINTIFF_ID = ids.make_id_number("640303", dt.date(1980, 5, 4), 17)


def test_reconsideration_staff_registers_a_lawsuit_and_takes_it_to_performance(
    page, login, users, district, screenshot_dir
):
    factories.person(district.jyj, name="许局长", position="局长", is_principal_leader=True)
    login(users.reconsideration)
    page.get_by_role("link", name="行政应诉").click()
    expect(page.get_by_role("heading", name="行政应诉", exact=True)).to_be_visible()

    # when a lawsuit served on Friday 20 September 2024 is registered on the registration page
    page.locator("#register-link").click()
    form = page.locator("#register form")
    form.get_by_label("受理法院").fill("测试区人民法院")
    form.get_by_label("案号").fill("（2024）宁0303行初12号")
    form.get_by_label("原告", exact=True).fill("张三")
    form.get_by_label("原告证件号码").fill(PLAINTIFF_ID)
    form.get_by_label("被告行政机关").select_option(label="测试区教育局")
    form.get_by_label("主管部门").select_option(label="测试区教育局")
    form.get_by_label("案由").fill("政府信息公开")
    form.get_by_label("起诉状副本送达日期").fill("2024-09-20")
    with page.expect_navigation():
        form.get_by_role("button", name="登记案件").click()

    # then the deadline runs past the National Day holidays, and the page says how it was computed
    expect(page.locator("#lawsuit-status")).to_have_text("待答辩")
    expect(page.locator("#defence-deadline")).to_contain_text("答辩期限：2024年10月8日")
    expect(page.locator("#defence-deadline")).to_contain_text("行政诉讼法第六十七条")
    expect(page.locator("#defence-deadline")).to_contain_text("顺延")
    expect(page.locator("#plaintiff")).to_contain_text(PLAINTIFF_ID[:6] + "********" + PLAINTIFF_ID[-4:])

    # when the defence is submitted and a hearing recorded without the head and without the sealed explanation
    page.locator("#defence").get_by_label("提交答辩日期").fill("2024-09-30")
    with page.expect_navigation():
        page.get_by_role("button", name="登记提交答辩").click()
    expect(page.locator("#lawsuit-status")).to_have_text("审理中")
    hearing = page.locator("#hearing form")
    hearing.get_by_label("开庭日期").fill("2024-11-12")
    hearing.get_by_label("委托律师").fill("某律师事务所")
    with page.expect_navigation():
        hearing.get_by_role("button", name="登记开庭").click()
    # then it is refused, saying a lawyer alone is not appearance
    expect(page.locator("#errors")).to_contain_text("仅委托律师出庭的，不视为出庭应诉")

    # when the head appears
    hearing = page.locator("#hearing form")
    hearing.get_by_label("行政机关负责人出庭").check()
    hearing.get_by_label("出庭负责人").select_option(label="许局长（局长）")
    with page.expect_navigation():
        hearing.get_by_role("button", name="登记开庭").click()
    expect(page.locator("#step-hearings")).to_contain_text("许局长（局长）出庭应诉")

    # when the judgment revokes the act, takes effect and is performed
    judgment = page.locator("#judgment form")
    judgment.get_by_label("裁判结果").select_option(label="判决撤销或部分撤销（含责令重新作出）")
    judgment.get_by_label("裁判日期").fill("2024-12-02")
    with page.expect_navigation():
        judgment.get_by_role("button", name="登记裁判结果").click()
    expect(page.locator("#step-judgment")).to_contain_text("败诉")
    page.locator("#effective").get_by_label("生效日期").fill("2024-12-18")
    with page.expect_navigation():
        page.get_by_role("button", name="登记生效").click()
    expect(page.locator("#lawsuit-status")).to_have_text("已生效待履行")
    performance = page.locator("#performance form")
    performance.get_by_label("履行日期").fill("2025-01-06")
    performance.get_by_label("履行情况").fill("已重新作出政府信息公开答复")
    with page.expect_navigation():
        performance.get_by_role("button", name="登记履行").click()

    # then the case is closed, every step done
    expect(page.locator("#lawsuit-status")).to_have_text("已结案")
    expect(page.locator("#step-performance")).to_have_attribute("data-state", "done")
    page.screenshot(path=str(screenshot_dir / "litigation-detail.png"), full_page=True)
    assert Lawsuit.objects.get().status == "closed"

    # and the list shows it, the ID masked, with the year's figures
    page.goto("/litigation/?year=2024")
    expect(page.locator("#lawsuit-list")).to_contain_text("（2024）宁0303行初12号")
    expect(page.locator("#lawsuit-list")).not_to_contain_text(PLAINTIFF_ID)
    expect(page.locator('tr[data-code="litigation.lawsuits.received"] .value')).to_contain_text("1件")


def test_justice_bureau_records_a_liaison_meeting(page, login, users, district):
    login(users.justice)
    page.goto("/litigation/meetings/?year=2025")
    form = page.locator("#record-meeting form")
    form.get_by_label("会议日期").fill("2025-04-24")
    form.get_by_label("类型").select_option(label="府院联动")
    form.get_by_label("会议名称").fill("2025年行政争议化解府院联席会议")
    form.get_by_label("召集单位").select_option(label="测试区司法局")
    form.get_by_label("参会单位及人员").fill("区政府、区人民法院、区司法局")
    form.get_by_label("议题").fill("通报行政诉讼案件情况")
    with page.expect_navigation():
        form.get_by_role("button", name="登记会议").click()
    expect(page.locator("#meeting-list")).to_contain_text("2025年行政争议化解府院联席会议")
    page.goto("/litigation/meetings/?year=2025")
    expect(page.locator("#meetings-held")).to_contain_text("1次")
