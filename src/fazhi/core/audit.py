"""The one audit writer: append-only, hash-chained events for every create, change, delete and transition.

Appending locks the chain head row, so concurrent writers cannot fork the chain; `verify_chain` finds any event
altered or removed directly in the database.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from . import clock
from .access import organization_of
from .ids import mask_id_number
from .models import AuditChainHead, AuditEvent, User

GENESIS = "0" * 64
_source_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("fazhi_source_ip", default=None)


class AuditContextMiddleware:
    """Remembers the request's source address for the events written while it is handled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        ip = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
        token = _source_ip.set(ip or None)
        try:
            return self.get_response(request)
        finally:
            _source_ip.reset(token)


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return f"<{len(bytes(value))} 字节>"
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):
        return value.name or ""
    return value


def snapshot(instance: models.Model) -> dict:
    """The instance's concrete field values as JSON-ready data (foreign keys by id)."""
    data = {}
    excluded = getattr(type(instance), "audit_exclude", ())
    for f in instance._meta.concrete_fields:
        if f.primary_key or f.attname in excluded:
            continue
        data[f.attname] = _plain(getattr(instance, f.attname))
    return data


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for each field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def event_hash(fields: dict) -> str:
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _hashed_fields(event: AuditEvent) -> dict:
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(dt.UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "source_ip": event.source_ip,
        "action": event.action,
        "model_label": event.model_label,
        "object_id": str(event.object_id),
        "object_repr": event.object_repr,
        "organization_id": event.organization_id,
        "transition": event.transition,
        "changes": event.changes,
        "note": event.note,
        "prev_hash": event.prev_hash,
    }


@dataclass
class Entry:
    """One event to append: what happened to which record."""

    action: str
    instance: models.Model
    changes: dict
    transition: str = ""
    note: str = ""


def _organization_id(instance: models.Model):
    org = organization_of(instance)
    return getattr(org, "pk", None)


def append(*, actor: User | None, entries: Iterable[Entry]) -> list[AuditEvent]:
    """Append events for `entries` in order, in the caller's transaction, under the chain lock."""
    entries = list(entries)
    if not entries:
        return []
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        now = clock.now()
        ip = _source_ip.get()
        actor_name = (actor.person.name if actor.person_id else actor.username) if actor else "系统"
        events = []
        seq, prev = head.last_seq, head.last_hash
        for entry in entries:
            seq += 1
            event = AuditEvent(
                seq=seq,
                occurred_at=now,
                actor_id=actor.pk if actor else None,
                actor_name=actor_name,
                source_ip=ip,
                action=entry.action,
                model_label=entry.instance._meta.label_lower,
                object_id=str(entry.instance.pk),
                object_repr=str(entry.instance)[:300],
                organization_id=_organization_id(entry.instance),
                transition=entry.transition,
                changes=entry.changes,
                note=entry.note,
                prev_hash=prev,
            )
            event.hash = event_hash(_hashed_fields(event))
            prev = event.hash
            events.append(event)
        AuditEvent.objects.bulk_create(events, batch_size=1000)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return events


def record(
    *,
    actor: User | None,
    action: str,
    instance: models.Model,
    changes: dict | None = None,
    transition: str = "",
    note: str = "",
) -> AuditEvent:
    return append(
        actor=actor,
        entries=[
            Entry(action=action, instance=instance, changes=changes or {}, transition=transition, note=note)
        ],
    )[0]


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""


def verify_chain(*, batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; report the first event whose hash or link does not hold, or a missing event."""
    head = AuditChainHead.objects.filter(pk=1).first() or AuditChainHead(last_seq=0, last_hash=GENESIS)
    expected_seq, prev = 1, GENESIS
    checked = 0
    qs = AuditEvent.objects.order_by("seq")
    last = 0
    while True:
        chunk = list(qs.filter(seq__gt=last)[:batch])
        if not chunk:
            break
        for event in chunk:
            if event.seq != expected_seq:
                return VerifyResult(
                    False, checked, expected_seq, f"第{expected_seq}条审计记录缺失（被删除）。"
                )
            if event.prev_hash != prev:
                return VerifyResult(False, checked, event.seq, f"第{event.seq}条审计记录与前一条的链接不符。")
            if event_hash(_hashed_fields(event)) != event.hash:
                return VerifyResult(False, checked, event.seq, f"第{event.seq}条审计记录的内容被改动。")
            prev = event.hash
            expected_seq += 1
            checked += 1
        last = chunk[-1].seq
    if head.last_seq != checked or head.last_hash != prev:
        return VerifyResult(
            False,
            checked,
            checked + 1,
            f"链头记载共{head.last_seq}条，实际只有{checked}条：末尾的审计记录被删除。",
        )
    return VerifyResult(True, checked)


def history(instance: models.Model) -> models.QuerySet[AuditEvent]:
    """The events of one record, oldest first."""
    return AuditEvent.objects.filter(
        model_label=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("seq")


def masked_changes(event: AuditEvent) -> dict:
    """The event's changes for display: fields the model marks as personal (ID numbers) are masked."""
    try:
        masked = getattr(apps.get_model(event.model_label), "masked_fields", ())
    except LookupError:
        masked = ()
    return {
        name: [mask_id_number(v) if name in masked and v else v for v in pair]
        for name, pair in (event.changes or {}).items()
    }
