"""Every way into the annual report refuses the same bad input with the same Chinese message and changes nothing:
the service, the API, the page and admin (the reports app has no ledger import). Rules: reports/rules/annual.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.reports.models import IssuedReport, ReportTemplate
from fazhi.reports.services import annual as services

TODAY = dt.date(2026, 3, 20)
FUTURE_MESSAGE = "印发日期不能晚于今天（2026年3月20日）：尚未发生的事项不能登记。"
WITHIN_YEAR_MESSAGE = "2025年度报告应在该年度结束后印发。"
YEAR_MESSAGE = "年度应在2000年至今年之间，收到：2027。"
TEXT = "标题\n正文。\n"


def _nothing_issued() -> None:
    assert not IssuedReport.objects.exists()
    assert not AuditEvent.objects.filter(model_label="reports.issuedreport").exists()


def _refused_everywhere(client, users, district, issued_on: dt.date, message: str) -> None:
    # the service
    with pytest.raises(ValidationError) as refused:
        services.issue_report(actor=users.justice, organization=district.root, year=2025, issued_on=issued_on)
    assert refused.value.message_dict == {"issued_on": [message]}
    _nothing_issued()

    client.force_login(users.justice)
    # the API
    response = client.post(
        "/api/reports/issued/",
        {"org": "T", "year": 2025, "issued_on": issued_on.isoformat()},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (400, {"issued_on": [message]})
    _nothing_issued()

    # the page
    response = client.post("/reports/annual/T/2025/issue/", {"issued_on": issued_on.isoformat()})
    assert response.status_code == 400
    assert message in response.content.decode()
    _nothing_issued()


def test_validate_issued_on_refuses_an_issue_date_after_today(client, users, district, staff, stated):
    # given today is 20 March 2026
    clock.freeze(TODAY)

    # when the 2025 report is dated as issued tomorrow, then every way in refuses it
    _refused_everywhere(client, users, district, dt.date(2026, 3, 21), FUTURE_MESSAGE)


def test_validate_issued_on_refuses_an_issue_date_within_the_reported_year(
    client, users, district, staff, stated
):
    clock.freeze(TODAY)

    _refused_everywhere(client, users, district, dt.date(2025, 12, 31), WITHIN_YEAR_MESSAGE)


def test_validate_issued_on_accepts_today(users, district, staff, stated):
    clock.freeze(TODAY)

    issued = services.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=TODAY
    )

    assert issued.issued_on == TODAY


def test_validate_year_refuses_a_report_on_a_year_that_has_not_begun(client, users, district):
    # given today is 20 March 2026
    clock.freeze(TODAY)

    # the service
    with pytest.raises(ValidationError) as refused:
        services.save_template(actor=users.justice, organization=district.root, year=2027, text=TEXT)
    assert refused.value.message_dict == {"year": [YEAR_MESSAGE]}

    client.force_login(users.justice)
    # the API (issuing names the year too)
    response = client.post(
        "/api/reports/issued/", {"org": "T", "year": 2027}, content_type="application/json"
    )
    assert (response.status_code, response.json()) == (400, {"year": [YEAR_MESSAGE]})

    # the page
    response = client.post("/reports/annual/T/2027/edit/", {"text": TEXT})
    assert response.status_code == 400
    assert YEAR_MESSAGE in response.content.decode()

    # admin
    response = client.post(
        "/admin/reports/reporttemplate/add/", {"organization": district.root.pk, "year": 2027, "text": TEXT}
    )
    assert response.status_code == 400
    assert YEAR_MESSAGE in response.content.decode()

    # and nothing was stored
    assert not ReportTemplate.objects.exists()
    assert not IssuedReport.objects.exists()
