"""Demo of the reports app: the district's editable report texts for 2024 and 2025 from the default template, and
the 2024 report issued on 2025-03-28 when the other workstreams' demos provided its figures (a workstream the demos
left empty is stated as not recorded on the platform)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.core.models import Organization, User
from fazhi.demo.registry import step
from fazhi.reports.models import IssuedReport, ReportTemplate, WorkstreamStatement
from fazhi.reports.rules import spec
from fazhi.reports.selectors import dashboard
from fazhi.reports.selectors import draft as builder
from fazhi.reports.services import annual as services
from fazhi.reports.services import duties

ISSUED_ON = dt.date(2025, 3, 28)


@step
def reports_demo(admin: User, stdout) -> int:
    root = Organization.objects.filter(code="CH").first()
    if root is None:
        return 0
    created = 0
    for year in (2024, 2025):
        if not ReportTemplate.objects.filter(organization=root, year=year).exists() and not (
            IssuedReport.objects.filter(organization=root, year=year).exists()
        ):
            services.save_template(
                actor=admin, organization=root, year=year, text=spec.blocks_to_text(spec.default_blocks())
            )
            created += 1
    if IssuedReport.objects.filter(organization=root, year=2024).exists():
        return created
    report = builder.build(root, 2024, with_checks=False)
    if not any(r.figure.value for r in report.results.values()):
        stdout.write("年度报告：2024年尚无数据，未印发演示报告。\n")
        return created
    for workstream, kind in report.empty_workstreams.items():
        if not kind:
            duties.state_workstream(
                actor=admin,
                organization=root,
                year=2024,
                workstream=workstream,
                kind=WorkstreamStatement.Kind.NO_RECORDS,
                note="演示数据未包含该条线",
            )
    try:
        services.issue_report(actor=admin, organization=root, year=2024, issued_on=ISSUED_ON)
        created += 1
    except ValidationError as exc:
        stdout.write(f"年度报告：2024年报告未印发（{'；'.join(exc.messages[:3])}）。\n")
    return created


@step
def dashboard_figures(admin: User, stdout) -> int:
    """The figures each demo account's dashboard opens with, computed once now (the snapshots): the first view of
    the dashboard after the demo reads them instead of computing them (issue 16). Creates no records."""
    year = builder.default_year(clock.today())
    for user in User.objects.filter(is_active=True).order_by("pk"):
        dashboard.prepare(user, year)
    return 0
