"""The decision file's docx, laid out by core.io.officialdoc (A4, GB/T 9704 margins and fonts, page numbers): the
basic facts, each procedure in statutory order with its attachments, and the audit trail."""

from __future__ import annotations

import datetime as dt

from django.db import models
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core.ids import mask_id_number
from fazhi.core.io import officialdoc
from fazhi.core.io.officialdoc import EMPTY, HEADING_FONT, OfficialDocument
from fazhi.core.models import User

from ...models import (
    CollectiveDiscussion,
    ExpertArgumentation,
    PostEvaluation,
    Procedure,
    ProcedureRecord,
    Publication,
    PublicParticipation,
    RiskAssessment,
)
from .dossier import Attachment, DecisionFile, local_time

DATE_LABELS = {
    Procedure.COLLECTIVE_DISCUSSION: ("会议日期", "决定日期"),
    Procedure.PUBLICATION: ("开始日期", "公布日期"),
}
CHINESE_NUMERALS = "一二三四五六七八九十"
# Width of the text block of an A4 page with the GB/T 9704 margins (210 − 28 − 26 mm): every table fills it.
FIELDS_WIDTHS = [42, 114]


# The docx ----------------------------------------------------------------------------------------------------


def _masked(instance: models.Model, name: str) -> str:
    value = getattr(instance, name)
    if name in getattr(type(instance), "masked_fields", ()) and value:
        return mask_id_number(value)
    return value


def _date(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else EMPTY


def _text(value) -> str:
    """A value as a table cell: 是/否, — for nothing, without the characters XML forbids (text pasted from Word)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    return officialdoc.clean(value)


def _adopted(value: bool | None) -> str:
    return {True: "采纳", False: "不采纳", None: "未定"}[value]


class _Writer:
    """The decision file's docx, laid out by core.io.officialdoc (A4, GB/T 9704 margins and fonts, page numbers)."""

    def __init__(self) -> None:
        self.document = OfficialDocument()
        self.doc = self.document.doc

    def title(self, text: str, subtitle: str) -> None:
        self.document.title(text)
        self.document.paragraph(subtitle, font=HEADING_FONT, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)

    def heading(self, text: str, level: int) -> None:
        self.document.heading(text, level=min(level, 2))

    def paragraph(self, text: str) -> None:
        self.document.paragraph(text)

    def fields(self, rows: list[tuple[str, object]]) -> None:
        """A two-column table of label and value."""
        self.document.table(["项目", "内容"], [[label, _text(value)] for label, value in rows], FIELDS_WIDTHS)
        self.document.paragraph(indent=False)

    def table(self, headers: list[str], rows: list[list[object]], widths: list[float]) -> None:
        self.document.table(headers, [[_text(v) for v in row] for row in rows], widths)
        self.document.paragraph(indent=False)

    def save(self) -> bytes:
        return self.document.save()


def render(dossier: DecisionFile, *, actor: User, now: dt.datetime) -> bytes:
    decision = dossier.decision
    w = _Writer()
    w.doc.core_properties.title = officialdoc.clean(f"重大行政决策档案：{decision.title}")
    w.doc.core_properties.author = "fazhi"
    w.title("重大行政决策档案", decision.title)

    w.heading("一、基本情况", 1)
    item = decision.catalog_item
    basic: list[tuple[str, object]] = [
        ("决策事项", decision.title),
        ("承办单位", decision.organization),
        ("决策机关", decision.decision_body),
    ]
    if item is not None:
        basic.append(("目录事项", f"{item.catalog.title}：{item.title}（计划完成时间：{item.planned_time}）"))
    else:
        basic.append(("目录外决策的理由", decision.outside_catalog_reason))
    basic += [
        ("决策事项简介", decision.summary),
        ("立项日期", _date(decision.registered_on)),
        ("当前状态", decision.get_status_display()),
    ]
    if decision.archived_on:
        basic.append(("归档日期", _date(decision.archived_on)))
    if decision.termination_reason:
        basic.append(("终止理由", decision.termination_reason))
    basic.append(("档案生成", f"{local_time(now)}（北京时间），{_actor_name(actor)}"))
    w.fields(basic)

    w.heading("二、决策程序", 1)
    for n, procedure in enumerate(Procedure):
        w.heading(f"（{CHINESE_NUMERALS[n]}）{procedure.label}", 2)
        if procedure == Procedure.LEGALITY_REVIEW:
            _legality_review(w, dossier.review)
        else:
            _procedure(w, dossier, procedure)
        _attachments(w, dossier.attachments[procedure])

    w.heading("三、审计记录", 1)
    w.paragraph(
        f"本决策及其程序记录、公众意见、专家意见、合法性审查和决策文件的全部审计记录，共{len(dossier.audit_rows)}条，"
        "按审计链序号排列；时间为北京时间。"
    )
    w.table(
        ["序号", "时间", "操作人", "操作", "流转", "变更内容"],
        [
            [
                r.seq,
                r.time,
                r.actor,
                f"{r.action}（{r.record_kind}）",
                r.transition,
                "\n".join(filter(None, [r.changes, f"说明：{r.note}" if r.note else ""])),
            ]
            for r in dossier.audit_rows
        ],
        widths=[12, 24, 18, 24, 22, 56],
    )
    return w.save()


def _actor_name(actor: User) -> str:
    return actor.person.name if actor.person_id else actor.username


def _status(record: ProcedureRecord) -> str:
    if not record.applicable:
        return "不适用"
    if record.completed_on:
        return "已完成"
    return "进行中" if record.started_on else "尚未开展"


def _procedure(w: _Writer, dossier: DecisionFile, procedure: str) -> None:
    record = dossier.records[procedure]
    if record is None:
        w.paragraph("无该程序的记录。")
        return
    started, completed = DATE_LABELS.get(procedure, ("开始日期", "完成日期"))
    rows: list[tuple[str, object]] = [("办理情况", _status(record)), ("是否适用", record.applicable)]
    if not record.applicable:
        rows.append(("不适用的理由及法律依据", record.not_applicable_reason))
    rows += [(started, _date(record.started_on)), (completed, _date(record.completed_on))]
    rows += _details(record)
    if record.notes.strip():
        rows.append(("情况说明", record.notes))
    w.fields(rows)
    if procedure == Procedure.PUBLIC_PARTICIPATION and dossier.comments:
        w.heading("公众意见及采纳情况", 3)
        w.table(
            ["序号", "收到日期", "提出人", "意见内容", "是否采纳", "采纳情况及理由", "反馈日期"],
            [
                [
                    n,
                    _date(c.received_on),
                    _masked(c, "commenter"),
                    c.content,
                    _adopted(c.adopted),
                    c.response,
                    _date(c.answered_on),
                ]
                for n, c in enumerate(dossier.comments, start=1)
            ],
            widths=[10, 20, 18, 36, 14, 38, 20],
        )
    if procedure == Procedure.EXPERT_ARGUMENTATION and dossier.opinions:
        w.heading("专家论证意见", 3)
        w.table(
            ["序号", "专家", "单位及职称", "论证意见", "是否采纳"],
            [
                [n, _masked(o, "expert_name"), o.expert_title, o.opinion, _adopted(o.adopted)]
                for n, o in enumerate(dossier.opinions, start=1)
            ],
            widths=[10, 20, 32, 78, 16],
        )


def _details(record: ProcedureRecord) -> list[tuple[str, object]]:
    """The procedure's own fields, in words."""
    if isinstance(record, PublicParticipation):
        rows = [("参与方式", record.methods), ("征求意见期限（日）", record.period_days)]
        if record.shorter_period_reason.strip():
            rows.append(("期限少于30日的理由", record.shorter_period_reason))
        return rows + [
            ("征求意见截止日", _date(record.period_ends_on)),
            ("截止日计算说明", record.period_explanation),
        ]
    if isinstance(record, ExpertArgumentation):
        return [("论证方式", record.form)]
    if isinstance(record, RiskAssessment):
        return [
            ("评估主体", record.assessor),
            ("风险等级", record.get_level_display()),
            ("风险防范措施", record.measures),
        ]
    if isinstance(record, CollectiveDiscussion):
        rows = [
            ("会议类型", record.get_meeting_kind_display()),
            ("会议名称", record.meeting_name),
            ("出席人员", record.attendees),
            ("出席人数", record.attendance_count),
            ("决定结果", record.get_result_display()),
            ("不同意见", record.dissent),
        ]
        if record.head_reasons.strip():
            rows.append(("行政首长不采纳多数意见的理由", record.head_reasons))
        return rows
    if isinstance(record, Publication):
        return [("公布渠道", record.channel)]
    if isinstance(record, PostEvaluation):
        return [("评估主体", record.evaluator), ("评估结论", record.conclusion)]
    return []


def _legality_review(w: _Writer, review) -> None:
    if review is None:
        w.fields([("办理情况", "尚未送合法性审查")])
        return
    w.fields(
        [
            ("办理情况", review.get_status_display()),
            ("送审事项", review.title),
            ("送审日期", _date(review.submitted_on)),
            ("终审意见", review.get_final_opinion_display()),
            ("审查意见及理由", review.final_reasons),
            ("终审日期", _date(review.concluded_on)),
        ]
    )


def _attachments(w: _Writer, attachments: list[Attachment]) -> None:
    if not attachments:
        w.paragraph("附件：无。")
        return
    w.paragraph(f"附件（{len(attachments)}件）：")
    w.table(
        ["序号", "文件名称", "档案内位置", "上传人", "上传时间", "SHA-256（上传时）", "校验"],
        [
            [
                n,
                a.document.title,
                a.arcname if a.sha256_now is not None else "（文件缺失，未收入档案）",
                _actor_name(a.document.uploaded_by),
                local_time(a.document.uploaded_at),
                a.document.sha256,
                "一致"
                if a.intact
                else ("文件缺失" if a.sha256_now is None else f"不一致，现为{a.sha256_now}"),
            ]
            for n, a in enumerate(attachments, start=1)
        ],
        widths=[10, 26, 32, 16, 20, 36, 16],
    )
