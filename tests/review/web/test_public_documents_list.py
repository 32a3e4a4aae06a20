"""The public list of normative documents in force: search, the issuing body and the year published, sorting,
pages and the export of exactly the documents kept."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from ..conftest import issued


def test_the_public_list_searches_filters_sorts_and_exports_the_documents_kept(client, users, district):
    school = issued(
        users.jyj_clerk,
        users.justice,
        district.jyj,
        "关于规范校外培训的通知",
        published_on=dt.date(2024, 9, 2),
    )
    fees = issued(
        users.jyj_clerk, users.justice, district.jyj, "关于学生收费的通知", published_on=dt.date(2024, 9, 5)
    )
    market = issued(
        users.scj_clerk, users.justice, district.scj, "关于市场检查的通知", published_on=dt.date(2024, 9, 3)
    )
    url = "/public/normative-documents/"

    def titles(**params) -> list[str]:
        return [d.title for d in client.get(url, params).context["documents"]]

    # the newest first; a search; a unit; sorting by title
    assert titles() == [fees.title, market.title, school.title]
    assert titles(q="收费") == [fees.title]
    assert titles(unit=district.jyj.pk, sort="published") == [school.title, fees.title]
    assert titles(year="2024", sort="-published") == [fees.title, market.title, school.title]
    # the export holds the rows kept, in the order shown
    export = client.get(url, {"unit": district.jyj.pk, "sort": "published", "export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("文号", "文件名称", "制定机关")
    assert [r[1] for r in rows[1:]] == [school.title, fees.title]
    # bad input is refused in Chinese
    bad = client.get(url, {"unit": "999999"})
    assert bad.status_code == 400 and "制定机关：没有“999999”这一项" in bad.content.decode()
