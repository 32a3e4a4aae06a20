"""Every change to enforcement training (执法培训) and attendance: keyword-only, actor first, the rules of
rules/training.py, the audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core.models import Organization, Person, User

from ..models import TrainingAttendance, TrainingSession


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
