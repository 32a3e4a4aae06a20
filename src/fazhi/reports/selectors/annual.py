"""Reads of the annual report, scoped through core.access: issued reports (and the public list of them), the units'
edited texts, and a user's own rendering jobs."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.core import access, jobs
from fazhi.core.models import Job, Organization, User

from ..models import IssuedReport, ReportTemplate


def issued_for(user: User) -> QuerySet[IssuedReport]:
    return access.scope(user, IssuedReport.objects.select_related("organization", "issued_by"))


def issued_report(user: User, organization: Organization, year: int) -> IssuedReport | None:
    """The unit's issued report of the year, when the user may see it."""
    return issued_for(user).filter(organization=organization, year=year).first()


def templates_for(user: User) -> QuerySet[ReportTemplate]:
    return access.scope(user, ReportTemplate.objects.select_related("organization"))


def template_of(user: User, organization: Organization, year: int) -> ReportTemplate | None:
    """The unit's edited text of the year, when the user may see it."""
    return templates_for(user).filter(organization=organization, year=year).first()


def public_issued() -> QuerySet[IssuedReport]:
    """Every issued report: an issued report is published (政府信息公开), so the public pages list them all."""
    return IssuedReport.objects.select_related("organization").order_by("-year", "organization__path")


def jobs_for(user: User) -> QuerySet[Job]:
    """The user's own report renderings."""
    return jobs.for_user(user, Job.Kind.REPORT_RENDER).select_related("organization")
