"""TOTP second factor for administrators (系统管理员, 司法局管理员), enforced by FAZHI_OTP_REQUIRED."""

from __future__ import annotations

import base64
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp import models as totp_models
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core.models import AuditEvent
from tests import factories

T0 = 1_800_000_000  # a fixed moment; each test moves it on by whole 30-second steps


@pytest.fixture
def enforced(settings, monkeypatch):
    settings.FAZHI_OTP_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    now = SimpleNamespace(t=T0)
    monkeypatch.setattr(totp_models, "time", SimpleNamespace(time=lambda: now.t))
    return now


def code(device: TOTPDevice, at: int) -> str:
    """The code an authenticator app shows at `at` (RFC 6238)."""
    t = TOTP(device.bin_key, device.step, device.t0, device.digits)
    t.time = at
    return f"{t.token():06d}"


def login(client, username):
    response = client.post("/accounts/login/", {"username": username, "password": factories.PASSWORD})
    assert response.status_code == 302
    return response


def test_an_administrator_enrols_then_every_login_asks_for_the_code(client, users, enforced):
    login(client, "justice")
    first = client.get("/")
    assert first.status_code == 302 and first["Location"] == "/accounts/second-factor/?next=/"
    assert (
        client.get("/accounts/second-factor/?next=/")["Location"] == "/accounts/second-factor/setup/?next=/"
    )
    assert client.get("/admin/").status_code == 302
    assert client.get("/api/organizations/").status_code == 403

    page = client.get("/accounts/second-factor/setup/?next=/").content.decode()
    device = TOTPDevice.objects.get(user=users.justice, confirmed=False)
    secret = base64.b32encode(device.bin_key).decode()
    assert "<svg" in page and "otpauth://totp/" in page and secret in page
    refused = client.post("/accounts/second-factor/setup/", {"token": "000000", "next": "/"})
    assert "动态口令不正确" in refused.content.decode()
    done = client.post("/accounts/second-factor/setup/", {"token": code(device, T0), "next": "/"})
    assert done.status_code == 302 and done["Location"] == "/"
    assert client.get("/").status_code == 200 and client.get("/admin/").status_code == 200
    event = AuditEvent.objects.filter(object_id=str(users.justice.pk)).order_by("-seq").first()
    assert event.note == "绑定动态口令（双因素认证）设备" and "key" not in event.changes

    client.logout()
    login(client, "justice")
    assert (
        client.get("/reports/dashboard/")["Location"] == "/accounts/second-factor/?next=/reports/dashboard/"
    )
    wrong = client.post("/accounts/second-factor/", {"token": "12345", "next": "/"})
    assert "6位数字" in wrong.content.decode()
    enforced.t = T0 + 60
    device.refresh_from_db()
    stale = client.post("/accounts/second-factor/", {"token": code(device, T0), "next": "/"})
    assert "不正确或已过期" in stale.content.decode()
    ok = client.post(
        "/accounts/second-factor/", {"token": code(device, T0 + 60), "next": "https://evil.example/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/"
    assert client.get("/admin/").status_code == 200


def test_a_used_code_cannot_be_replayed(client, users, enforced):
    device = TOTPDevice.objects.create(user=users.admin, name="动态口令", confirmed=True)
    login(client, "system-admin")
    assert client.post("/accounts/second-factor/", {"token": code(device, T0)}).status_code == 302
    client.logout()
    login(client, "system-admin")
    replay = client.post("/accounts/second-factor/", {"token": code(device, T0)})
    assert replay.status_code == 200 and client.get("/").status_code == 302


def test_other_roles_are_not_asked(client, users, enforced):
    login(client, "jyj-clerk")
    assert client.get("/").status_code == 200
    assert client.get("/accounts/second-factor/setup/").status_code == 403


def test_not_enforced_in_development_and_tests(client, users):
    login(client, "justice")
    assert client.get("/").status_code == 200


def test_basic_auth_is_refused_to_administrators_when_enforced(client, users, enforced):
    header = "Basic " + base64.b64encode(f"justice:{factories.PASSWORD}".encode()).decode()
    refused = client.get("/api/organizations/", HTTP_AUTHORIZATION=header)
    assert refused.status_code in (401, 403) and "动态口令" in refused.json()["detail"]
    clerk = "Basic " + base64.b64encode(f"jyj-clerk:{factories.PASSWORD}".encode()).decode()
    assert client.get("/api/organizations/", HTTP_AUTHORIZATION=clerk).status_code == 200


def test_a_lost_device_is_reset_by_command_and_audited(users, capsys):
    TOTPDevice.objects.create(user=users.justice, name="动态口令", confirmed=True)
    call_command("otp", "reset", "justice")
    assert not TOTPDevice.objects.filter(user=users.justice).exists()
    assert AuditEvent.objects.order_by("-seq").first().note == "重置动态口令设备"
