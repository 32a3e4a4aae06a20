"""三项制度 self-assessments (行政执法公示、执法全过程记录、重大执法决定法制审核制度自查评估): each body records, per
year and per system, what its self-assessment found; written through core.services and read through core.access."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.models import User

from .models import EnforcementBody, SelfAssessment

BASIS = (
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
    "（国办发〔2018〕118号）"
)
SYSTEMS = SelfAssessment.System


# Services ------------------------------------------------------------------------------------------------------


def record_self_assessment(
    *, actor: User, body: EnforcementBody, year: int, system: str, assessed_on: dt.date, findings: str
) -> SelfAssessment:
    """A body's self-assessment of one system for a year (its own unit, the Justice Bureau or supervisors)."""
    if body.status != EnforcementBody.Status.ACTIVE:
        raise ValidationError({"body": f"执法主体“{body}”已撤销，不能再提交自查评估。"})
    assessment = SelfAssessment(
        body=body, year=year, system=system, assessed_on=assessed_on, findings=(findings or "").strip()
    )
    return core_services.create_record(actor=actor, instance=assessment)


def update_self_assessment(*, actor: User, assessment: SelfAssessment, **fields: Any) -> SelfAssessment:
    if set(fields) - {"assessed_on", "findings"}:
        raise ValidationError(
            "自查评估只能修改自查日期和发现的问题；执法主体、年度或制度有误的请删除后重新填报。"
        )
    return core_services.update_record(actor=actor, instance=assessment, data=fields)


# Selectors -----------------------------------------------------------------------------------------------------


def self_assessments_for(user: User, action: str = access.VIEW) -> QuerySet[SelfAssessment]:
    return access.scope(user, SelfAssessment.objects.select_related("body__organization"), action)


def completion_filter(year_from: int, year_to: int) -> Q:
    """Bodies that assessed all three systems in one year of the range (one annotated query)."""
    return Q(**{f"done_{y}": len(SYSTEMS.values) for y in range(year_from, year_to + 1)}, _connector=Q.OR)


def bodies_completing_all(bodies: QuerySet[EnforcementBody], year_from: int, year_to: int) -> QuerySet:
    annotations = {
        f"done_{y}": Count("self_assessments__system", filter=Q(self_assessments__year=y), distinct=True)
        for y in range(year_from, year_to + 1)
    }
    return bodies.annotate(**annotations).filter(completion_filter(year_from, year_to))


def completion_by_body(user: User, year: int) -> list[dict]:
    """For each active body the user sees: which of the three systems it assessed in `year`."""
    done: dict[int, set[str]] = {}
    for body_id, system in self_assessments_for(user).filter(year=year).values_list("body_id", "system"):
        done.setdefault(body_id, set()).add(system)
    bodies = access.scope(user, EnforcementBody.objects.filter(status=EnforcementBody.Status.ACTIVE))
    return [
        {
            "body": b,
            "systems": [(label, value in done.get(b.pk, set())) for value, label in SYSTEMS.choices],
            "complete": done.get(b.pk, set()) >= set(SYSTEMS.values),
        }
        for b in bodies.select_related("organization")
    ]
