"""The rectification ledger as people use it, in headless Chromium against the live server: the market bureau finds
its overdue item highlighted, starts and rectifies it with an evidence file, is not offered the sign-off; the Justice
Bureau signs it off and records the 回头看 that confirms it held."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from fazhi.oversight import services
from fazhi.oversight.models import Inspection, RectificationItem
from fazhi.oversight.services import inspections

pytestmark = pytest.mark.browser
S = RectificationItem.Status
FINDING = "行政执法案卷未按规定归档"


@pytest.fixture
def item(users, district):
    inspection = inspections.create_inspection(
        actor=users.justice,
        kind=Inspection.Kind.RULE_OF_LAW,
        title="法治政府建设督察",
        held_on=dt.date(2025, 3, 3),
        organization=district.sfj,
        units=[district.scj],
    )
    finding = inspections.add_finding(
        actor=users.justice,
        inspection=inspection,
        organization=district.scj,
        text=FINDING,
        measures="专项整理",
    )
    return services.item_of(finding)


def test_unit_rectifies_with_evidence_and_the_office_signs_off(
    page, login, users, item, tmp_path, screenshot_dir
):
    evidence = tmp_path / "整改报告.txt"
    evidence.write_text("已整理归档案卷86卷", encoding="utf-8")

    # given the market bureau's clerk, whose item is past its deadline (2025-06-03)
    login(users.scj_clerk)
    page.locator("header.top nav").get_by_role("link", name="督察整改").click()
    row = page.locator("tr.item", has_text=FINDING)
    expect(row).to_have_class("item is-overdue")
    expect(row).to_contain_text("逾期")
    page.screenshot(path=str(screenshot_dir / "oversight-items.png"), full_page=True)
    with page.expect_navigation():
        row.get_by_role("link").click()
    expect(page.locator("#finding")).to_contain_text(FINDING)
    expect(page.locator("#item-status")).to_have_text("待整改")

    # when the unit starts and rectifies with an evidence file
    with page.expect_navigation():
        page.get_by_role("button", name="开始整改").click()
    expect(page.locator("#item-status")).to_have_text("整改中")
    form = page.locator("#rectify-form")
    form.get_by_label("整改情况").fill("已整理归档案卷86卷，建立归档台账。")
    form.get_by_label("整改完成日期").fill("2025-05-20")
    form.get_by_label("佐证材料").set_input_files(str(evidence))
    with page.expect_navigation():
        form.get_by_role("button", name="提交整改完成").click()

    # then the item is rectified, the evidence listed, and the unit is offered no sign-off
    expect(page.locator("#item-status")).to_have_text("已整改")
    expect(page.locator("#evidence li.evidence")).to_have_count(1)
    expect(page.locator("#sign-off-form")).to_have_count(0)

    # when the Justice Bureau signs it off
    login(users.justice)
    page.goto(f"/oversight/items/{item.pk}/")
    page.screenshot(path=str(screenshot_dir / "oversight-item-sign-off.png"), full_page=True)
    form = page.locator("#sign-off-form")
    form.get_by_label("销号日期").fill("2025-05-26")
    with page.expect_navigation():
        form.get_by_role("button", name="销号").click()
    expect(page.locator("#item-status")).to_have_text("已销号")
    expect(page.locator("#signed-off")).to_contain_text("2025年5月26日")

    # and a later check confirms it held
    form = page.locator("#check-form")
    form.get_by_label("整改成效巩固").check()
    form.get_by_label("核查日期").fill("2025-09-01")
    form.get_by_label("核查情况").fill("抽查20卷，均已归档。")
    with page.expect_navigation():
        form.get_by_role("button", name="记录核查结果").click()
    expect(page.locator("#item-status")).to_have_text("已巩固")
    page.screenshot(path=str(screenshot_dir / "oversight-item.png"), full_page=True)

    item.refresh_from_db()
    assert item.status == S.CONSOLIDATED
    assert item.evidence.get().file.read().decode() == "已整理归档案卷86卷"
    assert item.signed_off_by == users.justice
