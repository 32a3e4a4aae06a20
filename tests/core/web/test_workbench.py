"""The 工作台 groups what the user must do by urgency (已逾期 / 7日内到期 / 其他待办) and by workstream, filters them,
exports them, and links each item to the page that does it."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core import clock, workbench

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def provided():
    def items(user, on):
        return [
            workbench.WorkItem("办结线索甲", "执法监督线索", due=D(2025, 6, 20), url="/enforcement/clues/1/"),
            workbench.WorkItem(
                "整改事项乙", "督察整改", due=D(2025, 7, 3), url="/oversight/items/2/", unit="教育局"
            ),
            workbench.WorkItem("报送年度报告", "年度报告", due=D(2025, 9, 1), url="/reports/"),
            workbench.WorkItem("整改事项丙", "督察整改", level=workbench.OVERDUE, url="/oversight/items/3/"),
        ]

    workbench.PROVIDERS.insert(0, items)
    yield
    workbench.PROVIDERS.remove(items)


def test_the_workbench_groups_by_urgency_and_links_to_the_forms(client, users, provided):
    clock.freeze(D(2025, 6, 30))
    client.force_login(users.jyj_clerk)
    html = client.get(reverse("core:workbench")).content.decode()
    overdue = html[html.index('id="group-overdue"') : html.index('id="group-week"')]
    week = html[html.index('id="group-week"') : html.index('id="group-other"')]
    other = html[html.index('id="group-other"') :]
    assert "办结线索甲" in overdue and "整改事项丙" in overdue and 'href="/enforcement/clues/1/"' in overdue
    assert "整改事项乙" in week and "办结线索甲" not in week
    assert "报送年度报告" in other


def test_the_workbench_filters_by_workstream_and_urgency_and_exports(client, users, provided):
    clock.freeze(D(2025, 6, 30))
    client.force_login(users.jyj_clerk)
    url = reverse("core:workbench")
    html = client.get(url, {"category": "督察整改", "urgency": "week"}).content.decode()
    assert "整改事项乙" in html and "整改事项丙" not in html and "办结线索甲" not in html
    response = client.get(url, {"category": "督察整改", "export": "xlsx"})
    rows = [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]
    assert rows[0] == ["紧急程度", "事项", "工作", "截止日期", "单位"]
    assert [r[:2] for r in rows[1:]] == [["已逾期", "整改事项丙"], ["7日内到期", "整改事项乙"]]
    response = client.get(url, {"urgency": "someday"})
    assert response.status_code == 400 and "紧急程度：没有“someday”这一项" in response.content.decode()


def test_the_workbench_sorts_within_each_urgency_group_by_the_heading_clicked(client, users, provided):
    clock.freeze(D(2025, 6, 30))
    client.force_login(users.jyj_clerk)
    url = reverse("core:workbench")

    def overdue(params):
        html = client.get(url, params).content.decode()
        part = html[html.index('id="group-overdue"') : html.index('id="group-week"')]
        return sorted((t for t in ("办结线索甲", "整改事项丙") if t in part), key=part.index), part

    # by default: by workstream (执法监督线索 before 督察整改), then most urgent first
    assert overdue({})[0] == ["办结线索甲", "整改事项丙"]
    order, part = overdue({"sort": "-category"})
    assert order == ["整改事项丙", "办结线索甲"]
    assert 'aria-sort="descending"' in part and 'href="?sort=category"' in part  # the heading turns it round
    assert overdue({"sort": "due"})[0] == ["办结线索甲", "整改事项丙"]  # an item without a date comes last
    assert overdue({"sort": "-title"})[0] == ["整改事项丙", "办结线索甲"]
    # the groups are the urgency: no sort by it
    assert client.get(url, {"sort": "urgency"}).status_code == 400
