"""Reads of decisions and advisors, always scoped through core.access; the decision timeline; 工作台 items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse

from fazhi.core import access, workflow
from fazhi.core.models import Role, User
from fazhi.core.workbench import DUE_SOON, OVERDUE, PENDING, WorkItem, level_for, provider

from . import rules
from .models import (
    AdvisorAttendance,
    AdvisorReview,
    CatalogItem,
    Decision,
    DecisionCatalog,
    LegalAdvisor,
    Procedure,
)

S = Decision.Status
UNDECIDED = [
    S.REGISTERED,
    S.PUBLIC_PARTICIPATION,
    S.EXPERT_ARGUMENTATION,
    S.RISK_ASSESSMENT,
    S.LEGALITY_REVIEW,
    S.COLLECTIVE_DISCUSSION,
]
ORDER = [
    Procedure.PUBLIC_PARTICIPATION,
    Procedure.EXPERT_ARGUMENTATION,
    Procedure.RISK_ASSESSMENT,
    Procedure.LEGALITY_REVIEW,
    Procedure.COLLECTIVE_DISCUSSION,
    Procedure.PUBLICATION,
    Procedure.POST_EVALUATION,
]
CURRENT = {
    S.PUBLIC_PARTICIPATION: Procedure.PUBLIC_PARTICIPATION,
    S.EXPERT_ARGUMENTATION: Procedure.EXPERT_ARGUMENTATION,
    S.RISK_ASSESSMENT: Procedure.RISK_ASSESSMENT,
    S.LEGALITY_REVIEW: Procedure.LEGALITY_REVIEW,
    S.COLLECTIVE_DISCUSSION: Procedure.COLLECTIVE_DISCUSSION,
    S.PUBLICATION: Procedure.PUBLICATION,
    S.IMPLEMENTATION: Procedure.POST_EVALUATION,
}
RELATED = {
    Procedure.PUBLIC_PARTICIPATION: "public_participation",
    Procedure.EXPERT_ARGUMENTATION: "expert_argumentation",
    Procedure.RISK_ASSESSMENT: "risk_assessment",
    Procedure.COLLECTIVE_DISCUSSION: "collective_discussion",
    Procedure.PUBLICATION: "publication",
    Procedure.POST_EVALUATION: "post_evaluation",
}

DONE, CURRENT_STEP, WAITING, NOT_APPLICABLE, OVERDUE_STEP = (
    "done",
    "current",
    "waiting",
    "not_applicable",
    "overdue",
)
STEP_LABELS = {
    DONE: "已完成",
    CURRENT_STEP: "进行中",
    WAITING: "未开始",
    NOT_APPLICABLE: "不适用",
    OVERDUE_STEP: "已逾期",
}


def decisions_for(user: User, action: str = access.VIEW) -> QuerySet[Decision]:
    return access.scope(
        user,
        Decision.objects.select_related(
            "organization", "decision_body", "catalog_item__catalog", "legality_review"
        ),
        action,
    )


def catalogs_for(user: User) -> QuerySet[DecisionCatalog]:
    """The catalogs of the user's scope, and every published one (published catalogs are public)."""
    scoped = access.scope(user, DecisionCatalog.objects.all()).values("pk")
    return (
        DecisionCatalog.objects.filter(Q(pk__in=scoped) | Q(status=DecisionCatalog.Status.PUBLISHED))
        .select_related("organization")
        .prefetch_related("items__lead_unit")
    )


def registrable_items(user: User) -> QuerySet[CatalogItem]:
    """Unregistered items of approved or published catalogs the user sees, led by a unit the user may change."""
    return (
        CatalogItem.objects.filter(
            catalog__in=catalogs_for(user).values("pk"),
            catalog__status__in=[DecisionCatalog.Status.APPROVED, DecisionCatalog.Status.PUBLISHED],
            decision__isnull=True,
            lead_unit__in=access.organizations(user, access.CHANGE),
        )
        .select_related("catalog", "lead_unit")
        .order_by("-catalog__year", "sort_order", "pk")
    )


def published_catalogs() -> QuerySet[DecisionCatalog]:
    """What the public may see without logging in."""
    return (
        DecisionCatalog.objects.filter(status=DecisionCatalog.Status.PUBLISHED)
        .select_related("organization")
        .prefetch_related("items__lead_unit")
    )


def advisors_for(user: User) -> QuerySet[LegalAdvisor]:
    return access.scope(user, LegalAdvisor.objects.prefetch_related("units_served"))


def attendances_for(user: User) -> QuerySet[AdvisorAttendance]:
    return access.scope(user, AdvisorAttendance.objects.select_related("advisor", "organization"))


def advisor_reviews_for(user: User) -> QuerySet[AdvisorReview]:
    return access.scope(user, AdvisorReview.objects.select_related("advisor", "organization"))


@dataclass
class Step:
    procedure: str
    label: str
    state: str
    started_on: dt.date | None = None
    completed_on: dt.date | None = None
    deadline: dt.date | None = None
    deadline_note: str = ""
    detail: str = ""
    blocked_by: list[str] = field(default_factory=list)

    @property
    def state_label(self) -> str:
        return STEP_LABELS[self.state]


def _record(decision: Decision, procedure: str):
    name = RELATED.get(procedure)
    return getattr(decision, name, None) if name else None


def planned_by(decision: Decision) -> dt.date | None:
    return decision.catalog_item.planned_by if decision.catalog_item_id else None


def timeline(decision: Decision, today: dt.date) -> list[Step]:
    """Each procedure in statutory order: done, current, waiting, not applicable or overdue, with its deadline."""
    current = CURRENT.get(decision.status)
    finished = decision.status in (S.ARCHIVED,)
    position = ORDER.index(current) if current in ORDER else (len(ORDER) if finished else -1)
    steps = []
    for index, procedure in enumerate(ORDER):
        record = _record(decision, procedure)
        step = Step(procedure=procedure, label=Procedure(procedure).label, state=WAITING)
        if record is not None:
            step.started_on, step.completed_on = record.started_on, record.completed_on
            if not record.applicable:
                step.detail = f"不适用：{record.not_applicable_reason}"
        if procedure == Procedure.LEGALITY_REVIEW and decision.legality_review_id:
            review = decision.legality_review
            step.started_on, step.completed_on = review.submitted_on, review.concluded_on
            step.detail = (
                f"审查意见：{review.get_final_opinion_display()}" if review.final_opinion else "审查中"
            )
            if not review.concluded_on:
                from .services import earliest_review_conclusion

                earliest = earliest_review_conclusion(review)
                step.deadline_note = f"审查时间一般不少于{rules.LEGALITY_REVIEW_MIN_WORKING_DAYS}个工作日（第二十六条），最早于{earliest.due.year}年{earliest.due.month}月{earliest.due.day}日出具"
        if procedure == Procedure.PUBLIC_PARTICIPATION and record is not None and record.period_ends_on:
            step.deadline = record.period_ends_on
            step.deadline_note = record.period_explanation
        if procedure == Procedure.COLLECTIVE_DISCUSSION and planned_by(decision):
            step.deadline = planned_by(decision)
            step.deadline_note = f"目录计划完成时间：{decision.catalog_item.planned_time}"
        if record is not None and not record.applicable and record.not_applicable_reason.strip():
            step.state = NOT_APPLICABLE
        elif decision.status == S.TERMINATED:
            step.state = DONE if step.completed_on else WAITING
        elif index < position:
            step.state = DONE
        elif index == position:
            step.state = CURRENT_STEP
            step.blocked_by = next((t["blocked_by"] for t in _forward_transitions(decision)), [])
            late = step.deadline and step.deadline < today and not step.completed_on
            plan = planned_by(decision)
            if late:
                step.state = OVERDUE_STEP
            elif decision.status in UNDECIDED and plan and plan < today:
                step.state = OVERDUE_STEP
                step.detail = "；".join(
                    x
                    for x in (
                        step.detail,
                        f"已超过目录计划完成时间（{decision.catalog_item.planned_time}），决策尚未作出",
                    )
                    if x
                )
        steps.append(step)
    return steps


def _forward_transitions(decision: Decision) -> list[dict]:
    out = []
    for t in decision.get_all_status_transitions():
        if t.source == decision.status and t.target not in (S.TERMINATED,):
            out.append(
                {
                    "name": t.name,
                    "blocked_by": [
                        getattr(c, "message", c.__name__) for c in t.conditions if not c(decision)
                    ],
                }
            )
    return out


def available_transitions(decision: Decision, user: User) -> list[dict]:
    return workflow.available(decision, user)


def _url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


@provider
def decision_deadlines(user: User, on: dt.date) -> list[WorkItem]:
    """Decisions nearing or past their planned time, comment periods ending, comments left unanswered."""
    items: list[WorkItem] = []
    mine = decisions_for(user, access.CHANGE)
    undecided = mine.filter(status__in=UNDECIDED, catalog_item__planned_by__lte=on + dt.timedelta(days=30))
    for d in undecided:
        due = d.catalog_item.planned_by
        items.append(
            WorkItem(
                title=f"重大行政决策“{d.title}”应于{d.catalog_item.planned_time}前作出决定",
                category="重大行政决策",
                level=level_for(due, on, warn_days=30),
                due=due,
                url=_url("decisions:detail", d.pk),
                unit=d.organization.name,
                detail=f"当前环节：{d.get_status_display()}",
            )
        )
    participating = mine.filter(
        status=S.PUBLIC_PARTICIPATION, public_participation__period_ends_on__isnull=False
    ).annotate(
        unanswered=Count(
            "public_participation__comments",
            filter=Q(public_participation__comments__answered_on__isnull=True),
        )
    )
    for d in participating:
        end = d.public_participation.period_ends_on
        if end >= on and (end - on).days <= 5:
            items.append(
                WorkItem(
                    title=f"“{d.title}”征求意见将于{end:%m月%d日}截止",
                    category="重大行政决策",
                    level=DUE_SOON,
                    due=end,
                    url=_url("decisions:detail", d.pk),
                    unit=d.organization.name,
                )
            )
        elif end < on and d.unanswered:
            items.append(
                WorkItem(
                    title=f"“{d.title}”征求意见已截止，尚有{d.unanswered}条公众意见未反馈",
                    category="重大行政决策",
                    level=OVERDUE,
                    due=end,
                    url=_url("decisions:detail", d.pk),
                    unit=d.organization.name,
                )
            )
    if access.has_role(user, Role.JUSTICE_ADMIN) and user.organization is not None and on.month <= 3:
        root = user.organization.path.strip("/").split("/")[0]
        if not DecisionCatalog.objects.filter(
            year=on.year, organization__code=root, status=DecisionCatalog.Status.PUBLISHED
        ).exists():
            items.append(
                WorkItem(
                    title=f"编制并公布{on.year}年度重大行政决策事项目录",
                    category="重大行政决策",
                    level=PENDING,
                    due=dt.date(on.year, 3, 31),
                    url=_url("decisions:catalogs"),
                    detail="重大行政决策程序暂行条例第三条：决策机关应当根据实际编制决策事项目录并向社会公布。",
                )
            )
    return items
