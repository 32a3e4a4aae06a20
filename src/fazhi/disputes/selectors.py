"""Reads of reconsideration cases, always scoped through core.access: the docket, a case's timeline with its
clocks, and the 工作台 warnings before each clock runs out and for what is overdue."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import User
from fazhi.core.workbench import OVERDUE, PENDING, WorkItem, level_for, provider

from . import clocks, rules
from .models import CaseClock, Hearing, HearingOpinion, ReconsiderationCase, Suspension

Case = ReconsiderationCase


def cases_for(user: User, action: str = access.VIEW) -> QuerySet[Case]:
    return access.scope(user, Case.objects.select_related("organization", "respondent"), action)


def open_cases(user: User, action: str = access.VIEW) -> QuerySet[Case]:
    return cases_for(user, action).filter(status__in=Case.OPEN)


def clocks_for(user: User, case: Case) -> QuerySet[CaseClock]:
    return access.scope(user, CaseClock.objects.filter(case=case)).order_by("start", "pk")


def opinions_for(user: User, case: Case) -> QuerySet[HearingOpinion]:
    return access.scope(user, HearingOpinion.objects.filter(case=case))


def hearings_for(user: User, case: Case) -> QuerySet[Hearing]:
    return access.scope(user, Hearing.objects.filter(case=case))


def suspensions_for(user: User, case: Case) -> QuerySet[Suspension]:
    return access.scope(user, Suspension.objects.filter(case=case))


@dataclass
class ClockRow:
    clock: CaseClock
    state: str  # met, running, stopped, overdue, met_late
    label: str


def clock_rows(case: Case, on: dt.date) -> list[ClockRow]:
    """The case's clocks with where each stands on `on`."""
    rows = []
    for c in case.clocks.order_by("start", "pk"):
        if c.met_on:
            state, label = ("met_late", "逾期完成") if c.met_on > c.due_on else ("met", "按期完成")
            if c.kind == CaseClock.Kind.HEARING_NOTICE:
                state, label = "met", "已举行"
        elif clocks.stopped(case, c):
            state, label = "stopped", "中止计时"
        elif c.due_on < on:
            state, label = "overdue", "已逾期"
        else:
            state, label = "running", f"剩余{(c.due_on - on).days}日"
        rows.append(ClockRow(c, state, label))
    return rows


@dataclass
class Event:
    on: dt.date
    title: str
    detail: str = ""


def timeline(case: Case) -> list[Event]:
    """What happened to the case, in date order, from its own dates and related records."""
    events = [Event(case.received_on, f"收到申请（{case.get_channel_display()}）", case.docket_number)]
    if case.supplement_requested_on:
        events.append(Event(case.supplement_requested_on, "通知补正", case.supplement_items))
    if case.supplement_received_on:
        events.append(Event(case.supplement_received_on, "收到补正材料"))
    if case.accepted_on:
        title = "视为受理（第三十条）" if case.deemed_accepted else "受理"
        events.append(Event(case.accepted_on, title, case.get_procedure_display()))
    if case.refused_on:
        events.append(Event(case.refused_on, "不予受理", case.refusal_reason))
    if case.copy_sent_on:
        events.append(Event(case.copy_sent_on, "发送申请书副本及提出答复通知"))
    if case.answer_received_on:
        events.append(Event(case.answer_received_on, "收到被申请人答复"))
    if case.converted_on:
        events.append(Event(case.converted_on, "简易程序转为普通程序", case.conversion_reason))
    for s in case.suspensions.all():
        events.append(Event(s.suspended_on, "中止审理", s.reason))
        if s.resumed_on:
            events.append(Event(s.resumed_on, "恢复审理", f"中止{s.days}日不计入审理期限"))
    if case.extension_approved_on:
        events.append(
            Event(case.extension_approved_on, f"批准延期{case.extension_days}日", case.extension_reason)
        )
    for o in case.opinions.all():
        events.append(Event(o.heard_on, f"{o.get_method_display()}听取意见", o.with_whom))
    for h in case.hearings.all():
        events.append(Event(h.notified_on, "通知听证", f"定于{h.scheduled_on:%Y年%m月%d日}"))
        if h.held_on:
            events.append(Event(h.held_on, "举行听证", f"主持人{h.presiding}"))
    if case.concluded_on and case.outcome and case.outcome != "refused":
        events.append(Event(case.concluded_on, f"办结：{case.get_outcome_display()}", case.conclusion))
    if case.closed_on:
        events.append(Event(case.closed_on, "结案归档"))
    if case.platform_entered_on:
        events.append(Event(case.platform_entered_on, "录入全国行政复议工作平台", case.platform_number))
    return sorted(events, key=lambda e: e.on)


@provider
def reconsideration_deadlines(user: User, on: dt.date) -> list[WorkItem]:
    """Running clocks of open cases due within the warning days, or overdue; cases waiting for platform entry."""
    items: list[WorkItem] = []
    if access.scope_kind(user, Case, access.CHANGE) == access.NONE:
        return items
    mine = open_cases(user, access.CHANGE)
    due = (
        CaseClock.objects.filter(case__in=mine, met_on__isnull=True)
        .filter(due_on__lte=on + dt.timedelta(days=rules.DUE_WARNING_DAYS))
        .select_related("case", "case__respondent", "case__organization")
        .order_by("due_on", "pk")
    )
    for c in due:
        if clocks.stopped(c.case, c):
            continue
        level = level_for(c.due_on, on, warn_days=rules.DUE_WARNING_DAYS)
        verb = "已逾期" if level == OVERDUE else "即将届满"
        items.append(
            WorkItem(
                title=f"{c.case.docket_number}{c.get_kind_display()}{verb}（{c.due_on:%Y年%m月%d日}）",
                category="行政复议",
                level=level,
                due=c.due_on,
                url=reverse("disputes:case", args=[c.case_id]),
                unit=c.case.respondent.name,
                detail=c.explanation,
            )
        )
    for case in cases_for(user, access.CHANGE).filter(platform_entered_on__isnull=True, received_on__lte=on)[
        :20
    ]:
        items.append(
            WorkItem(
                title=f"{case.docket_number}尚未录入全国行政复议工作平台",
                category="行政复议",
                level=PENDING,
                url=reverse("disputes:case", args=[case.pk]),
                unit=case.respondent.name,
            )
        )
    return items
