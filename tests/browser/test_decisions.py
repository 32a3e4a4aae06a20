"""Major decisions as people use them, in headless Chromium against the live server: a unit registers a decision
and takes it through public participation; the Justice Bureau gives the legality review opinion, then the unit
submits the decision for collective discussion. Everything loads from the platform itself."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from fazhi.decisions import services
from fazhi.decisions.models import Decision, PublicComment

# The decisions tests' fixtures, used here by name.
from ..decisions.conftest import catalog, decision, draft, pass_lower_levels, walk  # noqa: F401

pytestmark = pytest.mark.browser
S = Decision.Status


def step(page, procedure: str):
    return page.locator(f"#step-{procedure}")


@pytest.mark.usefixtures("catalog")
def test_unit_clerk_registers_a_decision_and_takes_it_through_public_participation(
    page, login, users, district, request_log, screenshot_dir
):
    # given the education bureau's clerk, logged in through the login form
    login(users.jyj_clerk)
    page.get_by_role("link", name="重大行政决策").click()
    expect(page.get_by_role("heading", name="重大行政决策", exact=True)).to_be_visible()

    # when they register a decision outside the catalog, with its reason
    form = page.locator("#register form")
    form.get_by_label("决策事项", exact=True).fill("城区学校课后服务收费标准")
    form.get_by_label("目录外决策的理由").fill("群众反映强烈，年中新增，经区政府同意列入决策")
    form.get_by_label("立项日期").fill("2024-03-15")
    form.get_by_label("决策事项简介").fill("制定城区中小学课后服务收费标准。")
    with page.expect_navigation():
        form.get_by_role("button", name="登记决策").click()

    # then its page shows the seven procedures waiting and offers to start
    expect(page.locator("h1")).to_contain_text("城区学校课后服务收费标准")
    expect(page.locator("#decision-status")).to_have_text("已立项")
    expect(page.locator(".timeline .step")).to_have_count(7)
    expect(step(page, "public_participation")).to_have_attribute("data-state", "waiting")
    registered = Decision.objects.get(title="城区学校课后服务收费标准")

    # when the procedure is started, public participation becomes the current step
    with page.expect_navigation():
        page.get_by_role("button", name="启动决策程序").click()
    expect(page.locator("#decision-status")).to_have_text("公众参与")
    expect(step(page, "public_participation")).to_have_attribute("data-state", "current")
    expect(page.get_by_role("heading", name="当前环节：公众参与")).to_be_visible()
    expect(page.get_by_role("button", name="完成公众参与")).to_be_disabled()

    # when the comment period is recorded: 30 days from 1 April 2024
    record = page.locator("#record form")
    record.get_by_label("参与方式").fill("网上征求意见、座谈会")
    record.get_by_label("开始日期").fill("2024-04-01")
    record.get_by_label("征求意见期限（日）").fill("30")
    with page.expect_navigation():
        record.get_by_role("button", name="保存公众参与记录").click()

    # then the end date is computed (1 May is a holiday: 6 May) and shown with how it was computed
    expect(page.locator("#period-end")).to_contain_text("征求意见截止日：2024年5月6日")
    expect(page.locator("#period-end")).to_contain_text("顺延")
    expect(step(page, "public_participation").locator(".deadline")).to_contain_text("2024年5月6日")
    expect(step(page, "public_participation").locator(".blocked")).to_contain_text("公众参与尚未完成")

    # when a public comment is entered and answered
    comment_form = page.locator("#comments form").last
    comment_form.get_by_label("收到日期").fill("2024-04-12")
    comment_form.get_by_label("提出人").fill("家长代表")
    comment_form.get_by_label("意见内容").fill("建议对低保家庭减免费用")
    with page.expect_navigation():
        comment_form.get_by_role("button", name="登记意见").click()
    comment = page.locator("#comments li.comment")
    expect(comment).to_contain_text("建议对低保家庭减免费用")
    expect(comment).to_contain_text("待反馈")
    answer = comment.locator("form")
    answer.get_by_label("采纳情况及理由").fill("采纳：低保家庭免收")
    answer.get_by_label("是否采纳").select_option(label="是")
    answer.get_by_label("反馈日期").fill("2024-05-08")
    with page.expect_navigation():
        answer.get_by_role("button", name="保存反馈").click()
    expect(comment).to_contain_text("已反馈")
    expect(comment).to_contain_text("（采纳）：采纳：低保家庭免收")

    # and the participation is completed when the period has run
    page.locator("#record form").get_by_label("完成日期").fill("2024-05-06")
    with page.expect_navigation():
        page.locator("#record form").get_by_role("button", name="保存公众参与记录").click()
    expect(step(page, "public_participation").locator(".blocked")).to_have_count(0)
    finish = page.get_by_role("button", name="完成公众参与")
    expect(finish).to_be_enabled()
    with page.expect_navigation():
        finish.click()

    # then the timeline moves on to expert argumentation
    expect(page.locator(".alert-success")).to_contain_text("已完成公众参与")
    expect(page.locator("#decision-status")).to_have_text("专家论证")
    expect(step(page, "public_participation")).to_have_attribute("data-state", "done")
    expect(step(page, "public_participation")).to_contain_text("2024年5月6日")
    expect(step(page, "expert_argumentation")).to_have_attribute("data-state", "current")
    expect(page.get_by_role("heading", name="当前环节：专家论证")).to_be_visible()
    expect(page.locator("#history")).to_contain_text("完成公众参与")
    page.screenshot(path=str(screenshot_dir / "decision-detail-clerk.png"), full_page=True)

    # and the list shows it in its new step
    page.locator("header.top nav").get_by_role("link", name="重大行政决策").click()
    row = page.locator("tr.decision-row", has_text="城区学校课后服务收费标准")
    expect(row).to_contain_text("专家论证")
    expect(row).to_contain_text("测试区教育局")
    page.screenshot(path=str(screenshot_dir / "decision-list.png"), full_page=True)

    registered.refresh_from_db()
    assert registered.status == S.EXPERT_ARGUMENTATION
    assert registered.public_participation.period_ends_on == dt.date(2024, 5, 6)
    assert PublicComment.objects.get(participation__decision=registered).answered
    assert not request_log.outside, request_log.outside


def test_justice_bureau_gives_the_review_opinion_then_the_unit_submits_for_discussion(
    page, login, users, request, request_log, screenshot_dir
):
    # given the education bureau's catalog decision at the legality review, sent on 21 May 2024
    prepared = request.getfixturevalue("decision")
    walk(prepared, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    review = services.request_legality_review(
        actor=users.jyj_clerk, decision=prepared, submitted_on=dt.date(2024, 5, 21)
    )
    pass_lower_levels(review)

    # the unit sees why it cannot submit the decision for discussion yet
    login(users.jyj_clerk)
    page.goto(f"/decisions/{prepared.pk}/")
    expect(page.get_by_role("button", name="提请集体讨论")).to_be_disabled()
    expect(step(page, "legality_review").locator(".blocked")).to_contain_text("第二十五条")
    expect(page.locator("#conclude-review")).to_have_count(0)

    # when the Justice Bureau opens it and gives the final opinion 合法
    login(users.justice)
    page.goto(f"/decisions/{prepared.pk}/")
    expect(step(page, "legality_review")).to_contain_text("最早于2024年5月30日出具")
    conclude = page.locator("#conclude-review")
    conclude.get_by_label("合法", exact=True).check()
    conclude.get_by_label("终审日期").fill("2024-06-03")
    page.screenshot(path=str(screenshot_dir / "decision-detail-justice.png"), full_page=True)
    with page.expect_navigation():
        conclude.get_by_role("button", name="出具终审意见").click()

    # then the opinion is on the page and the form is gone
    expect(page.locator(".alert-success")).to_contain_text("已出具合法性审查终审意见")
    expect(step(page, "legality_review")).to_contain_text("审查意见：合法")
    expect(page.locator("#legality-review")).to_contain_text("2024年6月3日")
    expect(page.locator("#conclude-review")).to_have_count(0)

    # when the unit clerk comes back, the decision can go to collective discussion
    login(users.jyj_clerk)
    page.goto(f"/decisions/{prepared.pk}/")
    submit = page.get_by_role("button", name="提请集体讨论")
    expect(submit).to_be_enabled()
    with page.expect_navigation():
        submit.click()
    expect(page.locator("#decision-status")).to_have_text("集体讨论决定")
    expect(step(page, "legality_review")).to_have_attribute("data-state", "done")
    expect(step(page, "collective_discussion")).to_have_attribute("data-state", re.compile("current|overdue"))
    expect(page.get_by_role("button", name="保存集体讨论决定记录")).to_be_visible()

    prepared.refresh_from_db()
    assert prepared.status == S.COLLECTIVE_DISCUSSION
    assert prepared.legality_review.passed
    assert not request_log.outside, request_log.outside


@pytest.mark.usefixtures("catalog")
def test_the_public_reads_the_published_catalog_without_logging_in(
    page, users, district, request_log, screenshot_dir
):
    # given a draft catalog for next year besides the published 2024 one
    next_year = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    services.add_catalog_item(
        actor=users.justice,
        catalog=next_year,
        title="尚在编制的事项",
        lead_unit=district.jyj,
        planned_time="2025年",
        planned_by=dt.date(2025, 12, 31),
    )

    # when an anonymous visitor opens the public page
    page.goto("/public/decision-catalogs/")

    # then they see the published catalog's items, lead units and planned times, and nothing of the draft
    expect(page).to_have_url(re.compile(r"/public/decision-catalogs/$"))
    rows = page.locator('#public-catalog-items tr[data-year="2024"]')
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("2024年度")
    expect(rows.first).to_contain_text("中小学布局调整")
    expect(rows.first).to_contain_text("测试区教育局")
    expect(rows.first).to_contain_text("2024年第三季度")
    expect(rows.first).to_contain_text("2024年3月1日")
    expect(page.locator("main")).not_to_contain_text("尚在编制的事项")
    # the public sees only the public links (公开信息, 登录), none of the workstreams' pages
    expect(page.locator("header.top nav a[href='/disputes/']")).to_have_count(0)
    expect(page.locator("header.top nav a[href='/admin/']")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "public-decision-catalogs.png"), full_page=True)
    assert not request_log.outside, request_log.outside
