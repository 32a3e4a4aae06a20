"""Setting up (设立) and closing (撤销) an enterprise contact point on its page, through the services: the Justice
Bureau sets one up and closes it (each an audit event); a leader sees neither form and is refused; a second running
point at the same enterprise and a closing date before the setting up are refused in Chinese with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import ContactPoint

from ..conftest import CREDIT_CODE as CODE

pytestmark = pytest.mark.django_db
D = dt.date
LIST = "evaluation:contact_points"


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2025, 6, 10))


def new_point(district, **changes):
    return {
        "organization": district.sfj.pk,
        "name": "乙联系点",
        "enterprise_name": "乙有限公司",
        "credit_code": CODE,
        "established_on": "2025-05-20",
        **changes,
    }


def test_the_justice_bureau_sets_up_a_contact_point_on_the_page(client, users, district):
    client.force_login(users.justice)
    assert "设立联系点" in client.get(reverse(LIST)).content.decode()

    response = client.post(reverse(LIST), new_point(district))

    assert response.status_code == 302
    point = ContactPoint.objects.get()
    assert (point.organization, point.enterprise_name, point.established_on, point.status) == (
        district.sfj,
        "乙有限公司",
        D(2025, 5, 20),
        ContactPoint.Status.ACTIVE,
    )
    assert AuditEvent.objects.filter(
        model_label="enforcement.contactpoint", object_id=str(point.pk), action=AuditEvent.Action.CREATE
    ).exists()


def test_a_second_running_point_at_the_same_enterprise_is_refused(client, users, district):
    client.force_login(users.justice)
    assert client.post(reverse(LIST), new_point(district)).status_code == 302

    response = client.post(reverse(LIST), new_point(district, name="丙联系点"))

    assert response.status_code == 400
    assert "该企业已设有运行中的执法监督联系点。" in response.content.decode()
    assert ContactPoint.objects.count() == 1


def test_a_leader_sees_no_form_and_cannot_set_up_a_point(client, users, district):
    client.force_login(users.leader)
    assert "设立联系点" not in client.get(reverse(LIST)).content.decode()

    response = client.post(reverse(LIST), new_point(district))

    assert response.status_code == 403
    assert not ContactPoint.objects.exists()


def test_the_justice_bureau_closes_a_point_from_a_date(client, users, point):
    client.force_login(users.justice)
    close = reverse("evaluation:close_contact_point", args=[point.pk])
    assert close in client.get(reverse(LIST)).content.decode()

    response = client.post(close, {"closed_on": "2025-06-01"})

    assert response.status_code == 302
    point.refresh_from_db()
    assert (point.status, point.closed_on) == (ContactPoint.Status.CLOSED, D(2025, 6, 1))
    changes = AuditEvent.objects.filter(
        model_label="enforcement.contactpoint", object_id=str(point.pk), action=AuditEvent.Action.UPDATE
    ).last()
    assert set(changes.changes) == {"status", "closed_on"}
    assert close not in client.get(reverse(LIST)).content.decode()  # a closed point offers no 撤销


def test_closing_before_the_setting_up_is_refused_with_the_rules_message(client, users, point):
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:close_contact_point", args=[point.pk]), {"closed_on": "2024-01-01"}
    )

    assert response.status_code == 400 and "撤销日期不能早于设立日期。" in response.content.decode()
    assert ContactPoint.objects.get(pk=point.pk).status == ContactPoint.Status.ACTIVE


def test_a_closed_point_cannot_be_closed_again(client, users, point):
    services.close_contact_point(actor=users.justice, point=point, closed_on=D(2025, 1, 1))
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:close_contact_point", args=[point.pk]), {"closed_on": "2025-06-01"}
    )

    assert response.status_code == 400 and "该联系点已撤销。" in response.content.decode()
    assert ContactPoint.objects.get(pk=point.pk).closed_on == D(2025, 1, 1)


def test_a_leader_sees_no_closing_and_is_refused(client, users, point):
    client.force_login(users.leader)
    close = reverse("evaluation:close_contact_point", args=[point.pk])
    assert close not in client.get(reverse(LIST)).content.decode()

    assert client.post(close, {"closed_on": "2025-06-01"}).status_code == 403
    assert ContactPoint.objects.get(pk=point.pk).status == ContactPoint.Status.ACTIVE


def test_another_units_clerk_does_not_find_the_point(client, users, point):
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("evaluation:close_contact_point", args=[point.pk]), {"closed_on": "2025-06-01"}
    )

    assert response.status_code == 404
    assert ContactPoint.objects.get(pk=point.pk).status == ContactPoint.Status.ACTIVE
