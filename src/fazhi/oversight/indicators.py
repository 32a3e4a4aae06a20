"""Figures of inspections, the rectification ledger and the task ledger, each computed in the database from records.
Rectification figures count the items opened (交办) in the period; task figures count tasks due in the period."""

from __future__ import annotations

from django.db.models import Count, F, Q

from fazhi.core import clock
from fazhi.indicators.registry import (
    RATE,
    Figure,
    Period,
    in_scope,
    period_counts,
    register,
    scope_key,
)

from .models import InspectedUnit, Inspection, InspectionFinding, RectificationItem, SourceKind, Task

BASIS = "《法治政府建设与责任落实督察工作规定》"


def _inspections(period: Period, scope):
    return in_scope(Inspection.objects.filter(**period.range_filter("held_on")), scope)


@register(
    code="oversight.inspections.held",
    name="开展法治督察（督查）",
    unit="次",
    definition="本期开展的督查、法治督察、依托巡察的督察，以及收到的中央和省（自治区）督察反馈。",
    basis=f"{BASIS}第十四条",
)
def inspections_held(period: Period, scope):
    return Figure(value=inspection_counts(period, scope, "held")["held"], records=_inspections(period, scope))


def _inspection_counts(period: Period) -> dict[str, Q]:
    held = Q(**period.range_filter("held_on"))
    # the inspections with a co-organizer, hashed once per statement (not an EXISTS per inspection)
    joint = Q(pk__in=Inspection.co_organizers.through.objects.values("inspection_id"))
    return {"held": held, "joint": held & joint}


def inspection_counts(period: Period, scope, *names: str) -> dict[str, int]:
    """The inspections held in the period and those of them organized jointly: one statement for the period and the
    year before (issue 19); `names`: the counts the calling figure reads (only they are computed for a figure
    evaluated alone)."""
    return period_counts(
        lambda: in_scope(Inspection.objects.all(), scope),
        period,
        _inspection_counts,
        key=("oversight.inspections", scope_key(scope)),
        names=names,
    )


@register(
    code="oversight.inspections.joint",
    name="联合开展法治政府建设督查",
    unit="次",
    definition="本期由两个以上单位联合组织（登记有联合组织单位）的督查、督察次数。",
    basis=f"{BASIS}第十四条",
)
def inspections_joint(period: Period, scope):
    return Figure(
        value=inspection_counts(period, scope, "joint")["joint"],
        records=_inspections(period, scope).filter(co_organizers__isnull=False).distinct(),
    )


@register(
    code="oversight.inspections.patrol_units",
    name="依托政治巡察督察的单位",
    unit="个",
    definition="本期依托政治巡察对法治政府建设工作进行督察的被督察单位数（同一单位只计一次）。",
    basis=f"{BASIS}第十七条（督察与巡察监督协作配合）",
)
def patrol_units(period: Period, scope):
    records = InspectedUnit.objects.filter(
        inspection__kind=Inspection.Kind.PATROL, **period.range_filter("inspection__held_on")
    )
    records = in_scope(records, scope, "inspection__organization")
    units = period_counts(
        lambda: in_scope(InspectedUnit.objects.all(), scope, "inspection__organization"),
        period,
        _patrol_units,
        within=lambda before, period: Q(
            inspection__kind=Inspection.Kind.PATROL,
            inspection__held_on__gte=before.start,
            inspection__held_on__lte=period.end,
        ),
        key=("oversight.patrol_units", scope_key(scope)),
    )
    return Figure(value=units["units"], records=records)


def _patrol_units(period: Period) -> dict[str, Count]:
    """The distinct units inspected through a patrol in the period (one statement for both years)."""
    return {
        "units": Count("organization", distinct=True, filter=Q(**period.range_filter("inspection__held_on")))
    }


@register(
    code="oversight.inspections.findings",
    name="督察发现问题",
    unit="个",
    definition="本期督察发现并记录的问题数。",
    basis=f"{BASIS}第二十六条",
)
def inspection_findings(period: Period, scope):
    findings = InspectionFinding.objects.filter(**period.range_filter("inspection__held_on"))
    counts = period_counts(
        lambda: in_scope(InspectionFinding.objects.all(), scope),
        period,
        _findings,
        key=("oversight.findings", scope_key(scope)),
    )
    return Figure(value=counts["findings"], records=in_scope(findings, scope))


def _findings(period: Period) -> dict[str, Q]:
    return {"findings": Q(**period.range_filter("inspection__held_on"))}


def _items(period: Period, scope, kind: str | None = None):
    items = RectificationItem.objects.filter(**period.range_filter("opened_on"))
    if kind:
        items = items.filter(source_kind=kind)
    return in_scope(items, scope)


def _overdue(items):
    """Rectified after the deadline, or not rectified and the deadline has passed today."""
    today = clock.today()
    return items.filter(Q(rectified_on__gt=F("deadline")) | Q(rectified_on__isnull=True, deadline__lt=today))


COUNTS = [
    (
        "items",
        "整改问题",
        "本期交办的整改事项数（督察发现问题、案卷评查问题、执法监督线索等）。",
        lambda q: q,
    ),
    (
        "rectified",
        "已整改问题",
        "本期交办的整改事项中已整改（含已销号、已巩固）的数量。",
        lambda q: q.filter(status__in=RectificationItem.DONE),
    ),
    (
        "signed_off",
        "已销号问题",
        "本期交办的整改事项中经督察机构审核销号（含已巩固）的数量。",
        lambda q: q.filter(
            status__in=[RectificationItem.Status.SIGNED_OFF, RectificationItem.Status.CONSOLIDATED]
        ),
    ),
    (
        "consolidated",
        "已巩固问题",
        "本期交办的整改事项中经回头看核查巩固的数量。",
        lambda q: q.filter(status=RectificationItem.Status.CONSOLIDATED),
    ),
    ("overdue", "逾期整改问题", "本期交办的整改事项中逾期整改完成或至今逾期未整改的数量。", _overdue),
    (
        "escalated",
        "挂牌督办问题",
        "本期交办的整改事项中被挂牌督办的数量。",
        lambda q: q.filter(escalated_on__isnull=False),
    ),
]


S = RectificationItem.Status
# The counts that follow from the items' statuses alone: read from one grouped query per period (registry.shared).
BY_STATUS = {
    "items": tuple(S.values),
    "rectified": tuple(RectificationItem.DONE),
    "signed_off": (S.SIGNED_OFF, S.CONSOLIDATED),
    "consolidated": (S.CONSOLIDATED,),
}


def _item_counts(period: Period) -> dict[str, Q]:
    """The items opened in the period, those overdue and those escalated (grouped by status in item_counts)."""
    opened = Q(**period.range_filter("opened_on"))
    late = Q(rectified_on__gt=F("deadline")) | Q(rectified_on__isnull=True, deadline__lt=clock.today())
    return {"opened": opened, "overdue": opened & late, "escalated": opened & Q(escalated_on__isnull=False)}


def item_counts(period: Period, scope) -> dict[str, int]:
    """The ledger's counts for the period (COUNTS' statuses, overdue, escalated, every item opened): one statement
    grouped by status for the period and the year before, shared by the counts and the rate (issue 19)."""
    by_status = period_counts(
        lambda: in_scope(RectificationItem.objects.all(), scope),
        period,
        _item_counts,
        within=_opened_in_either,
        group="status",
        key=("oversight.items", scope_key(scope)),
    )
    counts = {
        key: sum(c["opened"] for status, c in by_status.items() if status in statuses)
        for key, statuses in BY_STATUS.items()
    }
    for name in ("overdue", "escalated", "opened"):
        counts[name] = sum(c[name] for c in by_status.values())
    return counts


def _count_indicator(key: str, name: str, definition: str, narrow):
    def compute(period: Period, scope):
        return Figure(value=item_counts(period, scope)[key], records=narrow(_items(period, scope)))

    register(
        code=f"oversight.rectification.{key}",
        name=name,
        unit="个",
        definition=definition,
        basis=f"{BASIS}第二十六条",
    )(compute)


for _key, _name, _definition, _narrow in COUNTS:
    _count_indicator(_key, _name, _definition, _narrow)


@register(
    code="oversight.rectification.rate",
    name="问题整改率",
    unit="%",
    definition="本期交办的整改事项中已整改（含已销号、已巩固）的比例。",
    basis=f"{BASIS}第二十六条",
    kind=RATE,
)
def rectification_rate(period: Period, scope):
    items, counts = _items(period, scope), item_counts(period, scope)
    return Figure.rate_of(
        counts["rectified"], counts["opened"], items.filter(status__in=RectificationItem.DONE), items
    )


def _opened_in_either(before: Period, period: Period) -> Q:
    return Q(opened_on__gte=before.start, opened_on__lte=period.end)


def _by_source(period: Period) -> dict[str, Q]:
    """The items opened in the period and those of them rectified (已整改、已销号、已巩固), by source kind."""
    opened = Q(**period.range_filter("opened_on"))
    return {"items": opened, "done": opened & Q(status__in=RectificationItem.DONE)}


def by_source(period: Period, scope) -> dict[str, dict[str, int]]:
    """{source kind: {"items": n, "done": n}} for the period: one grouped statement for the period and the year
    before, shared by the by-source counts and rates (a statement of its own: with the ledger's other counts in it,
    fourteen FILTER columns grouped by source, a figure timed alone paid twice the time, issue 19)."""
    return period_counts(
        lambda: in_scope(RectificationItem.objects.all(), scope),
        period,
        _by_source,
        within=_opened_in_either,
        group="source_kind",
        key=("oversight.items", scope_key(scope)),
    )


def _by_kind(kind: str, label: str):
    def count(period: Period, scope):
        return Figure(
            value=by_source(period, scope).get(kind, {}).get("items", 0),
            records=_items(period, scope, kind),
        )

    def rate(period: Period, scope):
        counts = by_source(period, scope).get(kind, {})
        items = _items(period, scope, kind)
        return Figure.rate_of(
            counts.get("done", 0),
            counts.get("items", 0),
            items.filter(status__in=RectificationItem.DONE),
            items,
        )

    register(
        code=f"oversight.rectification.by_source.{kind}.items",
        name=f"整改问题（{label}）",
        unit="个",
        definition=f"本期交办的来源为“{label}”的整改事项数。",
        basis=f"{BASIS}第二十六条",
    )(count)
    register(
        code=f"oversight.rectification.by_source.{kind}.rate",
        name=f"问题整改率（{label}）",
        unit="%",
        definition=f"本期交办的来源为“{label}”的整改事项中已整改的比例。",
        basis=f"{BASIS}第二十六条",
        kind=RATE,
    )(rate)


for _kind, _label in SourceKind.choices:
    _by_kind(_kind, _label)


def _tasks(period: Period, scope):
    return in_scope(Task.objects.filter(**period.range_filter("deadline")), scope, "lead_unit")


def _task_counts(period: Period) -> dict[str, Q]:
    due = Q(**period.range_filter("deadline"))
    late = Q(completed_on__gt=F("deadline")) | Q(completed_on__isnull=True, deadline__lt=clock.today())
    return {"due": due, "on_time": due & ON_TIME, "late": due & late}


ON_TIME = Q(completed_on__isnull=False, completed_on__lte=F("deadline"))


def task_counts(period: Period, scope, *names: str) -> dict[str, int]:
    """The tasks due in the period, those completed on time and those late: one statement for the period and the
    year before (issue 19); `names`: see inspection_counts."""
    return period_counts(
        lambda: in_scope(Task.objects.all(), scope, "lead_unit"),
        period,
        _task_counts,
        key=("oversight.tasks", scope_key(scope)),
        names=names,
    )


@register(
    code="oversight.tasks.due",
    name="任务分工台账任务",
    unit="项",
    definition="完成时限在本期内的任务数（按牵头单位统计）。",
    basis="法治政府建设年度工作要点、专项行动任务分工方案",
)
def tasks_due(period: Period, scope):
    return Figure(value=task_counts(period, scope, "due")["due"], records=_tasks(period, scope))


@register(
    code="oversight.tasks.on_time",
    name="按时完成任务",
    unit="项",
    definition="完成时限在本期内、且在时限内完成的任务数。",
    basis="法治政府建设年度工作要点、专项行动任务分工方案",
)
def tasks_on_time(period: Period, scope):
    return Figure(
        value=task_counts(period, scope, "on_time")["on_time"], records=_tasks(period, scope).filter(ON_TIME)
    )


@register(
    code="oversight.tasks.late",
    name="逾期任务",
    unit="项",
    definition="完成时限在本期内、逾期完成或至今逾期未完成的任务数。",
    basis="法治政府建设年度工作要点、专项行动任务分工方案",
)
def tasks_late(period: Period, scope):
    today = clock.today()
    late = Q(completed_on__gt=F("deadline")) | Q(completed_on__isnull=True, deadline__lt=today)
    return Figure(
        value=task_counts(period, scope, "late")["late"], records=_tasks(period, scope).filter(late)
    )


@register(
    code="oversight.tasks.on_time_rate",
    name="任务按时完成率",
    unit="%",
    definition="完成时限在本期内的任务中按时完成的比例。",
    basis="法治政府建设年度工作要点、专项行动任务分工方案",
    kind=RATE,
)
def tasks_on_time_rate(period: Period, scope):
    tasks, counts = _tasks(period, scope), task_counts(period, scope, "on_time", "due")
    return Figure.rate_of(counts["on_time"], counts["due"], tasks.filter(ON_TIME), tasks)
