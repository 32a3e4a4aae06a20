"""The audit keys: HMAC-SHA256 keys kept outside the database (environment or settings), each with an id so the key
can be rotated while events signed under an older key still verify.

Settings: FAZHI_AUDIT_KEYS = {key_id: key bytes}, FAZHI_AUDIT_KEY_ID = the id new events are signed with.
Environment (read by settings.py): FAZHI_AUDIT_KEYS="2026a:<hex>,2027a:<hex>", FAZHI_AUDIT_KEY_ID="2027a".
"""

from __future__ import annotations

import hashlib
import hmac
import json

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

LEGACY = ""  # events written before keying: plain SHA-256, accepted only before the first keyed event


def keyring() -> dict[str, bytes]:
    return dict(getattr(settings, "FAZHI_AUDIT_KEYS", {}) or {})


def current_key_id() -> str:
    key_id = getattr(settings, "FAZHI_AUDIT_KEY_ID", "")
    if not key_id or key_id not in keyring():
        raise ImproperlyConfigured("未配置审计密钥：请设置 FAZHI_AUDIT_KEYS 与 FAZHI_AUDIT_KEY_ID。")
    return key_id


def canonical(fields: dict) -> bytes:
    return json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode(
        "utf-8"
    )


def unkeyed_hash(fields: dict) -> str:
    """The hash of events written before the chain was keyed (anyone can recompute it)."""
    return hashlib.sha256(canonical(fields)).hexdigest()


class UnknownKey(KeyError):
    """An event or checkpoint names a key id this installation does not hold."""


def mac(key_id: str, payload: bytes) -> str:
    try:
        key = keyring()[key_id]
    except KeyError as exc:
        raise UnknownKey(key_id) from exc
    return hmac.new(key, payload, hashlib.sha256).hexdigest()


def keyed_hash(fields: dict, key_id: str) -> str:
    """HMAC-SHA256 of the event's fields under key `key_id` (the key id is itself part of the fields)."""
    return mac(key_id, canonical(fields))


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
