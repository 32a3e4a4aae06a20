"""The public list of the published decision catalogs, one row a decision item: search, the year and the lead unit,
sorting, pages and the export of exactly the items kept; drafts never show."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from fazhi.decisions import services


def test_the_public_catalog_list_searches_filters_sorts_and_exports_the_items_kept(
    client, users, district, catalog
):
    draft = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    services.add_catalog_item(
        actor=users.justice,
        catalog=draft,
        title="尚在编制的事项",
        lead_unit=district.jyj,
        planned_time="2025年",
        planned_by=dt.date(2025, 12, 31),
    )
    url = "/public/decision-catalogs/"

    def items(**params) -> list[str]:
        return [i.title for i in client.get(url, params).context["items"]]

    # the catalog's order; a search; a lead unit; sorting by the planned date, latest first
    assert items() == ["中小学布局调整", "农贸市场改造"]
    assert items(q="农贸") == ["农贸市场改造"]
    assert items(unit=district.jyj.pk) == ["中小学布局调整"]
    assert items(sort="-planned") == ["农贸市场改造", "中小学布局调整"]
    response = client.get(url, {"year": "2024"})
    assert "2024年度" in response.content.decode() and "尚在编制的事项" not in response.content.decode()
    # a year with no published catalog is not offered
    assert client.get(url, {"year": "2025"}).status_code == 400
    # the export holds the items kept, in the order shown
    export = client.get(url, {"sort": "-planned", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("年度", "决策事项", "承办单位", "计划完成时间", "决策机关", "公布日期")
    assert [r[1:4] for r in rows[1:]] == [
        ("农贸市场改造", "测试区市场监督管理局", "2024年第四季度"),
        ("中小学布局调整", "测试区教育局", "2024年第三季度"),
    ]
