"""Documents in the official format (GB/T 9704 党政机关公文格式) that every workstream produces as .docx: A4 with
margins 37/35/28/26 mm, title in 方正小标宋简体 二号, body in 仿宋_GB2312 三号 on a fixed 28-point line, headings in
黑体 (level one) and 楷体_GB2312 (level two), page numbers "— 1 —" at the foot, dates written 二〇二四年六月三日."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"  # level-one headings
HEADING2_FONT = "楷体_GB2312"  # level-two headings
BODY_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
TABLE_SIZE = Pt(12)  # 小四
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE = Pt(28)  # 固定值28磅: the 22 lines a page of GB/T 9704
INDENT = Pt(32)  # two characters of 三号
EMPTY = "—"
DIGITS = "〇一二三四五六七八九"
# Characters XML 1.0 forbids (text pasted from Word carries \x0b); the docx writer refuses them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals as written in dates and ordinals (十, 十一, 二十, 三十一); larger stay Arabic."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS[ones]
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def chinese_date(value: dt.date) -> str:
    """The date as an official document writes it (GB/T 9704 成文日期): 二〇二四年六月三日."""
    year = "".join(DIGITS[int(c)] for c in str(value.year))
    return f"{year}年{chinese_number(value.month)}月{chinese_number(value.day)}日"


def clean(text) -> str:
    return _XML_ILLEGAL.sub("", str(text))


def set_fonts(rpr_owner, east_asia: str) -> None:
    """Latin text in Times New Roman, Chinese in `east_asia` (w:eastAsia), overriding the template's theme fonts."""
    rfonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)


def run(paragraph, text, *, font: str = BODY_FONT, size=BODY_SIZE):
    r = paragraph.add_run(clean(text))
    set_fonts(r._r, font)
    r.font.size = size
    return r


class OfficialDocument:
    """A new .docx laid out in the official format; add paragraphs, headings and tables, then save()."""

    def __init__(self) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.size = BODY_SIZE
        set_fonts(normal.element, BODY_FONT)
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        self._page_number(section)

    def _page_number(self, section) -> None:
        """— 1 — centred at the foot of each page."""
        p = section.footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run(p, "— ", font="宋体", size=PAGE_NUMBER_SIZE)
        number = run(p, "", font="宋体", size=PAGE_NUMBER_SIZE)
        for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
            if kind:
                element = OxmlElement("w:fldChar")
                element.set(qn("w:fldCharType"), kind)
            else:
                element = OxmlElement("w:instrText")
                element.set(qn("xml:space"), "preserve")
                element.text = text
            number._r.append(element)
        run(p, " —", font="宋体", size=PAGE_NUMBER_SIZE)

    def paragraph(
        self,
        text: str = "",
        *,
        font: str = BODY_FONT,
        size=BODY_SIZE,
        align=WD_ALIGN_PARAGRAPH.JUSTIFY,
        indent: bool = True,
        right_indent=None,
    ):
        p = self.doc.add_paragraph()
        p.alignment = align
        fmt = p.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE
        fmt.space_before = fmt.space_after = Pt(0)
        if indent:
            fmt.first_line_indent = INDENT
        if right_indent is not None:
            fmt.right_indent = right_indent
        if text:
            run(p, text, font=font, size=size)
        return p

    def title(self, text: str) -> None:
        p = self.paragraph(
            text, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
        )
        p.paragraph_format.line_spacing = Pt(36)

    def heading(self, text: str, *, level: int = 1) -> None:
        self.paragraph(text, font=HEADING_FONT if level == 1 else HEADING2_FONT)

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers), style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        widths = [Mm(w) for w in widths]
        header_cells = table.rows[0].cells
        for cell, header, width in zip(header_cells, headers, widths, strict=True):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(cell.paragraphs[0], header, font=HEADING_FONT, size=TABLE_SIZE)
            cell.width = width
        # Every body cell's run carries the same properties: made once, copied (a table of 150 rows has 900 cells).
        properties = None

        def cell_run(paragraph, text):
            nonlocal properties
            if properties is None:
                properties = run(paragraph, text, size=TABLE_SIZE)._r.rPr
                return
            paragraph.add_run(clean(text))._r.insert(0, copy.deepcopy(properties))

        for row in rows:
            for cell, value, width in zip(table.add_row().cells, row, widths, strict=True):
                lines = str(value).splitlines() or [EMPTY]
                cell_run(cell.paragraphs[0], lines[0])
                for line in lines[1:]:
                    cell_run(cell.add_paragraph(), line)
                cell.width = width

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
