"""Storing a case's statutory clocks: rules/clocks.py computes them, this writes them on CaseClock rows with their
explanation, so a page, the 工作台 and the figures read how each was computed."""

from __future__ import annotations

from ..models import CaseClock, ReconsiderationCase
from ..rules import events


def refresh(case: ReconsiderationCase) -> list[CaseClock]:
    """Recompute and store the case's clocks; clocks that no longer apply are removed. Called inside the
    transaction of the service that changed the case (its audit event covers the case, not the derived clocks)."""
    computed = events.case_timeline(case).clocks
    kinds = [c.kind for c in computed]
    CaseClock.objects.filter(case=case).exclude(kind__in=kinds).delete()
    rows = []
    for c in computed:
        row, _ = CaseClock.objects.update_or_create(
            case=case,
            kind=c.kind,
            defaults={
                "start": c.start,
                "due_on": c.due,
                "rule": c.rule[:200],
                "explanation": c.explanation,
                "provisional": c.provisional,
                "met_on": c.met_on,
            },
        )
        rows.append(row)
    return rows
