"""Shared fixtures: a small district with two departments, a township and a political-legal unit, and users."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.db.backends.postgresql.operations import DatabaseOperations as PostgresOperations
from django.db.backends.sqlite3 import base as sqlite_base

from fazhi.core import clock, jobs
from fazhi.core.models import OrganizationKind, Role

from . import factories

_guard = importlib.import_module("fazhi.core.migrations.0002_audit_chain_guard")
SQLiteOperations = sqlite_base.DatabaseOperations
_sqlite_flush = SQLiteOperations.sql_flush


def _flush_around_audit_guard(self, style, tables, **kwargs):
    """Transactional tests empty every table between tests; on SQLite the append-only triggers would refuse."""
    sql = _sqlite_flush(self, style, tables, **kwargs)
    if "core_auditevent" in tables:
        return _guard.SQLITE_DROP + sql + _guard.SQLITE
    return sql


SQLiteOperations.sql_flush = _flush_around_audit_guard

_pg_flush = PostgresOperations.sql_flush
_NO_TRUNCATE = "core_auditevent_no_truncate"


def _pg_flush_around_audit_guard(self, style, tables, **kwargs):
    """On PostgreSQL the statement trigger refuses TRUNCATE of the audit trail; the test database's owner lifts it."""
    sql = _pg_flush(self, style, tables, **kwargs)
    if "core_auditevent" in tables and sql:
        return [
            f"ALTER TABLE core_auditevent DISABLE TRIGGER {_NO_TRUNCATE};",
            *sql,
            f"ALTER TABLE core_auditevent ENABLE TRIGGER {_NO_TRUNCATE};",
        ]
    return sql


PostgresOperations.sql_flush = _pg_flush_around_audit_guard


@pytest.fixture(autouse=True)
def _clock_unfrozen_after_each_test():
    """Tests freeze today with `clock.freeze(date)`; every test starts and ends on the real clock."""
    clock.freeze(None)
    yield
    clock.freeze(None)


IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def _tasks_at_once_and_fast_passwords(settings, tmp_path, monkeypatch):
    # Background jobs run as soon as they are enqueued: on django-tasks' ImmediateBackend, and without waiting
    # for a commit that a test's transaction never makes (a test that needs the worker sets the database backend).
    settings.TASKS = IMMEDIATE_TASKS
    monkeypatch.setattr(jobs, "on_commit", lambda func, using=None, robust=False: func())
    settings.MEDIA_ROOT = tmp_path / "media"  # uploaded files of a test stay in its own folder
    settings.FAZHI_AUDIT_CHECKPOINT_FILE = str(
        tmp_path / "audit-checkpoints.jsonl"
    )  # never the machine's own
    # The users fixture hashes ten passwords per test; the production hasher takes seconds for that.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def district(db):
    """澄湖 test district: root government, 司法局, 教育局, 市场监管局 with an enforcement team, a township, a court,
    and a second district (other root) to prove district scoping."""
    root = factories.org("T", kind=OrganizationKind.DISTRICT_GOVERNMENT, name="测试区人民政府")
    sfj = factories.org("T-SFJ", parent=root, name="测试区司法局")
    jyj = factories.org("T-JYJ", parent=root, name="测试区教育局")
    scj = factories.org("T-SCJ", parent=root, name="测试区市场监督管理局")
    team = factories.org(
        "T-SCJ-ZD", parent=scj, kind=OrganizationKind.ENFORCEMENT_BODY, name="测试区市场监管执法大队"
    )
    town = factories.org("T-LHZ", parent=root, kind=OrganizationKind.TOWNSHIP, name="测试区莲花镇")
    court = factories.org("T-FY", parent=root, kind=OrganizationKind.POLITICAL_LEGAL, name="测试区人民法院")
    other_root = factories.org("O", kind=OrganizationKind.DISTRICT_GOVERNMENT, name="邻区人民政府")
    other_dept = factories.org("O-SFJ", parent=other_root, name="邻区司法局")
    return SimpleNamespace(
        root=root,
        sfj=sfj,
        jyj=jyj,
        scj=scj,
        team=team,
        town=town,
        court=court,
        other_root=other_root,
        other_dept=other_dept,
    )


@pytest.fixture
def users(district):
    return SimpleNamespace(
        admin=factories.system_actor(),
        justice=factories.user(Role.JUSTICE_ADMIN, district.sfj, username="justice"),
        jyj_clerk=factories.user(Role.UNIT_CLERK, district.jyj, username="jyj-clerk"),
        scj_clerk=factories.user(Role.UNIT_CLERK, district.scj, username="scj-clerk"),
        advisor=factories.user(Role.LEGAL_ADVISOR, district.sfj, username="advisor"),
        reconsideration=factories.user(Role.RECONSIDERATION_STAFF, district.sfj, username="fuyi"),
        supervisor=factories.user(Role.ENFORCEMENT_SUPERVISOR, district.sfj, username="jiandu"),
        leader=factories.user(Role.LEADER, district.root, username="leader"),
        scj_leader=factories.user(Role.LEADER, district.scj, username="scj-leader"),
        other_justice=factories.user(Role.JUSTICE_ADMIN, district.other_dept, username="other-justice"),
    )
