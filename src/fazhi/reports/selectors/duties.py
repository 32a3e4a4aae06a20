"""Reads of the report's duties, scoped through core.access: submissions and statements a user may see, what a
unit owes for a year with what is recorded, and the report status of the units below a district."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core import access
from fazhi.core.models import Organization, OrganizationKind, User

from ..models import IssuedReport, ReportTemplate, Submission, WorkstreamStatement
from ..rules.duties import Duty, duties_for

# The units below a district (or a city) that draft their own report (第二十二条、第二十三条).
REPORTING_KINDS = (
    OrganizationKind.DISTRICT_GOVERNMENT,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.TOWNSHIP,
    OrganizationKind.SUBDISTRICT,
)


def submissions_for(user: User) -> QuerySet[Submission]:
    return access.scope(user, Submission.objects.select_related("organization", "recorded_by"))


def statements_for(user: User) -> QuerySet[WorkstreamStatement]:
    return access.scope(user, WorkstreamStatement.objects.select_related("organization", "recorded_by"))


@dataclass
class DutyRow:
    duty: Duty
    submission: Submission | None

    @property
    def done(self) -> bool:
        return self.submission is not None


def duty_rows(organization: Organization, year: int) -> list[DutyRow]:
    """Each duty of the unit's report of `year` with its recorded submission (None while not recorded)."""
    done = {s.kind: s for s in Submission.objects.filter(organization=organization, year=year)}
    return [DutyRow(d, done.get(d.kind)) for d in duties_for(organization, year)]


@dataclass
class UnitStatus:
    """Where one unit's report of a year stands: 未起草 (nothing yet), 已起草 (its text edited), 已印发, 已公开."""

    organization: Organization
    drafted_on: dt.date | None
    issued_on: dt.date | None
    published_on: dt.date | None
    submitted: int
    owed: int

    @property
    def status(self) -> str:
        if self.published_on:
            return "已公开"
        if self.issued_on:
            return "已印发"
        if self.drafted_on:
            return "已起草"
        return "未起草"


def units_status(organization: Organization, year: int) -> list[UnitStatus]:
    """The report status of the districts, departments, townships and subdistricts directly below a unit, with dates: when
    its text was last edited (drafted), issued and published, and how many of its submissions are recorded."""
    units = list(Organization.objects.filter(parent=organization, kind__in=REPORTING_KINDS).order_by("path"))
    drafted = dict(
        ReportTemplate.objects.filter(organization__in=units, year=year).values_list(
            "organization_id", "updated_at"
        )
    )
    issued = dict(
        IssuedReport.objects.filter(organization__in=units, year=year).values_list(
            "organization_id", "issued_on"
        )
    )
    submissions: dict[int, dict[str, dt.date]] = {}
    for org_id, kind, done_on in Submission.objects.filter(organization__in=units, year=year).values_list(
        "organization_id", "kind", "done_on"
    ):
        submissions.setdefault(org_id, {})[kind] = done_on
    rows = []
    for unit in units:
        done = submissions.get(unit.pk, {})
        owed = {d.kind for d in duties_for(unit, year)}
        rows.append(
            UnitStatus(
                organization=unit,
                drafted_on=timezone.localdate(drafted[unit.pk]) if unit.pk in drafted else None,
                issued_on=issued.get(unit.pk),
                published_on=done.get(Submission.Kind.PUBLICATION),
                submitted=len(owed & set(done)),
                owed=len(owed),
            )
        )
    return rows
