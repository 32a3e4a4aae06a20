"""Legality review as people use it, in headless Chromium against the live server: a unit sends a draft and gives
the initial opinion, the assigned advisor gives the advisor opinion, the Justice Bureau concludes, the unit
downloads the opinion letter; and the draft pre-check of pasted text and of a file. Everything loads from the
platform itself."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from fazhi.review.models import LegalityReview

pytestmark = pytest.mark.browser
S = LegalityReview.Status
PENALTY = "违反本办法规定的，由市场监督管理部门处以5000元以上2万元以下罚款。"
DRAFT = f"关于规范农贸市场经营秩序的若干规定\n第一条 为规范农贸市场经营秩序，制定本规定。\n第二条 {PENALTY}"
TITLE = "关于规范农贸市场经营秩序的若干规定"


def level(page, name: str):
    return page.locator(f"#level-{name}")


def give_opinion(page, outcome: str, given_on: str, reasons: str = "") -> None:
    form = page.locator("#opinion-form")
    form.get_by_label(outcome, exact=True).check()
    if reasons:
        form.get_by_label("理由").fill(reasons)
    form.get_by_label("出具日期").fill(given_on)
    with page.expect_navigation():
        form.get_by_role("button", name=re.compile("^出具.+意见$")).click()


def test_three_levels_by_three_users(page, login, users, request_log, screenshot_dir):
    # given the education bureau's clerk, who sends a draft with the district's advisor assigned
    login(users.jyj_clerk)
    page.locator("header.top nav").get_by_role("link", name="合法性审查").click()
    expect(page.get_by_role("heading", name="合法性审查", exact=True)).to_be_visible()
    form = page.locator("#submit form")
    form.get_by_label("送审事项").fill(TITLE)
    form.get_by_label("审查对象").select_option(label="行政规范性文件")
    form.get_by_label("送审日期").fill("2024-05-06")
    form.get_by_label("复审法律顾问").select_option(label=f"{users.advisor.person.name}（测试区司法局）")
    form.get_by_label("送审稿文本").fill(DRAFT)
    page.screenshot(path=str(screenshot_dir / "review-list-submit.png"), full_page=True)
    with page.expect_navigation():
        form.get_by_role("button", name="送审", exact=True).click()

    # then the review's page shows the three levels with the initial level under way and its deadline explained
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator("#review-status")).to_have_text("起草单位初审")
    expect(page.locator(".timeline .step")).to_have_count(3)
    expect(level(page, "initial")).to_have_attribute("data-state", re.compile("current|overdue"))
    expect(level(page, "advisor")).to_have_attribute("data-state", "waiting")
    expect(page.locator("#level-deadline")).to_contain_text("2024年5月9日")
    expect(page.locator("#level-deadline")).to_contain_text("3个工作日")

    # when the unit gives the initial opinion
    give_opinion(page, "合法", "2024-05-07")
    expect(page.locator(".alert-success")).to_contain_text("已出具起草单位初审意见：合法")
    expect(level(page, "initial")).to_have_attribute("data-state", "done")
    expect(level(page, "initial")).to_contain_text("按期")
    expect(page.locator("#review-status")).to_have_text("法律顾问复审")

    # and the advisor finds it waiting for them and gives the advisor opinion
    login(users.advisor)
    page.locator("header.top nav").get_by_role("link", name="合法性审查").click()
    row = page.locator("tr.review-row", has_text=TITLE)
    expect(row).to_contain_text("待您审查")
    page.screenshot(path=str(screenshot_dir / "review-list-advisor.png"), full_page=True)
    with page.expect_navigation():
        row.get_by_role("link", name=TITLE).click()
    give_opinion(page, "修改后合法", "2024-05-08", reasons="第二条的罚款应写明上位法依据。")
    expect(level(page, "advisor")).to_have_attribute("data-state", "done")
    expect(level(page, "advisor")).to_contain_text("第二条的罚款应写明上位法依据。")

    # then the unit sees the final level waiting for the Justice Bureau, without a form
    login(users.jyj_clerk)
    review = LegalityReview.objects.get(title=TITLE)
    page.goto(f"/review/{review.pk}/")
    expect(page.locator("#review-status")).to_have_text("司法局合法性终审")
    expect(page.locator("#opinion-form")).to_have_count(0)
    expect(page.locator("#waiting-for")).to_contain_text("由区司法局出具")

    # when the Justice Bureau concludes
    login(users.justice)
    page.goto(f"/review/{review.pk}/")
    expect(page.locator("#opinion-form")).to_contain_text("司法局合法性终审意见")
    page.screenshot(path=str(screenshot_dir / "review-detail-final-form.png"), full_page=True)
    give_opinion(
        page, "修改后合法", "2024-05-20", reasons="删去第二条设定的罚款，或写明法律、法规依据后印发。"
    )

    # then every level is done, the conclusion is shown and the letter downloads as a Word document
    expect(page.locator("#review-status")).to_have_text("已出具审查意见")
    expect(page.locator("#conclusion")).to_contain_text("修改后合法")
    for name in ("initial", "advisor", "final"):
        expect(level(page, name)).to_have_attribute("data-state", "done")
    with page.expect_download() as download:
        page.locator("#download-letter").click()
    assert download.value.suggested_filename.endswith(".docx")

    # and the pre-check of the current version highlights the penalty
    with page.expect_navigation():
        page.get_by_role("button", name="预审第1稿").click()
    expect(page.locator("#precheck")).to_be_visible()
    expect(page.locator("#precheck tr.finding").first).to_be_visible()
    expect(page.locator("#precheck mark").first).not_to_be_empty()
    page.screenshot(path=str(screenshot_dir / "review-detail.png"), full_page=True)

    review.refresh_from_db()
    assert review.status == S.CONCLUDED and review.final_opinion == "lawful_after_revision"
    assert [o.level for o in review.opinions.order_by("pk")] == ["initial", "advisor", "final"]
    assert not request_log.outside, request_log.outside


def test_precheck_of_pasted_text_and_of_a_file(page, login, users, request_log, screenshot_dir):
    # given the pre-check page
    login(users.jyj_clerk)
    page.locator("header.top nav").get_by_role("link", name="草案预审").click()
    expect(page.get_by_role("heading", name="草案预审", exact=True)).to_be_visible()

    # when a draft with a penalty is pasted
    page.get_by_label("草案文本").fill(DRAFT)
    with page.expect_navigation():
        page.get_by_role("button", name="开始预审").click()

    # then the findings name the paragraph, highlight the words and give the rule's basis
    rows = page.locator("#findings tr.finding")
    expect(rows.first).to_be_visible()
    expect(rows.first).to_contain_text("第3段")
    expect(rows.first.locator("mark")).not_to_be_empty()
    expect(page.locator("#findings")).to_contain_text("37号")
    page.screenshot(path=str(screenshot_dir / "review-precheck.png"), full_page=True)

    # when a damaged Word file is uploaded, the page says why in Chinese
    page.get_by_label("草案文本").fill("")
    page.get_by_label("草案文件").set_input_files(
        files=[{"name": "草案.docx", "mimeType": "application/octet-stream", "buffer": b"not a docx"}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="开始预审").click()
    expect(page.locator("#errors")).to_contain_text("不是有效的 .docx 文件")
    expect(page.locator("#precheck-results")).to_have_count(0)

    # and a text file without problems gives the empty state
    page.get_by_label("草案文件").set_input_files(
        files=[
            {
                "name": "草案.txt",
                "mimeType": "text/plain",
                "buffer": "第一条 为加强本单位内部管理，制定本办法。".encode(),
            }
        ]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="开始预审").click()
    expect(page.locator("#findings-empty")).to_have_text("未发现明显问题；预审不能代替合法性审查。")
    assert not request_log.outside, request_log.outside
