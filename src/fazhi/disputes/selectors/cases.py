"""Reads of reconsideration cases, always scoped through core.access: the docket, a case with its suspensions, and
its timeline. Other workstreams (litigation) read cases through these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import User

from ..models import OpinionLetter, ReconsiderationCase, Suspension


def cases_for(user: User, action: str = access.VIEW) -> QuerySet[ReconsiderationCase]:
    """The cases `user` may see (or change)."""
    return access.scope(
        user, ReconsiderationCase.objects.select_related("organization", "respondent"), action
    )


def open_cases(user: User, action: str = access.VIEW) -> QuerySet[ReconsiderationCase]:
    return cases_for(user, action).filter(status__in=ReconsiderationCase.OPEN)


def case_by_docket_number(user: User, number: str) -> ReconsiderationCase | None:
    """The case with this 案号 that `user` may see, or None."""
    return cases_for(user).filter(docket_number=number).first()


def cases_by_docket_number(user: User, numbers: Iterable[str]) -> dict[str, ReconsiderationCase]:
    """The cases with these 案号 that `user` may see, by 案号 (one query; for ledgers that name cases)."""
    return {c.docket_number: c for c in cases_for(user).filter(docket_number__in=set(numbers))}


def suspensions_for(user: User, case: ReconsiderationCase) -> QuerySet[Suspension]:
    return access.scope(user, Suspension.objects.filter(case=case))


def opinion_letters_for(user: User, case: ReconsiderationCase) -> QuerySet[OpinionLetter]:
    """The case's 行政复议意见书 (第七十六条) the user may see, with their addressees."""
    return access.scope(user, OpinionLetter.objects.filter(case=case).select_related("addressee"))


@dataclass
class Event:
    on: dt.date
    title: str
    detail: str = ""


def timeline(case: ReconsiderationCase) -> list[Event]:
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
