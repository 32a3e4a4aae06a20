"""The pages as a person uses them, in headless Chromium against the live server: login, 工作台, ledger
import with its progress, the admin and the API docs, all in Chinese and all loaded from the platform itself."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading

import pytest
from django.core.management import call_command
from django.db import connection
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from fazhi.core import calendar, jobs
from fazhi.core.io import ledgers
from fazhi.core.models import CalendarYear, Job, Person

from .. import factories, ledger_files

pytestmark = pytest.mark.browser


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append([c.header for c in ledgers.get("people").columns])
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _person_row(name: str, id_number: str, unit: str) -> list:
    # 记录编号, 姓名, 身份证号, 单位代码, 职务, 主要负责人, 具有法律职业资格, 取得年份, 在职
    return ["", name, id_number, unit, "科员", "否", "否", "", "是"]


def _upload(page, content: bytes, filename: str, ledger: str = "people") -> None:
    page.goto("/ledgers/")
    card = page.locator(f"#ledger-{ledger}")
    card.locator("input[type=file]").set_input_files(
        {"name": filename, "mimeType": "application/octet-stream", "buffer": content}
    )
    with page.expect_navigation():
        card.get_by_role("button", name="试导入").click()


# Login and 工作台 ------------------------------------------------------------------------------------------


def test_login_page_is_chinese_refuses_a_wrong_password_and_lands_a_clerk_on_the_workbench(
    page, login, users, request_log
):
    # given an anonymous visitor
    page.goto("/")

    # then they are sent to a Chinese login page
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page).to_have_title(re.compile("登录"))
    expect(page.get_by_role("heading", name="登录")).to_be_visible()
    expect(page.get_by_label("用户名")).to_be_visible()
    expect(page.get_by_label("密码")).to_be_visible()

    # when a wrong password is entered, the error says so in Chinese
    login(users.jyj_clerk, password="not-the-password")
    expect(page.locator("p.error")).to_have_text(re.compile("用户名或密码不正确"))
    expect(page).to_have_url(re.compile("/accounts/login/"))

    # when the unit clerk logs in with the right password, they land on the 工作台, where the only work is last
    # year's annual report (its reminder stays until the report is issued)
    login(users.jyj_clerk)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.locator("tr.work-item")).to_have_count(1)
    expect(page.locator("tr.work-item")).to_contain_text("年度报告")
    expect(page.locator("header.top .user")).to_contain_text("单位填报员")
    expect(page.locator("header.top .user")).to_contain_text("测试区教育局")
    # and the page's own stylesheet came from the platform and styles it
    assert request_log.statuses.get("/static/fazhi/fazhi.css") == 200, request_log.failed
    expect(page.locator("header.top")).to_have_css("background-color", "rgb(183, 28, 28)")


def test_system_admin_is_told_to_enter_next_years_holiday_schedule_from_october(
    page, login, users, screenshot_dir
):
    # given today's date on the server and whether next year's schedule is known (package or entered)
    today = dt.date.today()
    next_year = today.year + 1
    expected = today.month >= 10 and bool(calendar.missing_years(range(next_year, next_year + 1)))
    warning = f"录入{next_year}年节假日安排"

    # when the 系统管理员, who maintains the calendar, opens the 工作台
    login(users.admin)
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "workbench-admin.png"), full_page=True)

    # then the warning is there exactly when the schedule is due and missing
    item = page.locator("tr.work-item", has_text=warning)
    if not expected:
        expect(item).to_have_count(0)
        return
    expect(item).to_be_visible()
    expect(item.locator(".badge")).to_have_text(re.compile("即将到期|已逾期"))
    expect(item).to_contain_text(f"{today.year}年12月31日")
    expect(item.get_by_role("link", name=warning)).to_have_attribute("href", "/admin/core/calendarday/")

    # when the year is registered as entered, the warning goes away
    CalendarYear.objects.create(year=next_year, source=f"国务院办公厅关于{next_year}年部分节假日安排的通知")
    page.reload()
    expect(page.locator("tr.work-item", has_text=warning)).to_have_count(0)


@pytest.mark.parametrize("who", ["justice", "scj_clerk"])
def test_roles_that_cannot_change_the_calendar_do_not_get_the_holiday_schedule_warning(
    page, login, users, who
):
    # given a 司法局管理员 or a unit clerk: the calendar is installation-wide data only system administrators change
    login(getattr(users, who))

    # then their 工作台 says nothing about the holiday schedule
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.locator("tr.work-item", has_text="节假日安排")).to_have_count(0)


# Ledgers ---------------------------------------------------------------------------------------------------


def test_people_template_downloads_with_the_chinese_headers(page, login, users, tmp_path):
    login(users.jyj_clerk)
    page.goto("/ledgers/")

    with page.expect_download() as info:
        page.locator("#ledger-people").get_by_role("link", name="下载导入模板").click()
    download = info.value
    assert download.suggested_filename == "人员导入模板.xlsx"
    path = tmp_path / download.suggested_filename
    download.save_as(path)

    wb = load_workbook(path, read_only=True)
    header = list(next(wb.worksheets[0].iter_rows(values_only=True)))
    assert header == [c.header for c in ledgers.get("people").columns]
    assert {"姓名", "身份证号", "单位代码"} <= set(header)
    assert "填写说明" in wb.sheetnames


def test_import_with_a_bad_row_shows_row_column_and_reason_and_offers_no_confirm(
    page, login, users, district, screenshot_dir
):
    # given a file with one good row and one whose ID number has a wrong check digit
    good = factories.id_number(901)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    content = _xlsx([_person_row("王小明", good, "T-JYJ"), _person_row("李小红", bad, "T-JYJ")])
    login(users.jyj_clerk)

    # when it is dry-run imported
    _upload(page, content, "人员.xlsx")

    # then the table says which row, which column and why, and nothing can be confirmed
    errors = page.locator("table.errors tbody tr")
    expect(errors).to_have_count(1)
    cells = errors.first.locator("td")
    expect(cells.nth(0)).to_have_text("3")
    expect(cells.nth(1)).to_have_text("身份证号")
    expect(cells.nth(2)).to_contain_text("校验码错误")
    expect(page.locator("table.errors thead")).to_contain_text("错误原因")
    expect(page.locator("#job-status")).to_have_text("未导入")
    expect(page.locator("#job-bar")).to_have_class("failed")
    expect(page.locator("#job-summary")).to_contain_text("未导入任何数据")
    expect(page.locator("#job-confirm")).to_be_hidden()
    expect(page.locator("#job-preview")).to_be_empty()
    page.screenshot(path=str(screenshot_dir / "import-errors.png"), full_page=True)
    assert not Person.objects.filter(name__in=["王小明", "李小红"]).exists()


def test_the_dry_run_shows_the_warnings_the_import_will_give(page, login, users, district):
    # given an application received after the 第二十条 period (act of 2025-01-10, received 2025-04-01)
    row = {
        "收到申请日期": "2025-04-01",
        "申请渠道": "当面申请",
        "申请人类型": "自然人",
        "申请人": "迟某",
        "证件号码": factories.id_number(),
        "被申请人单位代码": "T-SCJ",
        "被申请复议的行政行为": "澄市监罚〔2025〕9号行政处罚决定",
        "行政行为作出日期": "2025-01-10",
        "复议请求": "撤销该行政处罚决定",
        "复议机构单位代码": "T-SFJ",
    }
    headers = [c.header for c in ledgers.get("disputes_cases").columns]
    login(users.reconsideration)

    # when it is dry-run imported, the page lists the row's warning beside the preview
    _upload(page, ledger_files.sheet(headers, [row]), "复议台账.xlsx", ledger="disputes_cases")
    expect(page.locator("#job-status")).to_have_text("已完成")
    warnings = page.locator("#job-warnings tbody tr")
    expect(warnings).to_have_count(1)
    expect(warnings.first.locator("td").nth(0)).to_have_text("2")
    expect(warnings.first.locator("td").nth(1)).to_contain_text("行政复议法第二十条")
    expect(page.locator("#job-confirm")).to_be_visible()


def test_good_import_runs_in_the_background_with_progress_and_creates_records_on_confirm(
    page, login, users, district, settings, monkeypatch, request
):
    # given imports run on the database task backend, as in production, by a worker beside the web process
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr(jobs, "on_commit", lambda func, using=None, robust=False: func())
    stop = threading.Event()

    def worker() -> None:
        try:
            while not stop.is_set():
                call_command("worker", batch=True, no_scheduled=True, verbosity=0)
                stop.wait(0.2)
        finally:
            connection.close()

    thread = threading.Thread(target=worker, daemon=True)
    thread.start()
    request.addfinalizer(lambda: (stop.set(), thread.join(10)))
    rows = [_person_row(f"导入人员{i:03d}", factories.id_number(1000 + i), "T-JYJ") for i in range(120)]
    login(users.jyj_clerk)

    # when it is dry-run imported, the page polls until the bar is full and offers the confirmation
    _upload(page, _xlsx(rows), "人员台账.xlsx")
    expect(page.locator("#job-bar")).to_have_text("100%")
    expect(page.locator("#job-status")).to_have_text("已完成")
    expect(page.locator("#job-summary")).to_contain_text("将新增120条")
    expect(page.locator("#job-preview tbody tr")).to_have_count(120)
    assert not Person.objects.filter(name__startswith="导入人员").exists()

    # when the import is confirmed
    with page.expect_navigation():
        page.locator("#job-confirm").get_by_role("button", name="确认导入").click()

    # then the real import also reaches 100% and the records are in the database, audited
    expect(page.locator("h1")).to_contain_text("导入：人员台账.xlsx")
    expect(page.locator("#job-bar")).to_have_text("100%")
    expect(page.locator("#job-status")).to_have_text("已完成")
    expect(page.locator("#job-summary")).to_contain_text("已新增120条")
    expect(page.locator("#job-bar")).to_have_class("done")
    expect(page.locator("#job-confirm")).to_be_hidden()
    people = Person.objects.filter(name__startswith="导入人员")
    assert people.count() == 120
    assert set(people.values_list("organization__code", flat=True)) == {"T-JYJ"}
    imports = Job.objects.filter(kind=Job.Kind.LEDGER_IMPORT).order_by("created_at")
    assert [(job.dry_run, job.status) for job in imports] == [(True, "done"), (False, "done")]
    ran = DBTaskResult.objects.filter(id__in=[job.task_id for job in imports])
    assert [(r.status, len(r.worker_ids)) for r in ran] == [("SUCCESSFUL", 1), ("SUCCESSFUL", 1)]


# Admin and API docs ----------------------------------------------------------------------------------------


def test_admin_loads_its_own_css_and_an_administrator_sees_only_their_districts_people_masked(
    page, login, users, district, request_log, screenshot_dir
):
    # given people in the Justice Bureau administrator's district and in another district (only the platform's
    # administrators reach /admin/)
    mine = factories.person(district.jyj, name="本单位张三")
    theirs = factories.person(district.other_dept, name="他单位李四")
    login(users.justice)

    # when the administrator opens the admin's person list
    page.goto("/admin/core/person/")

    # then the unfold theme is styled by stylesheets the platform serves
    expect(page.locator("#result_list")).to_be_visible()
    css = request_log.paths("/static/unfold/")
    assert any(p.endswith(".css") for p in css), css
    assert not request_log.failed_assets(), request_log.failed
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background not in ("", "rgba(0, 0, 0, 0)"), "后台页面没有加载样式"

    # and the list holds only the administrator's district, with ID numbers masked
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(Person.objects.filter(organization__path__startswith="/T/").count())
    expect(page.locator("#result_list")).to_contain_text("本单位张三")
    expect(page.locator("#result_list")).not_to_contain_text("他单位李四")
    expect(page.locator("#result_list")).to_contain_text(mine.masked_id_number)
    assert mine.masked_id_number.startswith("640303********")
    assert mine.id_number not in page.content()
    page.screenshot(path=str(screenshot_dir / "admin-people.png"), full_page=True)

    # when the clerk opens the other unit's person by its URL, it is refused
    response = page.goto(f"/admin/core/person/{theirs.pk}/change/")
    body = page.locator("body")
    assert response.status in (403, 404) or "不存在" in body.inner_text() or page.url.endswith("/admin/")
    page.screenshot(path=str(screenshot_dir / "admin-refused.png"), full_page=True)
    expect(body).not_to_contain_text("他单位李四")
    assert theirs.id_number not in page.content()


def test_api_docs_render_swagger_ui_from_local_assets(page, login, users, request_log, screenshot_dir):
    login(users.justice)
    page.goto("/api/docs/")

    expect(page.locator(".swagger-ui .info .title")).to_contain_text("法治 fazhi API")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assets = request_log.paths("/static/drf_spectacular_sidecar/swagger-ui-dist/")
    assert any(p.endswith(".js") for p in assets) and any(p.endswith(".css") for p in assets), assets
    assert "/api/schema/" in request_log.paths("/api/")
    page.screenshot(path=str(screenshot_dir / "api-docs.png"))
