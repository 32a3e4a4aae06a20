"""Training of enforcement officers (轮训, 专题培训, 同堂培训, 旁听庭审): sessions and who attended, written through
core.services and read through core.access."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person, User

from .models import TrainingAttendance, TrainingSession

# Services ------------------------------------------------------------------------------------------------------


def record_session(
    *,
    actor: User,
    organization: Organization,
    topic: str,
    held_on: dt.date,
    hours: Decimal | int | str,
    kind: str = TrainingSession.Kind.ROTATION,
) -> TrainingSession:
    """A training session held by `organization` (the organizer's clerks, the Justice Bureau, supervisors)."""
    session = TrainingSession(
        organization=organization, topic=topic, held_on=held_on, hours=Decimal(hours), kind=kind
    )
    return core_services.create_record(actor=actor, instance=session)


def update_session(*, actor: User, session: TrainingSession, **fields: Any) -> TrainingSession:
    return core_services.update_record(actor=actor, instance=session, data=fields)


def record_attendance(*, actor: User, session: TrainingSession, person: Person) -> TrainingAttendance:
    """One person attended the session; a person is recorded once per session."""
    attendance = TrainingAttendance(session=session, person=person)
    return core_services.create_record(actor=actor, instance=attendance)


def record_attendances(
    *, actor: User, session: TrainingSession, people: Iterable[Person]
) -> list[TrainingAttendance]:
    """Several attendances at once, all or none."""
    with transaction.atomic():
        return [record_attendance(actor=actor, session=session, person=p) for p in people]


def remove_attendance(*, actor: User, attendance: TrainingAttendance) -> None:
    core_services.delete_record(actor=actor, instance=attendance)


# Selectors -----------------------------------------------------------------------------------------------------


def sessions_for(user: User, action: str = access.VIEW) -> QuerySet[TrainingSession]:
    return access.scope(user, TrainingSession.objects.select_related("organization"), action)


def attendances_for(user: User, action: str = access.VIEW) -> QuerySet[TrainingAttendance]:
    return access.scope(
        user, TrainingAttendance.objects.select_related("session__organization", "person"), action
    )
