"""The signed-in pages of the lists: search, filters, sorting, pages with the total, an export of exactly the rows
kept, and a query count that does not grow with the rows."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core import clock
from tests.catalogs.conftest import certification, service_item

pytestmark = pytest.mark.django_db
D = dt.date


def sheet(response) -> list[list]:
    assert response.status_code == 200
    return [
        list(r)
        for r in openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    ]


def test_the_certification_list_pages_searches_and_exports(
    client, users, district, django_assert_max_num_queries
):
    clock.freeze(D(2025, 6, 30))
    for i in range(52):
        certification(users.justice, district.jyj, f"JY{i:03d}")
    certification(users.justice, district.scj, "SC001", name="营业执照遗失证明")
    client.force_login(users.justice)
    url = reverse("catalogs:list", args=["certification"])
    with django_assert_max_num_queries(40):
        html = client.get(url).content.decode()
    assert "共 <strong>53</strong> 项，第 1/2 页" in html and 'id="in-force">53<' in html
    html = client.get(url, {"q": "营业执照"}).content.decode()
    assert "营业执照遗失证明" in html and "证明JY000" not in html
    rows = sheet(client.get(url, {"unit": district.scj.pk, "export": "xlsx"}))
    assert rows == [
        ["事项编码", "事项名称", "实施单位", "开具单位", "列入日期", "移出日期"],
        [
            "SC001",
            "营业执照遗失证明",
            "测试区市场监督管理局",
            "户籍所在地公安派出所",
            dt.datetime(2024, 3, 1),
            None,
        ],
    ]


def test_the_service_list_filters_by_handling_mode(client, users, district):
    clock.freeze(D(2025, 6, 30))
    service_item(users.justice, district.jyj, "S1", "instant", limit=5)
    service_item(users.justice, district.jyj, "S2", "committed", limit=10)
    client.force_login(users.justice)
    url = reverse("catalogs:list", args=["service"])
    rows = sheet(client.get(url, {"mode": "instant", "export": "xlsx"}))
    assert [r[0] for r in rows[1:]] == ["S1"] and rows[1][4] == 5
    response = client.get(url, {"mode": "fax"})
    assert response.status_code == 400 and "办理方式：没有“fax”这一项" in response.content.decode()
