"""The demo lists of 澄湖区: imported once through the ledgers, with items removed and added over 2024–2026 and
enough service items that the fast-mode figure is not trivial."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.catalogs.models import ListItem, ServiceItem
from fazhi.core import audit
from fazhi.demo import catalogs as catalogs_demo
from fazhi.demo import registry as demo
from fazhi.indicators.registry import Period, evaluate


@pytest.fixture
def run_demo(db, monkeypatch):
    monkeypatch.setattr(demo, "STEPS", [catalogs_demo.catalogs_demo])

    def run():
        call_command("demo", stdout=StringIO())

    run()
    return run


def values(year):
    codes = [
        "catalogs.certification.items",
        "catalogs.commitment.items",
        "catalogs.service.fast_mode",
        "catalogs.service.items",
    ]
    return [evaluate(c, Period.year(year)).figure.value for c in codes]


def test_the_catalogs_demo_runs_twice_without_duplicating(run_demo):
    counts = (ListItem.objects.count(), ServiceItem.objects.count())
    run_demo()
    assert (ListItem.objects.count(), ServiceItem.objects.count()) == counts
    assert audit.verify_chain().ok


def test_the_catalogs_demo_figures_move_between_2024_and_2025(run_demo):
    assert values(2024) == [40, 10, 188, 257]
    assert values(2025) == [39, 14, 259, 299]
    assert ListItem.objects.filter(removed_on__isnull=False).count() == 5
