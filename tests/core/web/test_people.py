"""The people pages (人员名册): a unit's clerk corrects a person's name, post, unit and ID number on a page through
services.update_person (the audit event keeps the change); the ID number is shown masked and a masked number sent
back keeps the stored one; another unit's clerk does not find the person, a leader sees no link and is refused, and a
wrong ID number is answered with the model's Chinese message and nothing changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent, Person
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def teacher(district):
    return factories.person(district.jyj, name="张老师", position="科员")


def form_data(person, **changes):
    return {
        "name": person.name,
        "id_number": person.masked_id_number,  # what the form shows
        "organization": person.organization_id,
        "position": person.position,
        "is_active": "on",
        **changes,
    }


def updates(person) -> list[dict]:
    return [
        e.changes
        for e in AuditEvent.objects.filter(
            model_label="core.person", object_id=str(person.pk), action="update"
        )
    ]


def test_the_units_clerk_corrects_a_persons_post_keeping_the_masked_id_number(client, users, teacher):
    number = teacher.id_number
    client.force_login(users.jyj_clerk)
    url = reverse("core:edit_person", args=[teacher.pk])
    listing = client.get(reverse("core:people")).content.decode()
    form = client.get(url).content.decode()
    assert url in listing and number not in listing and teacher.masked_id_number in listing
    assert number not in form and f'value="{teacher.masked_id_number}"' in form

    response = client.post(url, form_data(teacher, name="张晓", position="副科长"))

    assert response.status_code == 302
    teacher.refresh_from_db()
    assert (teacher.name, teacher.position, teacher.id_number) == ("张晓", "副科长", number)
    assert set(updates(teacher)[-1]) == {"name", "position"}


def test_the_units_clerk_corrects_a_wrong_id_number(client, users, teacher):
    corrected = factories.id_number()
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("core:edit_person", args=[teacher.pk]), form_data(teacher, id_number=corrected)
    )

    assert response.status_code == 302
    assert Person.objects.with_id_number(corrected).get() == teacher
    assert "id_number" in updates(teacher)[-1] and corrected not in str(updates(teacher)[-1])


def test_an_invalid_id_number_is_refused_with_the_models_message(client, users, teacher):
    number = teacher.id_number
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("core:edit_person", args=[teacher.pk]), form_data(teacher, id_number=wrong)
    )

    assert response.status_code == 400
    assert "校验码" in response.content.decode()
    assert Person.objects.get(pk=teacher.pk).id_number == number
    assert updates(teacher) == []


def test_another_persons_id_number_is_refused(client, users, teacher, district):
    other = factories.person(district.jyj, name="李老师")
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("core:edit_person", args=[teacher.pk]), form_data(teacher, id_number=other.id_number)
    )

    assert response.status_code == 400
    assert "无法在本单位登记" in response.content.decode()
    assert Person.objects.get(pk=teacher.pk).id_number != other.id_number


def test_another_units_clerk_does_not_find_the_person(client, users, teacher):
    client.force_login(users.scj_clerk)

    assert "张老师" not in client.get(reverse("core:people")).content.decode()
    response = client.post(reverse("core:edit_person", args=[teacher.pk]), form_data(teacher, name="改名"))

    assert response.status_code == 404
    assert Person.objects.get(pk=teacher.pk).name == "张老师"


def test_a_leader_reads_the_roll_without_a_correction_link_and_is_refused(client, users, teacher):
    client.force_login(users.leader)
    url = reverse("core:edit_person", args=[teacher.pk])

    listing = client.get(reverse("core:people")).content.decode()
    response = client.post(url, form_data(teacher, name="改名"))

    assert "张老师" in listing and url not in listing
    assert response.status_code == 403
    assert Person.objects.get(pk=teacher.pk).name == "张老师"


def test_a_clerk_cannot_move_a_person_to_a_unit_they_do_not_manage(client, users, teacher, district):
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("core:edit_person", args=[teacher.pk]), form_data(teacher, organization=district.scj.pk)
    )

    assert response.status_code == 400
    assert Person.objects.get(pk=teacher.pk).organization == district.jyj
