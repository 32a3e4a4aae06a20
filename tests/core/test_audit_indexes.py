"""The audit trail's indexes (core 0012): only those its reads use are kept — every append pays for each one (an
import of 50,000 people writes 50,000 events) — and the reads still find their rows through an index."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from fazhi.core import audit, services
from fazhi.core.models import AuditEvent, Person
from tests import factories

TABLE = "core_auditevent"
KEPT = {
    ("id",),  # primary key
    ("seq",),  # unique: the chain's order, `fazhi audit verify`, the newest first of every list
    ("occurred_at",),  # the API's since/until, the admin's dates
    ("actor_id",),  # the API's actor
    ("organization_id",),  # access.scope of every list
    ("model_label", "object_id", "seq"),  # a record's history; every read by record type
}
DROPPED = [
    "core_auditevent_model_label_8843c065",
    "core_auditevent_model_label_8843c065_like",
    "core_auditevent_object_id_096dfe0c",
    "core_auditevent_object_id_096dfe0c_like",
]


def indexed_columns() -> set[tuple[str, ...]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TABLE)
    return {
        tuple(c["columns"]) for c in constraints.values() if c["index"] or c["primary_key"] or c["unique"]
    }


def index_names() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, TABLE))


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            return "\n".join(str(row[-1]) for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = off")  # a few test rows: ask whether an index can serve it
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
def test_the_audit_trail_keeps_only_the_indexes_its_reads_use():
    assert indexed_columns() == KEPT
    assert not set(DROPPED) & index_names()


@pytest.mark.django_db
def test_a_records_history_is_still_read_through_an_index(users, district):
    person = services.create_person(
        actor=users.justice, name="索引甲", id_number=factories.id_number(), organization=district.jyj
    )
    services.update_person(actor=users.justice, person=person, position="科长")

    with transaction.atomic():
        shown = plan(audit.history(person))
    assert "core_audite_model_l_9ef372_idx" in shown, shown
    assert [e.action for e in audit.history(person)] == ["create", "update"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_is_reversible_and_leaves_the_trail_append_only(users, district):
    executor = MigrationExecutor(connection)
    executor.migrate([("core", "0011_organization_kind_public_security")])
    back = index_names()
    expected_back = set(DROPPED) if connection.vendor == "postgresql" else set(DROPPED[0::2])
    assert expected_back <= back

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    assert indexed_columns() == KEPT
    # the triggers of 0002 are still there: the trail is append-only
    person = services.create_person(
        actor=users.justice, name="索引乙", id_number=factories.id_number(), organization=district.jyj
    )
    event = audit.history(person).get()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(note="改")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    assert Person.objects.filter(pk=person.pk).exists()
