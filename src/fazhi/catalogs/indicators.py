"""Figures of the public lists, each as the list stood on the last day of the period (a year: 31 December),
computed in the database from the effective-dated rows."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.registry import RATE, Figure, Period, in_scope, period_counts, register, scope_key

from .models import FAST_MODES, CatalogKind, ListItem, ServiceItem
from .rules import lists as rules
from .selectors.lists import in_force_on


def items_at_end(catalog: str, period: Period, scope):
    return in_scope(in_force_on(ListItem.objects.filter(catalog=catalog), period.end), scope)


def service_items_at_end(period: Period, scope):
    return in_scope(in_force_on(ServiceItem.objects.all(), period.end), scope)


def _in_force(period: Period) -> Q:
    """selectors.lists.in_force_on(…, period.end) as a condition."""
    end = period.end
    return Q(added_on__lte=end) & (Q(removed_on__isnull=True) | Q(removed_on__gt=end))


def _listed(period: Period) -> dict[str, Q]:
    return {"n": _in_force(period)}


def listed_by_catalog(period: Period, scope) -> dict[str, int]:
    """{catalog: items in force at the period's end}: one grouped statement for the period and the year before."""
    counts = period_counts(
        lambda: in_scope(ListItem.objects.all(), scope),
        period,
        _listed,
        group="catalog",
        key=("catalogs.items", scope_key(scope)),
    )
    return {catalog: c["n"] for catalog, c in counts.items()}


def _services(period: Period) -> dict[str, Q]:
    return {"items": _in_force(period), "fast": _in_force(period) & Q(mode__in=FAST_MODES)}


def service_counts(period: Period, scope) -> dict[str, int]:
    """Service items in force at the period's end and those of them in a fast mode: one statement for both years."""
    return period_counts(
        lambda: in_scope(ServiceItem.objects.all(), scope),
        period,
        _services,
        key=("catalogs.services", scope_key(scope)),
    )


@register(
    code="catalogs.certification.items",
    name="证明事项清单保留的证明事项",
    unit="项",
    definition="期末（年度为12月31日）证明事项清单中的事项数：列入日期不晚于期末且期末尚未移出。",
    basis=rules.CERTIFICATION_BASIS,
)
def certification_items(period: Period, scope):
    return Figure(
        value=listed_by_catalog(period, scope).get(CatalogKind.CERTIFICATION, 0),
        records=items_at_end(CatalogKind.CERTIFICATION, period, scope),
    )


@register(
    code="catalogs.commitment.items",
    name="实行告知承诺制的事项",
    unit="项",
    definition="期末（年度为12月31日）告知承诺制事项清单中的事项数：列入日期不晚于期末且期末尚未移出。",
    basis=rules.COMMITMENT_BASIS,
)
def commitment_items(period: Period, scope):
    return Figure(
        value=listed_by_catalog(period, scope).get(CatalogKind.COMMITMENT, 0),
        records=items_at_end(CatalogKind.COMMITMENT, period, scope),
    )


@register(
    code="catalogs.service.items",
    name="政务服务事项",
    unit="项",
    definition="期末（年度为12月31日）在清单内的政务服务事项数。",
    basis=rules.SERVICE_BASIS,
)
def service_items(period: Period, scope):
    return Figure(value=service_counts(period, scope)["items"], records=service_items_at_end(period, scope))


@register(
    code="catalogs.service.fast_mode",
    name="实现当场办、简易办、即时办、承诺办的政务服务事项",
    unit="项",
    definition="期末（年度为12月31日）在清单内、办理方式为当场办、简易办、即时办或承诺办的政务服务事项数。",
    basis=rules.SERVICE_BASIS,
)
def service_fast_mode(period: Period, scope):
    return Figure(
        value=service_counts(period, scope)["fast"],
        records=service_items_at_end(period, scope).filter(mode__in=FAST_MODES),
    )


@register(
    code="catalogs.service.fast_mode_share",
    name="“四办”政务服务事项占比",
    unit="%",
    definition="期末实现当场办、简易办、即时办、承诺办的政务服务事项 ÷ 期末政务服务事项。",
    basis=rules.SERVICE_BASIS,
    kind=RATE,
)
def service_fast_mode_share(period: Period, scope):
    everything, counts = service_items_at_end(period, scope), service_counts(period, scope)
    return Figure.rate_of(counts["fast"], counts["items"], everything.filter(mode__in=FAST_MODES), everything)
