"""Figures of supervision clues: received (by source), handled, enterprise-related."""

from __future__ import annotations

from django.db.models import Q

from fazhi.indicators.registry import Figure, Period, in_scope, period_counts, register, scope_key

from ..models import SupervisionClue

BASIS_CLUES = "《法治政府建设实施纲要（2021—2025年）》：完善行政执法监督机制，畅通投诉举报渠道"


def _received(period: Period, scope):
    return in_scope(SupervisionClue.objects.filter(**period.range_filter("received_on")), scope)


def _handled(period: Period, scope):
    closed = SupervisionClue.objects.filter(
        status=SupervisionClue.Status.CLOSED, **period.range_filter("handled_on")
    )
    return in_scope(closed, scope)


def _clue_counts(period: Period) -> dict[str, Q]:
    received = Q(**period.range_filter("received_on"))
    handled = Q(status=SupervisionClue.Status.CLOSED, **period.range_filter("handled_on"))
    return {
        "received": received,
        "handled": handled,
        "enterprise_handled": handled & Q(enterprise_related=True),
        **{f"source:{source}": received & Q(source=source) for source in SupervisionClue.Source.values},
    }


def _received_or_handled(before: Period, period: Period) -> Q:
    return Q(received_on__gte=before.start, received_on__lte=period.end) | Q(
        handled_on__gte=before.start, handled_on__lte=period.end
    )


def clue_counts(period: Period, scope) -> dict[str, int]:
    """Clues received (in all and by source), handled and handled enterprise-related: one statement for the period
    and the year before, shared by the family's ten figures (issue 19)."""
    return period_counts(
        lambda: in_scope(SupervisionClue.objects.all(), scope),
        period,
        _clue_counts,
        within=_received_or_handled,
        key=("enforcement.clues", scope_key(scope)),
    )


@register(
    code="enforcement.clues.received",
    name="受理执法监督线索",
    unit="件",
    definition="本年度受理（登记）的执法监督线索件数，含12345热线、企业联系点、督察检查、投诉举报等各来源。",
    basis=BASIS_CLUES,
)
def clues_received(period: Period, scope):
    return Figure(value=clue_counts(period, scope)["received"], records=_received(period, scope))


@register(
    code="enforcement.clues.handled",
    name="办结执法监督线索",
    unit="件",
    definition="本年度办结的执法监督线索件数（按办结日期计）。",
    basis=BASIS_CLUES,
)
def clues_handled(period: Period, scope):
    return Figure(value=clue_counts(period, scope)["handled"], records=_handled(period, scope))


@register(
    code="enforcement.clues.enterprise_handled",
    name="办结涉企执法监督线索",
    unit="件",
    definition="本年度办结的执法监督线索中涉及企业的件数。",
    basis=BASIS_CLUES,
)
def clues_enterprise_handled(period: Period, scope):
    return Figure(
        value=clue_counts(period, scope)["enterprise_handled"],
        records=_handled(period, scope).filter(enterprise_related=True),
    )


def _register_received_by_source(source: str, label: str) -> None:
    @register(
        code=f"enforcement.clues.received.{source}",
        name=f"受理执法监督线索（{label}）",
        unit="件",
        definition=f"本年度受理的来源为“{label}”的执法监督线索件数。",
        basis=BASIS_CLUES,
    )
    def received_from(period: Period, scope):
        return Figure(
            value=clue_counts(period, scope)[f"source:{source}"],
            records=_received(period, scope).filter(source=source),
        )


for _source, _label in SupervisionClue.Source.choices:
    _register_received_by_source(_source, _label)
