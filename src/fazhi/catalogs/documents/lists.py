"""The public lists as tables: one function gives the headers and rows of a list on a day, and both the page and
its xlsx download are made from it, so the file holds exactly what the page shows. The workbook is written through
core.io.sheets: an item whose text starts with = + - @ stays text and never runs as a formula."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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


def table(slug: str, day: dt.date) -> tuple[list[str], list[list]]:
    """Headers and rows of the list `slug` as it stood on `day`."""
    if slug == "certification-items":
        items = selectors.public_items(CatalogKind.CERTIFICATION, day)
        headers = ["序号", "事项编码", "证明名称", "设定依据", "索要单位", "开具单位", "列入日期"]
        rows = [
            [i, it.code, it.name, it.basis, it.organization.name, it.issuer, it.added_on.isoformat()]
            for i, it in enumerate(items, start=1)
        ]
    elif slug == "commitment-items":
        items = selectors.public_items(CatalogKind.COMMITMENT, day)
        headers = [
            "序号",
            "事项编码",
            "事项名称",
            "设定依据",
            "实施单位",
            "核查方式",
            "不实承诺的处理",
            "列入日期",
        ]
        rows = [
            [
                i,
                it.code,
                it.name,
                it.basis,
                it.organization.name,
                it.verification,
                it.false_commitment,
                it.added_on.isoformat(),
            ]
            for i, it in enumerate(items, start=1)
        ]
    elif slug == "service-items":
        items = selectors.public_service_items(day)
        headers = [
            "序号",
            "事项编码",
            "事项名称",
            "实施单位",
            "办理方式",
            "承诺办结时限（工作日）",
            "列入日期",
        ]
        rows = [
            [
                i,
                it.code,
                it.name,
                it.organization.name,
                it.get_mode_display(),
                it.time_limit_days if it.time_limit_days is not None else "",
                it.added_on.isoformat(),
            ]
            for i, it in enumerate(items, start=1)
        ]
    else:
        raise KeyError(slug)
    return headers, rows


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
