"""The activity ledger and the demonstration projects as list pages: search, filters, sorting, pages with the total,
an export of exactly the rows kept, query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.duties import services
from tests.duties.conftest import record

pytestmark = pytest.mark.django_db
D = dt.date


def sheet(response) -> list[list]:
    assert response.status_code == 200
    return [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


def test_the_activity_ledger_of_a_year_searches_filters_exports_and_pages(
    client, users, district, leaders, django_assert_max_num_queries
):
    clock.freeze(D(2025, 6, 30))
    for i in range(51):
        record(
            users.justice,
            "lecture",
            D(2025, 3, 4),
            district.jyj,
            topic=f"会前学法{i:02d}",
            people=[leaders["jyj"]],
        )
    record(
        users.justice,
        "lecture",
        D(2025, 5, 6),
        district.town,
        topic="年终述法",
        meeting="镇党委会",
        people=[leaders["town"]],
    )
    record(users.justice, "lecture", D(2024, 5, 6), district.town, topic="去年述法", people=[leaders["town"]])
    client.force_login(users.justice)
    url = reverse("duties:activities")
    with django_assert_max_num_queries(55):
        html = client.get(url, {"year": 2025}).content.decode()
    assert "共 <strong>52</strong> 项，第 1/2 页" in html and "去年述法" not in html
    assert html.count('class="activity"') == 50 and "<td>许志诚</td>" in html
    html = client.get(url, {"year": 2025, "q": "镇党委会"}).content.decode()
    assert "年终述法" in html and "会前学法00" not in html
    rows = sheet(client.get(url, {"year": 2025, "unit": district.town.pk, "export": "xlsx"}))
    assert rows[0] == ["日期", "类型", "单位", "主题", "会议", "人员"]
    assert [r[3] for r in rows[1:]] == ["年终述法"] and rows[1][2] == "测试区莲花镇"


def test_the_demonstration_projects_filter_by_stage_and_export(client, users, district):
    clock.freeze(D(2025, 6, 30))
    services.enter_project(
        actor=users.justice,
        name="莲花镇法治示范",
        organization=district.town,
        level="regional",
        applied_on=D(2025, 3, 1),
    )
    services.enter_project(
        actor=users.justice,
        name="教育局依法治校",
        organization=district.jyj,
        level="national",
        applied_on=D(2024, 3, 1),
    )
    client.force_login(users.justice)
    url = reverse("duties:projects")
    html = client.get(url, {"level": "national"}).content.decode()
    assert "教育局依法治校" in html and "莲花镇法治示范" not in html
    rows = sheet(client.get(url, {"export": "xlsx"}))
    assert [r[0] for r in rows[1:]] == ["莲花镇法治示范", "教育局依法治校"]
    response = client.get(url, {"stage": "lost"})
    assert response.status_code == 400 and "阶段：没有“lost”这一项" in response.content.decode()
