"""Law enforcement as people use it, in headless Chromium against the live server: the supervisor opens the officer
list and sees who may not enforce; a unit clerk registers a supervision clue, handles it and closes it through the
pages; the supervisor records an exam and issues the certificate on their form pages; the public officer listing shows
name, unit and certificate number but never an ID number."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from fazhi.core import clock
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate, CertificateExam, SupervisionClue
from tests import factories

from ..enforcement.conftest import body, issue, officer  # noqa: F401

pytestmark = pytest.mark.browser
TODAY = clock.today()


@pytest.fixture
def current_certificate(users, body, officer):  # noqa: F811
    """王执法's 行政执法证, issued a month ago after a passed exam."""
    issued = TODAY - dt.timedelta(days=30)
    return issue(
        users.justice, officer, body, "64030001", issued_on=issued, exam_on=issued - dt.timedelta(days=10)
    )


def test_supervisor_sees_on_the_officer_list_who_may_not_enforce(
    page, login, users, district, current_certificate, screenshot_dir
):
    # given a retired officer whose certificate was cancelled and a colleague who never held one
    retired = factories.person(district.team, name="孙退休")
    old = issue(
        users.justice,
        retired,
        current_certificate.body,
        "64030002",
        issued_on=TODAY - dt.timedelta(days=60),
        exam_on=TODAY - dt.timedelta(days=70),
    )
    services.cancel_certificate(actor=users.justice, certificate=old, reason="retirement", cancelled_on=TODAY)
    factories.person(district.team, name="李无证")

    # when the enforcement supervisor opens the officer list from the enforcement pages
    login(users.supervisor)
    page.get_by_role("link", name="行政执法", exact=True).click()
    page.locator("#enforcement-nav").get_by_role("link", name="执法人员和证件").click()

    # then the cancelled holder and the one without a certificate are listed as not allowed to enforce
    without = page.locator("#without-certificate")
    expect(without.get_by_role("heading")).to_contain_text("不得从事执法的人员")
    expect(without).to_contain_text("孙退休")
    expect(without).to_contain_text("李无证")
    expect(without).not_to_contain_text("王执法")
    expect(page.locator(f"#certificate-{old.pk}")).to_contain_text("无效")
    expect(page.locator(f"#certificate-{current_certificate.pk}")).to_contain_text("有效")
    page.screenshot(path=str(screenshot_dir / "enforcement-officers.png"), full_page=True)


def test_unit_clerk_registers_handles_and_closes_a_clue_through_the_pages(
    page,
    login,
    users,
    district,
    body,  # noqa: F811
    screenshot_dir,
):
    # given the market-supervision clerk, logged in
    login(users.scj_clerk)
    page.goto("/enforcement/")
    page.locator("#enforcement-nav").get_by_role("link", name="执法监督线索").click()
    expect(page.get_by_role("heading", name="执法监督线索", exact=True)).to_be_visible()

    # when they register a hotline clue about the enforcement team
    form = page.locator("#register form")
    form.get_by_label("线索来源").select_option(label="12345热线")
    form.get_by_label("来源编号").fill("2026111800031")
    form.get_by_label("受理日期").fill(TODAY.isoformat())
    form.get_by_label("涉及执法主体").select_option(label="测试区市场监管执法大队")
    form.get_by_label("涉企").check()
    form.get_by_label("线索内容").fill("企业反映执法人员检查时未出示执法证件")
    with page.expect_navigation():
        form.get_by_role("button", name="登记线索").click()

    # then the clue's page shows it registered with its computed deadline and the spot for a rectification item
    expect(page.locator("#clue-status")).to_have_text("已登记")
    clue = SupervisionClue.objects.get(external_number="2026111800031")
    expect(page.locator("#deadline")).to_contain_text(
        f"{clue.due_on.year}年{clue.due_on.month}月{clue.due_on.day}日"
    )
    expect(page.locator("#rectification-spot")).to_be_attached()

    # when closing is tried before handling, nothing changes and the reason is in Chinese
    # (the close form is not offered; a step cannot be added either)
    expect(page.locator("#close")).to_have_count(0)
    expect(page.locator("#add-step")).to_have_count(0)

    # when they start handling, record a step with a wrong date, then a right one, and close it
    with page.expect_navigation():
        page.get_by_role("button", name="开始办理").click()
    expect(page.locator("#clue-status")).to_have_text("办理中")
    step = page.locator("#add-step")
    step.get_by_label("日期").fill((TODAY - dt.timedelta(days=400)).isoformat())
    step.get_by_label("办理情况").fill("调取执法记录仪视频")
    with page.expect_navigation():
        step.get_by_role("button", name="记录办理过程").click()
    expect(page.locator("#errors")).to_contain_text("办理日期不能早于线索受理日期。")
    assert not clue.steps.exists()
    step = page.locator("#add-step")
    step.get_by_label("日期").fill(TODAY.isoformat())
    step.get_by_label("办理情况").fill("调取执法记录仪视频")
    with page.expect_navigation():
        step.get_by_role("button", name="记录办理过程").click()
    expect(page.locator("#steps")).to_contain_text("调取执法记录仪视频")
    close = page.locator("#close form")
    close.get_by_label("办理结果").fill("情况属实，已对执法人员批评教育")
    close.get_by_label("办结日期").fill(TODAY.isoformat())
    with page.expect_navigation():
        close.get_by_role("button", name="办结线索").click()

    # then the clue is closed with its result, and the list shows it
    expect(page.locator("#clue-status")).to_have_text("已办结")
    expect(page.locator("#clue-result")).to_contain_text("已对执法人员批评教育")
    page.screenshot(path=str(screenshot_dir / "enforcement-clue.png"), full_page=True)
    clue.refresh_from_db()
    assert (clue.status, clue.handled_on) == ("closed", TODAY)
    page.goto("/enforcement/clues/?status=closed")
    expect(page.locator(f"#clue-{clue.pk}")).to_contain_text("已办结")


def test_supervisor_records_an_exam_and_issues_the_certificate_on_the_form_pages(
    page,
    login,
    users,
    body,  # noqa: F811
    officer,  # noqa: F811
    screenshot_dir,
):
    # given the enforcement supervisor on the officer list
    login(users.supervisor)
    page.goto("/enforcement/officers/")

    # when they record 王执法's exam from the list's link
    page.get_by_role("link", name="录入考试成绩").click()
    expect(page.get_by_role("heading", name="录入行政执法资格考试成绩")).to_be_visible()
    form = page.locator("#record form")
    form.get_by_label("考生").fill("王执法")
    form.get_by_label("申领执法证的执法主体").select_option(label="测试区市场监管执法大队")
    form.get_by_label("考试日期").fill((TODAY - dt.timedelta(days=5)).isoformat())
    form.get_by_label("成绩").fill("85")
    form.get_by_role("button", name="录入成绩").click()

    # then the list says the exam passed
    expect(page.get_by_role("status")).to_contain_text("已录入王执法的考试成绩85分，合格。")

    # when they issue the certificate from the list's other link, first with an expiry before the issue date
    page.get_by_role("link", name="核发执法证件").click()
    form = page.locator("#record form")
    form.get_by_label("持证人").fill("王执法")
    form.get_by_label("执法主体").select_option(label="测试区市场监管执法大队")
    form.get_by_label("证件编号").fill("64030008")
    form.get_by_label("发证日期").fill(TODAY.isoformat())
    form.get_by_label("有效期至").fill((TODAY - dt.timedelta(days=1)).isoformat())
    form.get_by_role("button", name="核发证件").click()

    # then the rule's message is shown and nothing is issued
    expect(page.locator("#errors")).to_contain_text("有效期截止日不能早于发证日期。")
    assert not Certificate.objects.exists()

    # when they correct the expiry and send it again
    form = page.locator("#record form")
    form.get_by_label("有效期至").fill((TODAY + dt.timedelta(days=5 * 365)).isoformat())
    form.get_by_role("button", name="核发证件").click()

    # then the new certificate's page opens
    expect(page.get_by_role("status")).to_contain_text("已核发证件64030008（王执法）。")
    expect(page.get_by_role("heading", level=1)).to_contain_text("64030008")
    certificate = Certificate.objects.get()
    assert (certificate.person, certificate.body, certificate.issued_on) == (officer, body, TODAY)
    assert CertificateExam.objects.get().passed is True
    page.screenshot(path=str(screenshot_dir / "enforcement-issue-certificate.png"), full_page=True)


def test_public_officer_listing_shows_no_id_number(page, current_certificate, officer):  # noqa: F811
    # when anyone opens the public listing, without logging in
    page.goto("/public/enforcement-officers/")

    # then the officer is listed with unit and certificate number, and no form of the ID number appears
    content = page.content()
    assert "王执法" in content and "64030001" in content and "测试区市场监管执法大队" in content
    assert officer.id_number not in content
    assert officer.masked_id_number not in content
