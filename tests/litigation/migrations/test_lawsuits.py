"""litigation 0003_clue_origin: the link a lost lawsuit kept to its supervision clue (the removed field
Lawsuit.supervision_clue) moves onto the clue as its origin, and going back moves it onto the lawsuit again."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement import services as enforcement_services
from fazhi.enforcement.models import SupervisionClue
from fazhi.litigation import services

from ..conftest import judge, lawsuit_fields

pytestmark = [
    pytest.mark.django_db(transaction=True),
]

BEFORE = [("litigation", "0002_reconsideration_link")]
AFTER = [("litigation", "0003_clue_origin")]


def migrate(targets):
    """Migrate the test database to `targets`; the apps of that state (historical models)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_migration_moves_each_link_onto_the_clue_and_back(users, district, head):
    # given a lost lawsuit turned into a clue, another lawsuit, and a clue registered directly
    lost = services.register_lawsuit(actor=users.reconsideration, **lawsuit_fields(district))
    judge(users.reconsideration, lost, head, "illegal")
    clue = services.open_supervision_clue(actor=users.justice, lawsuit=lost, received_on=dt.date(2024, 12, 5))
    linked_before = services.register_lawsuit(
        actor=users.reconsideration, **lawsuit_fields(district, case_number="（2024）宁0303行初13号")
    )
    direct = enforcement_services.register_clue(
        actor=users.justice,
        source=SupervisionClue.Source.LITIGATION,
        received_on=dt.date(2024, 12, 6),
        organization=district.jyj,
        content="败诉案件（旧链接）",
    )
    try:
        # when the migration is undone: the link is copied back onto the lawsuit, the clue's origin cleared
        old = migrate(BEFORE)
        Lawsuit = old.get_model("litigation", "Lawsuit")
        assert Lawsuit.objects.get(pk=lost.pk).supervision_clue_id == clue.pk
        # (enforcement is not migrated back: its current model reads the clue)
        assert SupervisionClue.objects.filter(pk=clue.pk, origin_type=None, origin_id=None).exists()
        # and a lawsuit linked the old way, by its own key
        Lawsuit.objects.filter(pk=linked_before.pk).update(supervision_clue_id=direct.pk)

        # and applied again
        migrate(AFTER)
    finally:
        migrate(latest())

    # then each clue keeps its lawsuit as origin and each lawsuit finds its clue
    assert SupervisionClue.objects.get(pk=clue.pk).origin == lost
    assert SupervisionClue.objects.get(pk=direct.pk).origin == linked_before
    assert enforcement_selectors.clue_for(linked_before) == direct
    table = connection.introspection.get_table_description(connection.cursor(), "litigation_lawsuit")
    assert "supervision_clue_id" not in [c.name for c in table]
