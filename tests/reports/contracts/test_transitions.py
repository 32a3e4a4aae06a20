"""The annual report has no state machine; its two changes — editing a unit's text and issuing its report — are
checked here for every role of core.models.Role, from one table: who may, who is refused (PermissionDenied)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.models import Role
from fazhi.reports.models import IssuedReport, ReportTemplate
from fazhi.reports.services import annual as services

TEXT = "标题\n正文。\n"
MAY, REFUSED = "may", "refused"

# user fixture name -> (edit the district's text, issue the district's report, edit 教育局's text, issue 教育局's)
MATRIX = {
    "admin": (MAY, MAY, MAY, MAY),
    "justice": (MAY, MAY, MAY, MAY),
    "other_justice": (REFUSED, REFUSED, REFUSED, REFUSED),  # another district's Justice Bureau
    "jyj_clerk": (REFUSED, REFUSED, MAY, MAY),  # its own unit only
    "scj_clerk": (REFUSED, REFUSED, REFUSED, REFUSED),
    "advisor": (REFUSED, REFUSED, REFUSED, REFUSED),
    "reconsideration": (REFUSED, REFUSED, REFUSED, REFUSED),
    "supervisor": (REFUSED, REFUSED, REFUSED, REFUSED),
    "leader": (REFUSED, REFUSED, REFUSED, REFUSED),  # leaders read; they do not write
    "scj_leader": (REFUSED, REFUSED, REFUSED, REFUSED),
}


def test_the_matrix_names_every_role(users):
    assert {getattr(users, name).role for name in MATRIX} == set(Role.values)


def _outcome(action) -> str:
    try:
        action()
    except PermissionDenied:
        return REFUSED
    return MAY


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_who_may_edit_the_text_and_issue_the_report(name, users, district, staff, stated):
    user = getattr(users, name)
    outcomes = []
    for org in (district.root, district.jyj):
        outcomes.append(
            _outcome(
                lambda org=org: services.save_template(actor=user, organization=org, year=2025, text=TEXT)
            )
        )
        outcomes.append(
            _outcome(
                lambda org=org: services.issue_report(
                    actor=user, organization=org, year=2025, issued_on=dt.date(2026, 3, 1)
                )
            )
        )

    assert tuple(outcomes) == MATRIX[name]
    may = [o == MAY for o in MATRIX[name]]
    assert ReportTemplate.objects.count() == may[0] + may[2]
    assert IssuedReport.objects.count() == may[1] + may[3]
