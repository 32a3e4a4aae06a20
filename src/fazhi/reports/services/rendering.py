"""Rendering the annual report as a file: now (the CLI) or as a background job on django-tasks (the page), whose
task `fazhi worker` runs; an issued report comes out as issued."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django_tasks import task

from fazhi.core import access, jobs
from fazhi.core.models import Job, Organization, User

from ..documents import annual as documents
from ..documents.annexes import Annexes
from ..models import IssuedReport
from ..rules import spec
from ..rules.annual import is_city, validate_year
from ..selectors import comparison, dashboard, diffs
from ..selectors import draft as builder


def submit_render(*, actor: User, organization: Organization, year: int, fmt: str) -> Job:
    """Store a rendering of the unit's report as a job and enqueue its task (render_annual_report)."""
    if fmt not in documents.FORMATS:
        raise ValidationError({"format": f"不支持的格式“{fmt}”。"})
    if fmt == "pdf" and documents.soffice() is None:
        raise ValidationError({"format": "本机未安装 LibreOffice（soffice），无法生成 PDF。"})
    validate_year(year)
    access.check(actor, organization, access.VIEW)
    job = Job.objects.create(
        kind=Job.Kind.REPORT_RENDER,
        name=f"{year}年度报告（{fmt}）",
        params={"year": year, "format": fmt},
        user=actor,
        organization=organization,
    )
    return jobs.enqueue(job, render_annual_report)


@task()
def render_annual_report(job_id: int) -> None:
    """Render the report of a rendering job (run by `fazhi worker`)."""
    jobs.run(job_id, _render)


def _render(job: Job, progress: Callable[[int, int], None]) -> dict:

    def steps(done: int, total: int) -> None:
        progress(done, total + 1)  # the last step is writing the file

    content, name = render_report(job.organization, job.year, job.format, progress=steps)
    return {"output": content, "filename": name, "done": 1, "total": 1}


def render_report(
    organization: Organization, year: int, fmt: str, *, progress: Callable[[int, int], None] | None = None
) -> tuple[bytes, str]:
    """The report of a unit for a year as a file: the issued one when it was issued, else today's draft, drafted from
    the figures kept fresh (indicators.snapshots, as the dashboard and the draft page read them: a missing one
    computed and stored, a stale one used and its recompute queued), the file saying when they were computed."""
    issued = IssuedReport.objects.filter(organization=organization, year=year).first()
    report = builder.build(organization, year, progress=progress, from_snapshots=True)
    signed_on = None
    annexes = Annexes(computed_at=report.computed_at, stale=report.stale)
    if fmt in ("docx", "pdf"):
        annexes.figures = report.figure_dicts()
        annexes.charts = dashboard.trend(year, report.scope)
        if is_city(organization):
            annexes.comparison = comparison.compare(organization, year)
    if issued is not None:
        if fmt in ("docx", "pdf"):
            annexes.against_draft = diffs.against_draft(issued, report)
            annexes.against_last_year = diffs.against_last_year(issued)
            annexes.figures = list(issued.content.get("figures", {}).values())
            annexes.computed_at, annexes.stale = None, False  # the figures as issued
        report = frozen(issued, report)
        signed_on = issued.issued_on
    content = documents.render(report, fmt, signed_on=signed_on, annexes=annexes)
    return content, documents.filename(report, fmt)


def frozen(issued: IssuedReport, report: builder.Report) -> builder.Report:
    """`report` with the text as issued (the figures in the JSON are those of the issued content)."""
    report.blocks = [spec.Block(b["kind"], b["text"]) for b in issued.content.get("blocks", [])]
    report.frozen_figures = issued.content.get("figures", {})
    report.computed_at, report.stale = None, False  # the figures are those issued, not the draft's snapshots
    return report
