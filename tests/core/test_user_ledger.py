"""User accounts by ledger (用户账号): username, the person by ID number, the unit checked against the person's,
the role; no password in any file; each new account gets a one-time activation link shown once; only a system
administrator may import; re-importing is unchanged."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from fazhi.core.io.ledgers import run_import
from fazhi.core.ledgers import UserLedger
from fazhi.core.models import AuditEvent, Role, User

from .. import factories
from .test_ledgers import csv_bytes

pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in UserLedger.columns]
LINK = re.compile(r"(/accounts/activate/[^/]+/[^/]+/)$")


@pytest.fixture
def staff(district):
    return (
        factories.person(district.jyj, name="周老师", id_number=factories.id_number(701)),
        factories.person(district.scj, name="吴科员", id_number=factories.id_number(702)),
    )


def users_file(rows) -> bytes:
    return csv_bytes(HEADERS, rows, "utf-8-sig")


ROWS = [
    ["jyj-zhou", factories.id_number(701), "T-JYJ", "单位填报员", "是"],
    ["scj-wu", factories.id_number(702), "T-SCJ", "领导", "是"],
]


def test_import_makes_accounts_without_passwords_and_shows_each_link_once(users, staff):
    dry = run_import("users", content=users_file(ROWS), filename="users.csv", actor=users.admin, dry_run=True)
    assert dry.ok and (dry.created, dry.notices) == (2, [])
    result = run_import(
        "users", content=users_file(ROWS), filename="users.csv", actor=users.admin, dry_run=False
    )
    assert result.ok and result.created == 2, result.errors
    zhou = User.objects.get(username="jyj-zhou")
    assert (zhou.person, zhou.role, zhou.organization.code) == (staff[0], Role.UNIT_CLERK, "T-JYJ")
    assert User.objects.get(username="scj-wu").role == Role.LEADER
    assert not zhou.has_usable_password()
    assert [n.split("”")[0] for n in result.notices] == ["新账号“jyj-zhou", "新账号“scj-wu"]
    assert "只显示这一次，3日内有效，设置密码后失效" in result.notices[0]
    assert (
        AuditEvent.objects.filter(model_label="core.user", object_id=str(zhou.pk), action="create").count()
        == 1
    )

    # The link sets the first password once; then the account logs in and the link is dead.
    link = LINK.search(result.notices[0]).group(1)
    browser = Client()
    form_page = browser.get(link, follow=True)
    assert "设置密码" in form_page.content.decode()
    posted = browser.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Qingshan-2026!x", "new_password2": "Qingshan-2026!x"},
    )
    assert posted.status_code == 302 and posted["Location"] == "/accounts/login/"
    zhou.refresh_from_db()
    assert zhou.check_password("Qingshan-2026!x")
    assert "该链接已失效" in Client().get(link, follow=True).content.decode()

    again = run_import(
        "users", content=users_file(ROWS), filename="users.csv", actor=users.admin, dry_run=False
    )
    assert (again.created, again.updated, again.unchanged, again.notices) == (0, 0, 2, [])


def test_a_changed_role_is_an_update_and_keeps_the_password(users, staff):
    run_import("users", content=users_file(ROWS), filename="u.csv", actor=users.admin, dry_run=False)
    zhou = User.objects.get(username="jyj-zhou")
    zhou.set_password("Qingshan-2026!x")
    zhou.save()
    changed = [["jyj-zhou", factories.id_number(701), "T-JYJ", "领导", "是"], ROWS[1]]
    dry = run_import("users", content=users_file(changed), filename="u.csv", actor=users.admin, dry_run=True)
    assert (dry.created, dry.updated, dry.unchanged) == (0, 1, 1)
    run_import("users", content=users_file(changed), filename="u.csv", actor=users.admin, dry_run=False)
    zhou.refresh_from_db()
    assert zhou.role == Role.LEADER and zhou.check_password("Qingshan-2026!x")


def test_only_a_system_administrator_may_import_accounts(users, staff):
    result = run_import(
        "users", content=users_file(ROWS), filename="u.csv", actor=users.justice, dry_run=False
    )
    assert [str(e) for e in result.errors] == [
        "第2行：只有系统管理员可以新建用户。",
        "第3行：只有系统管理员可以新建用户。",
    ]
    assert not User.objects.filter(username__in=["jyj-zhou", "scj-wu"]).exists()


def test_every_wrong_row_is_named(users, staff, district):
    rows = [
        ["jyj-zhou", factories.id_number(701), "T-SCJ", "单位填报员", "是"],
        ["nobody", factories.id_number(799), "T-JYJ", "单位填报员", "是"],
        ["clerk", "", "", "单位填报员", "是"],
        ["scj-wu", factories.id_number(702), "T-SCJ", "局长", "是"],
        ["scj-wu2", factories.id_number(702), "T-SCJ", "领导", "是"],
        ["scj-wu3", factories.id_number(702), "T-SCJ", "领导", "是"],
    ]
    result = run_import("users", content=users_file(rows), filename="u.csv", actor=users.admin, dry_run=True)
    assert [str(e) for e in result.errors] == [
        "第2行“单位代码”列：单位代码“T-SCJ”与该人员所在单位“T-JYJ”不一致。",
        "第3行“身份证号”列：该身份证号的人员不存在，请先导入“人员”台账。",
        "第4行“身份证号”列：除系统管理员外，用户须关联到人员（以确定所在单位）。",
        "第5行“角色”列：“局长”不是可选值，应为：系统管理员、司法局管理员、单位填报员、法律顾问、复议工作人员、执法监督员、领导。",
        "第7行“身份证号”列：该人员在本文件中已有账号“scj-wu2”。",
    ]
