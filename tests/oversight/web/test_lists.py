"""The task plans and the inspections as list pages: search, filters, the next deadline with overdue plans first,
pages with the total, an export of exactly the rows kept, query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.oversight.models import Inspection
from fazhi.oversight.services import inspections
from fazhi.oversight.services import task_plans as tasks

pytestmark = pytest.mark.django_db
D = dt.date


def sheet(response) -> list[list]:
    assert response.status_code == 200
    return [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


def plan(users, district, title, deadlines, year=2025):
    made = tasks.create_plan(
        actor=users.justice, title=title, year=year, organization=district.root, issued_on=D(year, 2, 1)
    )
    for n, due in enumerate(deadlines, start=1):
        tasks.add_task(
            actor=users.justice,
            plan=made,
            number=str(n),
            title=f"任务{n}",
            lead_unit=district.jyj,
            deadline=due,
        )
    return made


def test_plans_sort_by_their_next_deadline_overdue_first_and_export(client, users, district):
    clock.freeze(D(2025, 6, 30))
    plan(users, district, "法治政府建设工作要点", [D(2025, 9, 30), D(2025, 12, 31)])
    plan(users, district, "依法行政考核整改方案", [D(2025, 5, 31)])
    plan(users, district, "普法工作计划", [])
    client.force_login(users.justice)
    url = reverse("oversight:plans")
    html = client.get(url).content.decode()
    assert (
        html.index("依法行政考核整改方案") < html.index("法治政府建设工作要点") < html.index("普法工作计划")
    )
    assert html.count("已逾期") == 1
    rows = sheet(client.get(url, {"overdue": "1", "export": "xlsx"}))
    assert rows[0] == ["年度", "计划", "类别", "印发单位", "印发日期", "未完成任务", "最近完成时限"]
    assert (
        rows[1][1] == "依法行政考核整改方案"
        and rows[1][5:] == [1, dt.datetime(2025, 5, 31)]
        and len(rows) == 2
    )
    html = client.get(url, {"q": "普法"}).content.decode()
    assert "普法工作计划" in html and "法治政府建设工作要点" not in html


def test_the_plan_list_pages_with_a_steady_query_count(
    client, users, district, django_assert_max_num_queries
):
    clock.freeze(D(2025, 6, 30))
    for i in range(52):
        plan(users, district, f"计划{i:02d}", [D(2025, 9, 30)])
    client.force_login(users.justice)
    with django_assert_max_num_queries(25):
        html = client.get(reverse("oversight:plans")).content.decode()
    assert "共 <strong>52</strong> 项，第 1/2 页" in html and html.count('class="plan') == 50


def test_inspections_filter_by_year_and_kind_and_export_with_their_units(
    client, users, district, django_assert_max_num_queries
):
    clock.freeze(D(2025, 6, 30))
    for i in range(51):
        inspections.create_inspection(
            actor=users.justice,
            kind=Inspection.Kind.SUPERVISION,
            title=f"专项督查{i:02d}",
            held_on=D(2025, 3, 1),
            organization=district.sfj,
            units=[district.jyj],
        )
    inspections.create_inspection(
        actor=users.justice,
        kind=Inspection.Kind.RULE_OF_LAW,
        title="2024年度法治政府建设督察",
        held_on=D(2024, 5, 6),
        organization=district.sfj,
        co_organizers=[district.root],
        units=[district.jyj, district.scj],
    )
    client.force_login(users.justice)
    url = reverse("oversight:inspections")
    with django_assert_max_num_queries(25):
        html = client.get(url).content.decode()
    assert "共 <strong>52</strong> 项，第 1/2 页" in html and html.count('class="inspection"') == 50
    rows = sheet(client.get(url, {"year": 2024, "kind": "rule_of_law", "export": "xlsx"}))
    assert rows[1:] == [
        [
            "2024年度法治政府建设督察",
            "法治督察",
            dt.datetime(2024, 5, 6),
            "测试区司法局、测试区人民政府",
            "测试区教育局、测试区市场监督管理局",
            0,
        ]
    ]
