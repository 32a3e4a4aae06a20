"""The oversight demo in 澄湖区: created once; the figures of 2024 and 2025 are plausible (two joint inspections and
six units through political patrols each year, every finding rectified), and 2026 has open, overdue and escalated
items, some opened from supervision clues, that stand out on the 工作台."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest

from fazhi.core import clock, workbench
from fazhi.core import services as core_services
from fazhi.core.models import Role, User
from fazhi.demo.management.commands.demo import DEMO_PASSWORD, Command
from fazhi.demo.oversight import oversight_demo
from fazhi.indicators.registry import Period, evaluate
from fazhi.oversight.models import Inspection, RectificationItem, SourceKind

from ..shared_records import records_for_the_module

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo_records(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module; each test runs in a savepoint inside."""
    with records_for_the_module(django_db_blocker, tmp_path_factory):
        clock.freeze(TODAY)
        admin = core_services.create_user(
            actor=None, username="admin", password=DEMO_PASSWORD, role=Role.SYSTEM_ADMIN
        )
        command = Command(stdout=StringIO())
        command.ensure_units(admin)
        command.ensure_people(admin)
        command.ensure_users(admin)
        created = oversight_demo(admin, StringIO())
        yield admin, created


@pytest.fixture
def demo(demo_records, db):
    clock.freeze(TODAY)
    return demo_records


def value(code, year):
    return evaluate(code, Period.year(year)).figure.value


def test_demo_runs_once(demo):
    admin, created = demo
    assert created > 50
    assert oversight_demo(admin, StringIO()) == 0
    assert Inspection.objects.count() == 8


@pytest.mark.parametrize("year", [2024, 2025])
def test_demo_figures_of_2024_and_2025_are_plausible(demo, year):
    assert value("oversight.inspections.joint", year) == 2
    assert value("oversight.inspections.patrol_units", year) == 6
    assert value("oversight.rectification.rate", year) == 100
    assert value("oversight.rectification.items", year) > 0
    assert value("oversight.tasks.due", year) >= 5
    assert value("oversight.tasks.late", year) >= 1


def test_demo_2026_has_overdue_escalated_and_clue_items_on_the_workbench(demo):
    open_items = RectificationItem.objects.filter(status__in=RectificationItem.OPEN)
    assert open_items.filter(deadline__lt=TODAY).count() >= 2
    assert open_items.filter(escalated_on__isnull=False).count() == 1
    assert RectificationItem.objects.filter(source_kind=SourceKind.CLUE).count() == 2
    scj = User.objects.get(username="scj")
    sfj = User.objects.get(username="sfj")
    unit = [w for w in workbench.items_for(scj, TODAY) if w.category == "督察整改" and w.level == "overdue"]
    office = [w for w in workbench.items_for(sfj, TODAY) if w.category == "督察整改" and w.level == "overdue"]
    assert len(unit) == 1  # the clue item past its 40-day deadline; the other clue's is due on 2026-12-03
    assert len(office) == 2  # the supervising office also sees the education bureau's escalated item
    assert any("挂牌督办" in w.title for w in office)
