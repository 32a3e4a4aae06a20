"""The legality review opinion letter (合法性审查意见书): the Justice Bureau's written opinion to the drafting unit once
the three levels are done, as a .docx in the official document format (GB/T 9704: A4, title in 小标宋, body in
仿宋_GB2312 三号)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core import access, audit
from fazhi.core.io.officialdoc import EMPTY, INDENT, OfficialDocument, chinese_date, chinese_number, clean
from fazhi.core.models import AuditEvent, Role, User

from .. import selectors
from ..models import LegalityReview, LevelOpinion, Opinion

TITLE = "合法性审查意见书"
NOTE = "生成合法性审查意见书"
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
    bureau_admin = selectors.justice_bureau_admin_of(review)
    return bureau_admin.organization.name if bureau_admin is not None else "司法局"


# The docx ----------------------------------------------------------------------------------------------------


def _date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def _render(review: LegalityReview, opinions: list[LevelOpinion]) -> bytes:
    version = review.versions.get(number=review.current_version)
    issuer = _issuer(review, opinions)
    letter = OfficialDocument()
    letter.doc.core_properties.title = clean(f"{TITLE}：{review.title}")
    letter.doc.core_properties.author = clean(issuer)

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
