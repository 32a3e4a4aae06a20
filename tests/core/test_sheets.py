"""core.io.sheets: text that looks like a formula is never written as one, and reads back exactly as typed."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from fazhi.core.io import sheets

DANGEROUS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "普通文字", "=1+1"]


def test_xlsx_cells_that_look_like_formulas_stay_text():
    content = sheets.xlsx_bytes(sheets.workbook("测试", ["名称"], [[v] for v in DANGEROUS]))
    ws = load_workbook(io.BytesIO(content)).active
    cells = [row[0] for row in ws.iter_rows(min_row=2)]
    assert [c.value for c in cells] == DANGEROUS
    assert {c.data_type for c in cells} == {"s"}  # no formula ("f") cell


def test_csv_neutralises_formulas_and_unescape_gives_the_text_back():
    text = sheets.csv_text(["名称"], [[v] for v in DANGEROUS])
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert [r[0] for r in rows] == ["'" + v if v[0] in "=+-@" else v for v in DANGEROUS]
    assert [sheets.unescape_csv(r[0]) for r in rows] == DANGEROUS
