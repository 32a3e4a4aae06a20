"""An issued report compared: with the platform's draft (the default template filled with the same figures, so the
office's edits show) and with last year's report (issued, or else drafted from today's records)."""

from __future__ import annotations

import difflib
from decimal import Decimal

from ..models import IssuedReport
from ..rules import spec
from . import draft as builder


def _lines(blocks) -> list[str]:
    return [b["text"] if isinstance(b, dict) else b.text for b in blocks]


def _diff(before: list[str], after: list[str], before_name: str, after_name: str) -> list[str]:
    return list(difflib.unified_diff(before, after, before_name, after_name, lineterm="", n=0))


def against_draft(issued: IssuedReport, report: builder.Report | None = None) -> list[str]:
    """The lines the office changed: the platform's draft (default template, today's figures) → the issued text."""
    report = report or builder.build(issued.organization, issued.year, with_checks=False)
    drafted = _lines(builder.fill(report, spec.default_blocks()))
    return _diff(drafted, _lines(issued.content.get("blocks", [])), "平台起草稿", "印发稿")


def against_last_year(issued: IssuedReport) -> dict:
    """Each figure as issued this year beside last year's report, and the text lines that differ."""
    last = IssuedReport.objects.filter(organization=issued.organization, year=issued.year - 1).first()
    if last is not None:
        last_figures, last_blocks = last.content.get("figures", {}), last.content.get("blocks", [])
        source = f"{issued.year - 1}年印发稿"
    else:
        report = builder.build(issued.organization, issued.year - 1, with_checks=False)
        last_figures = {d["code"]: d for d in report.figure_dicts()}
        last_blocks = report.blocks
        source = f"{issued.year - 1}年稿本（按今日记录计算，未印发）"
    now = issued.content.get("figures", {})
    rows = []
    for code in sorted(set(now) | set(last_figures)):
        this, before = now.get(code), last_figures.get(code)
        this_value = this["value"] if this else None
        last_value = before["value"] if before else None
        difference = (
            float(Decimal(str(this_value)) - Decimal(str(last_value)))
            if this_value is not None and last_value is not None
            else None
        )
        rows.append(
            {
                "code": code,
                "name": (this or before)["name"],
                "unit": (this or before)["unit"],
                "this": this_value,
                "last": last_value,
                "difference": difference,
            }
        )
    text = _diff(
        _lines(last_blocks), _lines(issued.content.get("blocks", [])), source, f"{issued.year}年印发稿"
    )
    return {"source": source, "figures": rows, "text": text}
