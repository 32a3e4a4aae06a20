"""PostgreSQL only: the application role cannot TRUNCATE, ALTER, disable triggers or bypass them, and may only read
and append the audit trail; TRUNCATE is refused by a trigger even for the owner."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests import factories

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

ROLE = "fazhi_app_test"


def run(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def app_role(db):
    run(f"DO $$ BEGIN CREATE ROLE {ROLE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
    call_command("dbroles", ROLE, "--apply")
    return ROLE


def as_app(sql):
    with transaction.atomic():
        run(f"SET LOCAL ROLE {ROLE}")
        run(sql)


def refused_as_app(sql):
    with pytest.raises(DatabaseError):
        as_app(sql)


def test_truncate_of_the_audit_trail_is_refused_even_for_the_owner(users, district):
    factories.person(district.jyj)
    with pytest.raises(DatabaseError, match="审计记录只可追加"), transaction.atomic():
        run("TRUNCATE core_auditevent")


def test_the_application_role_cannot_tamper_with_the_audit_trail(users, district, app_role):
    factories.person(district.jyj)
    refused_as_app("TRUNCATE core_auditevent")
    refused_as_app("ALTER TABLE core_auditevent DISABLE TRIGGER USER")
    refused_as_app("ALTER TABLE core_auditevent DISABLE TRIGGER ALL")
    refused_as_app("SET session_replication_role = replica")
    refused_as_app("UPDATE core_auditevent SET note = 'x'")
    refused_as_app("DELETE FROM core_auditevent")
    refused_as_app("DROP TABLE core_auditevent")
    refused_as_app("TRUNCATE core_person")


def test_the_application_role_reads_and_appends(users, district, app_role):
    with transaction.atomic():
        run(f"SET LOCAL ROLE {ROLE}")
        factories.person(district.jyj, name="应用角色写入")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM core_auditevent")
            assert cursor.fetchone()[0] > 0
