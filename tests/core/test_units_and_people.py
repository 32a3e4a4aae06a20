"""Units as a tree and people with validated, masked ID numbers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import ids, services
from fazhi.core.models import Organization, Person
from tests import factories


def test_unit_tree_paths_follow_the_parents(district):
    assert district.root.path == "/T/"
    assert district.team.path == "/T/T-SCJ/T-SCJ-ZD/"
    assert district.team.root_code == "T"


def test_moving_a_unit_rewrites_the_paths_of_its_subtree(users, district):
    # when the market bureau (with its enforcement team) is moved under the justice bureau
    services.update_organization(actor=users.justice, organization=district.scj, parent=district.sfj)
    # then the team below it moves with it
    assert Organization.objects.get(pk=district.team.pk).path == "/T/T-SFJ/T-SCJ/T-SCJ-ZD/"


def test_a_unit_cannot_be_placed_under_its_own_subunit(users, district):
    with pytest.raises(ValidationError, match="上级单位不能是本单位或其下级单位"):
        services.update_organization(actor=users.admin, organization=district.scj, parent=district.team)
    assert Organization.objects.get(pk=district.scj.pk).parent_id == district.root.pk


def test_credit_code_is_checked_with_gb32100(users, district):
    good = ids.make_credit_code("11640303MB0000001")
    org = services.create_organization(
        actor=users.justice,
        code="T-NEW",
        name="新单位",
        kind="department",
        parent=district.root,
        credit_code=good.lower(),
    )
    assert org.credit_code == good
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    with pytest.raises(ValidationError, match="校验码错误"):
        services.create_organization(
            actor=users.justice,
            code="T-BAD",
            name="错单位",
            kind="department",
            parent=district.root,
            credit_code=bad,
        )
    assert not Organization.objects.filter(code="T-BAD").exists()


def test_credit_code_is_unique_among_units(users, district):
    code = ids.make_credit_code("11640303MB0000002")
    factories.org("T-A", parent=district.root, credit_code=code)
    with pytest.raises(ValidationError):
        factories.org("T-B", parent=district.root, credit_code=code)


def test_person_id_number_is_checked_and_unique(users, district):
    number = factories.id_number()
    with pytest.raises(ValidationError, match="校验码"):
        services.create_person(
            actor=users.justice,
            name="错号",
            id_number=number[:17] + ("0" if number[17] != "0" else "1"),
            organization=district.jyj,
        )
    with pytest.raises(ValidationError, match="出生日期"):
        services.create_person(
            actor=users.justice,
            name="错日",
            id_number=ids.make_id_number("640303", __import__("datetime").date(1990, 1, 1), 1)[:10]
            + "0230"
            + "0011",
            organization=district.jyj,
        )
    services.create_person(actor=users.justice, name="甲", id_number=number, organization=district.jyj)
    with pytest.raises(ValidationError, match="无法在本单位登记"):
        services.create_person(actor=users.justice, name="乙", id_number=number, organization=district.jyj)
    assert Person.objects.with_id_number(number).count() == 1


def test_person_masked_id_number_keeps_region_and_last_four(district):
    person = factories.person(
        district.jyj, id_number=ids.make_id_number("640303", __import__("datetime").date(1990, 1, 1), 123)
    )
    assert person.masked_id_number == "640303********" + person.id_number[-4:]


def test_qualification_year_requires_the_qualification(users, district):
    with pytest.raises(ValidationError, match="法律职业资格"):
        services.create_person(
            actor=users.justice,
            name="丙",
            id_number=factories.id_number(),
            organization=district.jyj,
            legal_qualification_year=2020,
        )


def test_deleting_a_unit_with_people_is_refused_in_chinese(users, district):
    factories.person(district.town)
    with pytest.raises(ValidationError, match="不能删除"):
        services.delete_record(actor=users.justice, instance=district.town)
    assert Organization.objects.filter(pk=district.town.pk).exists()


def test_only_system_admin_creates_users(users, district):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_user(
            actor=users.justice,
            username="x",
            password=factories.PASSWORD,
            role="unit_clerk",
            person=factories.person(district.jyj),
        )


def test_user_password_must_pass_the_validators(users, district):
    with pytest.raises(ValidationError):
        services.create_user(
            actor=users.admin,
            username="weak",
            password="12345678",
            role="unit_clerk",
            person=factories.person(district.jyj),
        )
