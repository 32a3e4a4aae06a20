"""Every change to the liaison meetings (府院、府检联动): keyword-only, actor first, one transaction, the rules of
rules/meetings.py (through the model's full_clean) and the audit trail."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from ..models import LiaisonMeeting

# What a person fills in (the page, admin, API and ledger use this list).
MEETING_FIELDS = ("held_on", "kind", "title", "organization", "participants", "topics", "outcomes")


def _clean_text(fields: dict) -> dict:
    return {k: v.strip() if isinstance(v, str) else v for k, v in fields.items()}


def record_meeting(
    *,
    actor: User,
    held_on: dt.date,
    kind: str,
    title: str,
    organization: Organization,
    participants: str,
    topics: str,
    outcomes: str = "",
) -> LiaisonMeeting:
    """A meeting with the court or the procuratorate on administrative disputes."""
    fields = {
        "held_on": held_on,
        "kind": kind,
        "title": title,
        "organization": organization,
        "participants": participants,
        "topics": topics,
        "outcomes": outcomes,
    }
    with transaction.atomic():
        return core_services.create_record(actor=actor, instance=LiaisonMeeting(**_clean_text(fields)))


def update_meeting(*, actor: User, meeting: LiaisonMeeting, **fields: Any) -> LiaisonMeeting:
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(f"未知字段：{'、'.join(sorted(unknown))}。")
    with transaction.atomic():
        return core_services.update_record(actor=actor, instance=meeting, data=_clean_text(fields))
