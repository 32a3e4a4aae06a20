"""The annual report as a file: .docx in the official document format (GB/T 9704: A4, margins 37/35/28/26 mm, title
方正小标宋简体 二号, body 仿宋_GB2312 三号 on a fixed 28-point line, level-one headings 黑体, level-two 楷体_GB2312,
page numbers), a web page, JSON of every figure, and PDF where LibreOffice is installed."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from . import spec

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE = Pt(28)  # 固定值28磅
INDENT = Pt(32)  # two characters of 三号
FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
    "json": ("application/json", "json"),
    "pdf": ("application/pdf", "pdf"),
}
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render(report, fmt: str, *, signed_on: dt.date | None = None) -> bytes:
    if fmt == "docx":
        return to_docx(report, signed_on=signed_on)
    if fmt == "html":
        return to_html(report, signed_on=signed_on).encode("utf-8")
    if fmt == "json":
        return json.dumps(report.as_json(), ensure_ascii=False, indent=2, default=str).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(to_docx(report, signed_on=signed_on))
    raise ValidationError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}。")


def filename(report, fmt: str) -> str:
    return f"{report.organization.name}{report.year}年法治政府建设年度报告.{FORMATS[fmt][1]}"


def _set_fonts(owner, east_asia: str) -> None:
    """Latin text in Times New Roman, Chinese in `east_asia` (w:eastAsia), overriding the theme fonts."""
    rfonts = owner.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)


def _run(paragraph, text: str, *, font: str, size):
    run = paragraph.add_run(_XML_ILLEGAL.sub("", text))
    _set_fonts(run._r, font)
    run.font.size = size
    return run


def _paragraph(
    doc, text: str = "", *, font=BODY_FONT, size=BODY_SIZE, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True
):
    p = doc.add_paragraph()
    p.alignment = align
    fmt = p.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE
    fmt.space_before = fmt.space_after = Pt(0)
    if indent:
        fmt.first_line_indent = INDENT
    if text:
        _run(p, text, font=font, size=size)
    return p


def _page_number(section) -> None:
    """— 1 — centred in the footer of every page."""
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "— ", font="宋体", size=PAGE_NUMBER_SIZE)
    run = _run(p, "", font="宋体", size=PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    _run(p, " —", font="宋体", size=PAGE_NUMBER_SIZE)


def to_docx(report, *, signed_on: dt.date | None = None) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    normal = doc.styles["Normal"]
    normal.font.size = BODY_SIZE
    _set_fonts(normal.element, BODY_FONT)
    _page_number(section)
    doc.core_properties.title = report.title
    doc.core_properties.author = report.organization.name
    for block in report.blocks:
        if block.kind == spec.TITLE:
            p = _paragraph(
                doc,
                block.text,
                font=TITLE_FONT,
                size=TITLE_SIZE,
                align=WD_ALIGN_PARAGRAPH.CENTER,
                indent=False,
            )
            p.paragraph_format.line_spacing = Pt(36)
            _paragraph(doc)
        elif block.kind == spec.H1:
            _paragraph(doc, block.text, font=H1_FONT)
        elif block.kind == spec.H2:
            _paragraph(doc, block.text, font=H2_FONT)
        else:
            _paragraph(doc, block.text)
    _paragraph(doc)
    _paragraph(doc, report.organization.name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if signed_on is not None:
        _paragraph(
            doc,
            f"{signed_on.year}年{signed_on.month}月{signed_on.day}日",
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            indent=False,
        )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_html(report, *, signed_on: dt.date | None = None) -> str:
    return render_to_string("reports/report_document.html", {"report": report, "signed_on": signed_on})


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: bytes) -> bytes:
    """Convert with LibreOffice in headless mode; refused plainly where it is not installed."""
    binary = soffice()
    if binary is None:
        raise ValidationError("本机未安装 LibreOffice（soffice），无法生成 PDF；请下载 .docx 或网页版。")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(docx)
        subprocess.run(
            [binary, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / "report.pdf").read_bytes()
