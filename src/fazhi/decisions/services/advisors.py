"""Writes of legal advisors: register and change an advisor (the units served audited by code), record their
attendances at meetings and their reviews."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from fazhi.core import audit
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Organization, User

from ..models import AdvisorAttendance, AdvisorReview, LegalAdvisor


def create_advisor(*, actor: User, units_served: list[Organization] = (), **fields: Any) -> LegalAdvisor:
    with transaction.atomic():
        advisor = core_services.create_record(actor=actor, instance=LegalAdvisor(**fields))
        if units_served:
            advisor.units_served.set(units_served)
            audit.record(
                actor=actor,
                action=AuditEvent.Action.UPDATE,
                instance=advisor,
                changes={"units_served": [[], sorted(o.code for o in units_served)]},
            )
    return advisor


def update_advisor(
    *, actor: User, advisor: LegalAdvisor, units_served: list[Organization] | None = None, **fields: Any
) -> LegalAdvisor:
    """Change an advisor; a new list of units served is audited with the codes before and after."""
    with transaction.atomic():
        advisor = core_services.update_record(actor=actor, instance=advisor, data=fields)
        if units_served is not None:
            before = sorted(advisor.units_served.values_list("code", flat=True))
            after = sorted(o.code for o in units_served)
            if before != after:
                advisor.units_served.set(units_served)
                audit.record(
                    actor=actor,
                    action=AuditEvent.Action.UPDATE,
                    instance=advisor,
                    changes={"units_served": [before, after]},
                )
    return advisor


def record_attendance(*, actor: User, **fields: Any) -> AdvisorAttendance:
    return core_services.create_record(actor=actor, instance=AdvisorAttendance(**fields))


def update_attendance(*, actor: User, attendance: AdvisorAttendance, **fields: Any) -> AdvisorAttendance:
    return core_services.update_record(actor=actor, instance=attendance, data=fields)


def record_advisor_review(*, actor: User, **fields: Any) -> AdvisorReview:
    return core_services.create_record(actor=actor, instance=AdvisorReview(**fields))


def update_advisor_review(*, actor: User, review: AdvisorReview, **fields: Any) -> AdvisorReview:
    return core_services.update_record(actor=actor, instance=review, data=fields)


def complete_advisor_review(
    *, actor: User, review: AdvisorReview, opinion: str, completed_on: dt.date, adopted: bool | None = None
) -> AdvisorReview:
    return core_services.update_record(
        actor=actor,
        instance=review,
        data={"opinion": opinion, "completed_on": completed_on, "adopted": adopted},
    )
