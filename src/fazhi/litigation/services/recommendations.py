"""Every change to the court's and the procuratorate's recommendations (司法建议、检察建议): keyword-only, actor first,
one transaction; the reply deadline computed by rules/recommendations.reply_deadline from the day the agency
received the recommendation; the audit trail through core.services."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.models import User

from ..models import Lawsuit, Recommendation
from ..rules import recommendations as rules

RECOMMENDATION_FIELDS = ("ground", "issuer", "number", "content", "received_on")


def _deadline(ground: str, received_on: dt.date | None) -> dict:
    if ground not in rules.BY_GROUND:
        raise ValidationError({"ground": "请选择建议的种类。"})
    if received_on is None:
        raise ValidationError({"received_on": "请填写收到建议书的日期。"})
    deadline = rules.reply_deadline(ground, received_on)
    return {"reply_due": deadline.due, "reply_explanation": deadline.explain()}


def record_recommendation(
    *,
    actor: User,
    lawsuit: Lawsuit,
    ground: str,
    issuer: str,
    content: str,
    received_on: dt.date,
    number: str = "",
) -> Recommendation:
    """A 司法建议 or 检察建议 received about a lawsuit, its reply deadline computed from the day it was received."""
    with transaction.atomic():
        lawsuit = Lawsuit.objects.select_for_update().get(pk=lawsuit.pk)
        access.check(actor, lawsuit, access.CHANGE)
        recommendation = Recommendation(
            lawsuit=lawsuit,
            ground=ground,
            issuer=(issuer or "").strip(),
            number=(number or "").strip(),
            content=(content or "").strip(),
            received_on=received_on,
        )
        rules.validate_recommendation(
            recommendation
        )  # before the deadline: a bad date gets the rule's message
        for name, value in _deadline(ground, received_on).items():
            setattr(recommendation, name, value)
        return core_services.create_record(actor=actor, instance=recommendation)


def record_reply(
    *, actor: User, recommendation: Recommendation, replied_on: dt.date, reply: str
) -> Recommendation:
    """The agency's written reply to a recommendation."""
    with transaction.atomic():
        current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        access.check(actor, current, access.CHANGE)
        if current.replied_on:
            raise ValidationError(f"该建议已于{current.replied_on:%Y年%m月%d日}书面回复。")
        if replied_on is None:
            raise ValidationError({"replied_on": "请填写书面回复日期。"})
        return core_services.update_record(
            actor=actor, instance=current, data={"replied_on": replied_on, "reply": (reply or "").strip()}
        )


def update_recommendation(*, actor: User, recommendation: Recommendation, **fields) -> Recommendation:
    """Correct a recommendation not yet replied to (rules.validate_correction); a new ground or date of receipt
    recomputes the reply deadline."""
    unknown = set(fields) - set(RECOMMENDATION_FIELDS)
    if unknown:
        raise ValidationError(f"以下字段不能在建议中修改：{'、'.join(sorted(unknown))}。")
    with transaction.atomic():
        current = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
        access.check(actor, current, access.CHANGE)
        rules.validate_correction(current)
        data = {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}
        probe = Recommendation(**{n: data.get(n, getattr(current, n)) for n in RECOMMENDATION_FIELDS})
        rules.validate_recommendation(probe)  # before the deadline: a bad date gets the rule's message
        if probe.ground != current.ground or probe.received_on != current.received_on:
            data.update(_deadline(probe.ground, probe.received_on))
        return core_services.update_record(actor=actor, instance=current, data=data)
