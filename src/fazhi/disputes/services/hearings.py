"""Hearing the parties: recording an opinion heard (听取意见, 第四十九条), scheduling a hearing with its notice
period (听证, 第五十至五十一条) and recording that it was held. Keyword-only, actor first, one transaction each."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core.models import User

from ..models import Hearing, HearingOpinion, ReconsiderationCase
from ..rules import cases as case_rules
from ..rules import clocks as periods
from ..rules import hearings as rules
from . import clocks
from .cases import require_office


def record_opinion(
    *,
    actor: User,
    case: ReconsiderationCase,
    heard_on: dt.date,
    method: str,
    with_whom: str,
    summary: str = "",
) -> HearingOpinion:
    """听取意见 (第四十九条)."""
    require_office(actor)
    case_rules.validate_in_review(case, "记录听取意见")
    opinion = HearingOpinion(
        case=case, heard_on=heard_on, method=method, with_whom=with_whom.strip(), summary=summary
    )
    rules.validate_opinion(case, opinion)
    return core_services.create_record(actor=actor, instance=opinion)


def schedule_hearing(
    *,
    actor: User,
    case: ReconsiderationCase,
    notified_on: dt.date,
    scheduled_on: dt.date,
    presiding: str,
    officers: str,
    clerk: str,
) -> Hearing:
    """听证通知 (第五十一条): the hearing no earlier than five working days after the notice."""
    require_office(actor)
    case_rules.validate_in_review(case, "安排听证")
    hearing = Hearing(
        case=case,
        notified_on=notified_on,
        scheduled_on=scheduled_on,
        presiding=presiding,
        officers=officers,
        clerk=clerk,
    )
    rules.validate_hearing(hearing)
    rules.validate_hearing_notice(notified_on=notified_on, scheduled_on=scheduled_on)
    hearing.notice_explanation = periods.hearing_notice_clock(hearing).explanation
    with transaction.atomic():
        core_services.create_record(actor=actor, instance=hearing)
        clocks.refresh(case)
    return hearing


def hold_hearing(*, actor: User, hearing: Hearing, held_on: dt.date, attendees: str, record: str) -> Hearing:
    """The hearing took place: who attended and the record."""
    require_office(actor)
    rules.validate_hearing_record(record=record)
    with transaction.atomic():
        core_services.update_record(
            actor=actor, instance=hearing, data={"held_on": held_on, "attendees": attendees, "record": record}
        )
        clocks.refresh(hearing.case)
    return hearing
