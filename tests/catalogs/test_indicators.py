"""Figures of the lists, as the lists stood on 31 December: certification items, commitment items, service items
and those in the four fast modes (当场办、简易办、即时办、承诺办)."""

from __future__ import annotations

import pytest

from fazhi.catalogs import services
from fazhi.indicators.registry import Period, evaluate

from .conftest import D, commitment, service_item

pytestmark = pytest.mark.django_db


def value(code, year, scope=None):
    return evaluate(code, Period.year(year), scope).figure.value


def test_certification_items_are_counted_as_of_year_end(history):
    assert value("catalogs.certification.items", 2024) == 2
    assert value("catalogs.certification.items", 2025) == 2  # ZM-2 removed, ZM-3 added
    figure = evaluate("catalogs.certification.items", Period.year(2025)).figure
    assert sorted(figure.records.values_list("code", flat=True)) == ["ZM-1", "ZM-3"]


def test_commitment_items_removed_on_the_first_of_january_are_not_counted_for_that_year(users, district):
    kept = commitment(users.justice, district.scj, "CN-1")
    gone = commitment(users.justice, district.scj, "CN-2")
    services.remove(actor=users.justice, item=gone, removed_on=D(2025, 1, 1), reason="取消")
    services.remove(actor=users.justice, item=kept, removed_on=D(2026, 1, 1), reason="取消")
    assert value("catalogs.commitment.items", 2024) == 2
    assert value("catalogs.commitment.items", 2025) == 1


def test_fast_mode_service_items_count_the_four_modes_in_force_at_year_end(users, district):
    for n, mode in enumerate(["on_the_spot", "simplified", "instant", "other", "other"]):
        service_item(users.justice, district.scj, f"FW-{n}", mode)
    service_item(users.justice, district.jyj, "FW-9", "committed", limit=5)
    other = service_item(users.justice, district.jyj, "FW-8", "other")
    # FW-8 moved to 即时办 in 2025: a new version the same day
    services.revise(actor=users.justice, item=other, on=D(2025, 7, 1), mode="instant")
    assert value("catalogs.service.fast_mode", 2024) == 4
    assert value("catalogs.service.fast_mode", 2025) == 5
    assert value("catalogs.service.items", 2025) == 7
    share = evaluate("catalogs.service.fast_mode_share", Period.year(2025)).figure
    assert (share.numerator, share.denominator, str(share.value)) == (5, 7, "71.4")
    assert value("catalogs.service.fast_mode", 2025, district.jyj) == 2
