"""Roles and the admin site: only system administrators manage logins, every role or password change is audited,
and only the platform's administrators (system, Justice Bureau) are staff and reach /admin/; every other role works
on the pages. The full matrix over every admin model and action on the demo district is in test_scope_crawl.py."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import NoReverseMatch, reverse

from fazhi.core import services
from fazhi.core.models import AuditEvent, Role, User

from .. import factories

ROLE_USERS = {
    Role.SYSTEM_ADMIN: "admin",
    Role.JUSTICE_ADMIN: "justice",
    Role.UNIT_CLERK: "jyj_clerk",
    Role.LEGAL_ADVISOR: "advisor",
    Role.RECONSIDERATION_STAFF: "reconsideration",
    Role.ENFORCEMENT_SUPERVISOR: "supervisor",
    Role.LEADER: "leader",
}
NOT_ADMINS = [r for r in ROLE_USERS if r not in (Role.SYSTEM_ADMIN, Role.JUSTICE_ADMIN)]


def admin_urls():
    for model in admin.site._registry:
        opts = model._meta
        for view in ("changelist", "add"):
            try:
                yield (
                    f"{opts.label_lower}:{view}",
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}"),
                )
            except NoReverseMatch:
                continue


ADMIN_URLS = sorted(admin_urls())


def test_every_role_is_in_the_matrix():
    assert set(ROLE_USERS) == set(Role.values)
    assert len(ADMIN_URLS) > 40  # every app's admin registered


@pytest.mark.parametrize("role", NOT_ADMINS)
def test_roles_that_do_not_administer_the_platform_are_not_staff_and_never_reach_admin(client, users, role):
    user = getattr(users, ROLE_USERS[role])
    assert not user.is_staff and not user.is_superuser
    client.force_login(user)
    for name, url in [("index", "/admin/"), *ADMIN_URLS]:
        response = client.get(url)
        assert response.status_code == 302, (name, response.status_code)
        assert response["Location"].startswith("/admin/login/"), name
    # where they are told, in Chinese, that data management is not theirs
    refused = client.get("/admin/login/?next=/admin/")
    assert refused.status_code == 403
    assert (
        "数据管理仅供系统管理员和司法局管理员使用，您的工作请在各业务页面办理。" in refused.content.decode()
    )


def test_the_menu_shows_data_management_only_to_platform_administrators(client, users):
    for role, username in ROLE_USERS.items():
        client.force_login(getattr(users, username))
        html = client.get("/").content.decode()
        shown = 'href="/admin/">数据管理</a>' in html
        assert shown == (role in (Role.SYSTEM_ADMIN, Role.JUSTICE_ADMIN)), role
        assert 'href="/settings/">配置</a>' in html, role


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.JUSTICE_ADMIN])
def test_administrators_reach_every_admin_page_without_error(client, users, role):
    user = getattr(users, ROLE_USERS[role])
    assert user.is_staff
    client.force_login(user)
    for name, url in ADMIN_URLS:
        response = client.get(url)
        assert response.status_code in (200, 403), (name, response.status_code)
    # Only a system administrator adds logins.
    add_user = client.get(reverse("admin:core_user_add")).status_code
    assert add_user == (200 if role == Role.SYSTEM_ADMIN else 403)


@pytest.mark.parametrize("username", ["leader", "jyj_clerk", "reconsideration"])
def test_a_stale_staff_flag_does_not_open_admin(client, users, username):
    user = getattr(users, username)
    User.objects.filter(pk=user.pk).update(is_staff=True)
    client.force_login(User.objects.get(pk=user.pk))
    assert client.get("/admin/").status_code == 302
    assert "数据管理" not in client.get("/").content.decode()


def test_justice_admin_cannot_make_itself_system_admin(client, users):
    client.force_login(users.justice)
    url = reverse("admin:core_user_change", args=[users.justice.pk])
    response = client.post(
        url,
        {
            "username": "justice",
            "person": users.justice.person_id,
            "role": Role.SYSTEM_ADMIN,
            "is_active": "on",
        },
    )
    assert response.status_code == 403
    users.justice.refresh_from_db()
    assert users.justice.role == Role.JUSTICE_ADMIN and not users.justice.is_superuser
    with pytest.raises(PermissionDenied, match="只有系统管理员"):
        services.assign_role(actor=users.justice, user=users.jyj_clerk, role=Role.SYSTEM_ADMIN)


def test_justice_admin_cannot_reset_passwords(client, users):
    client.force_login(users.justice)
    url = reverse("admin:auth_user_password_change", args=[users.jyj_clerk.pk])
    response = client.post(url, {"password1": "Xy7#kq2mLp9z", "password2": "Xy7#kq2mLp9z"})
    assert response.status_code == 403
    users.jyj_clerk.refresh_from_db()
    assert users.jyj_clerk.check_password(factories.PASSWORD)
    with pytest.raises(PermissionDenied):
        services.reset_password(actor=users.justice, user=users.jyj_clerk, password="Xy7#kq2mLp9z")


def test_system_admin_role_change_is_audited_and_sets_staff(client, users):
    client.force_login(users.admin)
    url = reverse("admin:core_user_change", args=[users.jyj_clerk.pk])
    response = client.post(
        url,
        {
            "username": "jyj-clerk",
            "person": users.jyj_clerk.person_id,
            "role": Role.JUSTICE_ADMIN,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    clerk = User.objects.get(pk=users.jyj_clerk.pk)
    assert clerk.role == Role.JUSTICE_ADMIN and clerk.is_staff and not clerk.is_superuser
    event = (
        AuditEvent.objects.filter(model_label="core.user", object_id=str(clerk.pk)).order_by("-seq").first()
    )
    assert event.action == "update" and event.actor_id == users.admin.pk
    assert event.changes["role"] == [Role.UNIT_CLERK, Role.JUSTICE_ADMIN]
    assert event.changes["role"] == [Role.UNIT_CLERK, Role.JUSTICE_ADMIN]
    for role in (Role.LEADER, Role.UNIT_CLERK, Role.RECONSIDERATION_STAFF):
        services.assign_role(actor=users.admin, user=clerk, role=role)
        clerk.refresh_from_db()
        assert not clerk.is_staff, role
    services.assign_role(actor=users.admin, user=clerk, role=Role.SYSTEM_ADMIN)
    clerk.refresh_from_db()
    assert clerk.is_staff and clerk.is_superuser


def test_system_admin_password_reset_is_audited_without_the_password(client, users):
    client.force_login(users.admin)
    url = reverse("admin:auth_user_password_change", args=[users.jyj_clerk.pk])
    response = client.post(
        url, {"password1": "Xy7#kq2mLp9z", "password2": "Xy7#kq2mLp9z", "usable_password": "true"}
    )
    assert response.status_code == 302
    clerk = User.objects.get(pk=users.jyj_clerk.pk)
    assert clerk.check_password("Xy7#kq2mLp9z")
    event = (
        AuditEvent.objects.filter(model_label="core.user", object_id=str(clerk.pk)).order_by("-seq").first()
    )
    assert event.note == "重置密码" and event.actor_id == users.admin.pk
    assert "Xy7#kq2mLp9z" not in str(event.changes) and clerk.password not in str(event.changes)


def test_migration_takes_staff_from_leaders_and_superuser_from_all_but_system_admins(users):
    User.objects.filter(pk__in=[users.leader.pk, users.advisor.pk]).update(is_staff=True, is_superuser=True)
    migration = importlib.import_module("fazhi.core.migrations.0004_staff_by_role")
    migration.forward(django_apps, None)
    assert not User.objects.get(pk=users.leader.pk).is_staff
    assert not User.objects.filter(pk__in=[users.leader.pk, users.advisor.pk], is_superuser=True).exists()
    assert User.objects.get(pk=users.advisor.pk).is_staff
    assert User.objects.get(pk=users.justice.pk).is_staff
    assert User.objects.get(pk=users.admin.pk).is_superuser


def test_migration_keeps_staff_for_platform_administrators_only(users):
    everyone = [u.pk for u in vars(users).values()]
    User.objects.filter(pk__in=everyone).update(is_staff=True)
    User.objects.filter(pk=users.justice.pk).update(is_staff=False)
    importlib.import_module("fazhi.core.migrations.0010_staff_only_platform_admins").forward(
        django_apps, None
    )
    staff = set(User.objects.filter(pk__in=everyone, is_staff=True).values_list("username", flat=True))
    assert staff == {users.admin.username, "justice", "other-justice"}


def test_every_admin_list_with_a_search_box_searches_without_error(client, users):
    # an encrypted field (an ID number, a contact) cannot be searched by its content: no admin may offer it
    client.force_login(users.admin)
    searched = 0
    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        opts = model._meta
        response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"), {"q": "测试"})
        assert response.status_code == 200, (opts.label, response.status_code)
        searched += 1
    assert searched > 30
