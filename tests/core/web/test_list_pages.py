"""The list machinery (core.web.lists) on its two first lists: the rectification ledger /oversight/ and the public
service list /public/service-items/ — search ?q=, filters, sorting, pages ?page=N with the total, ?export=xlsx of
exactly the filtered rows; bad input answered in Chinese with 400."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.core.web import lists
from fazhi.oversight import services as oversight
from tests.catalogs.conftest import service_item

pytestmark = pytest.mark.django_db

D = dt.date


def sheet(response) -> list[list]:
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.content)).active
    return [list(r) for r in ws.iter_rows(values_only=True)]


def public_rows(response) -> list[str]:
    """The 事项编码 of each row shown."""
    return re.findall(
        r'<tr class="public-item"><td class="num">\d+</td><td>([^<]+)</td>', response.content.decode()
    )


@pytest.fixture
def services_list(users, district):
    """23 service items: FW-01…FW-20 of 市场监管局 (承诺办, 1–20 days), FW-21…FW-23 of 教育局 (当场办)."""
    clock.freeze(D(2025, 3, 1))
    for n in range(1, 21):
        service_item(users.justice, district.scj, f"FW-{n:02d}", "committed", limit=n, added_on=D(2024, 1, 1))
    for n in range(21, 24):
        service_item(users.justice, district.jyj, f"FW-{n:02d}", "on_the_spot", added_on=D(2024, 1, 1))


def test_public_service_list_search_filters_sorting_and_total(client, services_list):
    # search on any cell: the unit's name
    found = client.get("/public/service-items/", {"q": "教育局"})
    assert public_rows(found) == ["FW-21", "FW-22", "FW-23"]
    assert "符合条件的共 <strong>3</strong> 项（全部 23 项）" in found.content.decode()
    # a filter by 办理方式 and one by unit, combined with a search of two words
    assert public_rows(client.get("/public/service-items/", {"mode": "当场办"})) == [
        "FW-21",
        "FW-22",
        "FW-23",
    ]
    both = client.get("/public/service-items/", {"unit": "测试区市场监督管理局", "q": "服务事项 FW-1"})
    assert public_rows(both) == [f"FW-{n}" for n in range(10, 20)]
    # sorting by the time limit, longest first, blanks last
    by_limit = public_rows(client.get("/public/service-items/", {"sort": "-c5"}))
    assert by_limit[:3] == ["FW-20", "FW-19", "FW-18"] and by_limit[-3:] == ["FW-21", "FW-22", "FW-23"]


def test_public_service_list_pages_and_export_of_exactly_the_filtered_rows(client, services_list):
    first = client.get("/public/service-items/", {"unit": "测试区市场监督管理局"})
    assert len(public_rows(first)) == 20  # one page of 50
    page = client.get("/public/service-items/", {"q": "FW", "sort": "c1"})
    assert len(public_rows(page)) == 23
    export = client.get("/public/service-items/", {"mode": "当场办", "sort": "-c1", "export": "xlsx"})
    rows = sheet(export)
    assert rows[0] == [
        "序号",
        "事项编码",
        "事项名称",
        "实施单位",
        "办理方式",
        "承诺办结时限（工作日）",
        "列入日期",
    ]
    assert [r[1] for r in rows[1:]] == ["FW-23", "FW-22", "FW-21"]
    assert rows[1][3:5] == ["测试区教育局", "当场办"]


def test_public_list_paginates_with_the_total(client, services_list, monkeypatch):
    monkeypatch.setattr(lists.ListSpec, "__init__", _per_page_10(lists.ListSpec.__init__))
    second = client.get("/public/service-items/", {"page": "2", "sort": "c1"})
    assert public_rows(second) == [f"FW-{n}" for n in range(11, 21)]
    html = second.content.decode()
    assert "共 <strong>23</strong> 项，第 2/3 页" in html
    assert 'aria-current="page">2</span>' in html and 'href="?page=3&amp;sort=c1"' in html
    third = client.get("/public/service-items/", {"page": "3", "sort": "c1"})
    assert public_rows(third) == ["FW-21", "FW-22", "FW-23"]
    # the export holds every filtered row, not only the page
    assert len(sheet(client.get("/public/service-items/", {"page": "2", "export": "xlsx"}))) == 24


def _per_page_10(init):
    def wrapped(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.per_page = 10

    return wrapped


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "9"}, "页码应为1到1之间的整数。"),
        ({"page": "x"}, "页码应为1至1000000之间的整数，收到的是“x”。"),  # the site-wide parameter check
        ({"sort": "name; drop"}, "不能按“name; drop”排序，请点击表头排序。"),
        ({"mode": "飞行办"}, "办理方式：没有“飞行办”这一项，请从列表中选择。"),
    ],
)
def test_bad_list_input_is_a_chinese_400(client, services_list, params, message):
    response = client.get("/public/service-items/", params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.get("Content-Type", "").startswith("text/html")
    assert client.get("/public/service-items/", {**params, "export": "xlsx"}).status_code == 400


# The rectification ledger -----------------------------------------------------------------------------------


@pytest.fixture
def items(users, district, item, clue):
    """The inspection finding's item of 市场监管局 (deadline from its finding) and a clue's item due 2024-09-30."""
    clue_item = oversight.open_item(
        actor=users.justice,
        source=clue,
        opened_on=D(2024, 8, 1),
        deadline=D(2024, 9, 30),
        measures="组织亮证执法培训",
    )
    return item, clue_item


def item_ids(response) -> list[int]:
    return [int(x) for x in re.findall(r'<tr class="item[^"]*" data-id="(\d+)"', response.content.decode())]


def test_oversight_search_filters_sort_and_total(client, users, items):
    finding_item, clue_item = items
    client.force_login(users.justice)
    # search in the finding's text and in the measures
    assert item_ids(client.get("/oversight/", {"q": "未出示执法证件"})) == [clue_item.pk]
    assert item_ids(client.get("/oversight/", {"q": "案卷归档"})) == [finding_item.pk]
    assert item_ids(client.get("/oversight/", {"q": "亮证 培训"})) == [clue_item.pk]
    html = client.get("/oversight/", {"kind": "clue"}).content.decode()
    assert "符合条件的共 <strong>1</strong> 项（全部 2 项）" in html
    # due before a day: open items whose deadline is earlier
    assert finding_item.deadline != clue_item.deadline
    earlier, later = sorted(items, key=lambda i: i.deadline)
    day = (earlier.deadline + dt.timedelta(days=1)).isoformat()
    assert item_ids(client.get("/oversight/", {"due_before": day})) == [earlier.pk]
    assert later.pk not in item_ids(client.get("/oversight/", {"due_before": day}))
    # sorting by deadline both ways and by item
    ascending = item_ids(client.get("/oversight/", {"sort": "deadline"}))
    assert item_ids(client.get("/oversight/", {"sort": "-deadline"})) == ascending[::-1]
    assert item_ids(client.get("/oversight/", {"sort": "-item"})) == sorted(ascending, reverse=True)
    assert 'aria-sort="descending"' in client.get("/oversight/", {"sort": "-item"}).content.decode()


def test_oversight_export_is_exactly_the_filtered_rows(client, users, items):
    _, clue_item = items
    client.force_login(users.justice)
    rows = sheet(client.get("/oversight/", {"kind": "clue", "export": "xlsx"}))
    assert rows[0] == ["事项", "问题来源", "问题", "责任单位", "整改期限", "逾期天数", "状态", "整改措施"]
    assert len(rows) == 2
    assert (
        rows[1][0] == str(clue_item) and rows[1][1] == "执法监督线索" and rows[1][3] == "测试区市场监督管理局"
    )
    assert rows[1][4].date() == D(2024, 9, 30) and rows[1][7] == "组织亮证执法培训"
    assert "未出示执法证件" in rows[1][2]
    everything = sheet(client.get("/oversight/", {"export": "xlsx"}))
    assert len(everything) == 3


def test_oversight_pages(client, users, items, monkeypatch):
    monkeypatch.setattr(lists.ListSpec, "__init__", _per_page_1(lists.ListSpec.__init__))
    client.force_login(users.justice)
    first, second = client.get("/oversight/"), client.get("/oversight/", {"page": "2"})
    assert len(item_ids(first)) == 1 and len(item_ids(second)) == 1
    assert set(item_ids(first) + item_ids(second)) == {i.pk for i in items}
    assert "第 2/2 页" in second.content.decode()
    bad = client.get("/oversight/", {"page": "3"})
    assert bad.status_code == 400 and "页码应为1到2之间的整数。" in bad.content.decode()


def _per_page_1(init):
    def wrapped(self, *args, **kwargs):
        init(self, *args, **kwargs)
        self.per_page = 1

    return wrapped
