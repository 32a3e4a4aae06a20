"""The pages: the dashboard by workstream with links to each figure's records, the records page and its xlsx
export, the report page with its checks, editing the text, issuing, and rendering with progress then download."""

from __future__ import annotations

import datetime as dt
import io

import docx
from django.core.management import call_command
from openpyxl import load_workbook

from fazhi.core.models import Job
from fazhi.reports.models import IssuedReport, ReportTemplate
from tests import factories
from tests.disputes.conftest import register


def _login(client, user):
    client.force_login(user)
    return client


def test_dashboard_shows_figures_by_workstream_with_the_year_before(client, district, users, staff):
    response = _login(client, users.justice).get("/reports/?year=2025&org=T")
    assert response.status_code == 200
    html = response.content.decode()
    assert "法治工作队伍" in html and "重大行政决策" in html
    row = html[html.index('data-code="core.people.legal_qualified"') :]
    row = row[: row.index("</tr>")]
    assert "/reports/figures/core.people.legal_qualified/?year=2025&amp;org=T" in row
    assert ">5人</a>" in row and "2人" in row and "同比上升150%" in row
    assert "reports/echarts/echarts.min.js" in html


def test_dashboard_of_a_unit_the_user_may_not_see_is_not_found(client, district, users):
    assert _login(client, users.jyj_clerk).get("/reports/?year=2025&org=T-SCJ").status_code == 404


def test_unit_breakdown_gives_each_unit_below(client, district, users, staff):
    data = (
        _login(client, users.justice)
        .get("/reports/charts/units/?year=2025&org=T&code=core.people.legal_qualified")
        .json()
    )
    values = dict(zip(data["units"], data["values"], strict=True))
    assert values["本单位"] == 0 and values["测试区人民法院"] == 3 and values["测试区教育局"] == 1


def test_unit_breakdown_leaves_out_a_court_or_party_organ_with_nothing_to_count(
    client, district, users, staff
):
    # given no decision in 2025: every unit's figure is zero
    data = (
        _login(client, users.justice)
        .get("/reports/charts/units/?year=2025&org=T&code=decisions.catalog.items")
        .json()
    )
    # then the government's departments and townships are listed with their zero, the court is not
    assert "测试区教育局" in data["units"] and "测试区人民法院" not in data["units"]
    assert set(data["values"]) == {0}


def test_figure_page_lists_numerator_and_denominator_records_and_exports_them(client, district, users, staff):
    client = _login(client, users.justice)
    html = client.get(
        "/reports/figures/core.people.legal_qualified_outside_share/?year=2025&org=T"
    ).content.decode()
    assert "分子记录（人员，共2条）" in html and "分母记录（人员，共5条）" in html
    assert staff[1].name in html
    response = client.get(
        "/reports/figures/core.people.legal_qualified_outside_share/export/?year=2025&org=T"
    )
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["分子记录", "分母记录"]
    names = {row[2] for row in wb["分母记录"].iter_rows(min_row=3, values_only=True)}
    assert names == {p.name for p in staff}


def test_figure_records_export_never_carries_a_live_formula(client, district, users, staff):
    # given a qualified person whose name was typed as a formula
    factories.person(
        district.jyj,
        name='=HYPERLINK("http://x")',
        has_legal_qualification=True,
        legal_qualification_year=2025,
    )

    # when the figure's records are exported
    response = _login(client, users.justice).get(
        "/reports/figures/core.people.legal_qualified/export/?year=2025&org=T"
    )

    # then the name is a plain text cell, exactly as typed
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [row[2] for row in ws.iter_rows(min_row=3) if str(row[2].value).startswith("=")]
    assert [(c.value, c.data_type) for c in cells] == [('=HYPERLINK("http://x")', "s")]


def test_report_page_lists_the_checks(client, district, users, staff):
    html = _login(client, users.justice).get("/reports/annual/T/2025/").content.decode()
    assert "测试区人民政府2025年法治政府建设年度报告" in html
    assert "各项比率在0–100%之间" in html and "正文手写数字与计算值一致" in html


def test_edit_page_saves_the_text(client, district, users):
    client = _login(client, users.justice)
    assert (
        "一、{year}年推进法治政府建设的主要举措和成效"
        in client.get("/reports/annual/T/2025/edit/").content.decode()
    )
    response = client.post(
        "/reports/annual/T/2025/edit/", {"text": "标题{year}\n正文{core.people.legal_qualified}。\n"}
    )
    assert response.status_code == 302
    assert ReportTemplate.objects.get(organization=district.root, year=2025).text.startswith("标题{year}")


def test_issue_from_the_page_and_the_leader_is_refused(client, district, users, staff, stated):
    _login(client, users.leader).post("/reports/annual/T/2025/issue/", {"issued_on": "2026-03-20"})
    assert not IssuedReport.objects.exists()
    client.logout()
    _login(client, users.justice).post("/reports/annual/T/2025/issue/", {"issued_on": "2026-03-20"})
    assert IssuedReport.objects.get().issued_on.isoformat() == "2026-03-20"
    html = client.get("/reports/annual/T/2025/").content.decode()
    assert "已印发" in html and "自印发以来，数据和文本均无变化。" in html


def test_render_job_shows_progress_and_downloads_the_docx(client, district, users, staff):
    client = _login(client, users.justice)
    response = client.post("/reports/annual/T/2025/render/", {"format": "docx"})
    job = Job.objects.get(kind=Job.Kind.REPORT_RENDER)
    assert response.url == f"/reports/jobs/{job.pk}/"
    status = client.get(f"/reports/jobs/{job.pk}/status/").json()
    assert (status["status"], status["percent"]) == ("done", 100)
    download = client.get(status["download"])
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert (
        docx.Document(io.BytesIO(download.content)).paragraphs[0].text
        == "测试区人民政府2025年法治政府建设年度报告"
    )
    # another user does not see the job
    client.logout()
    assert _login(client, users.jyj_clerk).get(f"/reports/jobs/{job.pk}/").status_code == 404


def test_a_rendering_submitted_while_no_worker_runs_is_rendered_when_the_worker_starts(
    client, district, users, staff, settings, transactional_db
):
    # given the production task backend: the page stores the job, the worker runs it
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = _login(client, users.justice)
    client.post("/reports/annual/T/2025/render/", {"format": "json"})
    job = Job.objects.get(kind=Job.Kind.REPORT_RENDER)
    status = client.get(f"/reports/jobs/{job.pk}/status/").json()
    assert (status["status"], status["status_label"], status["percent"], status["download"]) == (
        "queued",
        "排队中",
        0,
        "",
    )

    # when the worker starts
    call_command("worker", batch=True, no_scheduled=True, stdout=io.StringIO())

    # then the page offers the file
    status = client.get(f"/reports/jobs/{job.pk}/status/").json()
    assert (status["status"], status["percent"]) == ("done", 100)
    assert client.get(status["download"]).json()["title"] == "测试区人民政府2025年法治政府建设年度报告"


def test_api_draft_figures_and_checks(client, district, users, staff):
    client = _login(client, users.justice)
    figures = client.get("/api/reports/drafts/figures/?year=2025&org=T").json()
    share = next(f for f in figures if f["code"] == "core.people.legal_qualified_outside_share")
    assert (share["value"], share["numerator"], share["denominator"]) == (40.0, 2, 5)
    checks = client.get("/api/reports/drafts/checks/?year=2025&org=T").json()
    assert any(c["name"] == "各项比率在0–100%之间" and c["status"] == "ok" for c in checks)
    draft = client.get("/api/reports/drafts/?year=2025&org=T").json()
    assert draft["title"] == "测试区人民政府2025年法治政府建设年度报告"


def test_api_issue_and_read_issued_reports(client, district, users, staff, stated):
    client = _login(client, users.justice)
    response = client.post(
        "/api/reports/issued/",
        {"org": "T", "year": 2025, "issued_on": "2026-03-20"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    assert response.json()["hash_ok"] is True
    figures = client.get(f"/api/reports/issued/{pk}/figures/").json()
    assert next(f for f in figures if f["code"] == "core.people.legal_qualified")["value"] == 5
    assert client.get(f"/api/reports/issued/{pk}/changes/").json()["unchanged"] is True
    client.logout()
    assert _login(client, users.leader).post(
        "/api/reports/issued/", {"org": "T", "year": 2024}, content_type="application/json"
    ).status_code in (400, 403)


def test_dashboard_key_figures_link_to_their_records(client, district, users, staff, monkeypatch):
    from fazhi.reports.rules import spec

    data = dict(spec.rules(), dashboard={"key": ["core.people.legal_qualified", "nosuch.code"], "trend": []})
    monkeypatch.setattr(spec, "rules", lambda: data)
    html = _login(client, users.justice).get("/reports/?year=2025&org=T").content.decode()
    tile = html[html.index('class="dash-key"') :]
    tile = tile[: tile.index("</a>")]
    assert 'href="/reports/figures/core.people.legal_qualified/?year=2025&amp;org=T"' in tile
    assert "5人" in tile and "同比上升150%" in tile
    assert html.count('class="dash-key"') == 1


def test_issued_reports_are_public_as_issued(client, district, users, staff, stated):
    import datetime as dt

    from fazhi.reports.services import annual as services
    from tests import factories

    issued = services.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 20)
    )
    factories.person(district.jyj, has_legal_qualification=True, legal_qualification_year=2025)
    listing = client.get("/public/annual-reports/").content.decode()
    assert f'href="/public/annual-reports/{issued.pk}/"' in listing and "2026年3月20日" in listing
    page = client.get(f"/public/annual-reports/{issued.pk}/").content.decode()
    assert "<h1>测试区人民政府2025年法治政府建设年度报告</h1>" in page
    assert "2026年3月20日" in page


def test_reset_goes_back_to_the_default_text(client, district, users):
    client = _login(client, users.justice)
    client.post("/reports/annual/T/2025/edit/", {"text": "标题\n正文。\n"})
    assert ReportTemplate.objects.exists()
    client.post("/reports/annual/T/2025/reset/")
    assert not ReportTemplate.objects.exists()


def test_a_drilldown_links_each_record_to_its_page_that_the_role_may_open(client, district, users):
    # given a reconsideration application registered in 2025
    case = register(users, district, applicant_name="申请人丁")
    # when the Justice Bureau opens the figure's records
    client = _login(client, users.justice)
    html = client.get("/reports/figures/disputes.reconsideration.received/?year=2025&org=T").content.decode()
    # then the case is linked to its page, which opens
    assert f'<a class="record-link" href="/disputes/{case.pk}/">' in html
    assert client.get(f"/disputes/{case.pk}/").status_code == 200


def test_a_role_that_sees_no_unit_is_told_so_on_the_dashboard(client, district, users):
    response = _login(client, users.advisor).get("/reports/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "没有可查看的统计数据" in html and "/reports/figures/" not in html


def test_a_drilldown_links_a_record_without_a_page_of_its_own_to_its_list_searched_for_it(
    client, district, users
):
    # given a service item listed in 2025 (catalog items have no page of their own)
    from fazhi.catalogs import services as catalog_services

    catalog_services.add_service_item(
        actor=users.justice,
        code="FW-9",
        name="个体工商户登记",
        organization=district.jyj,
        mode="on_the_spot",
        added_on=dt.date(2025, 1, 1),
    )
    # when the Justice Bureau opens the figure's records
    client = _login(client, users.justice)
    html = client.get("/reports/figures/catalogs.service.items/?year=2025&org=T").content.decode()
    # then the item links to the service list searched for its code, which lists it
    assert '<a class="record-link" href="/catalogs/service/?q=FW-9">' in html
    listing = client.get("/catalogs/service/?q=FW-9").content.decode()
    assert "个体工商户登记" in listing and "共 <strong>1</strong> 项" in listing.replace("\n", "")


def test_every_kind_of_record_behind_a_figure_opens_a_page_or_its_searched_list(district):
    """Kinds left without a link, each for its reason: a unit (the figure's own by-unit breakdown is the view), an
    exam sitting (recorded on the officer's certificate, which has no exam list) and a liaison meeting (its list is
    a dated table without search)."""
    from fazhi.indicators.registry import REGISTRY, Period, Scope, compute
    from fazhi.reports.rules import spec

    without = {"core.organization", "enforcement.certificateexam", "litigation.liaisonmeeting"}
    kinds = set()
    for code in REGISTRY:
        f = compute(code, Period.year(2025), Scope(district.root, include_below=True))
        for qs in (f.records, f.numerator_records, f.denominator_records, f.incomplete):
            if qs is not None:
                kinds |= {part.model._meta.label_lower for part in getattr(qs, "parts", None) or [qs]}
    assert sorted(kinds - set(spec.record_pages()) - without) == []
