"""The enforcement admin (the platform's administrators only; unit clerks and supervisors work on the pages): lists
scoped by district, every save through the enforcement services, and a certificate's state read-only."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate, EnforcementBody, EnforcementPower

from ...admin_way_in import admin_closed, administrator

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_body(users, district):
    return services.register_body(
        actor=users.justice,
        organization=district.town,
        name="测试区莲花镇人民政府",
        legal_basis="《行政处罚法》第二十四条",
    )


def changelist(client, model: str):
    return client.get(reverse(f"admin:enforcement_{model}_changelist"))


def test_unit_clerks_and_supervisors_are_turned_away_from_the_enforcement_admin(
    client, users, team_clerk, body, town_body, certificate
):
    for user in (team_clerk, users.jyj_clerk, users.supervisor):
        client.force_login(user)
        admin_closed(changelist(client, "enforcementbody"))
        admin_closed(changelist(client, "certificate"))


def test_the_administrators_lists_hold_every_body_and_certificate_of_their_district_only(
    client, users, body, town_body, certificate
):
    admin = administrator(users.justice)
    assert set(changelist(admin, "enforcementbody").context["cl"].queryset) == {body, town_body}
    assert list(changelist(admin, "certificate").context["cl"].queryset) == [certificate]
    other = administrator(users.other_justice)
    assert list(changelist(other, "enforcementbody").context["cl"].queryset) == []
    assert list(changelist(other, "certificate").context["cl"].queryset) == []


def test_every_enforcement_list_opens_for_the_justice_bureaus_administrator(client, users, certificate):
    client.force_login(users.justice)
    for model in (
        "enforcementbody",
        "enforcementpower",
        "certificateexam",
        "certificate",
        "certificatereview",
    ):
        assert changelist(client, model).status_code == 200


def test_registering_a_body_in_admin_goes_through_register_body(client, users, district):
    client.force_login(users.justice)

    response = client.post(
        reverse("admin:enforcement_enforcementbody_add"),
        {
            "organization": district.town.pk,
            "name": "测试区莲花镇人民政府",
            "legal_basis": "《行政处罚法》第二十四条",
            "supervision_organ": district.sfj.pk,
        },
    )

    assert response.status_code == 302
    created = EnforcementBody.objects.get(name="测试区莲花镇人民政府")
    assert AuditEvent.objects.filter(
        model_label="enforcement.enforcementbody", object_id=str(created.pk), action="create"
    ).exists()


def test_unit_clerk_cannot_register_a_body_in_admin(client, team_clerk, district):
    client.force_login(team_clerk)

    response = client.post(
        reverse("admin:enforcement_enforcementbody_add"),
        {"organization": district.team.pk, "name": "自设执法主体", "legal_basis": "无"},
    )

    admin_closed(response)
    assert not EnforcementBody.objects.filter(name="自设执法主体").exists()


def test_adding_a_power_in_admin_goes_through_add_power(client, users, body):
    client.force_login(users.justice)

    response = client.post(
        reverse("admin:enforcement_enforcementpower_add"),
        {
            "body": body.pk,
            "kind": "penalty",
            "name": "对虚假广告的处罚",
            "legal_basis": "《广告法》第五十五条",
        },
    )

    assert response.status_code == 302
    power = EnforcementPower.objects.get(body=body, name="对虚假广告的处罚")
    assert AuditEvent.objects.filter(
        model_label="enforcement.enforcementpower", object_id=str(power.pk), action="create"
    ).exists()


def test_issuing_without_a_passed_exam_is_refused_in_admin(client, users, body, district):
    from tests import factories

    person = factories.person(district.team, name="未考试")
    client.force_login(users.justice)

    response = client.post(
        reverse("admin:enforcement_certificate_add"),
        {
            "person": person.pk,
            "body": body.pk,
            "number": "NO-EXAM",
            "kind": "enforcement",
            "issued_on": "2026-03-01",
            "valid_until": "2030-02-28",
        },
    )

    assert response.status_code == 400
    assert not Certificate.objects.filter(number="NO-EXAM").exists()


def test_a_certificates_state_and_cancellation_are_read_only_in_admin(client, users, certificate):
    client.force_login(users.justice)

    response = client.get(reverse("admin:enforcement_certificate_change", args=[certificate.pk]))

    form_fields = response.context["adminform"].form.fields
    for name in ("status", "cancel_reason", "cancelled_on", "number", "person"):
        assert name not in form_fields
    assert "areas" in form_fields
