"""Reads of lawsuits and their hearings, always scoped through core.access: the choices a form offers, a lawsuit's
timeline, the lawsuits near their defence deadline or not yet performed, and the cases by responsible department."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet

from fazhi.core import access, workflow
from fazhi.core.models import Organization, Person, User
from fazhi.disputes import selectors as disputes_selectors
from fazhi.indicators.registry import Period, Scope, in_scope

from ..models import Hearing, Lawsuit, Recommendation
from ..rules import clocks
from ..rules import lawsuits as rules

S = Lawsuit.Status


def lawsuits_for(user: User, action: str = access.VIEW) -> QuerySet[Lawsuit]:
    return access.scope(
        user,
        Lawsuit.objects.select_related("defendant", "responsible_department", "first_instance"),
        action,
    )


def hearings_for(user: User, lawsuit: Lawsuit) -> QuerySet[Hearing]:
    return access.scope(user, Hearing.objects.filter(lawsuit=lawsuit).select_related("head"))


def later_instances(user: User, lawsuit: Lawsuit) -> QuerySet[Lawsuit]:
    return lawsuits_for(user).filter(first_instance=lawsuit).order_by("served_on", "pk")


# Choices of the forms, admin and API -------------------------------------------------------------------------


def units_for(user: User, model, action: str = access.CHANGE) -> QuerySet[Organization]:
    """The units whose `model` records the user may create (the app's wider scope counts, e.g. 复议工作人员)."""
    kind = access.scope_kind(user, model, action)
    org = user.organization
    if kind == access.ALL:
        return Organization.objects.all()
    if kind == access.DISTRICT:
        return access.district_units(user)
    if org is None or kind not in (access.UNIT, access.SUBTREE):
        return Organization.objects.none()
    if kind == access.UNIT:
        return Organization.objects.filter(pk=org.pk)
    return access.subtree_units(org)


def defendant_choices(user: User) -> QuerySet[Organization]:
    """The administrative organs of the user's district (rules.may_be_defendant): the defendant may be the district
    government itself, never a court, procuratorate or party organ."""
    return access.district_units(user).filter(kind__in=rules.DEFENDANT_KINDS).order_by("path")


def department_choices(user: User) -> QuerySet[Organization]:
    """The administrative organs whose lawsuits the user may register (rules.validate_responsible_department)."""
    return units_for(user, Lawsuit).filter(kind__in=rules.DEFENDANT_KINDS).order_by("path")


def first_instance_choices(user: User) -> QuerySet[Lawsuit]:
    return access.scope(
        user, Lawsuit.objects.filter(instance=Lawsuit.Instance.FIRST).select_related("defendant")
    )


def reconsideration_choices(user: User):
    """The reconsideration cases the user may see (rules.validate_reconsideration_case decides which may be named)."""
    return disputes_selectors.cases_for(user)


def head_choices(lawsuit: Lawsuit) -> QuerySet[Person]:
    """The people of the defendant agency (and its units) who may appear as its head."""
    people = Person.objects.filter(is_active=True)
    return access.in_subtree(people, lawsuit.defendant).order_by("-is_principal_leader", "name")


def figure_scope(user: User, model=Lawsuit) -> Scope | None:
    """The figures count what the user sees: the district, the user's units, or the whole installation."""
    kind = access.scope_kind(user, model)
    org = user.organization
    if kind == access.ALL or org is None:
        return None
    if kind == access.DISTRICT:
        return Scope(access.district_units(user).get(parent__isnull=True))
    return Scope(org, include_below=kind == access.SUBTREE)


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

    if "hearings" in getattr(lawsuit, "_prefetched_objects_cache", {}):  # a list loaded them in one batch
        hearings = sorted(lawsuit.hearings.all(), key=lambda h: (h.held_on, h.pk))
    else:
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
    elif status == S.CLOSED or status == S.APPEALED or (judged and not lawsuit.must_perform):
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


# Deadlines ---------------------------------------------------------------------------------------------------


def defence_due(user: User, on: dt.date, within_days: int = rules.DUE_WARNING_DAYS) -> QuerySet[Lawsuit]:
    """Lawsuits awaiting the defence whose deadline is within `within_days` days of `on`, or past."""
    return (
        lawsuits_for(user, access.CHANGE)
        .filter(status=S.SERVED, defence_due__lte=on + dt.timedelta(days=within_days))
        .order_by("defence_due", "pk")
    )


def unperformed(user: User) -> QuerySet[Lawsuit]:
    return lawsuits_for(user, access.CHANGE).filter(status=S.EFFECTIVE).order_by("effective_on", "pk")


# Clocks (rules/clocks.py: the same implementation as `fazhi litigation timeline`) -----------------------------


def lawsuit_events(lawsuit: Lawsuit) -> list[dict]:
    """The deadline calculator's events read off a lawsuit."""
    return clocks.lawsuit_events(lawsuit, lawsuit.outcome_rule)


def lawsuit_clocks(lawsuit: Lawsuit) -> clocks.Timeline:
    """The defence and appeal clocks of a lawsuit, with the events the calculator refuses."""
    return clocks.timeline(lawsuit_events(lawsuit))


def appeals_running(user: User, on: dt.date) -> list[tuple[Lawsuit, clocks.Clock]]:
    """First-instance decisions served on the agency whose appeal period has not yet run out on `on`."""
    rows = lawsuits_for(user, access.CHANGE).filter(
        status=S.JUDGED, instance=Lawsuit.Instance.FIRST, judgment_served_on__isnull=False
    )
    running = []
    for lawsuit in rows.order_by("judgment_served_on", "pk"):
        clock = lawsuit_clocks(lawsuit).clock(clocks.APPEAL)
        if clock is not None and clock.due >= on:
            running.append((lawsuit, clock))
    return running


def head_requests_pending(user: User) -> list[Lawsuit]:
    """Lawsuits where the court asked in writing for the head to appear and no hearing since has had the head."""
    rows = (
        lawsuits_for(user, access.CHANGE)
        .filter(head_requested_on__isnull=False, status__in=(S.SERVED, S.DEFENDED))
        .prefetch_related("hearings")
        .order_by("head_requested_on", "pk")
    )
    return [s for s in rows if rules.head_request_pending(s, list(s.hearings.all()))]


# Recommendations (司法建议、检察建议) ----------------------------------------------------------------------------


def recommendations_for(user: User, lawsuit: Lawsuit | None = None) -> QuerySet[Recommendation]:
    rows = access.scope(user, Recommendation.objects.select_related("lawsuit__responsible_department"))
    return rows.filter(lawsuit=lawsuit) if lawsuit is not None else rows


def recommendations_unanswered(user: User) -> QuerySet[Recommendation]:
    return (
        access.scope(
            user, Recommendation.objects.select_related("lawsuit__responsible_department"), access.CHANGE
        )
        .filter(replied_on__isnull=True)
        .order_by("reply_due", "pk")
    )
