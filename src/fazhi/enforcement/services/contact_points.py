"""Every change to enterprise contact points (涉企行政执法监督联系点): set up, change, close; keyword-only, actor first,
the rules of rules/contact_points.py, the audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import ids
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from ..models import ContactPoint


def set_up_contact_point(
    *,
    actor: User,
    organization: Organization,
    name: str,
    enterprise_name: str,
    credit_code: str,
    established_on: dt.date,
) -> ContactPoint:
    """设立: a contact point at an enterprise, by the supervising unit (one running point per enterprise)."""
    point = ContactPoint(
        organization=organization,
        name=(name or "").strip(),
        enterprise_name=(enterprise_name or "").strip(),
        credit_code=ids.normalize(credit_code or ""),
        established_on=established_on,
    )
    return core_services.create_record(actor=actor, instance=point)


def update_contact_point(*, actor: User, point: ContactPoint, **fields: Any) -> ContactPoint:
    if {"status", "closed_on"} & set(fields):
        raise ValidationError("撤销联系点请使用“撤销”操作。")
    return core_services.update_record(actor=actor, instance=point, data=fields)


def close_contact_point(*, actor: User, point: ContactPoint, closed_on: dt.date | None) -> ContactPoint:
    """撤销: from `closed_on` the point no longer counts as running."""
    with transaction.atomic():
        if ContactPoint.objects.get(pk=point.pk).status != ContactPoint.Status.ACTIVE:
            raise ValidationError("该联系点已撤销。")
        return core_services.update_record(
            actor=actor, instance=point, data={"status": ContactPoint.Status.CLOSED, "closed_on": closed_on}
        )
