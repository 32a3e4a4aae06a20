"""The rules of the lists as pure functions: version dates, overlaps, commitment items, frozen fields."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from fazhi.catalogs.rules import lists as rules

D = dt.date


def version(**fields):
    base = {"code": "ZM-1", "added_on": D(2024, 3, 1), "removed_on": None, "removal_reason": "", "pk": 1}
    return SimpleNamespace(**(base | fields))


def test_validate_version_needs_a_later_removal_with_its_reason_and_a_code_without_slash():
    rules.validate_version(version())
    with pytest.raises(ValidationError) as exc:
        rules.validate_version(version(code="ZM/1", removed_on=D(2024, 3, 1)))
    assert exc.value.message_dict == {
        "removed_on": ["移出日期（2024-03-01）应晚于列入日期（2024-03-01）。"],
        "removal_reason": ["请写明移出原因，如 取消该证明事项、改为告知承诺制。"],
        "code": ["事项编码不能包含“/”。"],
    }
    with pytest.raises(ValidationError, match="未移出的事项不应填写移出原因"):
        rules.validate_version(version(removal_reason="取消"))


def test_overlaps_finds_two_versions_in_force_on_one_day():
    assert rules.overlaps([(D(2024, 3, 1), D(2025, 6, 30)), (D(2025, 6, 30), None)]) is None
    assert rules.overlaps([(D(2025, 3, 1), None), (D(2024, 3, 1), None)]) == (D(2024, 3, 1), D(2025, 3, 1))


def test_normalized_verification_orders_the_methods():
    assert rules.normalized_verification("网络核查、书面核查") == "书面核查、网络核查"


def test_frozen_fields_grow_once_an_item_is_removed():
    assert rules.frozen_fields(("code",), ("name",), None) == []
    assert rules.frozen_fields(("code",), ("name",), version()) == ["code", "added_on", "name"]
    removed = version(removed_on=D(2025, 1, 1), removal_reason="取消")
    assert rules.frozen_fields(("code",), ("name",), removed)[-2:] == ["removed_on", "removal_reason"]


def test_may_delete_item_is_never():
    assert rules.may_delete_item(SimpleNamespace(), version()) is False
