"""The public lists as tables: one set of cells per list (CELLS) gives the headings and the cells of a list on a day,
and both the page (a page of rows read from the database) and its xlsx download are made from it, so the file holds
exactly what the page shows. The workbook is written through
core.io.sheets: an item whose text starts with = + - @ stays text and never runs as a formula."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fazhi.core.io import sheets

from ..models import CatalogKind
from ..selectors import lists as selectors


@dataclass(frozen=True)
class PublicList:
    slug: str
    title: str
    intro: str


LISTS = {
    "certification-items": PublicList(
        "certification-items",
        "证明事项清单",
        "清单以外，一律不得索要证明；清单内的证明事项可以通过部门间核验、告知承诺等方式取得的，不再要求申请人提供。",
    ),
    "commitment-items": PublicList(
        "commitment-items",
        "告知承诺制事项清单",
        "申请人书面承诺符合条件的，行政机关不再索要有关证明，依承诺办理，并按下列方式事中事后核查；不实承诺依法处理。",
    ),
    "service-items": PublicList(
        "service-items",
        "政务服务事项清单",
        "各政务服务事项的实施单位、办理方式和承诺办结时限。",
    ),
}


@dataclass(frozen=True)
class Cell:
    """A column of a public list: its heading, the cell as the page and the download show it, and the database field
    it shows ("" for 序号, the item's place in the day's list, which the page numbers in the database)."""

    header: str
    value: Callable[[Any], Any]
    field: str = ""


NUMBER = Cell("序号", lambda it: it.number)
ADDED = Cell("列入日期", lambda it: it.added_on.isoformat(), "added_on")

CELLS = {
    "certification-items": [
        NUMBER,
        Cell("事项编码", lambda it: it.code, "code"),
        Cell("证明名称", lambda it: it.name, "name"),
        Cell("设定依据", lambda it: it.basis, "basis"),
        Cell("索要单位", lambda it: it.organization.name, "organization__name"),
        Cell("开具单位", lambda it: it.issuer, "issuer"),
        ADDED,
    ],
    "commitment-items": [
        NUMBER,
        Cell("事项编码", lambda it: it.code, "code"),
        Cell("事项名称", lambda it: it.name, "name"),
        Cell("设定依据", lambda it: it.basis, "basis"),
        Cell("实施单位", lambda it: it.organization.name, "organization__name"),
        Cell("核查方式", lambda it: it.verification, "verification"),
        Cell("不实承诺的处理", lambda it: it.false_commitment, "false_commitment"),
        ADDED,
    ],
    "service-items": [
        NUMBER,
        Cell("事项编码", lambda it: it.code, "code"),
        Cell("事项名称", lambda it: it.name, "name"),
        Cell("实施单位", lambda it: it.organization.name, "organization__name"),
        Cell("办理方式", lambda it: it.get_mode_display(), "mode"),
        Cell(
            "承诺办结时限（工作日）",
            lambda it: it.time_limit_days if it.time_limit_days is not None else "",
            "time_limit_days",
        ),
        ADDED,
    ],
}


def items(slug: str, day: dt.date) -> QuerySet:
    """The items of the list `slug` as it stood on `day`, in the list's order (unit, then code)."""
    if slug == "certification-items":
        return selectors.public_items(CatalogKind.CERTIFICATION, day)
    if slug == "commitment-items":
        return selectors.public_items(CatalogKind.COMMITMENT, day)
    if slug == "service-items":
        return selectors.public_service_items(day)
    raise KeyError(slug)


def table(slug: str, day: dt.date) -> tuple[list[str], list[list]]:
    """Headers and rows of the list `slug` as it stood on `day` (the download; the page shows the same cells)."""
    cells = CELLS[slug]
    rows = []
    for number, item in enumerate(items(slug, day), start=1):
        item.number = number
        rows.append([c.value(item) for c in cells])
    return [c.header for c in cells], rows


def xlsx(slug: str, day: dt.date) -> bytes:
    """The list of `day` as a workbook: a title line with the date, then the same headers and rows as the page."""
    headers, rows = table(slug, day)
    wb = Workbook()
    ws = wb.active
    ws.title = LISTS[slug].title[:31]
    sheets.append_row(ws, [f"{LISTS[slug].title}（{day.year}年{day.month}月{day.day}日）"])
    ws["A1"].font = Font(bold=True, size=14)
    sheets.append_row(ws, headers)
    for cell in ws[2]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in rows:
        sheets.append_row(ws, row)
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[get_column_letter(i)].width = 8 if header == "序号" else 24
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A3"
    return sheets.xlsx_bytes(wb)
