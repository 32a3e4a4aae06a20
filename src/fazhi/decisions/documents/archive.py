"""The decision file (决策档案, 重大行政决策程序暂行条例第三十三条): one .zip holding the record of every procedure as a
docx, the attached documents under their procedure, and the audit trail of the decision as a csv."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import posixpath
import zipfile
from dataclasses import dataclass, field

from django.db import models, transaction
from docx.enum.text import WD_ALIGN_PARAGRAPH

from fazhi.core import access, audit, clock
from fazhi.core.ids import mask_id_number
from fazhi.core.io import officialdoc, sheets
from fazhi.core.io.officialdoc import EMPTY, HEADING_FONT, OfficialDocument
from fazhi.core.models import AuditEvent, User
from fazhi.core.web.pages import history_rows

from ..models import (
    PROCEDURE_MODELS,
    CollectiveDiscussion,
    Decision,
    DecisionDocument,
    ExpertArgumentation,
    ExpertOpinion,
    PostEvaluation,
    Procedure,
    ProcedureRecord,
    Publication,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)

DOCX_NAME = "00_决策档案.docx"
CSV_NAME = "99_审计记录.csv"
NOTE = "生成决策档案"

DATE_LABELS = {
    Procedure.COLLECTIVE_DISCUSSION: ("会议日期", "决定日期"),
    Procedure.PUBLICATION: ("开始日期", "公布日期"),
}
CHINESE_NUMERALS = "一二三四五六七八九十"
# Width of the text block of an A4 page with the GB/T 9704 margins (210 − 28 − 26 mm): every table fills it.
FIELDS_WIDTHS = [42, 114]


def folder_name(procedure: str) -> str:
    """The archive folder of a procedure: its statutory position and name, e.g. 01_公众参与."""
    position = list(Procedure).index(Procedure(procedure)) + 1
    return f"{position:02d}_{Procedure(procedure).label}"


@dataclass
class Attachment:
    document: DecisionDocument
    arcname: str
    sha256_now: str | None  # None: the file is missing from storage

    @property
    def intact(self) -> bool:
        return self.sha256_now == self.document.sha256


@dataclass
class AuditRow:
    seq: int
    time: str
    actor: str
    action: str
    record_kind: str
    record: str
    transition: str
    changes: str
    note: str
    source_ip: str
    hash: str


@dataclass
class DecisionFile:
    """Everything the archive shows, read once."""

    decision: Decision
    records: dict[str, ProcedureRecord | None]
    review: models.Model | None  # the review workstream's LegalityReview
    comments: list[PublicComment]
    opinions: list[ExpertOpinion]
    attachments: dict[str, list[Attachment]] = field(default_factory=dict)
    audit_rows: list[AuditRow] = field(default_factory=list)


def build_archive(*, actor: User, decision: Decision) -> bytes:
    """The decision file as a .zip, in order: 00_决策档案.docx, the attached documents under 01_公众参与/ … 07_决策后评估/
    numbered in upload order, and 99_审计记录.csv. Producing it is written to the audit trail as an export."""
    access.check(actor, decision, access.VIEW)
    with transaction.atomic():
        decision = Decision.objects.select_related(
            "organization", "decision_body", "catalog_item__catalog", "legality_review"
        ).get(pk=decision.pk)
        dossier = _collect(decision)
        now = clock.now()
        entries: list[tuple[str, dt.datetime, bytes | DecisionDocument]] = [
            (DOCX_NAME, now, _docx(dossier, actor=actor, now=now))
        ]
        for procedure in Procedure:
            entries += [
                (a.arcname, a.document.uploaded_at, a.document)
                for a in dossier.attachments[procedure]
                if a.sha256_now is not None  # a file missing from storage is reported in the docx
            ]
        entries.append((CSV_NAME, now, _csv(dossier.audit_rows)))
        content = _zip(entries)
        audit.record(
            actor=actor,
            action=AuditEvent.Action.EXPORT,
            instance=decision,
            changes={
                "archive_sha256": [None, hashlib.sha256(content).hexdigest()],
                "attachments": [None, sum(len(v) for v in dossier.attachments.values())],
            },
            note=NOTE,
        )
    return content


# Reading -----------------------------------------------------------------------------------------------------


def _collect(decision: Decision) -> DecisionFile:
    records: dict[str, ProcedureRecord | None] = {
        procedure: model.objects.filter(decision=decision).first()
        for procedure, model in PROCEDURE_MODELS.items()
    }
    participation = records[Procedure.PUBLIC_PARTICIPATION]
    argumentation = records[Procedure.EXPERT_ARGUMENTATION]
    comments = list(PublicComment.objects.filter(participation=participation)) if participation else []
    opinions = (
        list(ExpertOpinion.objects.filter(argumentation=argumentation).order_by("pk"))
        if argumentation
        else []
    )
    documents = list(
        DecisionDocument.objects.filter(decision=decision)
        .select_related("uploaded_by__person")
        .order_by("uploaded_at", "pk")
    )
    dossier = DecisionFile(
        decision=decision,
        records=records,
        review=decision.legality_review,
        comments=comments,
        opinions=opinions,
    )
    for procedure in Procedure:
        mine = [d for d in documents if d.procedure == procedure]
        dossier.attachments[procedure] = [
            Attachment(d, f"{folder_name(procedure)}/{n:02d}_{_original_name(d)}", _current_sha256(d))
            for n, d in enumerate(mine, start=1)
        ]
    related = [decision, *filter(None, records.values()), *comments, *opinions, *documents]
    if dossier.review is not None:
        related.append(dossier.review)
    dossier.audit_rows = _audit_rows(related)
    return dossier


def _original_name(document: DecisionDocument) -> str:
    # The name it was uploaded with; the stored one only for documents from before that was kept.
    stored = posixpath.basename(document.file.name.replace("\\", "/"))
    return posixpath.basename(document.original_name.replace("\\", "/")) or stored or f"{document.pk}"


def _current_sha256(document: DecisionDocument) -> str | None:
    """The file's hash as it is now, to show it unchanged since upload; None when the file is missing."""
    digest = hashlib.sha256()
    try:
        with document.file.open("rb") as f:
            for chunk in f.chunks():
                digest.update(chunk)
    except (FileNotFoundError, OSError):
        return None
    return digest.hexdigest()


# Audit rows --------------------------------------------------------------------------------------------------


def _audit_rows(instances: list[models.Model]) -> list[AuditRow]:
    """The audit events of the decision and its records in words: core's history_rows, values kept whole."""
    rows = []
    for row in history_rows(instances, parents=(Decision, ProcedureRecord), shorten=None):
        event = row.event
        rows.append(
            AuditRow(
                seq=event.seq,
                time=_local(event.occurred_at),
                actor=event.actor_name or "系统",
                action=event.get_action_display(),
                record_kind=row.record_kind,
                record=event.object_repr,
                transition=event.transition,
                changes="\n".join(row.changes),
                note=event.note,
                source_ip=event.source_ip or "",
                hash=event.hash,
            )
        )
    return rows


def _local(moment: dt.datetime) -> str:
    return moment.astimezone(clock.SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


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


def _docx(dossier: DecisionFile, *, actor: User, now: dt.datetime) -> bytes:
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
    basic.append(("档案生成", f"{_local(now)}（北京时间），{_actor_name(actor)}"))
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
                _local(a.document.uploaded_at),
                a.document.sha256,
                "一致"
                if a.intact
                else ("文件缺失" if a.sha256_now is None else f"不一致，现为{a.sha256_now}"),
            ]
            for n, a in enumerate(attachments, start=1)
        ],
        widths=[10, 26, 32, 16, 20, 36, 16],
    )


# The csv and the zip -----------------------------------------------------------------------------------------

CSV_HEADERS = [
    "序号",
    "时间",
    "操作人",
    "操作",
    "流转",
    "变更内容",
    "记录类型",
    "记录",
    "说明",
    "来源地址",
    "哈希",
]


def _csv(rows: list[AuditRow]) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Chinese correctly; cells through core.io.sheets (never a live formula)."""
    text = sheets.csv_text(
        CSV_HEADERS,
        (
            (
                r.seq,
                r.time,
                r.actor,
                r.action,
                r.transition,
                r.changes,
                r.record_kind,
                r.record,
                r.note,
                r.source_ip,
                r.hash,
            )
            for r in rows
        ),
    )
    return text.encode("utf-8-sig")


def _zip(entries: list[tuple[str, dt.datetime, bytes | DecisionDocument]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, moment, content in entries:
            info = zipfile.ZipInfo(name, date_time=moment.astimezone(clock.SHANGHAI).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(content, bytes):
                zf.writestr(info, content)
                continue
            with content.file.open("rb") as source, zf.open(info, "w") as target:
                for chunk in source.chunks():
                    target.write(chunk)
    return out.getvalue()
