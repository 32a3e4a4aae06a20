"""Figures of major decisions and legal advisors, each computed in the database from records."""

from __future__ import annotations

from django.db.models import Count, Q

from fazhi.indicators.registry import (
    RATE,
    Figure,
    Period,
    dated_count,
    in_scope,
    incomplete_records,
    once,
    period_counts,
    register,
    scope_key,
)

from .models import AdvisorAttendance, AdvisorReview, CatalogItem, Decision, DecisionCatalog, PublicComment

BASIS_713 = "重大行政决策程序暂行条例（国务院令第713号）"


def _catalogs(scope):
    """Catalogs of the decision body in scope: the scope's unit and those below it."""
    return in_scope(DecisionCatalog.objects.all(), scope)


@register(
    code="decisions.catalog.published",
    name="公布重大行政决策事项目录",
    unit="项",
    definition="本年度已公布的重大行政决策事项目录数。",
    basis=f"{BASIS_713}第三条",
)
def catalog_published(period: Period, scope):
    return Figure(
        value=published_by_year(scope).get(period.end.year, 0),
        records=_catalogs(scope).filter(year=period.end.year, status=DecisionCatalog.Status.PUBLISHED),
    )


def published_by_year(scope) -> dict[int, int]:
    """{year: catalogs published for it}: one statement for every year, shared by the published catalogs and the
    consecutive years of both periods (issue 19)."""

    def compute() -> dict[int, int]:
        published = _catalogs(scope).filter(status=DecisionCatalog.Status.PUBLISHED).order_by()
        return dict(published.values_list("year").annotate(n=Count("pk")).values_list("year", "n"))

    return once(("decisions.catalogs", scope_key(scope)), compute)


@register(
    code="decisions.catalog.consecutive_years",
    name="连续编制并公布决策事项目录年数",
    unit="年",
    definition="截至本年度，决策机关连续编制并公布重大行政决策事项目录的年数（本年未公布为0）。",
    basis=f"{BASIS_713}第三条",
)
def catalog_consecutive_years(period: Period, scope):
    published = _catalogs(scope).filter(status=DecisionCatalog.Status.PUBLISHED, year__lte=period.end.year)
    years = {year for year in published_by_year(scope) if year <= period.end.year}
    count, year = 0, period.end.year
    while year in years:
        count += 1
        year -= 1
    records = published.filter(year__gt=period.end.year - count)
    return Figure(value=count, records=records)


@register(
    code="decisions.catalog.items",
    name="列入目录的决策事项",
    unit="项",
    definition="本年度已公布目录中的决策事项数。",
    basis=f"{BASIS_713}第三条",
)
def catalog_items(period: Period, scope):
    items = CatalogItem.objects.filter(
        catalog__year=period.end.year, catalog__status=DecisionCatalog.Status.PUBLISHED
    )
    return Figure(
        value=items_by_year(scope).get(period.end.year, 0),
        records=in_scope(items, scope, "catalog__organization"),
    )


def items_by_year(scope) -> dict[int, int]:
    """{year: items of the catalogs published for it}: one statement for every year (issue 19)."""

    def compute() -> dict[int, int]:
        items = CatalogItem.objects.filter(catalog__status=DecisionCatalog.Status.PUBLISHED)
        items = in_scope(items, scope, "catalog__organization").order_by()
        return dict(
            items.values_list("catalog__year").annotate(n=Count("pk")).values_list("catalog__year", "n")
        )

    return once(("decisions.catalog_items", scope_key(scope)), compute)


DECIDED = [Decision.Status.PUBLICATION, Decision.Status.IMPLEMENTATION, Decision.Status.ARCHIVED]


def decided_in(period: Period, scope):
    """Decisions whose collective decision was taken in the period (decided, published, in force or archived)."""
    decided = Decision.objects.filter(
        status__in=DECIDED, **period.range_filter("collective_discussion__completed_on")
    )
    return in_scope(decided, scope)


def _settled(name: str) -> Q:
    """A procedure record that is complete, or lawfully not applicable with its reason."""
    return Q(**{f"{name}__completed_on__isnull": False}) | (
        Q(**{f"{name}__applicable": False}) & ~Q(**{f"{name}__not_applicable_reason": ""})
    )


@register(
    code="decisions.procedures.completion_rate",
    name="重大行政决策法定程序完成率",
    unit="%",
    definition="本年度作出的重大行政决策中，公众参与、专家论证、风险评估、合法性审查、集体讨论决定各适用程序均已完成的比例。",
    basis=f"{BASIS_713}第四条",
    kind=RATE,
)
def procedure_completion_rate(period: Period, scope):
    decided, complete = decided_in(period, scope), completed_in(period, scope)
    counts = period_counts(
        lambda: in_scope(Decision.objects.all(), scope),
        period,
        _completion,
        within=lambda before, period: Q(
            collective_discussion__completed_on__gte=before.start,
            collective_discussion__completed_on__lte=period.end,
        ),
        key=("decisions.completion", scope_key(scope)),
    )
    return Figure.rate_of(counts["complete"], counts["decided"], complete, decided)


def _complete() -> Q:
    """Every applicable procedure of a decision completed (the procedure records are one per decision)."""
    return (
        _settled("public_participation")
        & _settled("expert_argumentation")
        & _settled("risk_assessment")
        & Q(
            legality_review__status="concluded",
            legality_review__final_opinion__in=["lawful", "lawful_after_revision"],
            collective_discussion__result__in=["approved", "approved_in_principle"],
        )
    )


def completed_in(period: Period, scope):
    """The decisions taken in the period whose every applicable procedure was completed."""
    return decided_in(period, scope).filter(_complete())


def _completion(period: Period) -> dict[str, Q]:
    """decided_in and completed_in as conditions on the decisions, for one statement over both years: the procedure
    records are joined once (LEFT JOIN: a decision without one is not complete, as with completed_in's joins), not
    as a `pk IN (…)` subquery of six tables per year (issue 19: planned twice, 28 ms of planning for 3.7 ms of
    execution on the province, where the floor takes 7 ms)."""
    decided = Q(status__in=DECIDED, **period.range_filter("collective_discussion__completed_on"))
    return {"decided": decided, "complete": decided & _complete()}


def _comments(period: Period, scope):
    comments = PublicComment.objects.filter(**period.range_filter("received_on"))
    return in_scope(comments, scope, "participation__decision__organization")


@register(
    code="decisions.public_comments.received",
    name="决策公众参与收到意见",
    unit="条",
    definition="本年度收到的重大行政决策公众意见条数。",
    basis=f"{BASIS_713}第十四至十八条",
)
def public_comments_received(period: Period, scope):
    return Figure(value=comment_counts(period, scope)["received"], records=_comments(period, scope))


ANSWERED = Q(answered_on__isnull=False) & ~Q(response="")


def _comment_counts(period: Period) -> dict[str, Q]:
    received = Q(**period.range_filter("received_on"))
    return {"received": received, "answered": received & ANSWERED}


def comment_counts(period: Period, scope) -> dict[str, int]:
    """Public comments received in the period and those answered: one statement for both years (issue 19)."""
    return period_counts(
        lambda: in_scope(PublicComment.objects.all(), scope, "participation__decision__organization"),
        period,
        _comment_counts,
        key=("decisions.comments", scope_key(scope)),
    )


@register(
    code="decisions.public_comments.answered_rate",
    name="决策公众意见反馈率",
    unit="%",
    definition="本年度收到的公众意见中，已说明采纳情况及理由并反馈的比例。",
    basis=f"{BASIS_713}第十七条",
    kind=RATE,
)
def public_comments_answered_rate(period: Period, scope):
    received, counts = _comments(period, scope), comment_counts(period, scope)
    answered = received.filter(answered_on__isnull=False).exclude(response="")
    return Figure.rate_of(counts["answered"], counts["received"], answered, received)


@register(
    code="decisions.advisors.attendances",
    name="法律顾问列席政府会议",
    unit="次",
    definition="本年度法律顾问列席政府常务会、专题会等会议的人次。",
    basis="中共中央办公厅 国务院办公厅《关于推行法律顾问制度和公职律师公司律师制度的意见》",
)
def advisor_attendances(period: Period, scope):
    records = in_scope(AdvisorAttendance.objects.all(), scope)
    value = dated_count(lambda: records, "held_on", period, ("decisions.attendances", scope_key(scope)))
    return Figure(value=value, records=records.filter(**period.range_filter("held_on")))


@register(
    code="decisions.advisors.reviews",
    name="法律顾问审查合同、文件",
    unit="件",
    definition="本年度法律顾问出具审查意见的合同、文件等件数。",
    basis="中共中央办公厅 国务院办公厅《关于推行法律顾问制度和公职律师公司律师制度的意见》",
)
def advisor_reviews(period: Period, scope):
    records = in_scope(AdvisorReview.objects.all(), scope)
    value = dated_count(
        lambda: records, "completed_on", period, ("decisions.advisor_reviews", scope_key(scope))
    )
    return Figure(value=value, records=records.filter(**period.range_filter("completed_on")))


STEPS_WITH_DATES = ("public_participation", "expert_argumentation", "risk_assessment")


@incomplete_records("decisions.procedures.completion_rate", note="缺少程序步骤的开始或完成日期")
def decisions_missing_step_dates(period, scope):
    """Decisions taken in the period with an applicable step (public participation, expert argumentation, risk
    assessment) lacking its start or completion date: the report lists them before it is issued."""
    missing = Q()
    for step in STEPS_WITH_DATES:
        missing |= Q(**{f"{step}__applicable": True, f"{step}__completed_on__isnull": True})
        missing |= Q(**{f"{step}__applicable": True, f"{step}__started_on__isnull": True})
    return decided_in(period, scope).filter(missing).distinct()
