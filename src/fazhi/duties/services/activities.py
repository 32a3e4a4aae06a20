"""Every change to the activity ledger: keyword-only functions that check access and the rules (rules/activities.py),
save and write the audit trail in one transaction. Pages, admin, API and the demo call these; the ledger import
builds its rows with the same rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import transaction

from fazhi.core import access, audit
from fazhi.core import services as core_services
from fazhi.core.io import attachments
from fazhi.core.models import AuditEvent, Organization, Person, User

from ..models import Activity, ActivityAttachment, ActivityParticipant
from ..rules import activities as rules
from ..selectors.activities import namesakes

split_names = rules.split_names


def _participants(
    people: Sequence[Person], names: Sequence[str], organization: Organization | None
) -> list[dict]:
    names = [n.strip() for n in names if n and n.strip()]
    return rules.resolve_participants(people, names, namesakes(organization, names))


def _save_participants(actor: User, activity: Activity, participants: list[dict]) -> None:
    rows = [
        ActivityParticipant(
            activity=activity, person=p["person"], name=p["name"][:60], position=p["position"]
        )
        for p in participants
    ]
    ActivityParticipant.objects.bulk_create(rows)
    audit.append(
        actor=actor,
        entries=[
            audit.Entry(AuditEvent.Action.CREATE, row, audit.diff({}, audit.snapshot(row))) for row in rows
        ],
    )


def _removed(participants) -> list[audit.Entry]:
    return [
        audit.Entry(AuditEvent.Action.DELETE, p, {k: [v, None] for k, v in audit.snapshot(p).items()})
        for p in participants
    ]


def record_activity(
    *,
    actor: User,
    kind: str,
    held_on: dt.date,
    organization: Organization,
    topic: str = "",
    meeting: str = "",
    people: Sequence[Person] = (),
    names: Sequence[str] = (),
    note: str = "",
) -> Activity:
    """Enter an activity with its people (Persons and/or names typed as text)."""
    with transaction.atomic():
        access.check_create(actor, Activity, organization)
        rules.check_people_visible(actor, people)
        participants = _participants(people, names, organization)
        rules.validate_activity(
            kind=kind,
            held_on=held_on,
            organization=organization,
            topic=topic,
            meeting=meeting,
            participants=participants,
        )
        activity = Activity(
            kind=kind,
            held_on=held_on,
            organization=organization,
            topic=topic,
            meeting=meeting,
            note=note,
            people_names=rules.names_line(participants),
        )
        core_services.create_record(actor=actor, instance=activity)
        _save_participants(actor, activity, participants)
    return activity


def update_activity(
    *,
    actor: User,
    activity: Activity,
    data: dict[str, Any] | None = None,
    people: Sequence[Person] | None = None,
    names: Sequence[str] | None = None,
) -> Activity:
    """Change an activity; given `people` or `names`, its people are replaced by them."""
    data = dict(data or {})
    with transaction.atomic():
        access.check(actor, Activity.objects.get(pk=activity.pk), access.CHANGE)
        replacing = people is not None or names is not None
        if replacing:
            rules.check_people_visible(actor, people or ())
            participants = _participants(
                people or (), names or (), data.get("organization", activity.organization)
            )
        else:
            current = list(activity.participants.select_related("person"))
            participants = [{"person": p.person, "name": p.name, "position": p.position} for p in current]
        merged = {
            f: data.get(f, getattr(activity, f))
            for f in ("kind", "held_on", "organization", "topic", "meeting")
        }
        rules.validate_activity(participants=participants, **merged)
        data["people_names"] = rules.names_line(participants)
        core_services.update_record(actor=actor, instance=activity, data=data)
        if replacing:
            old = list(activity.participants.all())
            if [(p.person_id, p.name) for p in old] != [
                (p["person"].pk if p["person"] else None, p["name"]) for p in participants
            ]:
                audit.append(actor=actor, entries=_removed(old))
                activity.participants.all().delete()
                _save_participants(actor, activity, participants)
    return activity


def delete_activity(*, actor: User, activity: Activity) -> None:
    """Remove an activity entered by mistake; the audit trail keeps what it held."""
    with transaction.atomic():
        access.check(actor, activity, access.CHANGE)
        audit.append(actor=actor, entries=_removed(activity.participants.all()))
        core_services.delete_record(actor=actor, instance=activity)


def attach_file(*, actor: User, activity: Activity, title: str, file: File) -> ActivityAttachment:
    """Attach a file (讲稿, 述法报告, 会议纪要…) through core.io.attachments: its SHA-256 is kept to show it is
    unchanged, and the upload lands in the audit trail."""
    with transaction.atomic():
        access.check(actor, activity, access.CHANGE)
        attachment = ActivityAttachment(activity=activity, title=title or "")
        return attachments.store(actor=actor, attachment=attachment, file=file)


def delete_attachment(*, actor: User, attachment: ActivityAttachment) -> None:
    """Delete a file attached to an activity by mistake, by whoever may change the activity
    (rules.may_change_attachments); the audit event keeps its name, hash and uploader."""
    with transaction.atomic():
        activity = Activity.objects.get(pk=attachment.activity_id)
        if not rules.may_change_attachments(actor, activity):
            raise PermissionDenied(f"您无权删除该活动的附件：{attachment}。")
        core_services.delete_record(
            actor=actor, instance=attachment, note=f"删除{activity.get_kind_display()}的附件"
        )
