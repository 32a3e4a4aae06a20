"""litigation 0005_effective_result: existing judged lawsuits get their effective result and duty to perform from
their outcome; a second instance that upheld a first-instance loss becomes lost with the duty (it counted as won)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.litigation import services
from fazhi.litigation.models import Lawsuit

from ..conftest import judge, lawsuit_fields

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("litigation", "0004_judgment_service_recommendations")]
AFTER = [("litigation", "0005_effective_result")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_migration_stores_the_effective_result_of_existing_rows(users, district, head):
    actor = users.reconsideration
    first = services.register_lawsuit(actor=actor, **lawsuit_fields(district))
    judge(actor, first, head, "revoked")
    services.record_appeal(
        actor=actor, lawsuit=first, appealed_on=dt.date(2024, 12, 10), appellant="测试区教育局"
    )
    second = services.register_lawsuit(
        actor=actor,
        **lawsuit_fields(
            district,
            case_number="（2025）宁03行终1号",
            instance="second",
            first_instance=Lawsuit.objects.get(pk=first.pk),
            filed_on=dt.date(2025, 1, 6),
            served_on=dt.date(2025, 1, 10),
        ),
    )
    services.record_judgment(actor=actor, lawsuit=second, outcome="upheld", judged_on=dt.date(2025, 3, 20))
    withdrawn = services.register_lawsuit(
        actor=actor, **lawsuit_fields(district, case_number="（2024）宁0303行初14号")
    )
    services.record_judgment(
        actor=actor, lawsuit=withdrawn, outcome="withdrawn", judged_on=dt.date(2024, 10, 9)
    )
    try:
        # as the rows stood before: no stored result
        old = migrate(BEFORE)
        old.get_model("litigation", "Lawsuit").objects.update(result="", must_perform=False)
        migrate(AFTER)
    finally:
        migrate(latest())
    rows = {s.case_number: (s.result, s.must_perform) for s in Lawsuit.objects.all()}
    assert rows == {
        "（2024）宁0303行初12号": ("lost", True),
        "（2025）宁03行终1号": ("lost", True),
        "（2024）宁0303行初14号": ("withdrawn", False),
    }
