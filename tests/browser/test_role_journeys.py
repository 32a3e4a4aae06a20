"""Each role's journey in Chromium against the live server (issue 16: every role sees its work and only its tools).

- The leader reads: every list opens with its search, filters and export, and no page offers a form that writes,
  a registration or an import; the registration pages refuse in Chinese.
- The reconsideration office registers an application on the registration page (a link from the docket), finds it
  on the docket by its 案号, accepts it, sends the copy, records the opinions heard and decides it.

The other journeys have their own files: a unit clerk registers and reports (test_decisions, test_enforcement,
test_documents, test_oversight, test_duties), the Justice Bureau reviews a document (test_review, test_documents)."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from fazhi.core import clock
from fazhi.disputes.models import ReconsiderationCase
from tests import factories

pytestmark = pytest.mark.browser

LEADER_LISTS = [
    "/",
    "/disputes/",
    "/litigation/",
    "/oversight/",
    "/oversight/plans/",
    "/documents/",
    "/decisions/",
    "/review/",
    "/enforcement/clues/",
    "/enforcement/officers/",
    "/duties/",
    "/catalogs/",
    "/reports/annual/",
]


def test_the_leader_reads_every_list_and_is_offered_no_form_registration_or_import(page, login, users):
    login(users.leader)
    for path in LEADER_LISTS:
        response = page.goto(path)
        assert response.status == 200, path
        main = page.locator("main")
        # reading tools: the list's search and its export
        expect(main.locator("form.list-tools"), path).to_have_count(1)
        expect(main.locator("#list-export"), path).to_be_visible()
        # and nothing that writes
        expect(main.locator('form[method="post"]'), path).to_have_count(0)
        expect(main.locator("#register-link"), path).to_have_count(0)
        expect(main.locator('a[href*="/import"], input[type="file"]'), path).to_have_count(0)
    refusals = {
        "/disputes/register/": "行政复议案件由行政复议机构（复议工作人员）办理。",
        "/litigation/register/": "您无权登记行政应诉案件。",
    }
    for path, reason in refusals.items():
        response = page.goto(path)
        assert response.status == 403, path
        expect(page.locator("body")).to_contain_text(reason)


def test_the_leaders_menu_offers_neither_the_admin_site_nor_imports(page, login, users):
    login(users.leader)
    page.goto("/")
    expect(page.locator('header a[href="/admin/"]')).to_have_count(0)
    page.goto("/ledgers/")
    expect(page.locator('input[type="file"]')).to_have_count(0)


def test_the_reconsideration_office_registers_accepts_hears_and_decides_a_case(page, login, users, district):
    clock.freeze(dt.date(2025, 6, 30))
    login(users.reconsideration)
    page.goto("/disputes/")

    # the registration page, from the docket
    page.locator("#register-link").click()
    form = page.locator("#register form")
    form.get_by_label("收到申请日期").fill("2025-06-02")
    form.get_by_label("申请渠道").select_option(label="当面申请")
    form.get_by_label("申请人类型").select_option(label="自然人")
    form.get_by_label("申请人", exact=True).fill("欧阳某")
    form.get_by_label("证件号码").fill(factories.id_number())
    form.get_by_label("被申请人", exact=True).select_option(label=str(district.scj))
    form.get_by_label("被申请复议的行政行为").fill("测市监罚〔2025〕40号行政处罚决定")
    form.get_by_label("行政行为作出日期").fill("2025-05-20")
    form.get_by_label("行政复议请求").fill("撤销该行政处罚决定")
    with page.expect_navigation():
        form.get_by_role("button", name="登记申请").click()
    expect(page.locator("#case-status")).to_have_text("收到申请")
    number = ReconsiderationCase.objects.get().docket_number

    # found on the docket by its 案号, its next deadline the examination's, and opened from there
    page.goto("/disputes/")
    page.locator("form.list-tools").get_by_label("搜索").fill(number)
    with page.expect_navigation():
        page.locator("form.list-tools").get_by_role("button", name="查询").click()
    row = page.locator("#docket tr.case-row")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("受理审查期限")
    with page.expect_navigation():
        row.get_by_role("link", name=number).click()

    # accepted, the copy sent, the opinions heard, then decided with the head's agreement
    steps = [
        ("accept", {"日期": "2025-06-03"}, "受理", "已受理"),
        ("send_copy", {"日期": "2025-06-04"}, "发送答复通知", "审理中"),
    ]
    for name, fields, button, status in steps:
        action = page.locator(f"#action-{name}")
        for label, value in fields.items():
            action.get_by_label(label, exact=True).fill(value)
        with page.expect_navigation():
            action.get_by_role("button", name=button).click()
        expect(page.locator("#case-status")).to_have_text(status)

    opinion = page.locator("#action-opinion")
    opinion.get_by_label("听取日期").fill("2025-06-10")
    opinion.get_by_label("方式").select_option(label="电话")
    opinion.get_by_label("听取对象").fill("申请人")
    with page.expect_navigation():
        opinion.get_by_role("button", name="记录听取意见").click()

    decide = page.locator("#action-decide")
    decide.get_by_label("日期", exact=True).fill("2025-06-20")
    decide.get_by_label("决定", exact=True).select_option(label="维持")
    decide.get_by_label("本机关认为（决定理由）").fill(
        "被申请人认定事实清楚，适用依据正确，程序合法，处罚适当。"
    )
    decide.get_by_label("审批方式（行政复议法第六十一条）").select_option(label="行政复议机关负责人同意")
    decide.get_by_label("同意的负责人或通过的会议").fill("分管副区长")
    decide.get_by_label("同意或通过日期").fill("2025-06-19")
    with page.expect_navigation():
        decide.get_by_role("button", name="作出复议决定").click()
    expect(page.locator("#case-status")).to_have_text("已决定")
    case = ReconsiderationCase.objects.get()
    assert (case.status, case.outcome, case.concluded_on) == ("decided", "uphold", dt.date(2025, 6, 20))

    # and the docket no longer shows a deadline for it
    page.goto(f"/disputes/?q={number}")
    expect(page.locator("#docket tr.case-row td.due")).to_have_text("—")
