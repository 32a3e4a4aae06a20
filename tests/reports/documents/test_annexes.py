"""The annexes of the .docx, opened again with python-docx: every figure with definition, parts and the change on the
year before; a city's comparison of its districts with the trend; an issued report against its draft and last
year's report (also as a page)."""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib

import docx
import pytest

from fazhi.core import clock
from fazhi.core.models import OrganizationKind
from fazhi.indicators.registry import REGISTRY, Scope
from fazhi.reports.documents import charts
from fazhi.reports.selectors import dashboard
from fazhi.reports.services import annual
from fazhi.reports.services.rendering import render_report
from tests import factories

TEXT = """{org}{year}年法治政府建设年度报告
# 一、主要举措和成效
全区具有法律职业资格人员{core.people.legal_qualified}，{core.people.legal_qualified.change}。
# 三、存在的不足和原因
{problems}
"""


def _open(content: bytes):
    return docx.Document(io.BytesIO(content))


def _rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def _row(table, name: str, column: int = 0) -> list[str]:
    return next(r for r in _rows(table) if r[column] == name)


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_the_draft_has_every_figure_with_definition_parts_and_change(district, staff):
    content, name = render_report(district.root, 2025, "docx")
    document = _open(content)

    assert name == "测试区人民政府2025年法治政府建设年度报告.docx"
    assert "附件1：指标一览（口径、构成和同比）" in _paragraphs(document)
    table = document.tables[0]
    assert _rows(table)[0] == ["指标", "数值", "口径", "分子/分母", "上年", "同比"]
    assert _row(table, "具有法律职业资格人员") == [
        "具有法律职业资格人员",
        "5人",
        "在职人员中，截至期末已取得法律职业资格的人数。",
        "—",
        "2人",
        "+150%",
    ]
    # 2 of 5 outside the court in 2025, 1 of 2 in 2024
    assert _row(table, "政法单位以外人员占具有法律职业资格人员比例")[1:] == [
        "40%",
        "政法单位以外具有法律职业资格人员 ÷ 具有法律职业资格人员。",
        "2/5",
        "50%",
        "-10个百分点",
    ]
    assert len(_rows(table)) == 1 + len(REGISTRY)
    # a district's draft has no comparison of districts and no comparison with an issued text
    assert [p for p in _paragraphs(document) if p.startswith("附件")] == [
        "附件1：指标一览（口径、构成和同比）",
        "附件2：驾驶舱图表",
    ]


@pytest.fixture
def city(db):
    city = factories.org("JZ", kind=OrganizationKind.OTHER, name="江州市人民政府")
    east = factories.org("JZ-D", parent=city, kind=OrganizationKind.DISTRICT_GOVERNMENT, name="东区人民政府")
    west = factories.org("JZ-X", parent=city, kind=OrganizationKind.DISTRICT_GOVERNMENT, name="西区人民政府")
    for org, years in ((east, (2021, 2022, 2023, 2025, 2025)), (west, (2022, 2025))):
        for year in years:
            factories.person(org, has_legal_qualification=True, legal_qualification_year=year)
    return city


def test_the_city_report_has_the_districts_compared_with_their_trend(city):
    document = _open(render_report(city, 2025, "docx")[0])

    paragraphs = _paragraphs(document)
    assert "附件3：各区指标比较" in paragraphs
    assert "（一）2025年各区数值和名次" in paragraphs
    assert "（二）2022年至2025年各区趋势" in paragraphs
    assert any(p.startswith("说明：名次按数值从高到低排列") and "1.5倍四分位距" in p for p in paragraphs)
    figures, values, trend = document.tables
    assert _row(figures, "具有法律职业资格人员")[1] == "7人"
    assert _rows(values)[0] == ["指标", "东区人民政府", "西区人民政府", "中位数", "异常值"]
    assert _row(values, "具有法律职业资格人员") == [
        "具有法律职业资格人员",
        "5人（第1）",
        "2人（第2）",
        "3.5人",
        "无",
    ]
    assert _rows(trend)[0] == ["指标", "区", "2022年", "2023年", "2024年", "2025年"]
    qualified = [r for r in _rows(trend) if r[0] == "具有法律职业资格人员"]
    assert qualified == [
        ["具有法律职业资格人员", "东区人民政府", "2人", "3人", "3人", "5人"],
        ["具有法律职业资格人员", "西区人民政府", "1人", "1人", "1人", "2人"],
    ]


@pytest.fixture
def issued(district, users, staff, stated):
    clock.freeze(dt.date(2026, 3, 10))
    annual.save_template(actor=users.justice, organization=district.root, year=2025, text=TEXT)
    return annual.issue_report(
        actor=users.justice, organization=district.root, year=2025, issued_on=dt.date(2026, 3, 5)
    )


def test_the_issued_report_is_compared_with_its_draft_and_last_year(district, issued):
    document = _open(render_report(district.root, 2025, "docx")[0])

    paragraphs = _paragraphs(document)
    start = paragraphs.index("附件3：印发稿与起草稿、上年报告的比较")
    annex = paragraphs[start:]
    assert annex[1] == "（一）印发稿与平台起草稿的差异（“-”为起草稿，“+”为印发稿）"
    # the office replaced the default text: the issued lines are added, the default ones removed
    assert "+全区具有法律职业资格人员5人，同比上升150%。" in annex
    assert "-一、2025年推进法治政府建设的主要举措和成效" in annex
    assert "（二）与2024年稿本（按今日记录计算，未印发）的数据比较" in annex
    last_year = document.tables[-1]
    assert _rows(last_year)[0] == ["指标", "本年", "上年", "增减"]
    assert _row(last_year, "具有法律职业资格人员") == ["具有法律职业资格人员", "5人", "2人", "3"]
    assert _row(last_year, "政法单位以外人员占具有法律职业资格人员比例")[1:] == ["40%", "50%", "-10"]


def test_the_comparison_page_shows_both(client, users, district, issued):
    client.force_login(users.justice)
    page = client.get(f"/reports/annual/issued/{issued.pk}/compare/").content.decode()
    assert "与平台起草稿的差异" in page
    assert "+全区具有法律职业资格人员5人，同比上升150%。" in page
    assert "与2024年稿本（按今日记录计算，未印发）的比较" in page
    assert (
        '<td>具有法律职业资格人员</td><td class="num">5人</td><td class="num">2人</td><td class="num">3</td>'
        in page
    )
    assert client.get(f"/reports/annual/issued/{issued.pk + 1}/compare/").status_code == 404


def _png_size(blob: bytes) -> tuple[int, int]:
    assert blob[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", blob[16:24])


def test_the_dashboard_trends_are_charts_in_the_docx(district, staff):
    document = _open(render_report(district.root, 2025, "docx")[0])

    series = dashboard.trend(2025, Scope(district.root))["series"]
    captions = [p for p in _paragraphs(document) if p.startswith("图")]
    assert captions[0] == f"图1　{series[0]['name']}（{series[0]['unit']}，2021—2025年）"
    assert len(captions) == len(series) == len(document.inline_shapes)
    images = [r.target_part.blob for r in document.part.rels.values() if "image" in r.reltype]
    assert {_png_size(blob) for blob in images} == {(600, 260)}


def test_a_bar_of_the_largest_value_reaches_the_top_and_a_zero_has_none():
    blob = charts.bar_chart(["2024", "2025"], [0, 10], width=200, height=130)
    assert _png_size(blob) == (200, 130)
    width, height = 200, 130
    rows = zlib.decompress(blob[blob.index(b"IDAT") + 4 :])
    stride = 1 + width * 3

    def pixel(x, y):
        start = y * stride + 1 + x * 3
        return tuple(rows[start : start + 3])

    base = height - charts.BOTTOM
    second, first = charts.SIDE + 80 + 40, charts.SIDE + 40  # the two slots' centres
    assert pixel(second, charts.TOP) == charts.BAR
    assert pixel(second, charts.TOP - 1) != charts.BAR
    assert pixel(first, base - 1) == charts.WHITE
