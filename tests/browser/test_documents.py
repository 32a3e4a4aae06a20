"""Normative documents as people use them, in headless Chromium against the live server: a unit registers a
document and sends it for review; once the review has passed, the unit issues it with the number the platform gives
and files it, and the Justice Bureau records the filing result; the public sees only valid documents. Everything
loads from the platform itself."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from fazhi.review import services
from fazhi.review.models import Filing, NormativeDocument

from ..review.conftest import PREFIX, issued, pass_review, procedures_done, register

pytestmark = pytest.mark.browser
S = NormativeDocument.Status
TITLE = "关于规范校外培训机构收费行为的通知"


def test_unit_registers_issues_and_files_a_document_and_the_bureau_records_the_result(
    page, login, users, district, request_log, screenshot_dir
):
    # given the education bureau's clerk on the register
    login(users.jyj_clerk)
    page.locator("header.top nav").get_by_role("link", name="规范性文件").click()
    expect(page.get_by_role("heading", name="行政规范性文件", exact=True)).to_be_visible()

    # when they register a document
    form = page.locator("#register form")
    form.get_by_label("文件名称").fill(TITLE)
    form.get_by_label("发文字号前缀").fill(PREFIX)
    form.get_by_label("登记日期").fill("2024-08-01")
    expect(form.get_by_label("须报送备案")).to_be_checked()
    with page.expect_navigation():
        form.get_by_role("button", name="登记文件").click()

    # then its page has no number yet, and issuing waits for the legality review (国办发〔2018〕37号)
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator("#document-status")).to_have_text("已登记（待印发）")
    expect(page.locator("#document-number")).to_contain_text("印发时由平台统一编号")
    expect(page.locator("#issue-blocked")).to_contain_text("国办发〔2018〕37号")
    expect(page.locator("#issue").get_by_role("button", name="统一编号并印发")).to_be_disabled()

    # when they send it for legality review
    send = page.locator("#submit-review form")
    send.get_by_label("送审日期").fill("2024-08-05")
    send.get_by_label("送审稿文本").fill("第一条 为规范校外培训机构收费行为，制定本通知。")
    with page.expect_navigation():
        send.get_by_role("button", name="送合法性审查").click()
    expect(page.locator(".alert-success")).to_contain_text("已送合法性审查")
    expect(page.locator("#review-link")).to_be_visible()

    # and the review passes its three levels (concluded on 19 August 2024)
    document = NormativeDocument.objects.get(title=TITLE)
    pass_review(document.legality_review, justice=users.justice)
    # and its consultation and collective deliberation are recorded (国办发〔2018〕37号, issue 15)
    procedures_done(document, clerk=users.jyj_clerk, on=document.legality_review.concluded_on)
    page.reload()
    expect(page.locator("#legality-review")).to_contain_text("终审意见合法")
    expect(page.locator("#issue-blocked")).to_have_count(0)

    # when the clerk issues it
    issue = page.locator("#issue form")
    issue.get_by_label("签发日期").fill("2024-09-02")
    issue.get_by_label("公布日期").fill("2024-09-02")
    issue.get_by_label("施行日期").fill("2024-10-01")
    with page.expect_navigation():
        issue.get_by_role("button", name="统一编号并印发").click()

    # then the platform's number is shown, with the filing deadline (past by now)
    expect(page.locator(".alert-success")).to_contain_text("已统一编号并印发，文号：测政规发〔2024〕1号。")
    expect(page.locator("#document-number")).to_have_text("测政规发〔2024〕1号")
    expect(page.locator("#document-status")).to_have_text("有效")
    document.refresh_from_db()
    due = document.filing_due_on
    expect(page.locator("#filing-due")).to_contain_text(f"报送备案期限：{due.year}年{due.month}月{due.day}日")
    expect(page.locator("#filing-due")).to_contain_text("已逾期未报送")

    # and the register highlights it as due and not filed
    page.locator("header.top nav").get_by_role("link", name="规范性文件").click()
    expect(page.locator("#unfiled")).to_contain_text(TITLE)
    expect(page.locator("#unfiled")).to_contain_text(f"应于{due.year}年{due.month}月{due.day}日前报送备案")
    row = page.locator("tr.document-row", has_text=TITLE)
    expect(row).to_contain_text("测政规发〔2024〕1号")
    expect(row).to_contain_text("逾期未报送")
    page.screenshot(path=str(screenshot_dir / "documents-list.png"), full_page=True)

    # when the clerk files it with the five materials
    row.get_by_role("link", name=TITLE).click()
    filing = page.locator("#filing form")
    filing.get_by_label("报送备案日期").fill("2024-09-20")
    filing.get_by_label("备案机关", exact=True).fill("吴忠市人民政府")
    for material in ("备案报告", "正式文本", "起草说明", "合法性审查意见", "制定依据"):
        filing.get_by_label(material, exact=True).set_input_files(
            files=[{"name": f"{material}.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
        )
    with page.expect_navigation():
        filing.get_by_role("button", name="报送备案").click()

    # then the filing is shown as in time with complete materials, waiting for the result
    record = page.locator("#filing-record")
    expect(record).to_contain_text("按期报送")
    expect(record).to_contain_text("吴忠市人民政府")
    expect(record.locator("ul.materials li.ok")).to_have_count(5)
    expect(page.locator("#filing-result")).to_contain_text("审查中")
    expect(page.locator("#filing-result-form")).to_have_count(0)
    expect(page.locator("#history")).to_contain_text("统一编号并印发")
    page.screenshot(path=str(screenshot_dir / "document-detail.png"), full_page=True)

    # when the Justice Bureau records that the filing review passed
    login(users.justice)
    page.goto(f"/documents/{document.pk}/")
    result = page.locator("#filing-result-form")
    result.get_by_label("通过", exact=True).check()
    result.get_by_label("结果日期").fill("2024-10-10")
    with page.expect_navigation():
        result.get_by_role("button", name="记录审查结果").click()
    expect(page.locator("#filing-result")).to_contain_text("通过")
    assert Filing.objects.get(document=document).result == Filing.Result.PASSED
    assert not request_log.failed


def test_the_public_sees_only_valid_documents_without_logging_in(page, users, district, screenshot_dir):
    # given a valid document, one not yet issued, and one repealed in a clean-up
    valid = issued(users.jyj_clerk, users.justice, district.jyj, TITLE, published_on=dt.date(2024, 9, 2))
    register(users.jyj_clerk, district.jyj, "尚未印发的通知")
    repealed = issued(
        users.scj_clerk, users.justice, district.scj, "已经废止的通知", published_on=dt.date(2024, 9, 3)
    )
    campaign = services.create_campaign(
        actor=users.justice,
        name="2024年规范性文件清理",
        scope="全部现行有效的规范性文件",
        organization=district.sfj,
        started_on=dt.date(2024, 10, 8),
    )
    item = services.add_item(actor=users.justice, campaign=campaign, document=repealed)
    services.decide_item(
        actor=users.justice,
        item=item,
        outcome="repeal",
        reason="已被新文件替代",
        decided_on=dt.date(2024, 11, 1),
    )

    # when anyone opens the public list
    page.goto("/public/normative-documents/")

    # then only the valid document is listed, with its number, unit and dates
    expect(page.get_by_role("heading", name="现行有效的行政规范性文件")).to_be_visible()
    rows = page.locator("tr.public-document")
    expect(rows).to_have_count(1)
    expect(rows).to_contain_text(valid.number)
    expect(rows).to_contain_text("测试区教育局")
    expect(rows).to_contain_text("2024年9月2日")
    expect(page.locator("body")).not_to_contain_text("尚未印发的通知")
    expect(page.locator("body")).not_to_contain_text("已经废止的通知")
    # the public sees only the public links (公开信息, 登录), none of the workstreams' pages
    expect(page.locator("header.top nav a[href='/disputes/']")).to_have_count(0)
    expect(page.locator("header.top nav a[href='/admin/']")).to_have_count(0)
    page.screenshot(path=str(screenshot_dir / "public-normative-documents.png"), full_page=True)
