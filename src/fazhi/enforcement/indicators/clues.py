"""Figures of supervision clues: received (by source), handled, enterprise-related."""

from __future__ import annotations

from fazhi.indicators.registry import Figure, Period, count_of, in_scope, register, scope_key

from ..models import SupervisionClue

BASIS_CLUES = "《法治政府建设实施纲要（2021—2025年）》：完善行政执法监督机制，畅通投诉举报渠道"


def _received(period: Period, scope):
    return in_scope(SupervisionClue.objects.filter(**period.range_filter("received_on")), scope)


def _handled(period: Period, scope):
    closed = SupervisionClue.objects.filter(
        status=SupervisionClue.Status.CLOSED, **period.range_filter("handled_on")
    )
    return in_scope(closed, scope)


@register(
    code="enforcement.clues.received",
    name="受理执法监督线索",
    unit="件",
    definition="本年度受理（登记）的执法监督线索件数，含12345热线、企业联系点、督察检查、投诉举报等各来源。",
    basis=BASIS_CLUES,
)
def clues_received(period: Period, scope):
    return Figure.count(_received(period, scope))


@register(
    code="enforcement.clues.handled",
    name="办结执法监督线索",
    unit="件",
    definition="本年度办结的执法监督线索件数（按办结日期计）。",
    basis=BASIS_CLUES,
)
def clues_handled(period: Period, scope):
    return Figure.count(_handled(period, scope))


@register(
    code="enforcement.clues.enterprise_handled",
    name="办结涉企执法监督线索",
    unit="件",
    definition="本年度办结的执法监督线索中涉及企业的件数。",
    basis=BASIS_CLUES,
)
def clues_enterprise_handled(period: Period, scope):
    return Figure.count(_handled(period, scope).filter(enterprise_related=True))


def _register_received_by_source(source: str, label: str) -> None:
    @register(
        code=f"enforcement.clues.received.{source}",
        name=f"受理执法监督线索（{label}）",
        unit="件",
        definition=f"本年度受理的来源为“{label}”的执法监督线索件数。",
        basis=BASIS_CLUES,
    )
    def received_from(period: Period, scope):
        return count_of(
            _received(period, scope), "source", source, ("clues.received", period, scope_key(scope))
        )


for _source, _label in SupervisionClue.Source.choices:
    _register_received_by_source(_source, _label)
