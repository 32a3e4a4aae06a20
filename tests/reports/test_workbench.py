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


def test_no_deadline_after_the_first_quarter_nor_for_leaders(district, users):
    assert _items(users.justice, dt.date(2026, 4, 2)) == []
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
    assert [i[0] for i in _items(users.justice, dt.date(2026, 3, 2))] == [
        "报送测试区司法局2025年法治政府建设年度报告"
    ]
