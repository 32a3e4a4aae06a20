"""Figures of administrative reconsideration, each computed in the database from the cases' dates.

Year-end: a case belongs to the year it was received in; it is closed (办结) in that period when it was concluded
(decided, mediated, terminated, withdrawn or refused) by the period's end, and carried over (结转) otherwise, so
received = closed + carried over holds for any period by construction. Cases received earlier and still open at
the period's start are carried in (上年结转), counted separately."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q

from fazhi.indicators.registry import (
    RATE,
    Figure,
    Period,
    dated_count,
    in_scope,
    once,
    period_counts,
    register,
    scope_key,
)

from .models import CaseClock, Hearing, HearingOpinion, ReconsiderationCase
from .rules import cases as rules
from .rules.cases import AGREEMENTS, CORRECTIONS, DECISIONS

BASIS = rules.LAW


def _cases(scope):
    return in_scope(ReconsiderationCase.objects.all(), scope)


def received_in(period: Period, scope):
    return _cases(scope).filter(**period.range_filter("received_on"))


def closed_in(period: Period, scope):
    return received_in(period, scope).filter(concluded_on__isnull=False, concluded_on__lte=period.end)


def carried_over_from(period: Period, scope):
    return received_in(period, scope).filter(Q(concluded_on__isnull=True) | Q(concluded_on__gt=period.end))


def carried_in_to(period: Period, scope):
    return (
        _cases(scope)
        .filter(received_on__lt=period.start)
        .filter(Q(concluded_on__isnull=True) | Q(concluded_on__gte=period.start))
    )


def concluded_in(period: Period, scope):
    return _cases(scope).filter(**period.range_filter("concluded_on"))


def reviewed_concluded_in(period: Period, scope):
    """Cases accepted and then concluded in the period on the merits or by agreement or termination."""
    return concluded_in(period, scope).filter(accepted_on__isnull=False)


def _family(period: Period) -> dict[str, Q]:
    """Every figure of the cases' dates for one period, as conditions on the cases (see period_counts)."""
    received = Q(**period.range_filter("received_on"))
    concluded = Q(**period.range_filter("concluded_on"))
    reviewed = concluded & Q(accepted_on__isnull=False)
    corrected, correctable = Q(outcome__in=CORRECTIONS), Q(outcome__in=DECISIONS)
    if mediation_counts():
        corrected |= Q(outcome__in=AGREEMENTS, corrected_by_agreement=True)
        correctable |= Q(outcome__in=AGREEMENTS)
    return {
        "received": received,
        "accepted": Q(**period.range_filter("accepted_on")),
        "closed": received & Q(concluded_on__isnull=False, concluded_on__lte=period.end),
        "carried_over": received & (Q(concluded_on__isnull=True) | Q(concluded_on__gt=period.end)),
        "decided": concluded & Q(outcome__in=DECISIONS),
        "concluded_without_decision": concluded & ~Q(outcome__in=DECISIONS),
        "corrected": concluded & corrected,
        "correctable": concluded & correctable,
        "reviewed": reviewed,
        "resolved": reviewed & Q(outcome__in=AGREEMENTS),
        "platform_entered": received & Q(platform_entered_on__isnull=False),
        "carried_in": Q(received_on__lt=period.start)
        & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=period.start)),
        "average_days": Avg(_SPAN, filter=concluded),
        **{
            f"channel:{channel}": received & Q(channel=channel)
            for channel in ReconsiderationCase.Channel.values
        },
    }


_SPAN = ExpressionWrapper(F("concluded_on") - F("received_on"), output_field=DurationField())


def _reviewed_family(period: Period) -> dict[str, Q]:
    """The figures that look into each reviewed case's hearings, opinions and clocks (an EXISTS per case): a
    statement of their own, reading only the cases reviewed and concluded, so the family's plain counts stay cheap."""
    reviewed = Q(accepted_on__isnull=False, **period.range_filter("concluded_on"))
    ordinary = reviewed & Q(procedure=ReconsiderationCase.Procedure.ORDINARY)
    return {
        "reviewed": reviewed,
        "ordinary": ordinary,
        "heard": ordinary & _HEARD,
        "on_time": reviewed & _ON_TIME,
    }


# the cases with an opinion heard or a hearing held, each a hashed `pk IN (…)` read once per statement, not an
# EXISTS per case (issue 19: ~60,000 cases reviewed in two years on the province, four subplans per case)
_HEARD = Q(pk__in=HearingOpinion.objects.values("case_id")) | Q(
    pk__in=Hearing.objects.filter(held_on__isnull=False).values("case_id")
)
# the cases concluded by their decision clock's due day: the clocks joined to their case once, a hashed `pk IN (…)`
# (an EXISTS per case correlated on its conclusion day: ~60,000 subplans per statement on the province)
_ON_TIME = Q(
    pk__in=CaseClock.objects.filter(kind=CaseClock.Kind.DECISION, due_on__gte=F("case__concluded_on")).values(
        "case_id"
    )
)


def mediation_counts() -> bool:
    """rules.mediation_counts, read once per evaluation (a setting: one statement each time otherwise)."""
    return once(("disputes.mediation_counts",), rules.mediation_counts)


def _in_either(before: Period, period: Period) -> Q:
    span = {"gte": before.start, "lte": period.end}
    return (
        Q(**{f"received_on__{k}": v for k, v in span.items()})
        | Q(**{f"concluded_on__{k}": v for k, v in span.items()})
        | Q(**{f"accepted_on__{k}": v for k, v in span.items()})
        # carried in to either period: received before it, still open at its start
        | Q(received_on__lt=period.start) & (Q(concluded_on__isnull=True) | Q(concluded_on__gte=before.start))
    )


def family(period: Period, scope, *names: str) -> dict[str, int]:
    """The family's counts for the period: one statement for the period and the year before, shared (issue 19);
    `names`: the counts the calling figure reads (only they are computed for a figure evaluated alone)."""
    return period_counts(
        lambda: _cases(scope),
        period,
        _family,
        within=_in_either,
        key=("disputes.cases", scope_key(scope)),
        names=names,
    )


def _reviewed_in_either(before: Period, period: Period) -> Q:
    return Q(accepted_on__isnull=False, concluded_on__gte=before.start, concluded_on__lte=period.end)


def reviewed_family(period: Period, scope, *names: str) -> dict[str, int]:
    """The reviewed cases' hearing and time-limit counts: one statement for the period and the year before
    (`names`: see family)."""
    return period_counts(
        lambda: _cases(scope),
        period,
        _reviewed_family,
        within=_reviewed_in_either,
        key=("disputes.cases", scope_key(scope)),
        names=names,
    )


@register(
    code="disputes.reconsideration.received",
    name="收到行政复议申请",
    unit="件",
    definition="期间内收到的行政复议申请数（按收到申请日期）。",
    basis=f"{BASIS}第二十二条",
)
def received(period: Period, scope):
    return Figure(value=family(period, scope, "received")["received"], records=received_in(period, scope))


@register(
    code="disputes.reconsideration.accepted",
    name="受理行政复议案件",
    unit="件",
    definition="期间内受理（含审查期限届满视为受理）的案件数（按受理日期）。",
    basis=f"{BASIS}第三十条",
)
def accepted(period: Period, scope):
    return Figure(
        value=family(period, scope, "accepted")["accepted"],
        records=_cases(scope).filter(**period.range_filter("accepted_on")),
    )


@register(
    code="disputes.reconsideration.closed",
    name="办结行政复议案件",
    unit="件",
    definition="期间内收到、并于期末前办结（决定、调解、终止、撤回或不予受理）的案件数。",
    basis=BASIS,
)
def closed(period: Period, scope):
    return Figure(value=family(period, scope, "closed")["closed"], records=closed_in(period, scope))


@register(
    code="disputes.reconsideration.carried_over",
    name="结转下期行政复议案件",
    unit="件",
    definition="期间内收到、期末尚未办结、结转下一期间的案件数；收到数 = 办结数 + 结转数。",
    basis=BASIS,
)
def carried_over(period: Period, scope):
    return Figure(
        value=family(period, scope, "carried_over")["carried_over"], records=carried_over_from(period, scope)
    )


@register(
    code="disputes.reconsideration.carried_in",
    name="上期结转行政复议案件",
    unit="件",
    definition="期初以前收到、期初尚未办结的案件数（单独统计，不计入本期收到数）。",
    basis=BASIS,
)
def carried_in(period: Period, scope):
    return Figure(
        value=family(period, scope, "carried_in")["carried_in"], records=carried_in_to(period, scope)
    )


def _channel_indicator(channel: str, label: str):
    @register(
        code=f"disputes.reconsideration.received_{channel}",
        name=f"{label}的行政复议申请",
        unit="件",
        definition=f"期间内通过“{label}”渠道收到的行政复议申请数。",
        basis=f"{BASIS}第二十二条",
    )
    def compute(period: Period, scope):
        return Figure(
            value=family(period, scope, f"channel:{channel}")[f"channel:{channel}"],
            records=received_in(period, scope).filter(channel=channel),
        )

    return compute


for _value, _label in ReconsiderationCase.Channel.choices:
    _channel_indicator(_value, _label)


@register(
    code="disputes.reconsideration.opinion_rate",
    name="听取意见率",
    unit="%",
    kind=RATE,
    definition=(
        "期间内受理后办结的普通程序案件中，听取了当事人意见（或举行了听证）的案件所占比例"
        "（分子、分母均为普通程序案件；简易程序不要求听取意见）。"
    ),
    basis=f"{BASIS}第四十九条",
)
def opinion_rate(period: Period, scope):
    """听取意见率：第四十九条“适用普通程序审理的行政复议案件，行政复议机构应当当面或者通过互联网、电话等方式听取
    当事人的意见”——只有普通程序案件有此义务，简易程序案件不计入。"""
    counts = reviewed_family(period, scope, "heard", "ordinary")
    base = reviewed_concluded_in(period, scope).filter(procedure=ReconsiderationCase.Procedure.ORDINARY)
    return Figure.rate_of(counts["heard"], counts["ordinary"], base.filter(_HEARD), base)


@register(
    code="disputes.reconsideration.hearings",
    name="举行行政复议听证",
    unit="次",
    definition="期间内举行的行政复议听证次数。",
    basis=f"{BASIS}第五十条",
)
def hearings(period: Period, scope):
    records = in_scope(Hearing.objects.all(), scope, "case__organization")
    value = dated_count(lambda: records, "held_on", period, ("disputes.hearings", scope_key(scope)))
    return Figure(value=value, records=records.filter(**period.range_filter("held_on")))


@register(
    code="disputes.reconsideration.correction_rate",
    name="行政复议纠错率",
    unit="%",
    kind=RATE,
    definition=(
        "期间内作出复议决定的案件中，变更、撤销、部分撤销、确认违法、责令履行、确认无效的案件所占比例；"
        "配置项“调解、和解纠正计入纠错率”为真时，调解、和解结案的计入分母，其中纠正了行政行为的计入分子。"
    ),
    basis=f"{BASIS}第六十三至六十七条",
)
def correction_rate(period: Period, scope):
    counts, done = family(period, scope, "corrected", "correctable"), concluded_in(period, scope)
    numerator = Q(outcome__in=CORRECTIONS)
    denominator = Q(outcome__in=DECISIONS)
    if mediation_counts():
        numerator |= Q(outcome__in=AGREEMENTS, corrected_by_agreement=True)
        denominator |= Q(outcome__in=AGREEMENTS)
    return Figure.rate_of(
        counts["corrected"], counts["correctable"], done.filter(numerator), done.filter(denominator)
    )


@register(
    code="disputes.reconsideration.concluded_without_decision",
    name="办结（未作复议决定）",
    unit="件",
    definition=(
        "期间内办结但未作出复议决定（实体审理结论）的案件数：不予受理、撤回、终止、和解、调解。"
        "年报中这些案件应称“办结”，只有作出复议决定的称“审结”。"
    ),
    basis=f"{BASIS}第三十条、第四十一条、第七十三条、第七十四条",
)
def concluded_without_decision(period: Period, scope):
    return Figure(
        value=family(period, scope, "concluded_without_decision")["concluded_without_decision"],
        records=concluded_in(period, scope).exclude(outcome__in=DECISIONS),
    )


@register(
    code="disputes.reconsideration.decided",
    name="审结（作出复议决定）",
    unit="件",
    definition="期间内作出行政复议决定（第六十三条至第六十九条）的案件数。",
    basis=f"{BASIS}第六十三条至第六十九条",
)
def decided(period: Period, scope):
    return Figure(
        value=family(period, scope, "decided")["decided"],
        records=concluded_in(period, scope).filter(outcome__in=DECISIONS),
    )


@register(
    code="disputes.reconsideration.within_period_rate",
    name="法定期限内审结率",
    unit="%",
    kind=RATE,
    definition="期间内受理后办结的案件中，在审理期限（含批准延期、扣除中止期间）内办结的比例。",
    basis=f"{BASIS}第六十二条",
)
def within_period_rate(period: Period, scope):
    counts, base = reviewed_family(period, scope, "on_time", "reviewed"), reviewed_concluded_in(period, scope)
    return Figure.rate_of(counts["on_time"], counts["reviewed"], base.filter(_ON_TIME), base)


@register(
    code="disputes.reconsideration.platform_entry_rate",
    name="录入全国行政复议工作平台率",
    unit="%",
    kind=RATE,
    definition="期间内收到的案件中，已录入全国行政复议工作平台的比例。",
    basis="全国行政复议工作平台录入要求",
)
def platform_entry_rate(period: Period, scope):
    counts, base = family(period, scope, "platform_entered", "received"), received_in(period, scope)
    return Figure.rate_of(
        counts["platform_entered"], counts["received"], base.filter(platform_entered_on__isnull=False), base
    )


@register(
    code="disputes.reconsideration.average_days",
    name="平均办案天数",
    unit="天",
    definition="期间内办结的案件自收到申请至办结的平均自然日数（保留一位小数）。",
    basis=BASIS,
)
def average_days(period: Period, scope):
    done = concluded_in(period, scope)
    value = family(period, scope, "average_days")["average_days"]
    if value is None:
        return Figure(value=None, records=done)
    days = (
        Decimal(value.total_seconds()) / Decimal(86400)
        if isinstance(value, dt.timedelta)
        else Decimal(value) / Decimal(86400 * 10**6)
    )
    return Figure(value=days.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP), records=done)


def by_respondent(period: Period, scope) -> list[dict]:
    """Applications received in the period by respondent agency, most first (one grouped query)."""
    rows = (
        received_in(period, scope)
        .values("respondent", "respondent__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "respondent__name")
    )
    return [
        {"respondent_id": r["respondent"], "name": r["respondent__name"], "count": r["count"]} for r in rows
    ]


def by_channel(period: Period, scope) -> list[dict]:
    counts = dict(received_in(period, scope).values_list("channel").annotate(n=Count("pk")))
    return [
        {"channel": v, "label": label, "count": counts.get(v, 0)}
        for v, label in ReconsiderationCase.Channel.choices
    ]


@register(
    code="disputes.reconsideration.resolution_rate",
    name="行政复议调解和解结案率",
    unit="%",
    kind=RATE,
    definition="期间内受理后办结的案件中，以调解或和解（撤回、终止）结案的比例。",
    basis=f"{BASIS}第五条、第七十三条、第七十四条",
)
def resolution_rate(period: Period, scope):
    counts, base = family(period, scope, "resolved", "reviewed"), reviewed_concluded_in(period, scope)
    return Figure.rate_of(counts["resolved"], counts["reviewed"], base.filter(outcome__in=AGREEMENTS), base)
