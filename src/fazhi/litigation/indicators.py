"""Figures of 行政应诉 and 府院、府检联动, each computed in the database from records. Every instance of a lawsuit
(一审, 二审, 再审) is a case of its own, as courts count them; the year of a case is the year its complaint was
served on the agency."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from fazhi.indicators.registry import (
    RATE,
    Figure,
    Period,
    both_years,
    dated_count,
    in_scope,
    period_counts,
    register,
    scope_key,
)

from .models import Hearing, Lawsuit, LiaisonMeeting
from .rules import lawsuits as rules
from .selectors import received_in

BASIS_LAW = "行政诉讼法（2017）"
BASIS_HEAD = "行政诉讼法第三条第三款；法释〔2018〕1号第一百二十八至一百三十二条"
ORG = "responsible_department"


def concluded_in(period: Period, scope) -> object:
    """审结: lawsuits whose judgment, ruling or mediation of that instance was given in the period."""
    return in_scope(Lawsuit.objects.filter(outcome__gt="", **period.range_filter("judged_on")), scope, ORG)


@register(
    code="litigation.lawsuits.received",
    name="行政应诉案件",
    unit="件",
    definition="本年度收到起诉状副本（送达日期在本年度）的行政诉讼案件数，一审、二审、再审各计一件；同比变化与上年度同口径比较。",
    basis=f"{BASIS_LAW}第六十七条",
)
def lawsuits_received(period: Period, scope):
    return Figure(value=family(period, scope, "received")["received"], records=received_in(period, scope))


@register(
    code="litigation.lawsuits.concluded",
    name="行政应诉审结案件",
    unit="件",
    definition="本年度作出判决、裁定或调解结案的案件数（按裁判日期，含撤诉、驳回起诉和调解）。",
    basis=BASIS_LAW,
)
def lawsuits_concluded(period: Period, scope):
    return Figure(value=family(period, scope, "concluded")["concluded"], records=concluded_in(period, scope))


def effective_in(period: Period, scope) -> object:
    """Lawsuits counted once by their effective outcome: the instance whose judgment, ruling or mediation took effect
    in the period. A first instance that was appealed never takes effect itself, so a loss upheld on appeal is the
    appeal's effective result and counts once."""
    return in_scope(Lawsuit.objects.filter(result__gt="", **period.range_filter("effective_on")), scope, ORG)


@register(
    code="litigation.lawsuits.effective",
    name="裁判生效的行政应诉案件",
    unit="件",
    definition=(
        "本年度裁判（判决、裁定、调解书）发生法律效力的行政应诉案件数，一个案件按其生效裁判计一件：上诉后二审裁判生效的，"
        "只计二审，一审不另计；败诉率的分母。"
    ),
    basis=f"{BASIS_LAW}第八十五条、第八十九条",
)
def lawsuits_effective(period: Period, scope):
    return Figure(value=family(period, scope, "effective")["effective"], records=effective_in(period, scope))


LOST_DEFINITION = (
    "本年度裁判生效的案件中，生效结果为行政机关败诉的案件数，一个案件计一次：判决撤销、履行、给付、确认违法、确认无效、变更，"
    "二审改判行政机关败诉，以及一审败诉经二审驳回上诉、维持原判的案件（维持原判的结果即原判的结果，一审不另计）。"
)


@register(
    code="litigation.lawsuits.lost",
    name="行政机关败诉案件",
    unit="件",
    definition=LOST_DEFINITION,
    basis=f"{BASIS_LAW}第七十条、第七十二至七十七条、第八十九条",
)
def lawsuits_lost(period: Period, scope):
    return Figure(
        value=family(period, scope, "lost")["lost"],
        records=effective_in(period, scope).filter(result=rules.LOST),
    )


def _family(period: Period) -> dict[str, Q]:
    """Every lawsuit figure of one period as a condition on the lawsuits (see registry.period_counts)."""
    effective = Q(result__gt="", **period.range_filter("effective_on"))
    to_perform = Q(must_perform=True, **period.range_filter("effective_on"))
    return {
        "received": Q(**period.range_filter("served_on")),
        "concluded": Q(outcome__gt="", **period.range_filter("judged_on")),
        "effective": effective,
        "lost": effective & Q(result=rules.LOST),
        "to_perform": to_perform,
        "performed": to_perform & Q(performed_on__isnull=False),
    }


def _in_either(before: Period, period: Period) -> Q:
    span = Period(before.start, period.end)
    dates = [Q(**span.range_filter(name)) for name in ("served_on", "judged_on", "effective_on")]
    return dates[0] | dates[1] | dates[2]


def hearing_counts(period: Period, scope) -> dict[str, int]:
    """{"heard": lawsuits with a session in the period, "head_appeared": those at whose sessions the head appeared}
    counted from the sessions (distinct lawsuits), the period and the year before in ONE statement: an EXISTS per
    lawsuit in the lawsuits' statement read every lawsuit of the installation (issue 19)."""

    def compute(before: Period, period: Period) -> tuple[dict, dict]:
        span = Period(before.start, period.end)
        sessions = in_scope(Hearing.objects.filter(**span.range_filter("held_on")), scope, f"lawsuit__{ORG}")
        columns = {}
        for n, p in enumerate((before, period)):
            held = Q(**p.range_filter("held_on"))
            columns[f"heard{n}"] = Count("lawsuit", distinct=True, filter=held)
            columns[f"head{n}"] = Count("lawsuit", distinct=True, filter=held & Q(head_appeared=True))
        row = sessions.order_by().aggregate(**columns)
        return tuple({"heard": row[f"heard{n}"], "head_appeared": row[f"head{n}"]} for n in (0, 1))

    return both_years(("litigation.hearings", scope_key(scope)), period, compute)


def family(period: Period, scope, *names: str) -> dict[str, int]:
    """The lawsuits' figures of the period: ONE statement for the period and the year before, shared (issue 19:
    with hearing_counts, eleven figures in two statements, 22 before); `names`: the counts the calling figure reads
    (only they are computed for a figure evaluated alone)."""
    return period_counts(
        lambda: in_scope(Lawsuit.objects.all(), scope, ORG),
        period,
        _family,
        within=_in_either,
        key=("litigation.lawsuits", scope_key(scope)),
        names=names,
    )


@register(
    code="litigation.lawsuits.loss_rate",
    name="行政诉讼败诉率",
    unit="%",
    definition=(
        "败诉案件数÷ 裁判生效案件数。按生效结果计，一个案件计一次：本年度裁判发生法律效力的案件为分母（上诉的，以二审生效"
        "裁判计，一审不另计）；其中生效结果为行政机关败诉的为分子——二审驳回上诉、维持原判的，按原判结果计；二审改判的，"
        "按改判结果计。"
    ),
    basis=f"{BASIS_LAW}第六十九条至第七十七条、第八十五条、第八十九条",
    kind=RATE,
)
def loss_rate(period: Period, scope):
    counts = family(period, scope, "lost", "effective")
    effective = effective_in(period, scope)
    return Figure.rate_of(counts["lost"], counts["effective"], effective.filter(result=rules.LOST), effective)


def cases_heard(period: Period, scope):
    """Lawsuits with at least one court session in the period (one case however many sessions)."""
    sessions = Hearing.objects.filter(lawsuit=OuterRef("pk"), **period.range_filter("held_on"))
    return in_scope(Lawsuit.objects.filter(Exists(sessions)), scope, ORG)


def cases_head_appeared(period: Period, scope):
    """Of those, the lawsuits at whose sessions in the period the head appeared at least once."""
    sessions = Hearing.objects.filter(
        lawsuit=OuterRef("pk"), head_appeared=True, **period.range_filter("held_on")
    )
    return cases_heard(period, scope).filter(Exists(sessions))


@register(
    code="litigation.hearings.cases_heard",
    name="开庭审理的行政应诉案件",
    unit="件",
    definition="本年度开庭审理（至少开庭一次）的行政应诉案件数，一案多次开庭计一件；出庭率的分母。",
    basis=BASIS_HEAD,
)
def heard_cases(period: Period, scope):
    return Figure(value=hearing_counts(period, scope)["heard"], records=cases_heard(period, scope))


@register(
    code="litigation.hearings.cases_head_appeared",
    name="行政机关负责人出庭应诉案件",
    unit="件",
    definition="本年度开庭审理的案件中，被告行政机关负责人（正职、副职或分管负责人）至少出庭一次的案件数，一案计一件；"
    "仅委托律师出庭的不计；出庭率的分子。",
    basis=BASIS_HEAD,
)
def head_appeared_cases(period: Period, scope):
    return Figure(
        value=hearing_counts(period, scope)["head_appeared"], records=cases_head_appeared(period, scope)
    )


@register(
    code="litigation.hearings.head_appearance_rate",
    name="行政机关负责人出庭应诉率",
    unit="%",
    definition=(
        "负责人出庭应诉案件数÷ 开庭审理案件数"
        "，按案件计：本年度开庭审理的案件中，负责人在任一次开庭出庭的案件计一件；"
        "仅委托律师出庭的不计为出庭。"
    ),
    basis=BASIS_HEAD,
    kind=RATE,
)
def head_appearance_rate(period: Period, scope):
    counts = hearing_counts(period, scope)
    return Figure.rate_of(
        counts["head_appeared"],
        counts["heard"],
        cases_head_appeared(period, scope),
        cases_heard(period, scope),
    )


def to_perform(period: Period, scope):
    """Lawsuits whose decision took effect in the period with a duty on the agency to perform (the effective result:
    a first-instance loss upheld on appeal carries its duty)."""
    return in_scope(
        Lawsuit.objects.filter(must_perform=True, **period.range_filter("effective_on")), scope, ORG
    )


@register(
    code="litigation.judgments.to_perform",
    name="负有履行义务的生效裁判",
    unit="件",
    definition="本年度生效、使行政机关负有履行义务的裁判（含调解书；二审维持一审败诉判决的，按原判的履行义务计）件数；"
    "履行率的分母。",
    basis=f"{BASIS_LAW}第九十四条",
)
def judgments_to_perform(period: Period, scope):
    return Figure(value=family(period, scope, "to_perform")["to_perform"], records=to_perform(period, scope))


@register(
    code="litigation.judgments.performed",
    name="已履行的生效裁判",
    unit="件",
    definition="负有履行义务的生效裁判中，截至统计时已登记履行的件数；履行率的分子。",
    basis=f"{BASIS_LAW}第九十四条、第九十六条",
)
def judgments_performed(period: Period, scope):
    performed = to_perform(period, scope).filter(performed_on__isnull=False)
    return Figure(value=family(period, scope, "performed")["performed"], records=performed)


@register(
    code="litigation.judgments.performance_rate",
    name="法院生效裁判履行率",
    unit="%",
    definition=(
        "已履行的生效裁判÷ 负有履行义务的生效裁判："
        "本年度生效、使行政机关负有履行义务的裁判（含调解书，按生效结果：二审维持一审败诉判决的计入）中，截至统计时已履行的比例。"
    ),
    basis=f"{BASIS_LAW}第九十四条、第九十六条",
    kind=RATE,
)
def performance_rate(period: Period, scope):
    effective, counts = to_perform(period, scope), family(period, scope, "performed", "to_perform")
    performed = effective.filter(performed_on__isnull=False)
    return Figure.rate_of(counts["performed"], counts["to_perform"], performed, effective)


@register(
    code="litigation.liaison.meetings",
    name="府院、府检联动会议",
    unit="次",
    definition="本年度与人民法院、人民检察院召开的行政争议化解联动会议次数。",
    basis="《法治政府建设实施纲要（2021—2025年）》：健全行政争议实质性化解机制",
)
def liaison_meetings(period: Period, scope):
    meetings = in_scope(LiaisonMeeting.objects.all(), scope)
    value = dated_count(lambda: meetings, "held_on", period, ("litigation.liaison", scope_key(scope)))
    return Figure(value=value, records=meetings.filter(**period.range_filter("held_on")))
