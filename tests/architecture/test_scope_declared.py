"""core.access fails closed: a model that declares no scope is refused to everyone, and a system check names it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import access, checks, clock, rules
from fazhi.core.models import Organization, Setting

pytestmark = pytest.mark.django_db


def test_every_project_model_declares_its_scope():
    assert [m._meta.label for m in access.undeclared_models()] == []
    assert checks.every_model_declares_its_scope() == []


def test_a_model_that_declares_no_scope_is_refused_to_every_role(users, monkeypatch):
    monkeypatch.delattr(Setting, "scope_shared")
    for user in (users.admin, users.justice, users.jyj_clerk, users.leader):
        assert access.scope_kind(user, Setting) == access.NONE
        assert list(access.scope(user, Setting.objects.all())) == []
    messages = checks.every_model_declares_its_scope()
    assert [m.id for m in messages] == ["fazhi.E001"]
    assert "core.Setting 未声明访问范围" in messages[0].msg


def test_district_units_are_the_tree_under_the_users_top_unit(district, users):
    codes = set(access.district_units(users.jyj_clerk).values_list("code", flat=True))
    assert codes == {"T", "T-SFJ", "T-JYJ", "T-SCJ", "T-SCJ-ZD", "T-LHZ", "T-FY"}
    assert set(access.district_units(users.admin).values_list("code", flat=True)) >= {"O", "O-SFJ"}
    assert access.in_same_district(users.jyj_clerk, district.court)
    assert not access.in_same_district(users.jyj_clerk, district.other_dept)
    assert (
        set(access.in_district(users.justice, Organization.objects.all(), "").values_list("code", flat=True))
        == codes
    )


def test_an_event_cannot_be_dated_after_today(district):
    clock.freeze(dt.date(2026, 3, 10))
    with pytest.raises(ValidationError) as refused:
        rules.validate_date_happened(dt.date(2026, 3, 11), "受理日期", "accepted_on")
    assert refused.value.message_dict == {
        "accepted_on": ["受理日期不能晚于今天（2026年3月10日）：尚未发生的事项不能登记。"]
    }
    rules.validate_date_happened(dt.date(2026, 3, 10), "受理日期", "accepted_on")  # today is allowed


def test_clock_freeze_gives_today_in_shanghai():
    clock.freeze(dt.datetime(2026, 3, 10, 17, 30, tzinfo=dt.UTC))  # 01:30 on 11 March in Shanghai
    assert clock.today() == dt.date(2026, 3, 11)
    clock.freeze(dt.date(2025, 1, 2))
    assert clock.today() == dt.date(2025, 1, 2)


def test_unit_trees_without_a_user(district):
    assert set(access.subtree_units(district.scj).values_list("code", flat=True)) == {"T-SCJ", "T-SCJ-ZD"}
    assert "T-FY" in set(access.district_units_of(district.team).values_list("code", flat=True))
    assert "O-SFJ" not in set(access.district_units_of(district.team).values_list("code", flat=True))
    assert access.same_district(district.team, district.court)
    assert not access.same_district(district.team, district.other_dept)
    assert not access.same_district(district.team, None)
    units = access.in_subtree(Organization.objects.all(), district.scj, "")
    assert set(units.values_list("code", flat=True)) == {"T-SCJ", "T-SCJ-ZD"}


def test_no_unit_tree_is_filtered_by_hand_outside_core():
    """The district's units" is core.access's; apps call it instead of writing path prefixes or root codes."""
    src = Path(__file__).resolve().parents[2] / "src" / "fazhi"
    by_hand = [
        f"{p.relative_to(src)}"
        for p in src.rglob("*.py")
        if "migrations" not in p.parts
        and p.parts[-2] != "core"
        and ("path__startswith" in p.read_text() or "root_code ==" in p.read_text())
    ]
    assert by_hand == []
