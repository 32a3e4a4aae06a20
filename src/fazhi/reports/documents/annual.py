"""The annual report as a file: .docx in the official document format (GB/T 9704: A4, margins 37/35/28/26 mm, title
方正小标宋简体 二号, body 仿宋_GB2312 三号 on a fixed 28-point line, level-one headings 黑体, level-two 楷体_GB2312,
page numbers), a web page, JSON of every figure, and PDF where LibreOffice is installed."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core.io.officialdoc import OfficialDocument

from ..rules import spec
from . import annexes as annex_pages

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
    "json": ("application/json", "json"),
    "pdf": ("application/pdf", "pdf"),
}


def render(report, fmt: str, *, signed_on: dt.date | None = None, annexes=None) -> bytes:
    if fmt == "docx":
        return to_docx(report, signed_on=signed_on, annexes=annexes)
    if fmt == "html":
        return to_html(report, signed_on=signed_on).encode("utf-8")
    if fmt == "json":
        data = {
            **report.as_json(),
            "computed_at": at.isoformat() if (at := report.computed_at) else None,
            "figures_updating": report.stale,
        }
        return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    if fmt == "pdf":
        return to_pdf(to_docx(report, signed_on=signed_on, annexes=annexes))
    raise ValidationError(f"不支持的格式“{fmt}”，可选：{'、'.join(FORMATS)}。")


def filename(report, fmt: str) -> str:
    return f"{report.organization.name}{report.year}年法治政府建设年度报告.{FORMATS[fmt][1]}"


def to_docx(report, *, signed_on: dt.date | None = None, annexes: annex_pages.Annexes | None = None) -> bytes:
    letter = OfficialDocument()
    letter.doc.core_properties.title = report.title
    letter.doc.core_properties.author = report.organization.name
    for block in report.blocks:
        if block.kind == spec.TITLE:
            letter.title(block.text)
            letter.paragraph()
        elif block.kind == spec.H1:
            letter.heading(block.text)
        elif block.kind == spec.H2:
            letter.heading(block.text, level=2)
        else:
            letter.paragraph(block.text)
    letter.paragraph()
    letter.paragraph(report.organization.name, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
    if signed_on is not None:
        letter.paragraph(
            f"{signed_on.year}年{signed_on.month}月{signed_on.day}日",
            align=WD_ALIGN_PARAGRAPH.RIGHT,
            indent=False,
        )
    if annexes is not None:
        annex_pages.add(letter, annexes)
    return letter.save()


def to_html(report, *, signed_on: dt.date | None = None) -> str:
    return render_to_string(
        "reports/report_document.html",
        {
            "report": report,
            "signed_on": signed_on,
            "computed": annex_pages.computed_note(report.computed_at, report.stale),
        },
    )


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
        subprocess.run(  # noqa: S603  (LibreOffice with fixed arguments and our own file)
            [binary, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / "report.pdf").read_bytes()
