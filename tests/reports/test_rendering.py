"""The report as files: .docx in the GB/T 9704 format (margins, fonts by w:eastAsia, sizes, fixed line spacing,
page numbers) with the figures in its text, the web page, JSON of every figure, PDF only with LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.reports.documents import annual as rendering
from fazhi.reports.selectors import draft as builder
from fazhi.reports.services import annual as services

TEXT = """{org}{year}年法治政府建设年度报告
# 一、主要举措和成效
## （一）法治工作队伍
全区具有法律职业资格人员{core.people.legal_qualified}，{core.people.legal_qualified.change}。
# 三、存在的问题
{problems}
"""


def _east_asia(paragraph) -> str:
    return paragraph.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))


@pytest.fixture
def report(district, users, staff):
    services.save_template(actor=users.justice, organization=district.root, year=2025, text=TEXT)
    return builder.build(district.root, 2025)


def test_docx_carries_the_official_document_format(report):
    document = docx.Document(io.BytesIO(rendering.to_docx(report, signed_on=dt.date(2026, 3, 28))))
    section = document.sections[0]
    mm = [
        round(v.mm, 1)
        for v in (section.page_width, section.page_height, section.top_margin, section.bottom_margin)
        + (section.left_margin, section.right_margin)
    ]
    assert mm == [210, 297, 37, 35, 28, 26]
    paragraphs = [p for p in document.paragraphs if p.text]
    title, h1, h2, body = paragraphs[0], paragraphs[1], paragraphs[2], paragraphs[3]
    assert title.text == "测试区人民政府2025年法治政府建设年度报告"
    assert (_east_asia(title), title.runs[0].font.size) == ("方正小标宋简体", Pt(22))
    assert (h1.text, _east_asia(h1), h1.runs[0].font.size) == ("一、主要举措和成效", "黑体", Pt(16))
    assert (h2.text, _east_asia(h2)) == ("（一）法治工作队伍", "楷体_GB2312")
    assert body.text == "全区具有法律职业资格人员5人，同比上升150%。"
    assert (_east_asia(body), body.runs[0].font.size) == ("仿宋_GB2312", Pt(16))
    assert body.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert Pt(28) <= body.paragraph_format.line_spacing <= Pt(29)
    assert [p.text for p in paragraphs[-2:]] == ["测试区人民政府", "2026年3月28日"]
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer


def test_html_page_shows_the_text_with_its_figures(report):
    html = rendering.to_html(report)
    assert "<h1>测试区人民政府2025年法治政府建设年度报告</h1>" in html
    assert "<p>全区具有法律职业资格人员5人，同比上升150%。</p>" in html
    assert "仿宋_GB2312" in html


def test_json_gives_every_figure_with_numerator_denominator_and_change(report):
    data = json.loads(rendering.render(report, "json"))
    figure = data["figures"]["core.people.legal_qualified"]
    assert (figure["value"], figure["previous"], figure["change"], figure["change_phrase"]) == (
        5,
        2,
        150.0,
        "同比上升150%",
    )
    share = data["figures"]["core.people.legal_qualified_outside_share"]
    assert (share["value"], share["numerator"], share["denominator"]) == (40.0, 2, 5)
    assert {c["name"] for c in data["checks"]} >= {"各项比率在0–100%之间", "正文手写数字与计算值一致"}


def test_pdf_without_libreoffice_is_refused_plainly(report, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ValidationError, match="未安装 LibreOffice"):
        rendering.render(report, "pdf")


@pytest.mark.skipif(rendering.soffice() is None, reason="LibreOffice（soffice）未安装")
def test_pdf_with_libreoffice(report):
    assert rendering.render(report, "pdf").startswith(b"%PDF")


def test_report_command_writes_docx_and_json(district, users, staff, tmp_path):
    services.save_template(actor=users.justice, organization=district.root, year=2025, text=TEXT)
    out = tmp_path / "r.docx"
    call_command(
        "report", year=2025, org="T", fmt="docx", out=str(out), no_progress=True, stdout=io.StringIO()
    )
    assert "全区具有法律职业资格人员5人，同比上升150%。" in [p.text for p in docx.Document(out).paragraphs]
    out = tmp_path / "r.json"
    call_command(
        "report", year=2025, org="T-SFJ", fmt="json", out=str(out), no_progress=True, stdout=io.StringIO()
    )
    data = json.loads(out.read_text())
    assert data["title"] == "测试区司法局2025年法治政府建设年度报告"
    assert data["figures"]["core.people.legal_qualified"]["value"] == 1
