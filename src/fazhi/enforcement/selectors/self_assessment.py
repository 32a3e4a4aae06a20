"""Reads of the three systems' self-assessments, scoped through core.access: which body assessed which system in a
year (one annotated query for the figures)."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import EnforcementBody, SelfAssessment

SYSTEMS = SelfAssessment.System


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
