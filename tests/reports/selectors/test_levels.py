"""Every unit and every level drafts its report with the same machinery: a department and a township from their own
records, a district seeing its units' report status, and a city (a unit holding two districts) from all of them
with the annex comparing its districts figure by figure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.core import clock
from fazhi.core.models import OrganizationKind, Role
from fazhi.reports.models import ReportTemplate
from fazhi.reports.rules.duties import duties_for
from fazhi.reports.selectors import comparison
from fazhi.reports.selectors import draft as builder
from fazhi.reports.selectors.duties import units_status
from fazhi.reports.services import annual, duties
from tests import factories

QUALIFIED = "core.people.legal_qualified"
OUTSIDE = "core.people.legal_qualified_outside_political_legal"
SHARE = "core.people.legal_qualified_outside_share"


def _qualified(org, *years):
    for year in years:
        factories.person(org, has_legal_qualification=True, legal_qualification_year=year)


def test_a_department_and_a_township_draft_from_their_own_records(district):
    _qualified(district.jyj, 2024, 2025)
    _qualified(district.town, 2025)
    _qualified(district.sfj, 2023, 2025, 2025)

    department = builder.build(district.jyj, 2025)
    township = builder.build(district.town, 2025)

    assert department.title == "测试区教育局2025年法治政府建设年度报告"
    assert (department.results[QUALIFIED].figure.value, department.results[QUALIFIED].previous.value) == (
        2,
        1,
    )
    assert (
        "本报告按规定报送本级党委和政府、上一级政府有关部门，并通过政府网站向社会公开，接受人民群众监督。"
        in [b.text for b in department.blocks]
    )
    assert township.title == "测试区莲花镇2025年法治政府建设年度报告"
    assert (township.results[QUALIFIED].figure.value, township.results[QUALIFIED].previous.value) == (1, 0)
    assert any("我镇" in b.text for b in township.blocks)
    # the district counts them all
    assert builder.build(district.root, 2025).results[QUALIFIED].figure.value == 6


def test_a_district_sees_its_units_report_status_with_dates(district, users, staff, stated):
    clock.freeze(dt.date(2026, 2, 20))
    annual.save_template(actor=users.justice, organization=district.jyj, year=2025, text="标题\n正文。\n")
    # the edit's time is the wall clock's (auto_now): pin it
    ReportTemplate.objects.update(updated_at=dt.datetime(2026, 2, 19, 10, 0, tzinfo=dt.UTC))
    annual.issue_report(
        actor=users.justice, organization=district.sfj, year=2025, issued_on=dt.date(2026, 2, 10)
    )
    duties.record_submission(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        kind="publication",
        done_on=dt.date(2026, 2, 12),
    )
    duties.record_submission(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        kind="same_level",
        done_on=dt.date(2026, 2, 11),
    )

    rows = [
        (u.organization.code, u.status, u.drafted_on, u.issued_on, u.published_on, u.submitted, u.owed)
        for u in units_status(district.root, 2025)
    ]

    # the court and the enforcement team draft no report of their own here
    assert rows == [
        ("T-JYJ", "已起草", dt.date(2026, 2, 19), None, None, 0, 3),
        ("T-LHZ", "未起草", None, None, None, 0, 2),
        ("T-SCJ", "未起草", None, None, None, 0, 3),
        ("T-SFJ", "已公开", None, dt.date(2026, 2, 10), dt.date(2026, 2, 12), 2, 3),
    ]


def test_the_district_page_shows_the_units_status(client, district, users, staff, stated):
    clock.freeze(dt.date(2026, 2, 20))
    annual.issue_report(
        actor=users.justice, organization=district.sfj, year=2025, issued_on=dt.date(2026, 2, 10)
    )
    client.force_login(users.justice)
    page = client.get("/reports/annual/T/2025/").content.decode()
    assert "所属单位的年度报告" in page
    assert "测试区司法局</a></td><td>已印发</td>" in page
    assert "<td>2026-02-10</td>" in page


@pytest.fixture
def city(db):
    """江州市 holding two districts. 东区: qualified in 2021, 2022 (its court), 2023, 2025 ×2; 西区: 2022, 2025."""
    city = factories.org("JZ", kind=OrganizationKind.OTHER, name="江州市人民政府")
    east = factories.org("JZ-D", parent=city, kind=OrganizationKind.DISTRICT_GOVERNMENT, name="东区人民政府")
    west = factories.org("JZ-X", parent=city, kind=OrganizationKind.DISTRICT_GOVERNMENT, name="西区人民政府")
    east_sfj = factories.org("JZ-D-SFJ", parent=east, name="东区司法局")
    east_court = factories.org(
        "JZ-D-FY", parent=east, kind=OrganizationKind.POLITICAL_LEGAL, name="东区人民法院"
    )
    west_town = factories.org("JZ-X-Z", parent=west, kind=OrganizationKind.TOWNSHIP, name="西区青山镇")
    _qualified(east_sfj, 2021, 2023, 2025, 2025)
    _qualified(east_court, 2022)
    _qualified(west_town, 2022, 2025)
    return city


def test_the_city_reports_from_both_districts(city):
    report = builder.build(city, 2025)

    assert report.title == "江州市人民政府2025年法治政府建设年度报告"
    assert (report.results[QUALIFIED].figure.value, report.results[QUALIFIED].previous.value) == (7, 4)
    assert any("我市" in b.text for b in report.blocks)
    # the city owes what a local government owes
    assert [d.kind for d in duties_for(city, 2025)] == [
        "party_committee",
        "peoples_congress",
        "government_above",
        "publication",
    ]


def test_the_city_annex_compares_the_districts_figure_by_figure(city):
    result = comparison.compare(city, 2025, [QUALIFIED, OUTSIDE, SHARE])

    assert [d.name for d in result.districts] == ["东区人民政府", "西区人民政府"]
    assert result.years == [2022, 2023, 2024, 2025]
    qualified, outside, share = result.rows
    assert qualified.values == {"东区人民政府": 5, "西区人民政府": 2}
    assert qualified.ranks == {"东区人民政府": 1, "西区人民政府": 2}
    assert qualified.median == Decimal("3.5")
    # Q1 = 2.75, Q3 = 4.25, IQR = 1.5: fences 0.5 and 6.5, so neither district is an outlier
    assert (qualified.fences.q1, qualified.fences.q3, qualified.fences.low, qualified.fences.high) == (
        Decimal("2.8"),
        Decimal("4.3"),
        Decimal("0.5"),
        Decimal("6.5"),
    )
    assert qualified.outliers == {}
    assert qualified.trend == {"东区人民政府": [2, 3, 3, 5], "西区人民政府": [1, 1, 1, 2]}
    assert outside.values == {"东区人民政府": 4, "西区人民政府": 2}
    assert share.values == {"东区人民政府": Decimal("80.0"), "西区人民政府": Decimal("100.0")}
    assert share.ranks == {"西区人民政府": 1, "东区人民政府": 2}
    assert share.median == Decimal("90.0")
    assert share.trend["西区人民政府"] == [
        Decimal("100.0"),
        Decimal("100.0"),
        Decimal("100.0"),
        Decimal("100.0"),
    ]
    assert share.trend["东区人民政府"][0] == Decimal("50.0")


def test_each_district_of_the_city_drafts_its_own_report(city):
    east = builder.build(city.__class__.objects.get(code="JZ-D"), 2025)
    west = builder.build(city.__class__.objects.get(code="JZ-X"), 2025)
    assert (east.title, east.results[QUALIFIED].figure.value) == ("东区人民政府2025年法治政府建设年度报告", 5)
    assert (west.title, west.results[QUALIFIED].figure.value) == ("西区人民政府2025年法治政府建设年度报告", 2)


def test_the_city_sees_its_districts_report_status(city):
    assert [(u.organization.code, u.status, u.owed) for u in units_status(city, 2025)] == [
        ("JZ-D", "未起草", 4),
        ("JZ-X", "未起草", 4),
    ]


def test_the_comparison_through_the_api(client, city, users):
    city_justice = factories.user(
        Role.JUSTICE_ADMIN, factories.org("JZ-SFJ", parent=city, name="江州市司法局"), username="jz-justice"
    )
    client.force_login(city_justice)
    response = client.get("/api/reports/drafts/comparison/", {"year": 2025, "org": "JZ"})
    assert response.status_code == 200
    row = next(r for r in response.json()["rows"] if r["code"] == QUALIFIED)
    assert row["values"] == {"东区人民政府": 5, "西区人民政府": 2}
    assert row["median"] == 3.5
    assert row["fences"] == {"q1": 2.8, "q3": 4.3, "low": 0.5, "high": 6.5}
    assert row["trend"]["东区人民政府"] == [2, 3, 3, 5]

    client.force_login(users.justice)
    response = client.get("/api/reports/drafts/comparison/", {"year": 2025, "org": "T"})
    assert (response.status_code, response.json()) == (
        400,
        {"org": ["测试区人民政府下没有区（县）人民政府，无可比较的区。"]},
    )
