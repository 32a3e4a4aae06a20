"""Administrative reconsideration as the office uses it, in headless Chromium against the live server: the
reconsideration clerk registers an application received before National Day 2025, sees the examination clock
explained, accepts the case and downloads the 受理通知书. Everything loads from the platform itself."""

from __future__ import annotations

import io

import pytest
from docx import Document
from playwright.sync_api import expect

from fazhi.disputes.models import ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.browser


def test_clerk_registers_and_accepts_a_case_and_downloads_the_notice(
    page, login, users, district, request_log
):
    # given the reconsideration clerk, logged in through the login form
    login(users.reconsideration)
    page.get_by_role("link", name="行政复议").first.click()
    expect(page.get_by_role("heading", name="行政复议", exact=True)).to_be_visible()

    # when they open the registration page from the docket and register an application received on Monday
    # 29 September 2025
    page.locator("#register-link").click()
    expect(page.get_by_role("heading", name="登记行政复议申请")).to_be_visible()
    form = page.locator("#register form")
    form.get_by_label("收到申请日期").fill("2025-09-29")
    form.get_by_label("申请渠道").select_option(label="网上/系统申请")
    form.get_by_label("申请人类型").select_option(label="自然人")
    form.get_by_label("申请人", exact=True).fill("周某")
    form.get_by_label("证件号码").fill(factories.id_number())
    form.get_by_label("被申请人", exact=True).select_option(label=str(district.scj))
    form.get_by_label("被申请复议的行政行为").fill("测市监罚〔2025〕31号行政处罚决定")
    form.get_by_label("行政行为作出日期").fill("2025-09-10")
    form.get_by_label("行政复议请求").fill("撤销该行政处罚决定")
    with page.expect_navigation():
        form.get_by_role("button", name="登记申请").click()

    # then the case has its docket number and the examination clock crosses the holiday, explained
    expect(page.locator("h1")).to_contain_text("澄复〔2025〕1号")
    expect(page.locator("#case-status")).to_have_text("收到申请")
    exam = page.locator('#clocks tr[data-kind="examination"]')
    expect(exam).to_contain_text("2025年10月13日")
    expect(exam).to_contain_text("国庆节")

    # when they accept it on 9 October
    action = page.locator("#action-accept")
    action.get_by_label("日期").fill("2025-10-09")
    with page.expect_navigation():
        action.get_by_role("button", name="受理").click()

    # then it is accepted and the decision clock runs 60 days from acceptance
    expect(page.locator("#case-status")).to_have_text("已受理")
    expect(page.locator('#clocks tr[data-kind="decision"]')).to_contain_text("2025年12月8日")
    case = ReconsiderationCase.objects.get()
    assert case.status == ReconsiderationCase.Status.ACCEPTED

    # and the 受理通知书 downloads with the case's facts
    with page.expect_download() as info:
        page.get_by_role("link", name="行政复议受理通知书（.docx）").click()
    content = open(info.value.path(), "rb").read()
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert (
        "澄复〔2025〕1号" in text and "测市监罚〔2025〕31号行政处罚决定" in text and "2025年10月9日" in text
    )
