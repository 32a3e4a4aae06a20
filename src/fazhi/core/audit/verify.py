"""`verify_chain`: walk the whole audit chain and report every event forged, rewritten or missing, a head that does
not match, and a chain cut short behind a signed checkpoint kept outside the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..models import AuditChainHead, AuditEvent
from . import checkpoints, keys
from .chain import _hashed_fields, event_hash

GENESIS = "0" * 64
MAX_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    seq: int
    kind: str  # missing, link, content, unsigned, unknown_key, head, truncated, checkpoint
    message: str


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    reason: str = ""
    problems: list[Problem] = field(default_factory=list)
    checkpoints: int = 0


def _expected_hash(event: AuditEvent) -> str | None:
    try:
        return event_hash(_hashed_fields(event), event.key_id)
    except keys.UnknownKey:
        return None


def verify_chain(*, batch: int = 5000, checkpoint_file: Path | None = None) -> VerifyResult:
    """Check every event's signature and link, the head, and the checkpoints; list every problem found."""
    problems: list[Problem] = []

    def report(seq: int, kind: str, message: str) -> None:
        if len(problems) < MAX_PROBLEMS:
            problems.append(Problem(seq, kind, message))

    marks, unreadable = checkpoints.read(checkpoint_file)
    for text in unreadable:
        report(0, "checkpoint", text)
    genuine = {}
    for mark in marks:
        if mark.genuine:
            genuine.setdefault(mark.seq, mark)
        else:
            report(mark.seq, "checkpoint", f"检查点文件第{mark.line}行的签名不符（检查点被伪造或改动）。")

    head = AuditChainHead.objects.filter(pk=1).first() or AuditChainHead(last_seq=0, last_hash=GENESIS)
    expected_seq, prev, keyed, checked, last = 1, GENESIS, False, 0, 0
    qs = AuditEvent.objects.order_by("seq")
    while True:
        chunk = list(qs.filter(seq__gt=last)[:batch])
        if not chunk:
            break
        for event in chunk:
            seq = event.seq
            if seq > expected_seq:
                span = f"第{expected_seq}条" if seq - 1 == expected_seq else f"第{expected_seq}至{seq - 1}条"
                report(expected_seq, "missing", f"{span}审计记录缺失（被删除）。")
            if event.prev_hash != prev:
                report(seq, "link", f"第{seq}条审计记录与前一条的链接不符（前后记录被改写、插入或删除）。")
            if event.key_id == keys.LEGACY and keyed:
                report(seq, "unsigned", f"第{seq}条审计记录没有密钥签名，却出现在已签名的记录之后（伪造）。")
            else:
                expected = _expected_hash(event)
                if expected is None:
                    report(seq, "unknown_key", f"第{seq}条审计记录使用了未知的密钥“{event.key_id}”（伪造）。")
                elif not keys.same(expected, event.hash):
                    report(seq, "content", f"第{seq}条审计记录的内容被改动（与其签名不符）。")
            keyed = keyed or event.key_id != keys.LEGACY
            mark = genuine.get(seq)
            if mark is not None and not keys.same(mark.hash, event.hash):
                report(
                    seq, "checkpoint", f"第{seq}条审计记录与外部检查点（{mark.at}）记载的不符：该条被替换。"
                )
            prev, expected_seq, last = event.hash, seq + 1, seq
            checked += 1
    if head.last_seq != last or head.last_hash != prev:
        report(
            last + 1,
            "head",
            f"链头记载共{head.last_seq}条，实际记录到第{last}条为止：末尾的审计记录被删除，或链头被改动。",
        )
    if genuine:
        furthest = max(genuine.values(), key=lambda m: m.seq)
        if furthest.seq > last:
            report(
                last + 1,
                "truncated",
                f"外部检查点（{furthest.at}）记载审计链已到第{furthest.seq}条，数据库中只到第{last}条："
                f"第{last + 1}至{furthest.seq}条被删除（链被截断）。",
            )
    problems.sort(key=lambda p: (p.seq, p.kind))
    first = problems[0] if problems else None
    return VerifyResult(
        ok=not problems,
        checked=checked,
        broken_seq=first.seq if first else None,
        reason=first.message if first else "",
        problems=problems,
        checkpoints=len(genuine),
    )
