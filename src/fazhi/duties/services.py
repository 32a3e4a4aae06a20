"""Every change to the activity ledger and the demonstration projects: keyword-only functions that check access and
the rules, save and write the audit trail in one transaction. Pages, admin, API, import and the demo call these."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from fazhi.core import access, audit, workflow
from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Organization, Person, User

from . import rules
from .models import Activity, ActivityAttachment, ActivityParticipant, DemonstrationProject


def split_names(text: str) -> list[str]:
    """Names typed in one box, separated by 、，, ; or new lines."""
    for sep in ("，", ",", "；", ";", "\n", "\r", " ", "　"):
        text = text.replace(sep, "、")
    return [n.strip() for n in text.split("、") if n.strip()]


def _participants(
    people: Iterable[Person], names: Iterable[str], organization: Organization | None = None
) -> list[dict]:
    """Persons first, then names typed as text that are not already one of them. A typed name that is the name
    of exactly one active person of the activity's unit is linked to that person, so the figures count them once."""
    people = list(people)
    names = [n.strip() for n in names if n and n.strip()]
    known = {p.name for p in people}
    if organization is not None and names:
        candidates: dict[str, list[Person]] = {}
        for p in Person.objects.filter(organization=organization, is_active=True, name__in=names):
            candidates.setdefault(p.name, []).append(p)
        for name in names:
            if name not in known and len(candidates.get(name, [])) == 1:
                people.append(candidates[name][0])
                known.add(name)
    out = [{"person": p, "name": p.name, "position": p.position} for p in people]
    seen = {p["name"] for p in out}
    for name in names:
        if name not in seen:
            out.append({"person": None, "name": name, "position": ""})
            seen.add(name)
    return out


def names_line(participants: list[dict]) -> str:
    return "、".join(p["name"] for p in participants)


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
    participants = _participants(people, names, organization)
    activity = Activity(
        kind=kind,
        held_on=held_on,
        organization=organization,
        topic=topic,
        meeting=meeting,
        note=note,
        people_names=names_line(participants),
    )
    with transaction.atomic():
        access.check_create(actor, Activity, organization)
        rules.check_activity(
            kind=kind, organization=organization, topic=topic, meeting=meeting, participants=participants
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
        if people is None and names is None:
            current = list(activity.participants.select_related("person"))
            participants = [{"person": p.person, "name": p.name, "position": p.position} for p in current]
        else:
            participants = _participants(
                people or (), names or (), data.get("organization", activity.organization)
            )
        merged = {f: data.get(f, getattr(activity, f)) for f in ("kind", "organization", "topic", "meeting")}
        rules.check_activity(participants=participants, **merged)
        data["people_names"] = names_line(participants)
        core_services.update_record(actor=actor, instance=activity, data=data)
        if people is not None or names is not None:
            old = list(activity.participants.all())
            old_names = [(p.person_id, p.name) for p in old]
            if old_names != [(p["person"].pk if p["person"] else None, p["name"]) for p in participants]:
                audit.append(
                    actor=actor,
                    entries=[
                        audit.Entry(
                            AuditEvent.Action.DELETE,
                            p,
                            {k: [v, None] for k, v in audit.snapshot(p).items()},
                        )
                        for p in old
                    ],
                )
                activity.participants.all().delete()
                _save_participants(actor, activity, participants)
    return activity


def delete_activity(*, actor: User, activity: Activity) -> None:
    """Remove an activity entered by mistake; the audit trail keeps what it held."""
    with transaction.atomic():
        access.check(actor, activity, access.CHANGE)
        audit.append(
            actor=actor,
            entries=[
                audit.Entry(AuditEvent.Action.DELETE, p, {k: [v, None] for k, v in audit.snapshot(p).items()})
                for p in activity.participants.all()
            ],
        )
        core_services.delete_record(actor=actor, instance=activity)


def attach_file(*, actor: User, activity: Activity, title: str, file: File) -> ActivityAttachment:
    """Attach a file (讲稿, 述法报告, 会议纪要…); its SHA-256 is kept to show it is unchanged."""
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    name = file.name.replace("\\", "/").rsplit("/", 1)[-1]
    attachment = ActivityAttachment(
        activity=activity, title=title or name, uploaded_by=actor, sha256=digest.hexdigest()
    )
    with transaction.atomic():
        access.check(actor, activity, access.CHANGE)
        core_services.validate(attachment, exclude={"file"})
        attachment.file.save(name, file, save=False)
        attachment.save()
        audit.record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            instance=attachment,
            changes={"title": [None, attachment.title], "sha256": [None, attachment.sha256]},
        )
    return attachment


# Demonstration creation ----------------------------------------------------------------------------------------

TRANSITIONS = {"shortlist": "入围", "pass_review": "通过书面评审", "name_project": "命名"}


def enter_project(
    *,
    actor: User,
    name: str,
    organization: Organization,
    level: str,
    applied_on: dt.date,
    batch: str = "",
) -> DemonstrationProject:
    """申报: a project entered for regional or national demonstration status."""
    project = DemonstrationProject(
        name=name, organization=organization, level=level, batch=batch, applied_on=applied_on
    )
    return core_services.create_record(actor=actor, instance=project)


def advance_project(
    *, actor: User, project: DemonstrationProject, transition: str, on: dt.date, note: str = ""
) -> DemonstrationProject:
    """Move a project one stage forward (入围, 通过书面评审, 命名) on the date it happened; never backward."""
    if transition not in TRANSITIONS:
        raise ValidationError(
            f"示范创建项目没有“{transition}”这一步；可选：{'、'.join(TRANSITIONS.values())}。"
        )
    if on is None:
        raise ValidationError({"on": f"请填写{TRANSITIONS[transition]}日期。"})
    return workflow.run_transition(actor=actor, instance=project, name=transition, note=note, on=on)
