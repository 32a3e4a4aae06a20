"""`fazhi demo` refuses to run outside development mode: it creates an administrator with a published password."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.core.models import User

pytestmark = pytest.mark.django_db


def test_demo_refuses_to_run_outside_development_mode(settings):
    settings.DEV_MODE = False
    with pytest.raises(CommandError, match="演示数据只能在开发模式下创建"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.filter(username="admin").exists()
