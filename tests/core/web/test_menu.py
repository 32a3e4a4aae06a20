"""The main menu offers each role its tools only: a leader, who only reads, is offered neither the draft pre-check
(a tool for drafting units) nor imports — the ledger page is named 台账导出 for them."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def _menu(client, user) -> list[str]:
    client.force_login(user)
    html = client.get("/").content.decode()
    nav = re.search(r'<nav aria-label="主菜单">(.*?)</nav>', html, re.S).group(1)
    return re.findall(r">([^<>]+)</a>", nav)


def test_a_leader_is_offered_the_ledger_export_and_no_drafting_or_import_tool(client, users):
    menu = _menu(client, users.leader)

    assert "台账导出" in menu
    assert "台账导入导出" not in menu and "草案预审" not in menu and "数据管理" not in menu


@pytest.mark.parametrize("username", ["jyj_clerk", "justice", "reconsideration", "supervisor", "advisor"])
def test_a_role_that_records_is_offered_imports_and_the_draft_pre_check(client, users, username):
    menu = _menu(client, getattr(users, username))

    assert "台账导入导出" in menu and "草案预审" in menu
