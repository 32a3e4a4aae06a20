"""The records behind a figure as an .xlsx workbook (one sheet per part: records, numerator, denominator,
incomplete), written through core.io.sheets so a record's text never becomes a live formula."""

from __future__ import annotations

from openpyxl import Workbook

from fazhi.core.io import sheets
from fazhi.core.models import Organization
from fazhi.indicators.registry import Result


def figure_records_xlsx(organization: Organization, year: int, result: Result, parts: list[dict]) -> bytes:
    code = result.indicator.code
    wb = Workbook()
    wb.remove(wb.active)
    for part in parts or [{"label": "记录", "rows": [], "model": ""}]:
        ws = wb.create_sheet(part["label"][:31].replace("（", "(").replace("）", ")"))
        sheets.append_row(
            ws,
            [f"{organization.name}{year}年 {result.indicator.name}（{code}）", part["label"], part["model"]],
        )
        sheets.append_row(ws, ["序号", "记录编号", "记录", "所属单位"])
        for i, row in enumerate(part["rows"], 1):
            sheets.append_row(ws, [i, row["id"], row["record"], row["unit"]])
        ws.column_dimensions["C"].width = 60
        ws.column_dimensions["D"].width = 30
    return sheets.xlsx_bytes(wb)


def figure_records_filename(organization: Organization, year: int, result: Result) -> str:
    return f"{organization.name}{year}年{result.indicator.name}记录.xlsx"
