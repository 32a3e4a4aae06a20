"""Figures of case-file evaluation (案卷评查), the three systems' self-assessments, enterprise contact points and
reissued certificates, each computed in the database from records. Evaluation figures count the campaigns of the
period's year(s); a scope by unit counts the files and problems of the evaluated bodies' units."""

from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q

from fazhi.core.models import Person
from fazhi.indicators.registry import (
    RATE,
    AnyOf,
    Figure,
    Period,
    both_years,
    in_scope,
    percent,
    period_counts,
    register,
    scope_key,
)
from fazhi.oversight import selectors as oversight_selectors

from ..models import (
    CaseFile,
    CaseFileProblem,
    Certificate,
    ContactPoint,
    Domain,
    EnforcementBody,
    EvaluationCampaign,
    EvaluationReviewer,
    Grade,
)
from ..rules import evaluation as rules
from ..rules.self_assessment import BASIS as BASIS_THREE_SYSTEMS
from ..selectors.contact_points import active_on
from ..selectors.self_assessment import bodies_completing_all
from .certificates import certificate_counts

BASIS = rules.BASIS_EVALUATION
BASIS_CONTACT_POINTS = (
    "《法治政府建设实施纲要（2021—2025年）》：完善行政执法监督机制，建立涉企行政执法监督联系点"
)


def _years(period: Period, scope) -> Q | AnyOf:
    """The period's campaigns. For a unit, as `campaign_id = ANY(ARRAY(…))`: its files are then read through the
    (body, campaign) index, body by body, instead of every file of its bodies (issue 19; city, one county: 7 ms).
    For the whole installation, through the join on the campaign's year: the planner then scans the table in
    parallel (96 ms at city scale) where the array made it walk the campaign index (160 ms)."""
    if scope is None:
        return Q(campaign__year__gte=period.start.year, campaign__year__lte=period.end.year)
    campaigns = EvaluationCampaign.objects.filter(year__gte=period.start.year, year__lte=period.end.year)
    return AnyOf(F("campaign"), campaigns.order_by().values("pk"))


def _evaluated(period: Period, scope):
    files = CaseFile.objects.filter(_years(period, scope)).exclude(grade="")
    return in_scope(files, scope, "body__organization")


def _file_counts(period: Period, scope) -> dict[tuple[str, str, bool], int]:
    """{(grade, domain, vetoed): files evaluated} of the period's campaigns: the grade, domain and veto figures read
    ONE grouped statement for the period and the year before (issue 19: six statements before, each reading the
    same files)."""

    def compute(before: Period, period: Period):
        span = Period(before.start, period.end)
        rows = (
            _evaluated(span, scope)
            .order_by()
            .values_list("campaign__year", "grade", "domain", "vetoed")
            .annotate(n=Count("*"))  # COUNT(*): an index-only scan of casefile_body_campaign_cover
        )
        per: tuple[dict, dict] = ({}, {})
        for year, grade, domain, vetoed, n in rows:
            for i, p in enumerate((before, period)):
                if p.start.year <= year <= p.end.year:
                    per[i][(grade, domain, vetoed)] = per[i].get((grade, domain, vetoed), 0) + n
        return per

    return both_years(("enforcement.files", scope_key(scope)), period, compute)


def _files_by(period: Period, scope, part: int) -> dict:
    """The evaluated files counted by grade (part 0), domain (1) or veto (2)."""
    counts: dict = {}
    for key, n in _file_counts(period, scope).items():
        counts[key[part]] = counts.get(key[part], 0) + n
    return counts


@register(
    code="enforcement.evaluation.files_evaluated",
    name="评查行政执法案卷",
    unit="卷",
    definition="本年度案卷评查活动中已完成评分（得出等次）的行政执法案卷数。",
    basis=BASIS,
)
def files_evaluated(period: Period, scope):
    files = _evaluated(period, scope)
    return Figure(value=sum(_file_counts(period, scope).values()), records=files)


@register(
    code="enforcement.evaluation.problems",
    name="案卷评查发现问题",
    unit="条",
    definition="本年度案卷评查活动中，在被评查案卷中发现并登记的问题条数。",
    basis=BASIS,
)
def problems_found(period: Period, scope):
    return Figure(value=_problems_counts(period, scope)["problems"], records=_problems(period, scope))


def _problems(period: Period, scope):
    return in_scope(
        CaseFileProblem.objects.filter(
            case_file__campaign__year__gte=period.start.year, case_file__campaign__year__lte=period.end.year
        ),
        scope,
    )


def _problem_conditions(period: Period) -> dict[str, Q]:
    """The problems found in the period's campaigns and those of them rectified by the period's end."""
    found = Q(
        case_file__campaign__year__gte=period.start.year, case_file__campaign__year__lte=period.end.year
    )
    # EXISTS probes the item of each problem through the (source type, source id) constraint's index: 48 ms for a
    # province county, 280 ms for the whole province, where `id IN (every rectified item)` hashed them all
    # (128 ms, 356 ms; issue 19)
    rectified_ids = oversight_selectors.rectified_source_ids(CaseFileProblem, by=period.end)
    rectified = Q(Exists(rectified_ids.filter(source_id=OuterRef("pk"))))
    return {"problems": found, "rectified": found & rectified}


def _problem_years(before: Period, period: Period) -> Q:
    return Q(case_file__campaign__year__gte=before.start.year, case_file__campaign__year__lte=period.end.year)


def _problems_counts(period: Period, scope) -> dict[str, int]:
    """The problem figures of the period and the year before in one statement, shared (issue 19)."""
    return period_counts(
        lambda: in_scope(CaseFileProblem.objects.all(), scope),
        period,
        _problem_conditions,
        within=_problem_years,
    )


@register(
    code="enforcement.evaluation.problems_rectified_rate",
    name="案卷评查问题整改率",
    unit="%",
    definition=(
        "本年度案卷评查发现的问题中，其整改事项（整改台账）在年末前已整改完成（已整改、已销号或已巩固）的比例。"
    ),
    basis=BASIS,
    kind=RATE,
)
def problems_rectified_rate(period: Period, scope):
    counts, problems = _problems_counts(period, scope), _problems(period, scope)
    rectified_ids = oversight_selectors.rectified_source_ids(CaseFileProblem, by=period.end)
    return Figure.rate_of(
        counts["rectified"], counts["problems"], problems.filter(pk__in=rectified_ids), problems
    )


@register(
    code="enforcement.evaluation.vetoed",
    name="触及否决项的评查案卷",
    unit="卷",
    definition="本年度已评分案卷中触及否决项（不论得分一律不合格）的案卷数。",
    basis=BASIS,
)
def files_vetoed(period: Period, scope):
    files = _evaluated(period, scope).filter(vetoed=True)
    return Figure(value=_files_by(period, scope, 2).get(True, 0), records=files)


@register(
    code="enforcement.evaluation.pass_rate",
    name="评查案卷合格率",
    unit="%",
    definition="本年度已评分案卷中等次为优秀或合格的比例。",
    basis=BASIS,
    kind=RATE,
)
def pass_rate(period: Period, scope):
    files = _evaluated(period, scope)
    by_grade = _files_by(period, scope, 0)
    evaluated = sum(by_grade.values())
    passed = evaluated - by_grade.get(Grade.UNQUALIFIED, 0)
    return Figure(
        value=percent(passed, evaluated),
        numerator=passed,
        denominator=evaluated,
        numerator_records=files.exclude(grade=Grade.UNQUALIFIED),
        denominator_records=files,
    )


def _register_grade(grade: str, label: str) -> None:
    @register(
        code=f"enforcement.evaluation.grade.{grade}",
        name=f"评查等次为“{label}”的案卷",
        unit="卷",
        definition=f"本年度已评分案卷中等次为“{label}”的案卷数（等次按评查活动设定的分数线计算，触及否决项的为不合格）。",
        basis=BASIS,
    )
    def graded(period: Period, scope):
        files = _evaluated(period, scope).filter(grade=grade)
        return Figure(value=_files_by(period, scope, 0).get(grade, 0), records=files)


def _register_domain(domain: str, label: str) -> None:
    @register(
        code=f"enforcement.evaluation.files.{domain}",
        name=f"评查行政执法案卷（{label}）",
        unit="卷",
        definition=f"本年度已评分案卷中执法领域为“{label}”的案卷数。",
        basis=BASIS,
    )
    def by_domain(period: Period, scope):
        files = _evaluated(period, scope).filter(domain=domain)
        return Figure(value=_files_by(period, scope, 1).get(domain, 0), records=files)


for _grade, _label in Grade.choices:
    _register_grade(_grade, _label)
for _domain, _label in Domain.choices:
    _register_domain(_domain, _label)


@register(
    code="enforcement.evaluation.reviewers",
    name="参加案卷评查人员",
    unit="人",
    definition="本年度案卷评查活动的评查人员人数（来自检察院、执法部门、法律顾问等；同一人参加多次活动计一人）。",
    basis=BASIS,
)
def reviewers(period: Period, scope):
    taking_part = in_scope(
        EvaluationReviewer.objects.filter(_years(period, scope)), scope, "campaign__organization"
    )
    return Figure.count(Person.objects.filter(pk__in=taking_part.values("person_id")))


@register(
    code="enforcement.three_systems.bodies_completed",
    name="完成三项制度自查评估的行政执法主体",
    unit="个",
    definition="本年度对行政执法公示、执法全过程记录、重大执法决定法制审核三项制度均完成自查评估的行政执法主体个数。",
    basis=BASIS_THREE_SYSTEMS,
)
def bodies_completed_three_systems(period: Period, scope):
    bodies = in_scope(EnforcementBody.objects.all(), scope)
    done = bodies_completing_all(bodies, period.start.year, period.end.year)
    return Figure.count(EnforcementBody.objects.filter(pk__in=done.values("pk")))


@register(
    code="enforcement.contact_points.active",
    name="涉企行政执法监督联系点",
    unit="个",
    definition="年末运行中（已设立、未撤销）的涉企行政执法监督联系点个数。",
    basis=BASIS_CONTACT_POINTS,
)
def contact_points_active(period: Period, scope):
    points = in_scope(ContactPoint.objects.all(), scope)
    counts = period_counts(
        lambda: points, period, _points_active, key=("enforcement.contact_points", scope_key(scope))
    )
    return Figure(value=counts["active"], records=active_on(points, period.end))


def _points_active(period: Period) -> dict[str, Q]:
    """selectors.contact_points.active_on(…, period.end) as a condition."""
    end = period.end
    return {"active": Q(established_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))}


@register(
    code="enforcement.certificates.reissued",
    name="补发换发执法证件",
    unit="件",
    definition="本年度补发、换发的执法证件件数（原证随之注销）。",
    basis="《法治政府建设实施纲要（2021—2025年）》：全面推行行政执法人员持证上岗和资格管理制度",
)
def certificates_reissued(period: Period, scope):
    reissued = Certificate.objects.filter(replaces__isnull=False, **period.range_filter("issued_on"))
    return Figure(
        value=certificate_counts(period, scope)["reissued"],
        records=in_scope(reissued, scope, "body__organization"),
    )
