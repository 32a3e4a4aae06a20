"""The audit trail: every change recorded with actor, time, address and before/after; append-only; hash-chained."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from fazhi.core import audit, services
from fazhi.core.models import AuditChainHead, AuditEvent, Person
from tests import factories


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def disable_append_only_guard():
    """What a person with direct database access could do: drop the guard, then tamper (rolled back after the test)."""
    if connection.vendor == "sqlite":
        raw("DROP TRIGGER core_auditevent_no_update")
        raw("DROP TRIGGER core_auditevent_no_delete")
    else:
        raw("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")


def test_create_change_delete_are_recorded_with_actor_and_before_after(users, district):
    # given a person created, changed and deleted by the justice admin
    person = services.create_person(
        actor=users.justice, name="审计甲", id_number=factories.id_number(), organization=district.jyj
    )
    services.update_person(actor=users.justice, person=person, position="科长", has_legal_qualification=True)
    pk = person.pk
    services.delete_record(actor=users.justice, instance=Person.objects.get(pk=pk))
    # then three events in order, each naming the actor, with the fields' before and after
    events = list(AuditEvent.objects.filter(model_label="core.person", object_id=str(pk)).order_by("seq"))
    assert [e.action for e in events] == ["create", "update", "delete"]
    assert all(e.actor_id == users.justice.pk and e.actor_name == users.justice.person.name for e in events)
    assert events[0].changes["name"] == [None, "审计甲"]
    assert events[1].changes == {"position": ["", "科长"], "has_legal_qualification": [False, True]}
    assert events[2].changes["position"] == ["科长", None]  # the deleted record's values survive in the trail
    assert all(e.organization_id == district.jyj.pk for e in events)
    assert events[0].occurred_at <= events[2].occurred_at <= timezone.now()


def test_unchanged_save_writes_no_event(users, district):
    person = factories.person(district.jyj)
    before = AuditEvent.objects.count()
    services.update_person(actor=users.justice, person=person, position=person.position)
    assert AuditEvent.objects.count() == before


def test_request_source_address_is_recorded(client, users, district):
    client.force_login(users.jyj_clerk)
    response = client.post(
        "/api/people/",
        {"name": "来源", "id_number": factories.id_number(), "organization": "T-JYJ"},
        content_type="application/json",
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 201
    event = AuditEvent.objects.get(model_label="core.person", object_id=str(response.json()["id"]))
    assert event.source_ip == "10.1.2.3"


def test_events_cannot_be_updated_or_deleted_in_the_database(users, district):
    factories.person(district.jyj)
    event = AuditEvent.objects.order_by("seq").last()
    with pytest.raises(DatabaseError), transaction.atomic():
        raw("UPDATE core_auditevent SET note = 'x' WHERE id = %s", [event.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        raw("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, note=event.note).exists()


def test_verify_passes_on_an_untouched_chain(users, district):
    factories.person(district.jyj)
    result = audit.verify_chain()
    assert result.ok and result.checked == AuditEvent.objects.count()
    call_command("audit", "verify")


def test_verify_names_the_first_altered_event(users, district):
    for _ in range(3):
        factories.person(district.jyj)
    target = AuditEvent.objects.order_by("seq")[2]
    disable_append_only_guard()
    raw("UPDATE core_auditevent SET changes = %s WHERE id = %s", ['{"name": [null, "篡改"]}', target.pk])
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == target.seq and "改动" in result.reason
    with pytest.raises(CommandError, match=f"首个异常记录序号：{target.seq}"):
        call_command("audit", "verify")


def test_verify_finds_an_event_removed_from_the_middle(users, district):
    for _ in range(3):
        factories.person(district.jyj)
    target = AuditEvent.objects.order_by("seq")[1]
    disable_append_only_guard()
    raw("DELETE FROM core_auditevent WHERE id = %s", [target.pk])
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == target.seq and "缺失" in result.reason


def test_verify_finds_the_last_event_removed(users, district):
    factories.person(district.jyj)
    last = AuditEvent.objects.order_by("seq").last()
    disable_append_only_guard()
    raw("DELETE FROM core_auditevent WHERE id = %s", [last.pk])
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == last.seq


def test_verify_finds_a_rewritten_actor_even_with_recomputed_own_hash(users, district):
    # an attacker rewrites an event and recomputes its own hash: the next event's link no longer holds
    for _ in range(2):
        factories.person(district.jyj)
    events = list(AuditEvent.objects.order_by("seq"))
    target = events[-2]
    target.actor_name = "别人"
    target.hash = audit.event_hash(audit._hashed_fields(target))
    disable_append_only_guard()
    raw(
        "UPDATE core_auditevent SET actor_name = %s, hash = %s WHERE id = %s",
        [target.actor_name, target.hash, target.pk],
    )
    result = audit.verify_chain()
    assert not result.ok and result.broken_seq == events[-1].seq


def test_history_of_a_record_is_shown_in_admin_with_masked_id(client, users, district):
    person = factories.person(district.jyj, name="历史甲")
    services.update_person(actor=users.justice, person=person, position="副科长")
    client.force_login(users.justice)
    html = client.get(f"/admin/core/person/{person.pk}/history/").content.decode()
    assert "副科长" in html and "历史甲" in html
    assert person.id_number not in html and person.masked_id_number in html


def test_audit_is_searchable_by_user_and_time(client, users, district):
    services.create_person(
        actor=users.jyj_clerk, name="检索甲", id_number=factories.id_number(), organization=district.jyj
    )
    client.force_login(users.justice)
    data = client.get("/api/audit-events/", {"actor": users.jyj_clerk.pk}).json()
    assert {e["object_repr"] for e in data["results"]} == {"检索甲"}
    future = (timezone.now() + dt.timedelta(hours=1)).isoformat()
    assert client.get("/api/audit-events/", {"since": future}).json()["results"] == []
    assert client.get("/api/audit-events/", {"since": "昨天"}).status_code == 400
    html = client.get("/admin/core/auditevent/", {"q": users.jyj_clerk.person.name}).content.decode()
    assert "检索甲" in html


def test_unit_clerk_sees_only_own_units_audit_events(client, users, district):
    factories.person(district.scj, name="别单位")
    client.force_login(users.jyj_clerk)
    reprs = {e["object_repr"] for e in client.get("/api/audit-events/").json()["results"]}
    assert "别单位" not in reprs


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_do_not_fork_the_chain(district):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need a server database (PostgreSQL)")
    actor = factories.system_actor()
    errors = []

    def write(i):
        try:
            for j in range(5):
                services.create_person(
                    actor=actor,
                    name=f"并发{i}-{j}",
                    id_number=factories.id_number(),
                    organization=district.jyj,
                )
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    result = audit.verify_chain()
    assert result.ok, result.reason
    assert AuditChainHead.objects.get().last_seq == AuditEvent.objects.count()
