"""POST /api/enforcement/certificates/{id}/reissue/: 补发、换发 through services.reissue_certificate — a new certificate
replacing the old one, which is cancelled (补发换发) on the new one's issue date; refused in Chinese otherwise."""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from fazhi.enforcement.models import Certificate
from fazhi.indicators.registry import Period, compute


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_certificate_is_reissued_and_the_old_one_cancelled(users, certificate, team_clerk):
    url = f"/api/enforcement/certificates/{certificate.pk}/reissue/"
    body = {"number": "64030002", "issued_on": "2025-06-16", "areas": "测试区 市场监管、食品药品"}

    refused = api(team_clerk).post(url, body, format="json")
    made = api(users.justice).post(url, body, format="json")
    again = api(users.justice).post(url, {**body, "number": "64030003"}, format="json")

    assert refused.status_code in (403, 404)
    assert made.status_code == 201, made.content.decode()
    assert (made.json()["number"], made.json()["issued_on"]) == ("64030002", "2025-06-16")
    certificate.refresh_from_db()
    assert (certificate.status, certificate.cancel_reason, certificate.cancelled_on) == (
        "cancelled",
        "reissue",
        dt.date(2025, 6, 16),
    )
    new = Certificate.objects.get(number="64030002")
    assert (new.replaces, new.valid_until, new.areas) == (certificate, certificate.valid_until, body["areas"])
    assert again.status_code == 400
    assert "证件64030001已注销，不能补发或换发。" in again.content.decode()
    assert compute("enforcement.certificates.reissued", Period.year(2025)).value == 1
    assert compute("enforcement.certificates.cancelled", Period.year(2025)).value == 0
