"""Every way into the report's duties — the service, the API, the page and admin — refuses the same bad input with the
same Chinese message and stores nothing: a submission dated before the issue date, a submission the unit does not
owe, a statement on a workstream that does not exist. Rules: reports/rules/duties.py."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.reports.models import Submission, WorkstreamStatement
from fazhi.reports.services import annual, duties

BEFORE_ISSUE = "报送（公开）日期不能早于印发日期2026-03-05。"
NOT_OWED = "测试区人民政府不负有“报送上一级政府有关部门”的义务。"
UNKNOWN = "未知的工作条线：天气。"


@pytest.fixture
def issued(district, users, staff, stated):
    clock.freeze(dt.date(2026, 3, 10))
    return annual.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 5)
    )


def _submission_refused(client, users, district, kind, done_on, field, message):
    with pytest.raises(ValidationError) as refused:
        duties.record_submission(
            actor=users.justice, organization=district.root, year=2025, kind=kind, done_on=done_on
        )
    assert refused.value.message_dict == {field: [message]}

    client.force_login(users.justice)
    response = client.post(
        "/api/reports/submissions/",
        {"organization": "T", "year": 2025, "kind": kind, "done_on": done_on.isoformat()},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (400, {field: [message]})

    response = client.post(
        "/reports/annual/T/2025/submissions/", {"kind": kind, "done_on": done_on.isoformat()}
    )
    assert response.status_code == 400
    assert message in response.content.decode()

    response = client.post(
        "/admin/reports/submission/add/",
        {"organization": district.root.pk, "year": 2025, "kind": kind, "done_on": done_on.isoformat()},
    )
    assert response.status_code == 400
    assert message in response.content.decode()

    assert not Submission.objects.exists()


def test_validate_submission_refuses_a_date_before_the_issue_date_everywhere(client, users, district, issued):
    _submission_refused(client, users, district, "publication", dt.date(2026, 3, 4), "done_on", BEFORE_ISSUE)


def test_validate_submission_refuses_a_duty_the_unit_does_not_owe_everywhere(client, users, district, issued):
    _submission_refused(client, users, district, "department_above", dt.date(2026, 3, 9), "kind", NOT_OWED)


def test_submission_is_recorded_through_the_page_and_the_api(client, users, district, issued):
    client.force_login(users.justice)
    response = client.post(
        "/reports/annual/T/2025/submissions/",
        {"kind": "publication", "done_on": "2026-03-06", "reference": "网址"},
    )
    assert response.status_code == 302
    response = client.post(
        "/api/reports/submissions/",
        {"organization": "T", "year": 2025, "kind": "party_committee", "done_on": "2026-03-07"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["recorded_by"]
    assert sorted(Submission.objects.values_list("kind", "done_on")) == [
        ("party_committee", dt.date(2026, 3, 7)),
        ("publication", dt.date(2026, 3, 6)),
    ]
    page = client.get("/reports/annual/T/2025/").content.decode()
    assert "2026年3月6日（网址）" in page
    assert "2026年3月7日" in page
    # no change or delete through the API
    pk = Submission.objects.get(kind="publication").pk
    assert client.delete(f"/api/reports/submissions/{pk}/").status_code == 405


def test_validate_statement_refuses_an_unknown_workstream_everywhere(client, users, district):
    clock.freeze(dt.date(2026, 2, 10))
    with pytest.raises(ValidationError) as refused:
        duties.state_workstream(
            actor=users.justice, organization=district.root, year=2025, workstream="天气", kind="really_zero"
        )
    assert refused.value.message_dict == {"workstream": [UNKNOWN]}

    client.force_login(users.justice)
    response = client.post(
        "/api/reports/statements/",
        {"organization": "T", "year": 2025, "workstream": "天气", "kind": "really_zero"},
        content_type="application/json",
    )
    assert (response.status_code, response.json()) == (400, {"workstream": [UNKNOWN]})

    response = client.post(
        "/reports/annual/T/2025/statements/", {"workstream": "天气", "kind": "really_zero"}
    )
    assert response.status_code == 400
    assert UNKNOWN in response.content.decode()

    response = client.post(
        "/admin/reports/workstreamstatement/add/",
        {"organization": district.root.pk, "year": 2025, "workstream": "天气", "kind": "really_zero"},
    )
    assert response.status_code == 400
    assert UNKNOWN in response.content.decode()
    assert not WorkstreamStatement.objects.exists()


def test_statement_through_the_page_lifts_the_no_records_error(client, users, district):
    clock.freeze(dt.date(2026, 2, 10))
    client.force_login(users.justice)
    page = client.get("/reports/annual/T/2025/").content.decode()
    assert '行政复议</strong>：<span class="badge check-error">未说明</span>' in page

    response = client.post(
        "/reports/annual/T/2025/statements/", {"workstream": "disputes", "kind": "no_records"}
    )
    assert response.status_code == 302

    statement = WorkstreamStatement.objects.get()
    assert (statement.organization, statement.workstream, statement.kind) == (
        district.root,
        "disputes",
        "no_records",
    )
    page = client.get("/reports/annual/T/2025/").content.decode()
    assert "行政复议</strong>：未在平台登记（数据缺失）" in page
