"""Recording a report's submissions: only for a duty the unit has, only once issued, not before the issue date, not
in the future, once per duty."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.reports.models import Submission
from fazhi.reports.rules.duties import duties_for
from fazhi.reports.services import annual, duties


def _record(users, org, kind, on):
    return duties.record_submission(actor=users.justice, organization=org, year=2025, kind=kind, done_on=on)


def test_duties_by_kind_of_unit(district):
    assert [(d.kind, d.due) for d in duties_for(district.jyj, 2025)] == [
        ("same_level", dt.date(2026, 3, 1)),
        ("department_above", dt.date(2026, 3, 1)),
        ("publication", dt.date(2026, 4, 1)),
    ]
    assert [d.kind for d in duties_for(district.town, 2025)] == ["government_above", "publication"]
    assert duties_for(district.court, 2025) == []


def test_submission_refused_before_issue_for_a_duty_not_owed_in_the_future_and_twice(
    district, users, staff, stated
):
    clock.freeze(dt.date(2026, 3, 10))
    with pytest.raises(ValidationError, match="尚未印发"):
        _record(users, district.root, "publication", dt.date(2026, 3, 9))
    annual.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 5)
    )
    with pytest.raises(ValidationError, match="不负有“报送上一级政府有关部门”的义务"):
        _record(users, district.root, "department_above", dt.date(2026, 3, 9))
    with pytest.raises(ValidationError, match="不能早于印发日期2026-03-05"):
        _record(users, district.root, "publication", dt.date(2026, 3, 4))
    with pytest.raises(ValidationError):
        _record(users, district.root, "publication", dt.date(2026, 3, 11))
    _record(users, district.root, "publication", dt.date(2026, 3, 9))
    with pytest.raises(ValidationError, match="已登记“向社会公开”"):
        _record(users, district.root, "publication", dt.date(2026, 3, 10))
    assert Submission.objects.count() == 1
