"""The list pages of the annual reports: the units' reports of a year for the staff (draft, issuing, submissions,
publication) and the issued reports for the public, each with search, filters, sorting, pages and the export."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.reports.services import annual as services
from fazhi.reports.services import duties as duty_services


def _rows(response) -> list[tuple]:
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_units_reports_of_a_year_with_draft_issuing_submissions_and_publication(
    client, district, users, staff, stated
):
    # given, in March 2026, the district government's 2025 report issued, submitted and published, and the
    # education bureau's text edited but not issued
    clock.freeze(dt.date(2026, 3, 31))
    services.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 20)
    )
    for kind, day in [("party_committee", 21), ("publication", 25)]:
        duty_services.record_submission(
            actor=users.justice,
            organization=district.root,
            year=2025,
            kind=kind,
            done_on=dt.date(2026, 3, day),
        )
    services.save_template(
        actor=users.justice, organization=district.jyj, year=2025, text="标题{year}\n正文。\n"
    )
    client.force_login(users.justice)

    # the last complete year by default, one row a unit
    response = client.get("/reports/annual/")
    assert response.status_code == 200 and response.context["year"] == 2025
    rows = {r.organization.code: r for r in response.context["list"].rows}
    assert rows["T"].draft_state == "已印发" and rows["T-JYJ"].draft_state == "已编辑未印发"
    assert rows["T-SCJ"].draft_state == "未编辑"
    assert rows["T"].submitted == "报送同级党委2026-03-21" and rows["T"].published_on == dt.date(2026, 3, 25)

    # a filter, a search and the export of exactly those rows
    issued = client.get("/reports/annual/", {"status": "issued", "export": "xlsx"})
    assert _rows(issued)[1:] == [
        (
            "测试区人民政府",
            2025,
            "已印发",
            None,
            dt.datetime(2026, 3, 20),
            "报送同级党委2026-03-21",
            dt.datetime(2026, 3, 25),
        )
    ]
    assert [
        r.organization.code for r in client.get("/reports/annual/", {"q": "教育"}).context["list"].rows
    ] == ["T-JYJ"]
    unpublished = client.get("/reports/annual/", {"unpublished": "1"}).context["list"]
    assert "T" not in {r.organization.code for r in unpublished.rows} and unpublished.total == len(
        unpublished.rows
    )
    # another year: nothing done yet; a year not offered is refused in Chinese
    assert {r.draft_state for r in client.get("/reports/annual/", {"year": "2024"}).context["list"].rows} == {
        "未编辑"
    }
    bad = client.get("/reports/annual/", {"year": "1990"})
    assert bad.status_code == 400 and "年度：没有“1990”这一项" in bad.content.decode()


def test_the_public_list_of_issued_reports(client, district, users, staff, stated):
    clock.freeze(dt.date(2026, 3, 31))
    first = services.issue_report(
        actor=users.justice, organization=district.root, year=2024, issued_on=dt.date(2025, 3, 20)
    )
    second = services.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 20)
    )
    html = client.get("/public/annual-reports/").content.decode()
    assert 'id="list-total"' in html and 'id="list-export"' in html
    assert [r.pk for r in client.get("/public/annual-reports/", {"year": "2024"}).context["reports"]] == [
        first.pk
    ]
    assert [r.pk for r in client.get("/public/annual-reports/", {"sort": "-issued"}).context["reports"]] == [
        second.pk,
        first.pk,
    ]
    export = _rows(client.get("/public/annual-reports/", {"sort": "issued", "export": "xlsx"}))
    assert export[0] == ("报告", "单位", "年度", "发布日期")
    assert [r[2] for r in export[1:]] == [2024, 2025]
