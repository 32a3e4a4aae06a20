"""The reports demo steps: the district's editable texts for 2024 and 2025, and the 2024 report issued when the
figures exist; running it again creates nothing; then the figures each account's dashboard opens with, computed
ahead so that its first view reads them."""

from __future__ import annotations

import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import OrganizationKind
from fazhi.demo.reports import dashboard_figures, reports_demo
from fazhi.indicators.models import FigureSnapshot
from fazhi.reports.models import IssuedReport, ReportTemplate
from tests import factories


def test_demo_creates_the_texts_and_issues_2024_once(district, users):
    root = factories.org("CH", kind=OrganizationKind.DISTRICT_GOVERNMENT, name="澄湖区人民政府")
    factories.person(root, has_legal_qualification=True, legal_qualification_year=2020)
    assert reports_demo(users.admin, io.StringIO()) == 3
    assert set(ReportTemplate.objects.filter(organization=root).values_list("year", flat=True)) == {
        2024,
        2025,
    }
    issued = IssuedReport.objects.get(organization=root, year=2024)
    assert issued.issued_on == dt.date(2025, 3, 28)
    assert issued.title == "澄湖区人民政府2024年法治政府建设年度报告"
    assert reports_demo(users.admin, io.StringIO()) == 0


def test_demo_without_figures_issues_nothing(district, users):
    factories.org("CH", kind=OrganizationKind.DISTRICT_GOVERNMENT, name="澄湖区人民政府")
    out = io.StringIO()
    assert reports_demo(users.admin, out) == 2
    assert not IssuedReport.objects.exists()
    assert "2024年尚无数据" in out.getvalue()


def test_demo_computes_the_figures_each_account_s_dashboard_opens_with(client, district, users, staff):
    assert dashboard_figures(users.admin, io.StringIO()) == 0
    assert FigureSnapshot.objects.filter(scope_key=f"{district.root.pk}+").exists()
    for user in (users.justice, users.jyj_clerk, users.leader):
        client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/reports/").status_code == 200
        # the first view reads the stored figures: none computed, none stored
        assert not [
            q for q in queries.captured_queries if "INSERT" in q["sql"] and "figuresnapshot" in q["sql"]
        ]
        assert len(queries) <= 20
