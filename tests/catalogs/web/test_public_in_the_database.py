"""The public lists read one page of rows from the database (issue 19: a province's list of 10,000 items was loaded,
filtered and sorted in memory on every view). What the page shows is kept: each test compares the page and its
export with the former in-memory listing of the whole day's table (`tables.table`, the download's rows), for every
column sorted both ways (blanks last, ties in the list's order — unit, then code — both ways, as the stable in-memory
sort kept them), the unit and 办理方式 filters, a search over every cell (序号 and dates included) and page 2."""

from __future__ import annotations

import io
import re

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from fazhi.catalogs.documents import lists as tables
from fazhi.catalogs.models import ListItem, ServiceItem
from fazhi.core import clock
from fazhi.core.web import lists as list_pages

from ..conftest import D

pytestmark = pytest.mark.django_db
DAY = D(2026, 11, 26)
UNIT_HEADERS = ("实施单位", "索要单位")


@pytest.fixture(autouse=True)
def today():
    clock.freeze(DAY)


def former_listing(slug: str, params: dict):
    """The page as the in-memory listing built it before (views.public_list_spec of session 9)."""
    headers, rows = tables.table(slug, DAY)
    filters = []
    for header in (*UNIT_HEADERS, "办理方式"):
        if header in headers:
            index = headers.index(header)
            values = sorted({str(r[index]) for r in rows if r[index] != ""})
            filters.append(
                list_pages.Filter(
                    "unit" if header in UNIT_HEADERS else "mode",
                    header,
                    lambda rs, v, i=index: [r for r in rs if str(r[i]) == v],
                    choices=[(v, v) for v in values],
                )
            )
    spec = list_pages.ListSpec(
        title=tables.LISTS[slug].title,
        columns=[list_pages.Column(f"c{i}", h, lambda r, i=i: r[i]) for i, h in enumerate(headers)],
        filters=filters,
        keep=("on",),
    )
    return list_pages.listing(RequestFactory().get("/", params), rows, spec)


def rows_of(html: str) -> list[list[str]]:
    if "<tbody>" not in html:
        return []
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    return [re.findall(r"<td[^>]*>(.*?)</td>", r) for r in body.split("</tr>")[:-1]]


@pytest.fixture
def items(district):
    """63 certification items over three units (names repeated, some without issuer, dates repeated), 5 commitment
    items and 8 service items (modes repeated, some without a time limit); one removed and one not yet in force."""
    units = [district.jyj, district.scj, district.sfj]
    for i in range(63):
        ListItem.objects.create(
            catalog="certification",
            code=f"ZM-{(i * 37) % 100:03d}",
            name=f"证明{i % 7}",
            basis="《教师法》第十四条",
            organization=units[i % 3],
            issuer="" if i % 4 == 0 else f"派出所{i % 5}",
            added_on=D(2024, 1 + i % 12, 1 + i % 3),
        )
    ListItem.objects.create(
        catalog="certification", code="ZM-OLD", name="已移出", basis="-", organization=units[0],
        added_on=D(2024, 1, 1), removed_on=D(2025, 1, 1), removal_reason="取消",
    )  # fmt: skip
    ListItem.objects.create(
        catalog="certification", code="ZM-NEW", name="尚未列入", basis="-", organization=units[0],
        added_on=D(2027, 1, 1),
    )  # fmt: skip
    for i in range(5):
        ListItem.objects.create(
            catalog="commitment", code=f"CN-{i}", name=f"承诺{i % 2}", basis="《食品安全法》", organization=units[i % 2],
            verification="书面核查" if i % 2 else "", false_commitment="撤销许可", added_on=D(2025, 3, 1),
        )  # fmt: skip
    for i in range(8):
        ServiceItem.objects.create(
            code=f"FW-{i}", name=f"服务{i}", organization=units[i % 3],
            mode=["committed", "on_the_spot", "instant", "committed"][i % 4],
            time_limit_days=None if i % 3 == 0 else i, added_on=D(2025, 1, 1 + i),
        )  # fmt: skip


def requests_of(slug: str) -> list[dict]:
    headers = [c.header for c in tables.CELLS[slug]]
    asked: list[dict] = [{}, {"page": "2"}]
    for i in range(len(headers)):
        asked += [{"sort": f"c{i}"}, {"sort": f"-c{i}"}, {"sort": f"-c{i}", "page": "2"}]
    asked += [
        {"unit": "测试区教育局"},
        {"unit": "测试区司法局", "sort": "-c5"},
        {"q": "证明3"},
        {"q": "1"},  # 序号 and codes and dates
        {"q": "2024-03 派出所"},
        {"q": "7", "sort": "-c2"},
        {"q": "承诺办"},
        {"q": "没有这样的事项"},
        {"unit": "不存在的单位"},  # refused: 400, no filter applied
        {"sort": "c99"},
    ]
    if "办理方式" in headers:
        asked += [{"mode": "承诺办"}, {"mode": "当场办", "sort": "-c5"}]
    return asked


@pytest.mark.parametrize("slug", list(tables.LISTS))
def test_the_page_and_its_export_are_the_former_in_memory_listing(client, items, slug):
    for params in requests_of(slug):
        former = former_listing(slug, params)
        response = client.get(f"/public/{slug}/", params)
        assert response.status_code == former.status, params
        html = response.content.decode()
        expected = [[str(v) for v in r] for r in former.page_rows]
        assert rows_of(html) == expected, params
        assert f'id="item-count">{former.unfiltered}<' in html
        if not former.errors:
            assert f"共 <strong>{former.total}</strong> 项" in html or not former.total, params
            export = client.get(f"/public/{slug}/", {**params, "export": "xlsx"})
            sheet = load_workbook(io.BytesIO(export.content)).active
            cells = [["" if v is None else v for v in r] for r in sheet.iter_rows(values_only=True)]
            assert cells[1:] == [[v for v in r] for r in former.export_rows()], params
            # the filters offer the same choices
            for state in former.filters:
                for value, _ in state.choices:
                    assert f'value="{value}"' in html, (params, value)


def test_the_numbers_are_the_items_places_in_the_whole_days_list(client, items):
    """序号 stays the item's place in the day's list when the list is filtered, searched or sorted (63 in force)."""
    rows = rows_of(client.get("/public/certification-items/", {"unit": "测试区司法局"}).content.decode())
    assert len(rows) == 21 and [r[0] for r in rows][:3] == [
        "43",
        "44",
        "45",
    ]  # after 教育局's and 市场监管局's 21 each
    rows = rows_of(client.get("/public/certification-items/", {"sort": "-c0"}).content.decode())
    assert rows[0][0] == "63" and rows[-1][0] == "14"
    rows = rows_of(client.get("/public/certification-items/", {"q": "63"}).content.decode())
    assert [r[0] for r in rows] == ["63"]


def test_the_page_reads_a_bounded_number_of_statements(client, items, django_assert_max_num_queries):
    for slug in tables.LISTS:
        with django_assert_max_num_queries(8):
            client.get(f"/public/{slug}/", {"q": "1", "sort": "-c3", "page": "1"})
