"""Spreadsheet cells that never carry a live formula: every xlsx and csv the platform writes goes through here.

Text a user typed that starts with = + - @ (or a tab or carriage return) would run as a formula when an office opens
the export in Excel or WPS (CSV/formula injection). In xlsx such text is stored as a plain string cell, so it reads
back exactly as typed; in csv it is prefixed with an apostrophe, which `unescape_csv` removes on import."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def append_row(ws: Worksheet, values: Sequence[Any]) -> None:
    """Append a row; text that looks like a formula stays text (openpyxl would otherwise store a formula)."""
    ws.append(list(values))
    row = ws.max_row
    for column, value in enumerate(values, start=1):
        if is_formula_like(value):
            cell = ws.cell(row=row, column=column)
            cell.value = value
            cell.data_type = "s"


def workbook(title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Workbook:
    """A one-sheet workbook with a bold header row and safe cells."""
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    append_row(ws, header)
    for row in rows:
        append_row(ws, row)
    return wb


def xlsx_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def csv_cell(value: Any) -> Any:
    return "'" + value if is_formula_like(value) else value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """CSV with formula-like text neutralised (a leading apostrophe)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        writer.writerow([csv_cell("" if v is None else v) for v in row])
    return out.getvalue()


def unescape_csv(value: Any) -> Any:
    """The text as typed, from a csv cell this module wrote ("'=SUM(A1)" reads back as "=SUM(A1)")."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value
