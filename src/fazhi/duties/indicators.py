"""Figures of leaders' duties and study and of demonstration creation, by kind and year, each computed in the
database from the activity ledger and the projects."""

from __future__ import annotations

from django.db.models import Count, Q

from fazhi.indicators.registry import Figure, Period, in_scope, period_counts, register, scope_key

from .models import Activity, ActivityKind, ActivityParticipant, DemonstrationProject
from .rules import activities as rules
from .rules.demonstration import DEMONSTRATION_BASIS
from .selectors.activities import who


def activities(kind: str, period: Period, scope):
    qs = Activity.objects.filter(kind=kind, **period.range_filter("held_on"))
    return in_scope(qs, scope)


def participants(kind: str, period: Period, scope):
    qs = ActivityParticipant.objects.filter(activity__kind=kind, **period.range_filter("activity__held_on"))
    return in_scope(qs, scope, "activity__organization")


# The kinds whose figure counts the units holding them (a COUNT(DISTINCT) each, so only for those kinds).
UNIT_KINDS = (ActivityKind.MEETING_REPORT,)


def _activity_counts(period: Period) -> dict:
    held = Q(**period.range_filter("held_on"))
    return {
        **{f"count:{kind}": held & Q(kind=kind) for kind in ActivityKind.values},
        **{
            f"units:{kind}": Count("organization", distinct=True, filter=held & Q(kind=kind))
            for kind in UNIT_KINDS
        },
    }


def activity_counts(period: Period, scope, *names: str) -> dict:
    """{"count:<kind>": activities of each kind held in the period, "units:<kind>": different units holding them
    (UNIT_KINDS)}: one statement for the period and the year before, shared by the figures of every kind
    (issue 19); `names`: the counts the calling figure reads (only they are computed for a figure evaluated alone)."""
    return period_counts(
        lambda: in_scope(Activity.objects.all(), scope),
        period,
        _activity_counts,
        within=lambda before, period: Q(held_on__gte=before.start, held_on__lte=period.end),
        key=("duties.activities", scope_key(scope)),
        names=names,
    )


def _people_counts(period: Period) -> dict:
    return {"people": Count(who(), distinct=True, filter=Q(**period.range_filter("activity__held_on")))}


def people_counts(period: Period, scope) -> dict[str, dict]:
    """{kind: {"people": different people taking part in the period}} (selectors.activities.distinct_people): one
    grouped statement for the period and the year before."""
    return period_counts(
        lambda: in_scope(ActivityParticipant.objects.all(), scope, "activity__organization"),
        period,
        _people_counts,
        within=lambda before, period: Q(
            activity__held_on__gte=before.start, activity__held_on__lte=period.end
        ),
        group="activity__kind",
        key=("duties.participants", scope_key(scope)),
    )


def _people_figure(kind: str):
    def compute(period: Period, scope) -> Figure:
        value = people_counts(period, scope).get(kind, {}).get("people") or 0
        return Figure(value=value, records=participants(kind, period, scope))

    return compute


def _units_figure(kind: str):
    if kind not in UNIT_KINDS:
        raise ValueError(f"{kind}: a figure counting units needs its kind in UNIT_KINDS")

    def compute(period: Period, scope) -> Figure:
        value = activity_counts(period, scope, f"units:{kind}")[f"units:{kind}"]
        return Figure(value=value, records=activities(kind, period, scope))

    return compute


def _count_figure(kind: str):
    def compute(period: Period, scope) -> Figure:
        value = activity_counts(period, scope, f"count:{kind}")[f"count:{kind}"]
        return Figure(value=value, records=activities(kind, period, scope))

    return compute


PEOPLE = "人"
DISTINCT_PEOPLE = "同一人在期内多次{what}只计一次：登记为平台人员的按人员计，只填写姓名的按姓名计。"

for code, kind, name, unit, definition, make in [
    (
        "duties.lecture.leaders",
        ActivityKind.LECTURE,
        "主要负责人带头讲法",
        PEOPLE,
        "期内登记为“主要负责人讲法”的活动中讲法的主要负责人人数；" + DISTINCT_PEOPLE.format(what="讲法"),
        _people_figure,
    ),
    (
        "duties.meeting_report.units",
        ActivityKind.MEETING_REPORT,
        "在依法治区委员会办公室会议上专题述法的部门",
        "个",
        "期内登记为“依法治区委员会办公室会议述法”的活动涉及的述法单位数（同一单位多次述法只计一次）。",
        _units_figure,
    ),
    (
        "duties.written_report.cadres",
        ActivityKind.WRITTEN_REPORT,
        "领导干部书面述法",
        PEOPLE,
        "期内登记为“领导干部书面述法”的活动中书面述法的领导干部人数；" + DISTINCT_PEOPLE.format(what="述法"),
        _people_figure,
    ),
    (
        "duties.pre_meeting_study.sessions",
        ActivityKind.PRE_MEETING_STUDY,
        "政府常务会议会前学法",
        "次",
        "期内登记为“政府常务会议会前学法”的活动次数（每次会议一条）。",
        _count_figure,
    ),
    (
        "duties.training.sessions",
        ActivityKind.TRAINING,
        "法治专题培训（习近平法治思想等）",
        "场次",
        "期内登记为“法治专题培训”的活动场次。",
        _count_figure,
    ),
    (
        "duties.party_deployment.meetings",
        ActivityKind.PARTY_DEPLOYMENT,
        "党委（党组）研究部署法治政府建设",
        "次",
        "期内登记为“党委（党组）研究部署”的会议次数（区委常委会、依法治区委员会会议等）。",
        _count_figure,
    ),
    (
        "duties.executive_report.meetings",
        ActivityKind.EXECUTIVE_REPORT,
        "政府常务会议专题听取法治政府建设汇报",
        "次",
        "期内登记为“政府常务会议听取汇报”的会议次数。",
        _count_figure,
    ),
    (
        "duties.government_study.meetings",
        ActivityKind.GOVERNMENT_STUDY,
        "政府研究法治政府建设相关工作",
        "次",
        "期内登记为“政府研究法治政府建设工作”的会议次数（不含会前学法和听取汇报）。",
        _count_figure,
    ),
    (
        "duties.unit_deployment.meetings",
        ActivityKind.UNIT_DEPLOYMENT,
        "各部门、乡镇（街道）研究部署相关工作",
        "次",
        "期内登记为“部门和乡镇（街道）研究部署”的会议次数，各单位合计。",
        _count_figure,
    ),
]:
    register(code=code, name=name, unit=unit, definition=definition, basis=rules.KIND_RULES[kind].basis)(
        make(kind)
    )

# Demonstration creation ----------------------------------------------------------------------------------------


@register(
    code="duties.demonstration.named",
    name="获命名的法治政府建设示范项目（地区）",
    unit="个",
    definition="命名日期在期内的示范创建项目数（自治区级和全国合计，可按级别查看记录）。",
    basis=DEMONSTRATION_BASIS,
)
def demonstration_named(period: Period, scope):
    qs = DemonstrationProject.objects.filter(
        stage=DemonstrationProject.Stage.NAMED, **period.range_filter("named_on")
    )
    return Figure(value=demonstration_counts(period, scope, "named")["named"], records=in_scope(qs, scope))


def _demonstration_counts(period: Period) -> dict[str, Q]:
    return {
        "named": Q(stage=DemonstrationProject.Stage.NAMED, **period.range_filter("named_on")),
        "shortlisted": Q(**period.range_filter("shortlisted_on")),
    }


def demonstration_counts(period: Period, scope, *names: str) -> dict[str, int]:
    """Projects named and shortlisted in the period: one statement for the period and the year before (`names`: see
    activity_counts)."""
    return period_counts(
        lambda: in_scope(DemonstrationProject.objects.all(), scope),
        period,
        _demonstration_counts,
        key=("duties.demonstration", scope_key(scope)),
        names=names,
    )


@register(
    code="duties.demonstration.shortlisted",
    name="入围法治政府建设示范创建的项目",
    unit="个",
    definition="入围日期在期内的示范创建项目数（其后通过评审或获命名的仍计入入围当年）。",
    basis=DEMONSTRATION_BASIS,
)
def demonstration_shortlisted(period: Period, scope):
    qs = DemonstrationProject.objects.filter(**period.range_filter("shortlisted_on"))
    return Figure(
        value=demonstration_counts(period, scope, "shortlisted")["shortlisted"], records=in_scope(qs, scope)
    )
