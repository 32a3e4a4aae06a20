"""The enforcement pages: bodies with their item lists, officers and certificates for a unit clerk and for the
Justice Bureau and enforcement supervisor, cancelling a certificate (refusals in Chinese, nothing changed), and the
public listings, which never show an ID number."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import clock, ids
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate
from tests import factories

from ..conftest import issue

pytestmark = pytest.mark.django_db
TODAY = clock.today()


def issue_recent(actor, person, body, number, **kwargs):
    """A certificate issued a month ago after an exam ten days before."""
    kwargs.setdefault("issued_on", TODAY - dt.timedelta(days=30))
    kwargs.setdefault("exam_on", kwargs["issued_on"] - dt.timedelta(days=10))
    return issue(actor, person, body, number, **kwargs)


@pytest.fixture
def powers(users, body):
    services.add_power(
        actor=users.justice,
        body=body,
        kind="penalty",
        name="对经营超过保质期食品的处罚",
        legal_basis="《食品安全法》第一百二十四条",
    )
    services.add_power(
        actor=users.justice,
        body=body,
        kind="inspection",
        name="食品经营日常检查",
        legal_basis="《食品安全法》第一百一十条",
    )


@pytest.fixture
def other_body(users, district):
    return services.register_body(
        actor=users.justice,
        organization=district.town,
        name="测试区莲花镇人民政府",
        legal_basis="《行政处罚法》第二十四条",
    )


def test_unit_clerk_sees_only_their_units_bodies_with_item_lists(
    client, team_clerk, body, other_body, powers
):
    client.force_login(team_clerk)

    page = client.get(reverse("enforcement:bodies")).content.decode()

    assert "测试区市场监管执法大队" in page and "测试区司法局" in page
    assert "对经营超过保质期食品的处罚" in page and "《食品安全法》第一百二十四条" in page
    assert "测试区莲花镇人民政府" not in page


def test_supervisor_sees_every_body_of_the_district_and_one_without_supervision_organ(
    client, users, body, other_body
):
    client.force_login(users.supervisor)

    page = client.get(reverse("enforcement:bodies")).content.decode()

    assert "测试区市场监管执法大队" in page and "测试区莲花镇人民政府" in page
    assert "未明确执法监督机关" in page


def test_pages_need_a_login(client, body):
    response = client.get(reverse("enforcement:officers"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_officer_page_shows_validity_who_may_not_enforce_and_expiring_certificates(
    client, users, district, body, officer
):
    issue_recent(users.justice, officer, body, "C-VALID")
    soon = factories.person(district.team, name="李将到期")
    issue(
        users.justice,
        soon,
        body,
        "C-SOON",
        issued_on=TODAY - dt.timedelta(days=30),
        valid_until=TODAY + dt.timedelta(days=10),
        exam_on=TODAY - dt.timedelta(days=40),
    )
    factories.person(district.team, name="赵无证")
    client.force_login(users.justice)

    response = client.get(reverse("enforcement:officers"))

    without = [p.name for p in response.context["without"]]
    assert "赵无证" in without and "王执法" not in without and "李将到期" not in without
    assert [c.number for c in response.context["expiring"]] == ["C-SOON"]
    assert all(c.valid_today for c in response.context["certificates"])
    assert "不得从事执法" in response.content.decode()


def test_unit_clerk_sees_only_their_units_certificates(client, users, district, body, officer, team_clerk):
    issue(users.justice, officer, body, "C-TEAM")
    client.force_login(users.jyj_clerk)
    assert client.get(reverse("enforcement:officers")).context["certificates"] == []
    cert = Certificate.objects.get(number="C-TEAM")
    assert client.get(reverse("enforcement:certificate", args=[cert.pk])).status_code == 404

    client.force_login(team_clerk)
    page = client.get(reverse("enforcement:certificate", args=[cert.pk])).content.decode()
    assert "C-TEAM" in page and "资格考试" in page


def test_unit_clerk_sees_no_cancel_form_and_is_refused_with_403_changing_nothing(
    client, certificate, team_clerk
):
    client.force_login(team_clerk)
    page = client.get(reverse("enforcement:certificate", args=[certificate.pk]))
    assert page.context["cancel_form"] is None

    response = client.post(
        reverse("enforcement:cancel_certificate", args=[certificate.pk]),
        {"reason": "retirement", "cancelled_on": "2026-06-30"},
    )

    assert response.status_code == 403
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_supervisor_cancels_a_certificate_with_its_reason(client, users, certificate):
    client.force_login(users.supervisor)
    assert client.get(reverse("enforcement:certificate", args=[certificate.pk])).context["cancel_form"]

    response = client.post(
        reverse("enforcement:cancel_certificate", args=[certificate.pk]),
        {"reason": "retirement", "cancelled_on": "2026-06-30"},
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.CANCELLED
    assert certificate.cancel_reason == "retirement"


def test_cancelling_for_other_reason_without_note_is_refused_in_chinese_with_400(client, users, certificate):
    client.force_login(users.justice)

    response = client.post(
        reverse("enforcement:cancel_certificate", args=[certificate.pk]),
        {"reason": "other", "cancelled_on": "2026-06-30"},
    )

    assert response.status_code == 400
    assert "须写明具体情况" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID and certificate.cancelled_on is None


def test_public_officer_page_never_shows_an_id_number_and_hides_cancelled_and_expired(
    client, users, district, body, officer
):
    issue_recent(users.justice, officer, body, "C-PUBLIC")
    retired = factories.person(district.team, name="钱已退休")
    gone = issue_recent(users.justice, retired, body, "C-RETIRED")
    services.cancel_certificate(
        actor=users.justice, certificate=gone, reason="retirement", cancelled_on=TODAY - dt.timedelta(days=1)
    )
    expired = factories.person(district.team, name="孙已过期")
    issue(
        users.justice,
        expired,
        body,
        "C-EXPIRED",
        issued_on=TODAY - dt.timedelta(days=300),
        valid_until=TODAY - dt.timedelta(days=1),
        exam_on=TODAY - dt.timedelta(days=310),
    )

    response = client.get(reverse("public_enforcement_officers"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "王执法" in page and "C-PUBLIC" in page and "测试区市场监管执法大队" in page
    assert "钱已退休" not in page and "C-RETIRED" not in page
    assert "孙已过期" not in page and "C-EXPIRED" not in page
    for person in (officer, retired, expired):
        assert person.id_number not in page
        assert ids.mask_id_number(person.id_number) not in page


def test_public_powers_page_lists_bodies_and_items_by_kind_with_legal_basis(client, body, powers):
    page = client.get(reverse("public_enforcement_powers")).content.decode()

    assert "测试区市场监管执法大队" in page
    assert "行政处罚" in page and "行政检查" in page
    assert "《食品安全法》第一百二十四条" in page
