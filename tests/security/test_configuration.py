"""Configuration: password rules, idle session timeout, and production settings that pass `check --deploy`."""

from __future__ import annotations

import base64
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from fazhi.core.models import User


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("zhangsan123", "至少3类"),
        ("Zhangsan#2024x", "用户名或姓名拼音"),
        ("Ab#19850615x", "日期"),
        ("Short#1a", "10"),
    ],
)
def test_weak_passwords_are_refused(password, reason):
    user = User(username="zhangsan")
    with pytest.raises(ValidationError, match=reason):
        validate_password(password, user)


def test_a_strong_password_is_accepted():
    validate_password("Qk7#vLm2pWx9", User(username="zhangsan"))


def test_sessions_end_when_idle():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert "fazhi.core.web.sessions.IdleRenewalMiddleware" in settings.MIDDLEWARE


def test_check_deploy_is_clean_with_production_settings():
    env = {k: v for k, v in os.environ.items() if k not in ("FAZHI_DEV", "DEBUG")}
    env.update(
        SECRET_KEY="k" * 30 + "Q7#vL2pW9xZ4mN8bR3tY6uI1oP5aS0dF",
        FAZHI_AUDIT_KEYS="k1:" + "ab" * 32,
        FAZHI_AUDIT_KEY_ID="k1",
        FAZHI_DATA_KEYS="d1:" + base64.b64encode(b"d" * 32).decode(),
        FAZHI_DATA_INDEX_KEY=base64.b64encode(b"i" * 32).decode(),
        ALLOWED_HOSTS="fazhi.example.gov.cn",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**env, "DJANGO_SETTINGS_MODULE": "fazhi.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
