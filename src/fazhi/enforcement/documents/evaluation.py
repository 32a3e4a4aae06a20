"""The evaluation results notice (评查结果通知书) to an evaluated unit: its files in the campaign with score, grade
and the veto items hit, the problems found in each, and the request to rectify — a .docx in the official document
format shared with the legality review's letter (review.letters)."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core import audit, clock
from fazhi.core.io.officialdoc import INDENT, OfficialDocument, chinese_date, chinese_number
from fazhi.core.models import AuditEvent, Organization, User
from fazhi.oversight import selectors as rectification

from ..models import CaseFile, CaseFileProblem, EvaluationCampaign, Grade
from ..selectors.evaluation import case_files_for

TITLE = "行政执法案卷评查结果通知书"
NONE = "无"


def ledger_statement(problems) -> str:
    """What the notice says about the rectification ledger, true to it: only problems that have a rectification item
    are said to be in the ledger."""
    if not problems:
        return ""
    in_ledger = len(rectification.source_ids_with_items(CaseFileProblem, [p.pk for p in problems]))
    if in_ledger == len(problems):
        return "评查发现的问题已纳入整改台账，逾期未整改的将予以督办。"
    if in_ledger:
        return f"其中{in_ledger}条问题已纳入整改台账，逾期未整改的将予以督办。"
    return ""


def _points(value) -> str:
    """91.5 → 91.5, 80.0 → 80."""
    return f"{value.normalize():f}" if value is not None else "—"


def notice_files(*, actor: User, campaign: EvaluationCampaign, organization: Organization) -> list[CaseFile]:
    """The unit's files in the campaign, all scored, which the actor may see; else a Chinese refusal."""
    all_files = CaseFile.objects.filter(campaign=campaign, body__organization=organization)
    if not all_files.exists():
        raise ValidationError(f"{organization.name}在“{campaign}”中没有被抽取评查的案卷。")
    files = list(
        case_files_for(actor)
        .filter(campaign=campaign, body__organization=organization)
        .prefetch_related("problems", "scores__item")
        .order_by("case_number")
    )
    if not files:
        raise PermissionDenied(f"您无权查看{organization.name}的评查案卷。")
    unscored = [f.case_number for f in files if not f.grade]
    if unscored:
        raise ValidationError(
            f"{organization.name}尚有案卷未完成评分（{'、'.join(unscored)}），评分完成后方可出具通知书。"
        )
    return files


def evaluation_notice(
    *, actor: User, campaign: EvaluationCampaign, organization: Organization, on: dt.date | None = None
) -> bytes:
    """The notice as .docx bytes; producing it is written to the audit trail as an export of the campaign."""
    on = on or clock.today()
    with transaction.atomic():
        files = notice_files(actor=actor, campaign=campaign, organization=organization)
        content = _render(campaign, organization, files, on)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            instance=campaign,
            changes={"notice_sha256": [None, hashlib.sha256(content).hexdigest()]},
            note=f"生成评查结果通知书：{organization.name}",
        )
    return content


def _vetoes(case_file: CaseFile) -> str:
    hits = [s.item.title for s in case_file.scores.all() if s.veto_hit]
    return "、".join(sorted(hits)) or NONE


def _render(
    campaign: EvaluationCampaign, organization: Organization, files: list[CaseFile], on: dt.date
) -> bytes:
    issuer = campaign.organization.name
    letter = OfficialDocument()
    letter.doc.core_properties.title = f"{TITLE}：{organization.name}"
    letter.doc.core_properties.author = issuer
    letter.title(TITLE)
    letter.paragraph()
    letter.paragraph(f"{organization.name}：", indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    reviewers = campaign.reviewers.count()
    organized = f"组织评查人员{reviewers}名，" if reviewers else ""
    letter.paragraph(
        f"根据“{campaign.name}”工作安排，{issuer}{organized}对你单位{len(files)}份已办结的行政执法案卷进行了评查。"
        "现将评查结果通知如下："
    )

    letter.heading("一、评查结果")
    letter.table(
        ["序号", "案件编号", "案件名称", "得分", "等次", "触及的否决项"],
        [
            [str(i), f.case_number, f.title, _points(f.total_score), f.get_grade_display(), _vetoes(f)]
            for i, f in enumerate(files, start=1)
        ],
        widths=[12, 36, 46, 16, 18, 30],
    )
    counts = {g: sum(f.grade == g for f in files) for g in Grade.values}
    letter.paragraph(
        f"其中优秀{counts[Grade.EXCELLENT]}卷，合格{counts[Grade.QUALIFIED]}卷，不合格{counts[Grade.UNQUALIFIED]}卷。"
        f"等次按本次评查设定的分数线确定：{_points(campaign.excellent_score)}分及以上为优秀，"
        f"{_points(campaign.pass_score)}分及以上为合格；触及否决项的案卷不论得分均为不合格。"
    )

    letter.heading("二、发现的问题")
    with_problems = [f for f in files if f.problems.all()]
    if not with_problems:
        letter.paragraph("本次评查未在你单位案卷中发现问题。")
    for index, case_file in enumerate(with_problems, start=1):
        letter.paragraph(f"（{chinese_number(index)}）{case_file.case_number}（{case_file.title}）")
        for n, problem in enumerate(case_file.problems.all(), start=1):
            letter.paragraph(f"{n}. {problem.get_category_display()}：{problem.description}")

    letter.heading("三、整改要求")
    problems = [p for f in files for p in f.problems.all()]
    letter.paragraph(
        f"请你单位对照上述{len(problems)}条问题逐项整改，举一反三、完善制度，并将整改情况报{issuer}。"
        + ledger_statement(problems)
    )
    letter.paragraph("特此通知。")
    letter.paragraph()
    letter.paragraph(issuer, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_indent=INDENT)
    letter.paragraph(chinese_date(on), align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_indent=INDENT)
    return letter.save()
