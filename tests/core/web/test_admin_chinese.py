"""The admin (数据管理) in Chinese: the theme's own words (django-unfold ships no Chinese), the lock-out and task
apps' names and fields, on every list and add page a system administrator opens."""

from __future__ import annotations

import re

import pytest
from django.contrib import admin
from django.utils import translation

from .crawl import visible_text

pytestmark = pytest.mark.django_db

ENGLISH = [
    "Select action",
    "Type to search",
    "Apply Filters",
    "Reset filters",
    "Filters",
    "No results found",
    "Search apps and models",
    "Return to site",
    "More actions",
    "Welcome back",
    "Axes",
    "Tasks Database Backend",
    "Task Results",
    "Attempt Time",
    "IP Address",
    "User Agent",
]


def _shown(html: str) -> str:
    text, _ = visible_text(html)
    attributes = " ".join(re.findall(r'(?:placeholder|aria-label|title)="([^"]*)"', html))
    return f"{text} {attributes}"


def test_the_themes_words_are_translated():
    with translation.override("zh-hans"):
        assert translation.gettext("Select action") == "选择操作"
        assert translation.gettext("Type to search") == "输入关键词搜索"
        assert translation.pgettext("Task", "Successful") == "成功"


def test_every_admin_list_and_add_page_is_in_chinese(client, users):
    client.force_login(users.admin)
    pages, found = 0, []
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        for url in (base, f"{base}add/"):
            response = client.get(url)
            if response.status_code != 200:
                continue
            pages += 1
            shown = _shown(response.content.decode())
            found += [f"{url}: {word}" for word in ENGLISH if re.search(rf"\b{word}\b", shown)]
    assert pages > 60
    assert found == []


def test_the_admin_index_names_the_third_party_apps_in_chinese(client, users):
    client.force_login(users.admin)
    text = _shown(client.get("/admin/").content.decode())
    assert "登录安全" in text and "后台任务" in text
