"""Figures of core's records (units and people): legal staff, i.e. people holding the legal professional qualification (法律职业资格)."""

from __future__ import annotations

from django.db.models import Q

from fazhi.core.models import POLITICAL_LEGAL_KINDS, Person

from .registry import RATE, Figure, Period, in_scope, period_counts, register, scope_key

BASIS = "法治政府建设实施纲要（2021—2025年）：加强法治工作队伍建设"


def legal_qualified(period: Period, scope):
    """Active people who held the qualification by the end of the period (an unknown year counts as held)."""
    qs = Person.objects.filter(is_active=True, has_legal_qualification=True).filter(
        Q(legal_qualification_year__isnull=True) | Q(legal_qualification_year__lte=period.end.year)
    )
    return in_scope(qs, scope)


def _qualified(period: Period) -> dict[str, Q]:
    held = Q(is_active=True, has_legal_qualification=True) & (
        Q(legal_qualification_year__isnull=True) | Q(legal_qualification_year__lte=period.end.year)
    )
    return {"qualified": held, "outside": held & ~Q(organization__kind__in=POLITICAL_LEGAL_KINDS)}


def qualified_counts(period: Period, scope) -> dict[str, int]:
    """People holding the qualification at the period's end, and those of them outside political-legal units: one
    statement for the period and the year before (issue 19)."""
    return period_counts(
        lambda: in_scope(Person.objects.all(), scope),
        period,
        _qualified,
        within=lambda before, period: Q(is_active=True, has_legal_qualification=True),
        key=("core.people", scope_key(scope)),
    )


@register(
    code="core.people.legal_qualified",
    name="具有法律职业资格人员",
    unit="人",
    definition="在职人员中，截至期末已取得法律职业资格的人数。",
    basis=BASIS,
)
def legal_qualified_count(period, scope):
    return Figure(value=qualified_counts(period, scope)["qualified"], records=legal_qualified(period, scope))


@register(
    code="core.people.legal_qualified_outside_political_legal",
    name="政法单位以外具有法律职业资格人员",
    unit="人",
    definition="具有法律职业资格的在职人员中，所在单位不属于政法单位的人数。",
    basis=BASIS,
)
def legal_qualified_outside(period, scope):
    return Figure(
        value=qualified_counts(period, scope)["outside"],
        records=legal_qualified(period, scope).exclude(organization__kind__in=POLITICAL_LEGAL_KINDS),
    )


@register(
    code="core.people.legal_qualified_outside_share",
    name="政法单位以外人员占具有法律职业资格人员比例",
    unit="%",
    definition="政法单位以外具有法律职业资格人员 ÷ 具有法律职业资格人员。",
    basis=BASIS,
    kind=RATE,
)
def legal_qualified_outside_share(period, scope):
    everyone, counts = legal_qualified(period, scope), qualified_counts(period, scope)
    outside = everyone.exclude(organization__kind__in=POLITICAL_LEGAL_KINDS)
    return Figure.rate_of(counts["outside"], counts["qualified"], outside, everyone)
