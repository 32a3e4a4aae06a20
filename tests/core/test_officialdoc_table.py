"""core.io.officialdoc tables: every cell's text in the body font (Times New Roman for Latin, 仿宋_GB2312 for Chinese)
at the table size, the headers in 黑体, each column at its width (the body cells' run properties are made once and copied)."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from fazhi.core.io.officialdoc import TABLE_SIZE, OfficialDocument


def fonts(run) -> tuple:
    rfonts = run._r.rPr.rFonts
    return (rfonts.get(qn("w:ascii")), rfonts.get(qn("w:eastAsia")), run.font.size)


def test_every_cell_has_the_fonts_size_and_width_of_its_table():
    letter = OfficialDocument()
    letter.table(["指标", "数值"], [["受理", "12件"], ["口径\n第二行", ""], ["办结", "3件"]], [40, 20])
    table = docx.Document(io.BytesIO(letter.save())).tables[0]

    rows = [[[p.text for p in cell.paragraphs] for cell in row.cells] for row in table.rows]
    assert rows == [
        [["指标"], ["数值"]],
        [["受理"], ["12件"]],
        [["口径", "第二行"], ["—"]],
        [["办结"], ["3件"]],
    ]
    header_runs = [p.runs[0] for cell in table.rows[0].cells for p in cell.paragraphs]
    assert {fonts(r) for r in header_runs} == {("Times New Roman", "黑体", TABLE_SIZE)}
    body_runs = [p.runs[0] for row in table.rows[1:] for cell in row.cells for p in cell.paragraphs]
    assert len(body_runs) == 7
    assert {fonts(r) for r in body_runs} == {("Times New Roman", "仿宋_GB2312", TABLE_SIZE)}
    assert [[round(c.width.mm) for c in row.cells] for row in table.rows] == [[40, 20]] * 4
