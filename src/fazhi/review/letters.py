"""The legality review opinion letter (合法性审查意见书): the Justice Bureau's written opinion to the drafting unit once
the three levels are done, as a .docx in the official document format (GB/T 9704: A4, title in 小标宋, body in
仿宋_GB2312 三号)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.core import access, audit
from fazhi.core.models import AuditEvent, Role, User

from .models import LegalityReview, LevelOpinion, Opinion

TITLE = "合法性审查意见书"
NOTE = "生成合法性审查意见书"
TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
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

CONCLUSION = {
    Opinion.LAWFUL: "符合法律、法规、规章和国家政策的规定，审查意见为：合法",
    Opinion.LAWFUL_AFTER_REVISION: "按本意见修改后合法，审查意见为：修改后合法",
    Opinion.UNLAWFUL: "存在不合法的内容，审查意见为：不合法",
}
WHAT_NEXT = {
    Opinion.LAWFUL: "请你单位按程序办理。",
    Opinion.LAWFUL_AFTER_REVISION: "请你单位按照上述意见修改完善后，按程序办理。",
    Opinion.UNLAWFUL: "经审查不合法的，不得提交审议、印发施行或者签订；请你单位依法修改后重新送审。",
}


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


def document_number(review: LegalityReview) -> str:
    """〔2024〕第12号: the year of the final opinion and the review's number on the platform."""
    return f"〔{review.concluded_on.year}〕第{review.pk}号"


def opinion_letter(*, actor: User, review: LegalityReview) -> bytes:
    """The opinion letter of a concluded review as .docx bytes. Producing it is written to the audit trail as an
    export; whoever may see the review may produce it."""
    access.check(actor, review, access.VIEW)
    with transaction.atomic():
        review = LegalityReview.objects.select_related("organization").get(pk=review.pk)
        if review.status != LegalityReview.Status.CONCLUDED:
            raise ValidationError(
                f"该合法性审查处于“{review.get_status_display()}”，司法局出具终审意见后方可生成合法性审查意见书。"
            )
        opinions = list(
            review.opinions.select_related("version", "reviewer__person__organization").order_by(
                "given_on", "pk"
            )
        )
        content = _render(review, opinions)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            instance=review,
            changes={"letter_sha256": [None, hashlib.sha256(content).hexdigest()]},
            note=NOTE,
        )
    return content


def _issuer(review: LegalityReview, opinions: list[LevelOpinion]) -> str:
    """The Justice Bureau that signs: the unit of whoever gave the final opinion, else the district's bureau."""
    final = next((o for o in reversed(opinions) if o.level == "final"), None)
    if final is not None and final.reviewer.role == Role.JUSTICE_ADMIN and final.reviewer.organization:
        return final.reviewer.organization.name
    bureau_admin = (
        User.objects.filter(
            role=Role.JUSTICE_ADMIN,
            is_active=True,
            person__organization__path__startswith=f"/{review.organization.root_code}/",
        )
        .select_related("person__organization")
        .order_by("pk")
        .first()
    )
    return bureau_admin.organization.name if bureau_admin is not None else "司法局"


# The docx ----------------------------------------------------------------------------------------------------


def _clean(text) -> str:
    return _XML_ILLEGAL.sub("", str(text))


def _set_fonts(rpr_owner, east_asia: str) -> None:
    """Latin text in Times New Roman, Chinese in `east_asia`, overriding the template's theme fonts."""
    rfonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)


def _run(paragraph, text, *, font: str = BODY_FONT, size=BODY_SIZE):
    run = paragraph.add_run(_clean(text))
    _set_fonts(run._r, font)
    run.font.size = size
    return run


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


class _Letter:
    """A4 with the margins of GB/T 9704, 三号 仿宋_GB2312 on a 28-point line."""

    def __init__(self) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        normal = self.doc.styles["Normal"]
        normal.font.size = BODY_SIZE
        _set_fonts(normal.element, BODY_FONT)
        normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
        self._page_number(section)

    def _page_number(self, section) -> None:
        """— 1 — centred at the foot of each page."""
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
        if indent:
            fmt.first_line_indent = INDENT
        if right_indent is not None:
            fmt.right_indent = right_indent
        if text:
            _run(p, text, font=font, size=size)
        return p

    def title(self, text: str) -> None:
        p = self.paragraph(
            text, font=TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False
        )
        p.paragraph_format.line_spacing = Pt(36)

    def heading(self, text: str) -> None:
        self.paragraph(text, font=HEADING_FONT)

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers), style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(cell.paragraphs[0], header, font=HEADING_FONT, size=TABLE_SIZE)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                lines = str(value).splitlines() or [EMPTY]
                _run(cell.paragraphs[0], lines[0], size=TABLE_SIZE)
                for line in lines[1:]:
                    _run(cell.add_paragraph(), line, size=TABLE_SIZE)
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _render(review: LegalityReview, opinions: list[LevelOpinion]) -> bytes:
    version = review.versions.get(number=review.current_version)
    issuer = _issuer(review, opinions)
    letter = _Letter()
    letter.doc.core_properties.title = _clean(f"{TITLE}：{review.title}")
    letter.doc.core_properties.author = _clean(issuer)

    letter.title(TITLE)
    letter.paragraph(document_number(review), align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    letter.paragraph()
    letter.paragraph(f"{review.organization.name}：", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)

    received = (
        f"你单位于{chinese_date(review.submitted_on)}报送的《{review.title}》"
        f"（{review.get_subject_kind_display()}）送审稿收悉。"
    )
    if version.number > 1:
        received += (
            f"该送审稿经退回修改，你单位于{chinese_date(version.submitted_on)}"
            f"重新报送第{chinese_number(version.number)}稿。"
        )
    received += (
        f"经起草单位初审、法律顾问复审和本局合法性终审，"
        f"现对第{chinese_number(version.number)}稿出具审查意见如下："
    )
    letter.paragraph(received)

    letter.heading("一、各级审查意见")
    letter.table(
        ["稿次", "审查层级", "审查人", "审查意见", "理由", "出具日期"],
        [
            [
                f"第{chinese_number(o.version.number)}稿",
                o.get_level_display(),
                o.reviewer_name,
                o.get_outcome_display(),
                o.reasons.strip() or EMPTY,
                _date(o.given_on),
            ]
            for o in opinions
        ],
        widths=[15, 27, 24, 21, 45, 24],
    )

    letter.heading("二、审查结论")
    opinion = Opinion(review.final_opinion)
    letter.paragraph(
        f"经审查，本局认为，《{review.title}》（第{chinese_number(version.number)}稿）{CONCLUSION[opinion]}。"
    )
    reasons = [line.strip() for line in review.final_reasons.splitlines() if line.strip()]
    if reasons:
        letter.paragraph("理由如下：" + reasons[0])
        for line in reasons[1:]:
            letter.paragraph(line)
    letter.paragraph(WHAT_NEXT[opinion])
    letter.paragraph("特此函告。")

    letter.paragraph()
    letter.paragraph()
    letter.paragraph(issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_indent=INDENT)
    letter.paragraph(
        chinese_date(review.concluded_on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_indent=INDENT
    )
    return letter.save()
