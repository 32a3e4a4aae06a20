"""The audit trail proves itself: events chained by HMAC under a key outside the database, signed checkpoints of the
head outside the database, and `fazhi audit verify` naming every event forged, rewritten or cut off."""

from __future__ import annotations

import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from fazhi.core import audit
from fazhi.core.audit import checkpoints, keys
from fazhi.core.models import AuditChainHead, AuditEvent
from tests import factories

KEY_A = b"a" * 32
KEY_B = b"b" * 32


@pytest.fixture(autouse=True)
def audit_keys(settings):
    settings.FAZHI_AUDIT_KEYS = {"2026a": KEY_A}
    settings.FAZHI_AUDIT_KEY_ID = "2026a"


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def drop_guard():
    """What someone with direct database access can do before tampering."""
    if connection.vendor == "sqlite":
        raw("DROP TRIGGER IF EXISTS core_auditevent_no_update")
        raw("DROP TRIGGER IF EXISTS core_auditevent_no_delete")
    else:
        raw("ALTER TABLE core_auditevent DISABLE TRIGGER USER")


def move_head(seq: int, hash_: str):
    raw("UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s WHERE id = 1", [seq, hash_])


def kinds(result):
    return [(p.seq, p.kind) for p in result.problems]


def events():
    return list(AuditEvent.objects.order_by("seq"))


@pytest.fixture
def chain(district):
    for _ in range(3):
        factories.person(district.jyj)
    return events()


def test_events_are_signed_with_the_key_and_an_untouched_chain_verifies(chain):
    assert {e.key_id for e in chain} == {"2026a"}
    first = chain[0]
    assert first.hash == keys.keyed_hash(audit._hashed_fields(first), "2026a")
    assert first.hash != keys.unkeyed_hash(audit._hashed_fields(first))
    result = audit.verify_chain()
    assert result.ok and result.checked == len(chain) and result.problems == []


def test_a_forged_event_inserted_with_the_head_updated_is_reported(chain):
    last = chain[-1]
    forged = AuditEvent(
        seq=last.seq + 1,
        occurred_at=last.occurred_at,
        actor_name="伪造者",
        action="delete",
        model_label="core.person",
        object_id="999",
        object_repr="伪造",
        changes={},
        prev_hash=last.hash,
        key_id="2026a",
    )
    # the attacker has no key: the best they can do is a plain hash (or a guess)
    forged.hash = keys.unkeyed_hash(audit._hashed_fields(forged))
    forged.save()
    move_head(forged.seq, forged.hash)
    result = audit.verify_chain()
    assert kinds(result) == [(forged.seq, "content")]


def test_an_unsigned_event_after_signed_ones_is_a_forgery(chain):
    last = chain[-1]
    forged = AuditEvent(
        seq=last.seq + 1,
        occurred_at=last.occurred_at,
        actor_name="伪造者",
        action="create",
        model_label="core.person",
        object_id="998",
        object_repr="伪造",
        changes={},
        prev_hash=last.hash,
        key_id="",
    )
    forged.hash = keys.unkeyed_hash(audit._hashed_fields(forged))
    forged.save()
    move_head(forged.seq, forged.hash)
    assert kinds(audit.verify_chain()) == [(forged.seq, "unsigned")]


def test_a_rewrite_with_every_hash_recomputed_without_the_key_is_reported_event_by_event(chain):
    drop_guard()
    target = chain[1]
    prev = chain[0].hash
    for event in chain[1:]:
        if event.pk == target.pk:
            event.actor_name = "别人"
        event.prev_hash = prev
        event.hash = keys.unkeyed_hash(audit._hashed_fields(event))
        raw(
            "UPDATE core_auditevent SET actor_name = %s, prev_hash = %s, hash = %s WHERE id = %s",
            [event.actor_name, event.prev_hash, event.hash, event.pk],
        )
        prev = event.hash
    move_head(chain[-1].seq, prev)
    result = audit.verify_chain()
    assert kinds(result) == [(e.seq, "content") for e in chain[1:]]
    assert result.broken_seq == target.seq
    assert f"第{target.seq}条审计记录的内容被改动" in result.reason


def test_truncation_with_the_head_moved_back_is_caught_by_the_checkpoint(chain, settings, tmp_path):
    mark = checkpoints.write()
    assert mark.seq == chain[-1].seq
    drop_guard()
    raw("DELETE FROM core_auditevent WHERE seq > %s", [chain[-3].seq])
    move_head(chain[-3].seq, chain[-3].hash)
    # the chain left in the database is consistent in itself ...
    assert audit.verify_chain(checkpoint_file=tmp_path / "none.jsonl").ok
    # ... but the checkpoint outside it remembers where it reached
    result = audit.verify_chain()
    assert kinds(result) == [(chain[-2].seq, "truncated")]
    assert f"第{chain[-2].seq}至{chain[-1].seq}条被删除" in result.reason
    with pytest.raises(CommandError, match="链被截断"):
        call_command("audit", "verify")


def test_a_checkpoint_forged_without_the_key_is_reported(chain, settings):
    path = checkpoints.default_path()
    checkpoints.write()
    line = json.loads(path.read_text().splitlines()[0])
    line["seq"] += 5
    path.write_text(path.read_text() + json.dumps(line) + "\n")
    result = audit.verify_chain()
    assert [p.kind for p in result.problems] == ["checkpoint"]
    assert "第2行的签名不符" in result.reason


def test_a_replaced_event_disagrees_with_the_checkpoint(chain, settings):
    checkpoints.write()
    # someone holding the key rewrites the last event and the head: the checkpoint still holds its hash
    drop_guard()
    last = chain[-1]
    last.note = "改写"
    last.hash = audit.event_hash(audit._hashed_fields(last), "2026a")
    raw("UPDATE core_auditevent SET note = %s, hash = %s WHERE id = %s", [last.note, last.hash, last.pk])
    move_head(last.seq, last.hash)
    assert kinds(audit.verify_chain()) == [(last.seq, "checkpoint")]


def test_events_before_keying_are_sealed_by_a_rotation_event(district, settings):
    # given a chain written before keying (plain SHA-256, key id "")
    factories.person(district.jyj)
    drop_guard()
    prev = audit.GENESIS
    for event in events():
        event.key_id, event.prev_hash = "", prev
        event.hash = keys.unkeyed_hash(audit._hashed_fields(event))
        raw(
            "UPDATE core_auditevent SET key_id = '', prev_hash = %s, hash = %s WHERE id = %s",
            [event.prev_hash, event.hash, event.pk],
        )
        prev = event.hash
    legacy = events()
    raw(
        "UPDATE core_auditchainhead SET last_seq = %s, last_hash = %s, last_key_id = '' WHERE id = 1",
        [legacy[-1].seq, prev],
    )
    assert audit.verify_chain().ok
    # when the next event is written under the key, a rotation event seals the old ones first
    call_command("audit", "rotate-key")
    seal = events()[-1]
    assert seal.action == "key" and seal.prev_hash == prev and seal.key_id == "2026a"
    assert seal.changes == {"key_id": ["", "2026a"]}
    assert audit.verify_chain().ok
    # then rewriting an old event, hashes recomputed, breaks the seal's link
    target = legacy[-1]
    target.actor_name = "别人"
    target.hash = keys.unkeyed_hash(audit._hashed_fields(target))
    raw(
        "UPDATE core_auditevent SET actor_name = %s, hash = %s WHERE id = %s",
        ["别人", target.hash, target.pk],
    )
    assert kinds(audit.verify_chain()) == [(seal.seq, "link")]


def test_key_rotation_keeps_old_events_verifiable_and_an_unknown_key_is_reported(chain, district, settings):
    settings.FAZHI_AUDIT_KEYS = {"2026a": KEY_A, "2027a": KEY_B}
    settings.FAZHI_AUDIT_KEY_ID = "2027a"
    factories.person(district.jyj)
    after = events()
    rotation = after[len(chain)]
    assert rotation.action == "key" and rotation.changes == {"key_id": ["2026a", "2027a"]}
    assert after[-1].key_id == "2027a"
    assert AuditChainHead.objects.get(pk=1).last_key_id == "2027a"
    assert audit.verify_chain().ok
    settings.FAZHI_AUDIT_KEYS = {"2027a": KEY_B}
    assert {p.kind for p in audit.verify_chain().problems} == {"unknown_key"}


def test_commands_checkpoint_and_verify(chain, capsys):
    call_command("audit", "checkpoint")
    assert "已写入审计检查点" in capsys.readouterr().out
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert f"共{len(chain)}条记录" in out and "核对库外检查点1个" in out
