"""No form lists a whole province of units (issue 19): for a Justice Bureau of 300 units, the form pages render no
<select> with more than FAZHI_UNIT_SELECT_MAX options — the unit choices are search fields (core.web.units) — and the
units' number adds no statement to a page."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import Organization, OrganizationKind

pytestmark = pytest.mark.django_db

FORM_PAGES = [
    "/decisions/",
    "/decisions/catalogs/",
    "/decisions/advisors/",
    "/oversight/inspections/",
    "/oversight/plans/",
    "/enforcement/training/",
    "/enforcement/clues/",
    "/duties/",
    "/duties/projects/",
    "/disputes/register/",
    "/litigation/register/",
    "/litigation/meetings/",
    "/review/",
    "/documents/",
    "/documents/cleanup/",
    "/documents/catalogs/",
]


def _many_units(root: Organization, n: int) -> None:
    Organization.objects.bulk_create(
        Organization(
            code=f"T-G{i:03d}",
            name=f"测试区第{i}单位",
            kind=OrganizationKind.DEPARTMENT,
            parent=root,
            path=f"{root.path}T-G{i:03d}/",
        )
        for i in range(n)
    )


def _selects(html: str) -> dict[str, int]:
    return {
        name: body.count("<option")
        for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S)
    }


def _statements(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_no_form_page_lists_300_units(client, users, district):
    client.force_login(users.justice)
    few = {url: _statements(client, url) for url in ("/decisions/advisors/", "/oversight/inspections/")}
    _many_units(district.root, 300)
    many = {url: _statements(client, url) for url in few}
    assert all(many[url] <= few[url] for url in few), (few, many)
    limit = settings.FAZHI_UNIT_SELECT_MAX
    searched, listed = {}, {}
    for url in FORM_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        listed |= {f"{url} {n}": c for n, c in _selects(html).items() if c > limit}
        searched[url] = html.count('data-autocomplete="/choices/')
    assert listed == {}
    # the search fields of each page: its unit choices, and the people, lawsuits, cases… searched before
    assert searched == {
        "/decisions/": 2,  # 承办单位, 决策机关
        "/decisions/catalogs/": 1,
        "/decisions/advisors/": 2,  # 聘请单位, 服务单位
        "/oversight/inspections/": 3,  # 组织单位, 联合组织单位, 被督察单位
        "/oversight/plans/": 1,
        "/enforcement/training/": 1,
        "/enforcement/clues/": 2,  # 登记 and 批量交办
        "/duties/": 2,  # 单位 and the people named
        "/duties/projects/": 1,
        "/disputes/register/": 1,
        "/litigation/register/": 4,  # 一审案件, 被告, 主管部门, 复议案件
        "/litigation/meetings/": 1,
        "/review/": 1,
        "/documents/": 1,
        "/documents/cleanup/": 1,
        "/documents/catalogs/": 3,
    }
