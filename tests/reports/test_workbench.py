"""The annual report's deadline on the 工作台 in the first quarter: the district's by 1 April (the Justice Bureau),
a department's by 1 March; both dates are settings; gone once issued or after March."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import Setting
from fazhi.core.workbench import DUE_SOON, OVERDUE, PENDING
from fazhi.reports import workbench
from fazhi.reports.models import IssuedReport


def _items(user, on):
    return [(i.title, i.due, i.level) for i in workbench.annual_report_deadline(user, on)]


def test_justice_bureau_sees_the_district_and_its_own_deadline_in_february(district, users):
    assert _items(users.justice, dt.date(2026, 2, 10)) == [
        ("公开测试区人民政府2025年法治政府建设年度报告", dt.date(2026, 4, 1), PENDING),
        ("报送测试区司法局2025年法治政府建设年度报告", dt.date(2026, 3, 1), PENDING),
    ]


def test_levels_follow_the_date(district, users):
    items = _items(users.justice, dt.date(2026, 3, 20))
    assert [i[2] for i in items] == [DUE_SOON, OVERDUE]


def test_a_department_clerk_sees_only_the_department_deadline(district, users):
    assert _items(users.jyj_clerk, dt.date(2026, 1, 5)) == [
        ("报送测试区教育局2025年法治政府建设年度报告", dt.date(2026, 3, 1), PENDING)
    ]


def test_an_unissued_report_stays_overdue_after_the_first_quarter_and_leaders_see_none(district, users):
    assert _items(users.justice, dt.date(2026, 4, 2)) == [
        ("公开测试区人民政府2025年法治政府建设年度报告", dt.date(2026, 4, 1), OVERDUE),
        ("报送测试区司法局2025年法治政府建设年度报告", dt.date(2026, 3, 1), OVERDUE),
    ]
    assert _items(users.leader, dt.date(2026, 2, 10)) == []


def test_deadline_dates_are_settings(district, users):
    Setting.objects.create(key="reports.deadline.district", value="03-31")
    assert _items(users.justice, dt.date(2026, 2, 10))[0][1] == dt.date(2026, 3, 31)


def test_issued_report_leaves_the_workbench(district, users):
    IssuedReport.objects.create(
        organization=district.root,
        year=2025,
        title="t",
        content={},
        sha256="0" * 64,
        issued_on=dt.date(2026, 3, 1),
        issued_by=users.justice,
    )
    assert _items(users.justice, dt.date(2026, 3, 2)) == [
        ("报送同级党委：测试区人民政府2025年法治政府建设年度报告", dt.date(2026, 4, 1), PENDING),
        ("报送同级人大常委会：测试区人民政府2025年法治政府建设年度报告", dt.date(2026, 4, 1), PENDING),
        ("报送上一级党委和政府：测试区人民政府2025年法治政府建设年度报告", dt.date(2026, 4, 1), PENDING),
        ("向社会公开：测试区人民政府2025年法治政府建设年度报告", dt.date(2026, 4, 1), PENDING),
        ("报送测试区司法局2025年法治政府建设年度报告", dt.date(2026, 3, 1), OVERDUE),
    ]


def test_each_submission_leaves_the_workbench_when_recorded_with_its_date(district, users, staff, stated):
    from fazhi.core import clock
    from fazhi.reports.models import Submission
    from fazhi.reports.services import annual, duties

    clock.freeze(dt.date(2026, 3, 10))
    annual.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 5)
    )
    for kind in ("party_committee", "peoples_congress", "government_above"):
        duties.record_submission(
            actor=users.justice, organization=district.root, year=2025, kind=kind, done_on=dt.date(2026, 3, 8)
        )
    # publication not yet recorded: on 2 April it is overdue
    assert _items(users.justice, dt.date(2026, 4, 2))[0] == (
        "向社会公开：测试区人民政府2025年法治政府建设年度报告",
        dt.date(2026, 4, 1),
        OVERDUE,
    )
    clock.freeze(dt.date(2026, 4, 3))
    duties.record_submission(
        actor=users.justice,
        organization=district.root,
        year=2025,
        kind="publication",
        done_on=dt.date(2026, 4, 3),
        reference="http://www.example.gov.cn/fzzf/2025.html",
    )
    assert [i[0] for i in _items(users.justice, dt.date(2026, 4, 4))] == [
        "报送测试区司法局2025年法治政府建设年度报告"
    ]
    assert Submission.objects.get(kind="publication").done_on == dt.date(2026, 4, 3)


def test_an_item_opens_the_report_at_its_form_issue_before_issuing_and_the_duties_after(
    client, district, users
):
    (draft,) = workbench.annual_report_deadline(users.jyj_clerk, dt.date(2026, 1, 5))
    assert draft.url == "/reports/annual/T-JYJ/2025/#issue"
    client.force_login(users.jyj_clerk)
    html = client.get("/reports/annual/T-JYJ/2025/").content.decode()
    assert 'id="issue"' in html and 'action="/reports/annual/T-JYJ/2025/issue/"' in html
    IssuedReport.objects.create(
        organization=district.jyj,
        year=2025,
        title="t",
        content={},
        sha256="0" * 64,
        issued_on=dt.date(2026, 2, 1),
        issued_by=users.justice,
    )
    assert {i.url for i in workbench.annual_report_deadline(users.jyj_clerk, dt.date(2026, 2, 2))} == {
        "/reports/annual/T-JYJ/2025/#duties"
    }
