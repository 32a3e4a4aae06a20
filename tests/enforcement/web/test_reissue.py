"""The certificate page reissues (补发、换发) through the service: the old certificate is cancelled with reason
补发换发 on the new one's issue date and both pages link each other; a unit clerk gets no form and is refused; the
cancel form no longer offers 补发换发 by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.enforcement.models import Certificate

pytestmark = pytest.mark.django_db
D = dt.date


def test_reissue_on_the_certificate_page(client, users, certificate, team_clerk):
    client.force_login(users.justice)
    page = client.get(reverse("enforcement:certificate", args=[certificate.pk])).content.decode()
    assert 'id="reissue"' in page
    assert '<option value="reissue"' not in page  # only the reissue form cancels for 补发换发

    response = client.post(
        reverse("enforcement:reissue_certificate", args=[certificate.pk]),
        {"number": "64030099", "issued_on": "2025-06-10", "valid_until": "", "note": "证件遗失补发"},
    )
    new = Certificate.objects.get(number="64030099")
    assert response.status_code == 302 and response.url == reverse("enforcement:certificate", args=[new.pk])
    certificate.refresh_from_db()
    assert (certificate.status, certificate.cancel_reason, certificate.cancelled_on) == (
        "cancelled",
        "reissue",
        D(2025, 6, 10),
    )
    assert new.replaces == certificate and new.valid_until == certificate.valid_until
    page = client.get(reverse("enforcement:certificate", args=[new.pk])).content.decode()
    assert 'id="replaces"' in page and certificate.number in page
    page = client.get(reverse("enforcement:certificate", args=[certificate.pk])).content.decode()
    assert 'id="replaced-by"' in page and 'id="reissue"' not in page


def test_a_unit_clerk_cannot_reissue(client, certificate, team_clerk):
    client.force_login(team_clerk)
    assert (
        'id="reissue"'
        not in client.get(reverse("enforcement:certificate", args=[certificate.pk])).content.decode()
    )
    response = client.post(
        reverse("enforcement:reissue_certificate", args=[certificate.pk]),
        {"number": "64030099", "issued_on": "2025-06-10"},
    )
    assert response.status_code == 403
    assert not Certificate.objects.filter(number="64030099").exists()
