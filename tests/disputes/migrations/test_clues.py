"""disputes 0002_clue_origin: the link a case kept to its supervision clue (the removed field
ReconsiderationCase.supervision_clue) moves onto the clue as its origin, and going back moves it onto the case again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.models import SupervisionClue

from ..conftest import register

pytestmark = [
    pytest.mark.django_db(transaction=True),
]

BEFORE = [("disputes", "0001_reconsideration")]
AFTER = [("disputes", "0002_clue_origin")]


def migrate(targets):
    """Migrate the test database to `targets`; the apps of that state (historical models)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_migration_moves_each_link_onto_the_clue_and_back(users, district):
    # given a case with a clue and a case without one, and a clue received directly
    referred = register(users, district)
    clue = enforcement_services.register_clue(
        actor=users.reconsideration,
        source=SupervisionClue.Source.RECONSIDERATION,
        received_on=dt.date(2025, 4, 1),
        organization=district.sfj,
        content="复议纠错",
        origin=referred,
    )
    linked_before = register(users, district)
    direct = enforcement_services.register_clue(
        actor=users.reconsideration,
        source=SupervisionClue.Source.RECONSIDERATION,
        received_on=dt.date(2025, 4, 2),
        organization=district.sfj,
        content="复议纠错（旧链接）",
    )
    try:
        # when the migration is undone: the link is copied back onto the case, the clue's origin cleared
        old = migrate(BEFORE)
        Case = old.get_model("disputes", "ReconsiderationCase")
        assert Case.objects.get(pk=referred.pk).supervision_clue_id == clue.pk
        # (enforcement is not migrated back: its current model reads the clue)
        assert SupervisionClue.objects.filter(pk=clue.pk, origin_type=None, origin_id=None).exists()
        # and a case linked the old way, by its own key
        Case.objects.filter(pk=linked_before.pk).update(supervision_clue_id=direct.pk)

        # and applied again
        migrate(AFTER)
    finally:
        migrate(latest())

    # then each clue keeps its case as origin and each case finds its clue
    assert SupervisionClue.objects.get(pk=clue.pk).origin == referred
    assert SupervisionClue.objects.get(pk=direct.pk).origin == linked_before
    assert enforcement_selectors.clue_for(linked_before) == direct
    columns = [
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), "disputes_reconsiderationcase"
        )
    ]
    assert "supervision_clue_id" not in columns
