"""Finders of the records behind a figure that lack data it needs, declared for indicators of other workstreams
whose compute functions do not report them themselves (each belongs in its workstream's indicators.py in time)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.decisions.indicators import decided_in
from fazhi.indicators.registry import incomplete_records

STEPS = ("public_participation", "expert_argumentation", "risk_assessment")


@incomplete_records("decisions.procedures.completion_rate", note="缺少程序步骤的开始或完成日期")
def decisions_missing_step_dates(period, scope):
    """Decisions taken in the period with an applicable step (public participation, expert argumentation, risk
    assessment) lacking its start or completion date."""
    missing = Q()
    for step in STEPS:
        missing |= Q(**{f"{step}__applicable": True, f"{step}__completed_on__isnull": True})
        missing |= Q(**{f"{step}__applicable": True, f"{step}__started_on__isnull": True})
    return decided_in(period, scope).filter(missing).distinct()
