"""Signed checkpoints of the audit chain head, written outside the database (FAZHI_AUDIT_CHECKPOINT_FILE, one JSON
line each). Someone who can rewrite the database but not this file cannot move the chain back past a checkpoint: a
chain cut short (the last events deleted and the head moved back) no longer reaches the sequence a checkpoint holds.

Each line: {"seq", "hash", "at", "key_id", "mac"}; mac is HMAC-SHA256 under the audit key of the other fields, so
a line forged without the key is reported. Operators ship the file off the machine (syslog, WORM storage) as well.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .. import clock
from ..models import AuditChainHead
from . import keys


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    key_id: str
    mac: str
    line: int = 0

    def payload(self) -> bytes:
        return keys.canonical(
            {"kind": "checkpoint", "seq": self.seq, "hash": self.hash, "at": self.at, "key_id": self.key_id}
        )

    @property
    def genuine(self) -> bool:
        try:
            return keys.same(keys.mac(self.key_id, self.payload()), self.mac)
        except keys.UnknownKey:
            return False


def default_path() -> Path | None:
    path = getattr(settings, "FAZHI_AUDIT_CHECKPOINT_FILE", "")
    return Path(path) if path else None


def write(path: Path | None = None) -> Checkpoint:
    """Append a signed checkpoint of the current chain head to the file (created if absent) and flush it to disk."""
    path = path or default_path()
    if path is None:
        raise ImproperlyConfigured("未配置审计检查点文件：请设置 FAZHI_AUDIT_CHECKPOINT_FILE。")
    head = AuditChainHead.objects.filter(pk=1).first() or AuditChainHead(last_seq=0)
    key_id = keys.current_key_id()
    unsigned = Checkpoint(head.last_seq, head.last_hash, clock.now().isoformat(), key_id, "")
    checkpoint = Checkpoint(**{**unsigned.__dict__, "mac": keys.mac(key_id, unsigned.payload())})
    path.parent.mkdir(parents=True, exist_ok=True)
    line = json.dumps({k: v for k, v in checkpoint.__dict__.items() if k != "line"}, ensure_ascii=False)
    with open(path, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    return checkpoint


def read(path: Path | None = None) -> tuple[list[Checkpoint], list[str]]:
    """The file's checkpoints and, separately, the lines that are not readable checkpoints."""
    path = path or default_path()
    if path is None or not path.exists():
        return [], []
    found, bad = [], []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
            found.append(
                Checkpoint(
                    int(data["seq"]),
                    str(data["hash"]),
                    str(data["at"]),
                    str(data["key_id"]),
                    str(data["mac"]),
                    number,
                )
            )
        except (ValueError, KeyError, TypeError):
            bad.append(f"检查点文件第{number}行无法读取。")
    return found, bad
