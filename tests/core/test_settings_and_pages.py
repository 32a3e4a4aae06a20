"""Settings from the environment, the login, and the 工作台."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command

from fazhi.core import workbench
from fazhi.core.models import CalendarYear, Organization, Person, User


def run_python(code: str, **env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("FAZHI_DEV", "DEBUG", "SECRET_KEY", "FAZHI_AUDIT_KEYS")
    }
    full_env.update(env)
    return subprocess.run([sys.executable, "-c", code], env=full_env, capture_output=True, text=True)  # noqa: S603


def test_production_mode_refuses_to_start_without_secret_key():
    result = run_python(
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='fazhi.settings'; django.setup()"
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_mode_starts_with_secret_key_and_debug_off():
    code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='fazhi.settings'; from django.conf import settings; print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
    result = run_python(
        code,
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/anything",
        FAZHI_AUDIT_KEYS="k1:" + "ab" * 32,
        FAZHI_AUDIT_KEY_ID="k1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_production_mode_refuses_to_start_without_an_audit_key():
    code = "import os; os.environ['DJANGO_SETTINGS_MODULE']='fazhi.settings'; from django.conf import settings; settings.DEBUG"
    result = run_python(code, SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "FAZHI_AUDIT_KEYS" in result.stderr


def test_language_and_timezone():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert settings.TIME_ZONE == "Asia/Shanghai" and settings.USE_TZ


def test_login_page_is_chinese_and_wrong_password_is_refused_in_chinese(client, users):
    assert "登录" in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/login/", {"username": "jyj-clerk", "password": "wrong-password"})
    assert "用户名或密码不正确" in response.content.decode()


def test_repeated_wrong_passwords_lock_the_account(client, users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "jyj-clerk", "password": "wrong-password"},
            REMOTE_ADDR="10.0.0.9",
        )
    from tests.factories import PASSWORD

    response = client.post(
        "/accounts/login/", {"username": "jyj-clerk", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_workbench_shows_empty_state_for_a_unit_clerk(client, users):
    from tests.factories import PASSWORD

    response = client.post("/accounts/login/", {"username": "jyj-clerk", "password": PASSWORD})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    # nothing to do but last year's annual report, which stays (overdue) until it is issued (issue 17)
    assert "工作台" in html and "报送测试区教育局" in html and "年度报告" in html


def test_workbench_warns_system_administrators_in_q4_when_next_years_holidays_are_missing(users):
    # given 2026-11-26, when the package has no 2027 schedule and nobody entered it
    items = workbench.items_for(users.admin, on=dt.date(2026, 11, 26))
    assert [i.title for i in items] == ["录入2027年节假日安排"]
    assert items[0].due == dt.date(2026, 12, 31)

    # a unit clerk does not get it; in summer nobody does; once entered it disappears (the annual report's own
    # reminders, which stay until the report is issued, are not this test's)
    def holidays(user, on):
        return [i.title for i in workbench.items_for(user, on=on) if i.category != "年度报告"]

    assert holidays(users.jyj_clerk, dt.date(2026, 11, 26)) == []
    assert holidays(users.justice, dt.date(2026, 11, 26)) == []
    assert holidays(users.admin, dt.date(2026, 6, 1)) == []
    CalendarYear.objects.create(year=2027, source="国办发明电〔2026〕x号")
    assert holidays(users.admin, dt.date(2026, 11, 26)) == []


def test_demo_district_is_created_once_and_prints_the_logins(db):
    from io import StringIO

    out = StringIO()
    call_command("demo", stdout=out)
    counts = (Organization.objects.count(), Person.objects.count(), User.objects.count())
    call_command("demo", stdout=StringIO())
    assert (Organization.objects.count(), Person.objects.count(), User.objects.count()) == counts
    text = out.getvalue()
    for username in ("admin", "sfj", "scj", "lvshi", "fuyi", "jiandu", "lingdao"):
        assert username in text
    assert {u.role for u in User.objects.all()} == {
        "system_admin",
        "justice_admin",
        "unit_clerk",
        "legal_advisor",
        "reconsideration_staff",
        "enforcement_supervisor",
        "leader",
    }
    # its numbers are fictional: region 990102 is no real division
    assert all(p.id_number.startswith("990102") for p in Person.objects.all())


def test_demo_logins_work(client, db, monkeypatch):
    from io import StringIO

    from fazhi.demo import registry as demo
    from fazhi.demo.management.commands.demo import DEMO_PASSWORD

    monkeypatch.setattr(demo, "STEPS", [])  # units, people and users only
    call_command("demo", stdout=StringIO())
    assert client.post("/accounts/login/", {"username": "sfj", "password": DEMO_PASSWORD}).status_code == 302
    assert client.get("/").status_code == 200
    assert client.get("/admin/core/person/").status_code == 200


def test_api_schema_and_docs_are_served_locally(client, users):
    client.force_login(users.justice)
    assert client.get("/api/schema/").status_code == 200
    html = client.get("/api/docs/").content.decode()
    assert "swagger" in html.lower()
    assert "cdn" not in html.lower() and "unpkg" not in html.lower()


def test_openapi_schema_validates_without_warnings(tmp_path, db):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))
    assert "/api/people/" in (tmp_path / "schema.yml").read_text()


def test_a_setting_must_have_the_type_of_its_default(users):
    import pytest
    from django.core.exceptions import ValidationError

    from fazhi.core import services
    from fazhi.core.models import Setting

    with pytest.raises(ValidationError, match="类型"):
        services.create_record(
            actor=users.admin, instance=Setting(key="calendar.regional_days_extend_periods", value="false")
        )
    with pytest.raises(ValidationError, match="未定义"):
        services.create_record(actor=users.admin, instance=Setting(key="no.such.key", value=1))
    services.create_record(
        actor=users.admin, instance=Setting(key="calendar.regional_days_extend_periods", value=True)
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.create_record(actor=users.justice, instance=Setting(key="calendar.region", value="宁夏"))
