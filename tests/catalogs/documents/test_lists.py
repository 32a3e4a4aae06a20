"""The public list's xlsx is written through core.io.sheets: text typed by a unit that starts with = + - @ comes back
as the same text, never as a live formula."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from fazhi.catalogs import services
from fazhi.catalogs.documents import lists as documents

from ..conftest import D

pytestmark = pytest.mark.django_db


def test_the_public_xlsx_never_carries_a_formula(users, district):
    # given an item whose typed text looks like formulas
    services.add_item(
        actor=users.justice,
        catalog="certification",
        code="-1",
        name='=HYPERLINK("http://evil.example","点击")',
        basis="+1+1",
        organization=district.jyj,
        added_on=D(2024, 3, 1),
        issuer="@SUM(A1)",
    )
    # when the list of the day is downloaded and the file opened again
    ws = load_workbook(io.BytesIO(documents.xlsx("certification-items", D(2024, 6, 1)))).active
    row = list(ws.iter_rows(min_row=3, max_row=3))[0]
    # then every cell holds the text as typed, as text
    assert [c.value for c in row[1:6]] == [
        "-1",
        '=HYPERLINK("http://evil.example","点击")',
        "+1+1",
        "测试区教育局",
        "@SUM(A1)",
    ]
    assert {c.data_type for c in row[1:6]} == {"s"}
    assert ws["A1"].value == "证明事项清单（2024年6月1日）"
