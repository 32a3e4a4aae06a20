"""The hash that chains audit events: HMAC-SHA256 of the event's fields under its key (audit.keys)."""

from __future__ import annotations

import datetime as dt

from ..models import AuditEvent
from . import keys


def event_hash(fields: dict, key_id: str | None = None) -> str:
    """The event's chain hash: HMAC-SHA256 under `key_id` (the current key by default); plain SHA-256 for the
    events written before keying (key id "")."""
    key_id = keys.current_key_id() if key_id is None else key_id
    if key_id == keys.LEGACY:
        return keys.unkeyed_hash(fields)
    return keys.keyed_hash(fields, key_id)


def _hashed_fields(event: AuditEvent) -> dict:
    fields = {
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
    if event.key_id:
        fields["key_id"] = event.key_id
    return fields
