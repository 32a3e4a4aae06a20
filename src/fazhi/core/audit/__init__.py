"""The one audit writer: append-only events for every create, change, delete and transition, chained by HMAC-SHA256
under a key kept outside the database (audit.keys).

Appending locks the chain head row, so concurrent writers cannot fork the chain; `verify_chain` (audit.verify)
finds any event forged, altered or removed directly in the database, and with the signed checkpoints written outside
it (audit.checkpoints) a chain cut short too.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import functools
import ipaddress
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from .. import clock
from ..access import organization_of
from ..crypto import BlindIndexField, mask_value
from ..models import AuditChainHead, AuditEvent, User
from . import keys
from .chain import _hashed_fields, event_hash
from .verify import GENESIS, Problem, VerifyResult, verify_chain

__all__ = ["GENESIS", "Problem", "VerifyResult", "event_hash", "verify_chain"]

_source_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("fazhi_source_ip", default=None)


class AuditContextMiddleware:
    """Remembers the request's source address for the events written while it is handled."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _source_ip.set(client_ip(request.META) or None)
        try:
            return self.get_response(request)
        finally:
            _source_ip.reset(token)


def client_ip(meta) -> str:
    """The client's address: REMOTE_ADDR, or, only when REMOTE_ADDR is a trusted proxy (FAZHI_TRUSTED_PROXIES), the
    nearest address in X-Forwarded-For that is not itself a trusted proxy. A client cannot forge its address."""
    remote = meta.get("REMOTE_ADDR", "") or ""
    trusted = set(getattr(settings, "FAZHI_TRUSTED_PROXIES", ()) or ())
    if remote not in trusted:
        return remote
    hops = [h.strip() for h in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            try:
                ipaddress.ip_address(hop)
            except ValueError:
                return remote
            return hop
    return remote


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


@functools.cache
def _snapshot_attnames(model: type[models.Model]) -> tuple[str, ...]:
    """The attnames of `model`'s concrete fields a snapshot may hold, found once per model (an import snapshots
    every row)."""
    return tuple(
        f.attname
        for f in model._meta.concrete_fields
        # A blind index is a keyed hash of a number the trail keeps masked: it has no place in the trail.
        if not (f.primary_key or isinstance(f, BlindIndexField))
    )


def snapshot(instance: models.Model) -> dict:
    """The instance's concrete field values as JSON-ready data (foreign keys by id)."""
    excluded = getattr(type(instance), "audit_exclude", ())
    return {
        name: _plain(getattr(instance, name))
        for name in _snapshot_attnames(type(instance))
        if name not in excluded
    }


def diff(before: dict, after: dict) -> dict:
    """{field: [old, new]} for each field whose value changed."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


@dataclass
class Entry:
    """One event to append: what happened to which record."""

    action: str
    instance: models.Model
    changes: dict
    transition: str = ""
    note: str = ""


def _masked(model, changes: dict) -> dict:
    return {
        name: [mask_value(model, name, v) for v in pair] if isinstance(pair, list) else pair
        for name, pair in (changes or {}).items()
    }


def stored_changes(instance: models.Model, changes: dict) -> dict:
    """The changes as the audit trail keeps them: personal fields (encrypted columns — ID numbers, phones,
    addresses — and those a model lists in `masked_fields`) are stored masked, so the trail never holds them in
    full (the record itself holds them, encrypted)."""
    return _masked(type(instance), changes) if changes else changes


def _organization_id(instance: models.Model):
    org = organization_of(instance)
    return getattr(org, "pk", None)


def append(*, actor: User | None, entries: Iterable[Entry]) -> list[AuditEvent]:
    """Append events for `entries` in order, in the caller's transaction, under the chain lock."""
    entries = list(entries)
    if not entries:
        return []
    return _append(actor, entries)


def rotate_key(*, actor: User | None) -> AuditEvent | None:
    """Record the switch to the current key now (append does it anyway before the first event under a new key)."""
    events = _append(actor, [])
    return events[0] if events else None


def _append(actor: User | None, entries: list[Entry]) -> list[AuditEvent]:
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        now = clock.now()
        ip = _source_ip.get()
        actor_name = (actor.person.name if actor.person_id else actor.username) if actor else "系统"
        key_id = keys.current_key_id()
        events = []
        seq, prev = head.last_seq, head.last_hash
        sealed = 0
        if head.last_key_id != key_id and head.last_seq:
            sealed = 1
            # The first event under a new key records the change: it seals every event before it.
            old = head.last_key_id or "未加密钥的哈希链"
            entries.insert(
                0,
                Entry(
                    action=AuditEvent.Action.KEY,
                    instance=head,
                    changes={"key_id": [head.last_key_id, key_id]},
                    note=f"审计密钥轮换：{old} → {key_id}，此前的记录由本条签名封存。",
                ),
            )
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
                changes=stored_changes(entry.instance, entry.changes),
                note=entry.note,
                prev_hash=prev,
                key_id=key_id,
            )
            event.hash = event_hash(_hashed_fields(event), key_id)
            prev = event.hash
            events.append(event)
        if not events:
            return []
        AuditEvent.objects.bulk_create(events, batch_size=1000)
        head.last_seq, head.last_hash, head.last_key_id = seq, prev, key_id
        head.save(update_fields=["last_seq", "last_hash", "last_key_id"])
    return events[sealed:] if entries[sealed:] else events


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


def history(instance: models.Model) -> models.QuerySet[AuditEvent]:
    """The events of one record, oldest first."""
    return AuditEvent.objects.filter(
        model_label=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("seq")


def masked_changes(event: AuditEvent) -> dict:
    """The event's changes for display: fields the model marks as personal (ID numbers) are masked."""
    try:
        model = apps.get_model(event.model_label)
    except LookupError:
        return dict(event.changes or {})
    return _masked(model, event.changes)
