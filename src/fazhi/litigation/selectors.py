"""Reads of lawsuits and liaison meetings, always scoped through core.access; a lawsuit's timeline; the 工作台
warnings of defence deadlines and of effective judgments not yet performed; cases by responsible department."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.urls import NoReverseMatch, reverse

from fazhi.core import access, workflow
from fazhi.core.models import User
from fazhi.core.workbench import PENDING, WorkItem, level_for, provider
from fazhi.indicators.registry import Period, in_scope

from . import rules
from .models import Hearing, Lawsuit, LiaisonMeeting

S = Lawsuit.Status


def lawsuits_for(user: User, action: str = access.VIEW) -> QuerySet[Lawsuit]:
    return access.scope(
        user,
        Lawsuit.objects.select_related(
            "defendant", "responsible_department", "first_instance", "supervision_clue"
        ),
        action,
    )


def hearings_for(user: User, lawsuit: Lawsuit) -> QuerySet[Hearing]:
    return access.scope(user, Hearing.objects.filter(lawsuit=lawsuit).select_related("head"))


def meetings_for(user: User, action: str = access.VIEW) -> QuerySet[LiaisonMeeting]:
    return access.scope(user, LiaisonMeeting.objects.select_related("organization"), action)


def later_instances(user: User, lawsuit: Lawsuit) -> QuerySet[Lawsuit]:
    return lawsuits_for(user).filter(first_instance=lawsuit).order_by("served_on", "pk")


# Timeline -----------------------------------------------------------------------------------------------------

DONE, CURRENT, WAITING, OVERDUE, SKIPPED = "done", "current", "waiting", "overdue", "not_applicable"
STEP_LABELS = {DONE: "已完成", CURRENT: "进行中", WAITING: "未开始", OVERDUE: "已逾期", SKIPPED: "不适用"}


@dataclass
class Step:
    key: str
    label: str
    state: str
    on: dt.date | None = None
    deadline: dt.date | None = None
    note: str = ""
    details: list[str] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return STEP_LABELS[self.state]


def _hearing_text(h: Hearing) -> str:
    if h.head_appeared:
        who = f"{h.head.name}（{h.head.position}）" if h.head.position else h.head.name
        return f"{h.held_on:%Y年%m月%d日}开庭：行政机关负责人{who}出庭应诉"
    return (
        f"{h.held_on:%Y年%m月%d日}开庭：负责人未出庭（{h.absence_reason}），已提交加盖印章的书面说明，"
        f"由{h.staff}出庭"
    )


def timeline(lawsuit: Lawsuit, today: dt.date) -> list[Step]:
    """Service, defence (with its deadline and how it was computed), hearings, judgment, effect, performance."""
    status = lawsuit.status
    judged = status in (S.JUDGED, S.APPEALED, S.EFFECTIVE, S.CLOSED)
    steps = [
        Step(
            "served",
            "收到起诉状副本",
            DONE,
            on=lawsuit.served_on,
            note=f"{lawsuit.court}立案" + (f"于{lawsuit.filed_on:%Y年%m月%d日}" if lawsuit.filed_on else ""),
        )
    ]
    defence = Step(
        "defence", "提交答辩状及证据", WAITING, deadline=lawsuit.defence_due, note=lawsuit.defence_explanation
    )
    if lawsuit.defence_submitted_on:
        defence.state, defence.on = DONE, lawsuit.defence_submitted_on
        if lawsuit.defence_submitted_on > lawsuit.defence_due:
            defence.details.append(
                "逾期提交：被告无正当理由逾期提供证据的，视为没有相应证据（行政诉讼法第三十四条）"
            )
    elif judged:
        defence.state = SKIPPED
        defence.details.append("未提交答辩即裁判结案")
    else:
        defence.state = OVERDUE if lawsuit.defence_due < today else CURRENT
    steps.append(defence)

    hearings = list(lawsuit.hearings.select_related("head").order_by("held_on", "pk"))
    hearing = Step("hearings", "开庭审理", WAITING, details=[_hearing_text(h) for h in hearings])
    if hearings:
        hearing.on = hearings[-1].held_on
        hearing.state = DONE if judged else CURRENT
    elif judged:
        hearing.state = SKIPPED
    elif status == S.DEFENDED:
        hearing.state = CURRENT
    steps.append(hearing)

    judgment = Step("judgment", "判决、裁定", WAITING, on=lawsuit.judged_on)
    if judged:
        judgment.state = DONE
        judgment.details.append(
            f"{lawsuit.get_outcome_display()}（{lawsuit.result_label}；{lawsuit.outcome_rule.article}）"
        )
        if lawsuit.judgment_summary:
            judgment.details.append(lawsuit.judgment_summary)
    steps.append(judgment)

    effect = Step("effective", "裁判生效", WAITING, on=lawsuit.effective_on)
    if status == S.APPEALED:
        effect.state = SKIPPED
        effect.details.append(f"{lawsuit.appellant}于{lawsuit.appealed_on:%Y年%m月%d日}上诉，裁判未生效")
    elif lawsuit.effective_on:
        effect.state = DONE
    elif status == S.JUDGED:
        effect.state = CURRENT
    steps.append(effect)

    performance = Step(
        "performance", "履行生效裁判", WAITING, on=lawsuit.performed_on, deadline=lawsuit.performance_due
    )
    if lawsuit.performed_on:
        performance.state = DONE
        performance.details.append(lawsuit.performance_note)
    elif status == S.EFFECTIVE:
        late = lawsuit.performance_due and lawsuit.performance_due < today
        performance.state = OVERDUE if late else CURRENT
        if lawsuit.performance_due:
            performance.note = "履行期限由生效裁判确定"
    elif status == S.CLOSED or status == S.APPEALED or (judged and not lawsuit.outcome_rule.performance):
        performance.state = SKIPPED
        if status != S.APPEALED:
            performance.details.append("该裁判结果不使行政机关负有履行义务")
    steps.append(performance)
    return steps


def available_transitions(lawsuit: Lawsuit, user: User) -> list[dict]:
    return workflow.available(lawsuit, user)


# Figures by department ----------------------------------------------------------------------------------------


def received_in(period: Period, scope=None) -> QuerySet[Lawsuit]:
    """Lawsuits served on the district's agencies in the period (every instance counts as a case)."""
    return in_scope(
        Lawsuit.objects.filter(**period.range_filter("served_on")), scope, "responsible_department"
    )


def by_department(period: Period, scope=None) -> list[dict]:
    """Cases received in the period per responsible department, most first (one grouped query)."""
    rows = (
        received_in(period, scope)
        .values("responsible_department", "responsible_department__name", "responsible_department__code")
        .annotate(count=Count("pk"))
        .order_by("-count", "responsible_department__code")
    )
    return [
        {
            "department_id": r["responsible_department"],
            "department": r["responsible_department__name"],
            "code": r["responsible_department__code"],
            "count": r["count"],
        }
        for r in rows
    ]


# 工作台 --------------------------------------------------------------------------------------------------------


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def defence_due(user: User, on: dt.date, within_days: int = rules.DUE_WARNING_DAYS) -> QuerySet[Lawsuit]:
    """Lawsuits awaiting the defence whose deadline is within `within_days` days of `on`, or past."""
    return (
        lawsuits_for(user, access.CHANGE)
        .filter(status=S.SERVED, defence_due__lte=on + dt.timedelta(days=within_days))
        .order_by("defence_due", "pk")
    )


def unperformed(user: User) -> QuerySet[Lawsuit]:
    return lawsuits_for(user, access.CHANGE).filter(status=S.EFFECTIVE).order_by("effective_on", "pk")


@provider
def litigation_warnings(user: User, on: dt.date) -> list[WorkItem]:
    """Defence deadlines near or past; effective judgments the agency has not yet performed."""
    items = [
        WorkItem(
            title=f"行政诉讼{s.case_number}应于{s.defence_due:%Y年%m月%d日}前提交答辩状及证据",
            category="行政应诉",
            level=level_for(s.defence_due, on, warn_days=rules.DUE_WARNING_DAYS),
            due=s.defence_due,
            url=_url("litigation:detail", s.pk),
            unit=s.responsible_department.name,
            detail=s.defence_explanation,
        )
        for s in defence_due(user, on)
    ]
    for s in unperformed(user):
        due = s.performance_due
        items.append(
            WorkItem(
                title=f"行政诉讼{s.case_number}的生效裁判尚未履行（{s.get_outcome_display()}）",
                category="行政应诉",
                level=level_for(due, on, warn_days=rules.DUE_WARNING_DAYS) if due else PENDING,
                due=due,
                url=_url("litigation:detail", s.pk),
                unit=s.responsible_department.name,
                detail=f"裁判于{s.effective_on:%Y年%m月%d日}生效"
                + (f"，履行期限{due:%Y年%m月%d日}" if due else "，请及时履行并登记履行情况"),
            )
        )
    return items
