"""The lists are effective-dated: the list of any past day is the items added by then and not yet removed; an item
is removed, never deleted; versions of one item never overlap; a commitment item says how it is verified."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.catalogs import selectors, services
from fazhi.catalogs.models import ListItem
from fazhi.core import audit

from ..conftest import D, certification, commitment

pytestmark = pytest.mark.django_db


def codes(day: dt.date, catalog="certification") -> list[str]:
    return [i.code for i in selectors.public_items(catalog, day)]


def test_the_list_of_a_past_day_holds_items_removed_later_and_not_items_added_later(history):
    assert codes(D(2024, 12, 31)) == ["ZM-1", "ZM-2"]
    assert codes(D(2025, 6, 29)) == ["ZM-1", "ZM-2", "ZM-3"]
    # the removal day itself: no longer in the list
    assert codes(D(2025, 6, 30)) == ["ZM-1", "ZM-3"]
    assert codes(D(2024, 2, 29)) == []


def test_removing_an_item_keeps_its_row_and_records_the_date_and_reason(users, history):
    _, removed, _ = history
    row = ListItem.objects.get(pk=removed.pk)
    assert (row.removed_on, row.removal_reason) == (D(2025, 6, 30), "改为部门间核验")
    events = list(audit.history(row))
    assert events[-1].changes["removed_on"] == [None, "2025-06-30"]


def test_an_item_cannot_be_removed_twice_nor_before_it_was_added(users, district, history):
    _, removed, added = history
    with pytest.raises(ValidationError, match="已于2025-06-30移出"):
        services.remove(actor=users.justice, item=removed, removed_on=D(2025, 7, 1), reason="再次")
    with pytest.raises(ValidationError, match="移出日期（2025-01-15）应晚于列入日期"):
        services.remove(actor=users.justice, item=added, removed_on=D(2025, 1, 15), reason="误列")
    assert ListItem.objects.get(pk=added.pk).removed_on is None


def test_removal_needs_a_reason(users, history):
    kept, _, _ = history
    with pytest.raises(ValidationError, match="请写明移出原因"):
        services.remove(actor=users.justice, item=kept, removed_on=D(2025, 1, 1), reason=" ")


def test_two_versions_of_one_item_may_not_be_in_force_on_the_same_day(users, district, history):
    with pytest.raises(ValidationError, match="在同一时间都在清单内"):
        certification(users.justice, district.jyj, "ZM-1", added_on=D(2025, 3, 1))
    # ZM-2 was removed on 2025-06-30: a new version from that day is fine
    again = certification(users.justice, district.jyj, "ZM-2", added_on=D(2025, 6, 30), name="学历证明（新）")
    assert codes(D(2025, 7, 1)) == ["ZM-1", "ZM-2", "ZM-3"]
    june, july = (
        selectors.public_items("certification", d).get(code="ZM-2") for d in (D(2025, 6, 1), D(2025, 7, 1))
    )
    assert (june.name, july.pk, july.name) == ("学历证明", again.pk, "学历证明（新）")


def test_revising_an_item_removes_the_old_version_and_adds_the_new_one_the_same_day(users, history):
    kept, _, _ = history
    new = services.revise(
        actor=users.justice,
        item=kept,
        on=D(2025, 9, 1),
        reason="设定依据修订",
        basis="《教师法》（2025年修订）第十五条",
    )
    assert ListItem.objects.get(pk=kept.pk).removed_on == D(2025, 9, 1)
    before = selectors.public_items("certification", D(2025, 8, 31)).get(code="ZM-1")
    after = selectors.public_items("certification", D(2025, 9, 1)).get(code="ZM-1")
    assert before.pk == kept.pk and before.basis == "《中华人民共和国教师法》第十四条"
    assert after.pk == new.pk and after.basis == "《教师法》（2025年修订）第十五条"


def test_a_commitment_item_names_its_verification_method_and_the_false_commitment_consequence(
    users, district
):
    with pytest.raises(ValidationError) as exc:
        services.add_item(
            actor=users.justice,
            catalog="commitment",
            code="CN-1",
            name="食品经营许可",
            basis="《食品安全法》第三十五条",
            organization=district.scj,
            added_on=D(2024, 3, 1),
            verification="电话核查",
        )
    assert "“电话核查”不是核查方式" in str(exc.value) and "不实承诺的处理" in str(exc.value)
    item = commitment(users.justice, district.scj, "CN-1", verification="网络核查、书面核查")
    assert item.verification == "书面核查、网络核查"
    with pytest.raises(ValidationError, match="只适用于告知承诺制事项"):
        certification(users.justice, district.jyj, "ZM-9", verification="书面核查")


def test_a_unit_clerk_adds_items_of_their_own_unit_only_and_a_leader_none(users, district):
    certification(users.jyj_clerk, district.jyj, "ZM-10")
    with pytest.raises(PermissionDenied):
        certification(users.jyj_clerk, district.scj, "ZM-11")
    with pytest.raises(PermissionDenied):
        certification(users.leader, district.jyj, "ZM-12")
    assert codes(D(2024, 6, 1)) == ["ZM-10"]
