"""Every change in the reports app: a unit's edited text for a year, issuing a report (frozen with its hash), and
rendering a report in the background. Keyword-only, in one transaction, access checked, audit written."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django_tasks import task

from fazhi.core import access, audit, clock, jobs
from fazhi.core.models import AuditEvent, Job, Organization, User

from . import builder, checks, rendering, spec
from .models import IssuedReport, ReportTemplate


def _check_year(year: int) -> None:
    if not 2000 <= year <= clock.today().year:
        raise ValidationError({"year": f"年度应在2000年至今年之间，收到：{year}。"})


def save_template(*, actor: User, organization: Organization, year: int, text: str) -> ReportTemplate:
    """Store the unit's report text for the year (the narrative; figures stay placeholders)."""
    _check_year(year)
    blocks = spec.text_to_blocks(text)
    if not blocks or not any(b.kind == spec.P for b in blocks):
        raise ValidationError({"text": "报告文本至少应有标题和一段正文。"})
    if IssuedReport.objects.filter(organization=organization, year=year).exists():
        raise ValidationError(f"{organization}{year}年度报告已印发，不能再修改文本。")
    with transaction.atomic():
        current = (
            ReportTemplate.objects.select_for_update().filter(organization=organization, year=year).first()
        )
        if current is None:
            access.check_create(actor, ReportTemplate, organization)
            template = ReportTemplate(organization=organization, year=year, text=text)
            template.full_clean()
            template.save()
            audit.record(
                actor=actor,
                action=AuditEvent.Action.CREATE,
                instance=template,
                changes=audit.diff({}, audit.snapshot(template)),
            )
            return template
        access.check(actor, current, access.CHANGE)
        before = audit.snapshot(current)
        current.text = text
        current.full_clean()
        changes = audit.diff(before, audit.snapshot(current))
        changes.pop("updated_at", None)
        if changes:
            current.save()
            audit.record(actor=actor, action=AuditEvent.Action.UPDATE, instance=current, changes=changes)
        return current


def reset_template(*, actor: User, template: ReportTemplate) -> None:
    """Go back to the default text for the year."""
    with transaction.atomic():
        access.check(actor, template, access.CHANGE)
        if IssuedReport.objects.filter(organization=template.organization, year=template.year).exists():
            raise ValidationError("该年度报告已印发，不能再修改文本。")
        audit.record(
            actor=actor,
            action=AuditEvent.Action.DELETE,
            instance=template,
            changes=audit.diff(audit.snapshot(template), {}),
            note="恢复默认模板",
        )
        template.delete()


def issue_report(
    *, actor: User, organization: Organization, year: int, issued_on: dt.date | None = None
) -> IssuedReport:
    """Freeze the report as issued: its text and every figure, with the SHA-256 of that content. Refused while a
    consistency check finds an inconsistency, or when the report was issued already."""
    _check_year(year)
    access.check_create(actor, IssuedReport, organization)
    issued_on = issued_on or clock.today()
    if issued_on.year <= year:
        raise ValidationError({"issued_on": f"{year}年度报告应在该年度结束后印发。"})
    if IssuedReport.objects.filter(organization=organization, year=year).exists():
        raise ValidationError(f"{organization}{year}年度报告已印发，不能重复印发。")
    report = builder.build(organization, year)
    failed = checks.errors(report.checks)
    if failed:
        raise ValidationError(
            [f"印发前检查未通过：{c.name}——{c.found}" for c in failed]
            + [i for c in failed for i in c.items[:5]]
        )
    content = report.content()
    with transaction.atomic():
        issued = IssuedReport(
            organization=organization,
            year=year,
            title=report.title[:200],
            content=content,
            sha256=builder.content_hash(content),
            issued_on=issued_on,
            issued_by=actor,
        )
        issued.full_clean()
        issued.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=issued,
            changes={
                "sha256": [None, issued.sha256],
                "year": [None, year],
                "issued_on": [None, str(issued_on)],
            },
            note="印发年度报告",
        )
    return issued


def verify(issued: IssuedReport) -> bool:
    """Whether the stored content still has the hash it was issued with."""
    return builder.content_hash(issued.content) == issued.sha256


def changes_since(issued: IssuedReport) -> dict:
    """What today's data changes in an issued report: figures whose value moved, and the text lines that differ."""
    report = builder.build(issued.organization, issued.year, with_checks=False)
    now = {d["code"]: d for d in report.figure_dicts()}
    then = issued.content.get("figures", {})
    figures = []
    for code in sorted(set(now) | set(then)):
        old, new = then.get(code), now.get(code)
        old_value = old["value"] if old else None
        new_value = new["value"] if new else None
        if old is None or new is None or old_value != new_value:
            name = (new or old)["name"]
            figures.append(
                {
                    "code": code,
                    "name": name,
                    "issued": old_value,
                    "now": new_value,
                    "unit": (new or old)["unit"],
                }
            )
    issued_text = [b["text"] for b in issued.content.get("blocks", [])]
    current_text = [b.text for b in report.blocks]
    text = list(difflib.unified_diff(issued_text, current_text, "印发时", "按今日数据", lineterm="", n=0))
    return {
        "figures": figures,
        "text": text,
        "unchanged": not figures and not text,
        "hash_ok": verify(issued),
    }


# Rendering in the background -----------------------------------------------------------------------------------


def submit_render(*, actor: User, organization: Organization, year: int, fmt: str) -> Job:
    """Store a rendering of the unit's report as a job and enqueue it (reports.tasks.render_annual_report)."""
    if fmt not in rendering.FORMATS:
        raise ValidationError({"format": f"不支持的格式“{fmt}”。"})
    if fmt == "pdf" and rendering.soffice() is None:
        raise ValidationError({"format": "本机未安装 LibreOffice（soffice），无法生成 PDF。"})
    _check_year(year)
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
    """The report of a unit for a year as a file: the issued one when it was issued, else today's draft."""
    issued = IssuedReport.objects.filter(organization=organization, year=year).first()
    report = builder.build(organization, year, progress=progress)
    signed_on = None
    if issued is not None:
        report = frozen(issued, report)
        signed_on = issued.issued_on
    return rendering.render(report, fmt, signed_on=signed_on), rendering.filename(report, fmt)


def frozen(issued: IssuedReport, report: builder.Report) -> builder.Report:
    """`report` with the text as issued (the figures in the JSON are those of the issued content)."""
    report.blocks = [spec.Block(b["kind"], b["text"]) for b in issued.content.get("blocks", [])]
    report.frozen_figures = issued.content.get("figures", {})
    return report
