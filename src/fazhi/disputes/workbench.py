"""The 工作台 items of 行政复议: statutory clocks of open cases about to run out or overdue, the 第四十一条(五)
termination warning, 行政复议意见书 whose 60-day reply is due or overdue (第七十六条), and cases not yet entered on
the national reconsideration platform. Each opens the case at the form that does the work (#action-<name>)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core import access
from fazhi.core.models import User
from fazhi.core.workbench import OVERDUE, PENDING, WorkItem, level_for, provider

from . import selectors
from .models import CaseClock, OpinionLetter, ReconsiderationCase, Suspension
from .rules import clocks as periods
from .rules import grounds

# The step that meets each clock: the case page's form for it (disputes/case_detail.html, section #action-<name>).
CLOCK_ACTIONS = {
    CaseClock.Kind.EXAMINATION: "accept",
    CaseClock.Kind.SUPPLEMENT: "receive_supplement",
    CaseClock.Kind.COPY: "send_copy",
    CaseClock.Kind.ANSWER: "record_answer",
    CaseClock.Kind.DECISION: "decide",
    CaseClock.Kind.HEARING_NOTICE: "hearing",
}


def _at(case_id: int, action: str) -> str:
    return f"{reverse('disputes:case', args=[case_id])}#action-{action}"


@provider
def reconsideration_deadlines(user: User, on: dt.date) -> list[WorkItem]:
    """Running clocks of open cases due within the warning days, or overdue; cases waiting for platform entry."""
    items: list[WorkItem] = []
    if access.scope_kind(user, ReconsiderationCase, access.CHANGE) == access.NONE:
        return items
    mine = selectors.open_cases(user, access.CHANGE)
    due = (
        CaseClock.objects.filter(case__in=mine, met_on__isnull=True)
        .filter(due_on__lte=on + dt.timedelta(days=periods.DUE_WARNING_DAYS))
        .select_related("case", "case__respondent")
        .order_by("due_on", "pk")
    )
    for c in due:
        if periods.stopped(c.case, c):
            continue
        level = level_for(c.due_on, on, warn_days=periods.DUE_WARNING_DAYS)
        verb = "已逾期" if level == OVERDUE else "即将届满"
        items.append(
            WorkItem(
                title=f"{c.case.docket_number}{c.get_kind_display()}{verb}（{c.due_on:%Y年%m月%d日}）",
                category="行政复议",
                level=level,
                due=c.due_on,
                url=_at(c.case_id, CLOCK_ACTIONS[c.kind]),
                unit=c.case.respondent.name,
                detail=c.explanation,
            )
        )
    items.extend(_termination_warnings(mine, on))
    items.extend(_letter_replies(user, on))
    for case in selectors.cases_for(user, access.CHANGE).filter(
        platform_entered_on__isnull=True, received_on__lte=on
    )[:20]:
        items.append(
            WorkItem(
                title=f"{case.docket_number}尚未录入全国行政复议工作平台",
                category="行政复议",
                level=PENDING,
                url=_at(case.pk, "platform"),
                unit=case.respondent.name,
            )
        )
    return items


def _termination_warnings(cases, on: dt.date) -> list[WorkItem]:
    """第四十一条第（五）项: suspended 60 days on grounds (一)(二)(四) of 第三十九条 — terminate if the cause remains."""
    since = on - dt.timedelta(days=grounds.TERMINATION_AFTER_DAYS)
    rows = (
        Suspension.objects.filter(
            case__in=cases.filter(status=ReconsiderationCase.Status.SUSPENDED),
            resumed_on__isnull=True,
            ground__in=grounds.TERMINATION_GROUNDS,
            suspended_on__lte=since,
        )
        .select_related("case", "case__respondent")
        .order_by("suspended_on", "pk")
    )
    items = []
    for s in rows:
        warn_on = grounds.termination_warning_on(s.ground, s.suspended_on)
        items.append(
            WorkItem(
                title=f"{s.case.docket_number}中止满六十日，应审查是否终止行政复议",
                category="行政复议",
                level=OVERDUE,
                due=warn_on,
                url=_at(s.case_id, "terminate"),
                unit=s.case.respondent.name,
                detail=grounds.termination_text(s.ground, s.suspended_on, warn_on),
            )
        )
    return items


def _letter_replies(user: User, on: dt.date) -> list[WorkItem]:
    """第七十六条: the agency that received a 行政复议意见书 reports its correction within 60 days of receipt."""
    letters = access.scope(
        user,
        OpinionLetter.objects.filter(replied_on__isnull=True).select_related("case", "addressee"),
        access.CHANGE,
    ).order_by("issued_on", "pk")[:50]
    items = []
    for letter in letters:
        due = letter.reply_due
        if due > on + dt.timedelta(days=periods.DUE_WARNING_DAYS):
            continue
        level = level_for(due, on, warn_days=periods.DUE_WARNING_DAYS)
        verb = "逾期未报送纠正情况" if level == OVERDUE else "报送纠正情况期限即将届满"
        items.append(
            WorkItem(
                title=f"{letter.case.docket_number}行政复议意见书{verb}（{due:%Y年%m月%d日}）",
                category="行政复议",
                level=level,
                due=due,
                url=_at(letter.case_id, "letter_progress"),
                unit=letter.addressee.name,
                detail="有关机关应当自收到行政复议意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送"
                "行政复议机关（行政复议法第七十六条）。",
            )
        )
    return items
