"""Reads of decisions, scoped through core.access, and each decision's timeline: its procedures in statutory
order, done, current, waiting, not applicable or overdue, with their deadlines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case, F, OuterRef, Q, QuerySet, Subquery, When

from fazhi.core import access, workflow
from fazhi.core.models import Organization, User

from .. import rules
from ..models import Decision, Procedure, PublicParticipation

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
    """The decisions `user` may see (or act on), each with its units, catalog item, legality review and procedure
    steps. The steps (one row each at most) come in one batch per step, not one query per decision and not as six
    more joins: PostgreSQL spends about 10 ms planning the twelve-table join on every list."""
    return access.scope(
        user,
        Decision.objects.select_related(
            "organization", "decision_body", "catalog_item__catalog", "legality_review"
        ).prefetch_related(*RELATED.values()),
        action,
    )


def decision_rows(user: User, action: str = access.VIEW) -> QuerySet[Decision]:
    """decisions_for() for lists and the 工作台: a decision with its unit and catalog item only (what a row shows)."""
    return access.scope(user, Decision.objects.select_related("organization", "catalog_item"), action)


def with_next_due_on(rows: QuerySet[Decision]) -> QuerySet[Decision]:
    """`rows` with `due_on`, a decision's 下一期限, computed in the database as the timeline reads its current step's
    deadline: while public participation is under way, the end of the comment period (if it comes before the
    catalog's planned date); while the decision is not yet made, the catalog's 计划完成时间 (planned_by), past which
    the timeline marks the step overdue; else none (NULL: a decision made, closed or outside the catalog). The period
    is read by a subquery, not a join: a list's query keeps its joins (the unit and the catalog item)."""
    period = PublicParticipation.objects.filter(decision=OuterRef("pk"), completed_on__isnull=True)
    planned = F("catalog_item__planned_by")
    return rows.annotate(period_ends_on=Subquery(period.values("period_ends_on")[:1])).annotate(
        due_on=Case(
            When(
                Q(status=S.PUBLIC_PARTICIPATION)
                & Q(period_ends_on__isnull=False)
                & (Q(catalog_item__isnull=True) | Q(period_ends_on__lte=planned)),
                then=F("period_ends_on"),
            ),
            When(status__in=UNDECIDED, then=planned),
            default=None,
        )
    )


def decision_bodies(user: User) -> QuerySet[Organization]:
    """The units `user` may name as a decision's body (one rule: decisions.rules.decision_body_choices)."""
    return rules.decision_body_choices(user)


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
                earliest = rules.earliest_review_conclusion(review)
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


def legality_review_model() -> type:
    """The review workstream's LegalityReview, reached through Decision's link (not by importing review's models)."""
    return Decision._meta.get_field("legality_review").related_model


def final_opinion_choices() -> list[tuple[str, str]]:
    """The choices of a legality review's final opinion (合法、修改后合法、不合法…), as the review workstream defines them."""
    return list(legality_review_model()._meta.get_field("final_opinion").choices)
