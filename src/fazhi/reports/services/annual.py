"""Changes to the annual report: a unit's edited text for a year, and issuing a report (frozen with its hash).
Keyword-only, in one transaction, access checked, the rules of reports.rules called, audit written."""

from __future__ import annotations

import datetime as dt
import difflib

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access, audit, clock
from fazhi.core.models import AuditEvent, Organization, User

from ..models import IssuedReport, ReportTemplate
from ..rules import checks, spec
from ..rules.annual import validate_issued_on, validate_year
from ..selectors import draft as builder


def save_template(*, actor: User, organization: Organization, year: int, text: str) -> ReportTemplate:
    """Store the unit's report text for the year (the narrative; figures stay placeholders)."""
    validate_year(year)
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
    validate_year(year)
    access.check_create(actor, IssuedReport, organization)
    issued_on = issued_on or clock.today()
    validate_issued_on(issued_on, year)
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
