"""The decision file (决策档案, 重大行政决策程序暂行条例第三十三条): one .zip holding the record of every procedure as a
docx, the attached documents under their procedure, and the audit trail of the decision as a csv."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from fazhi.core import access, audit, clock
from fazhi.core.ids import mask_id_number
from fazhi.core.models import AuditEvent, User
from fazhi.review.models import LegalityReview

from .models import (
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
from .services import PROCEDURE_MODELS  # the six procedures with their own record

SHANGHAI = ZoneInfo("Asia/Shanghai")
DOCX_NAME = "00_决策档案.docx"
CSV_NAME = "99_审计记录.csv"
NOTE = "生成决策档案"

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"
EMPTY = "—"

DATE_LABELS = {
    Procedure.COLLECTIVE_DISCUSSION: ("会议日期", "决定日期"),
    Procedure.PUBLICATION: ("开始日期", "公布日期"),
}
CHINESE_NUMERALS = "一二三四五六七八九十"
# Characters XML 1.0 forbids (pasted text from Word or Excel carries \x0b); the docx writer refuses them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Cells Excel would read as a formula (CSV injection); such a cell is written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    review: LegalityReview | None
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
    dossier.audit_rows = _audit_rows(_events(related))
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


def _events(instances: Iterable[models.Model]) -> list[AuditEvent]:
    ids: dict[str, list[str]] = {}
    for instance in instances:
        ids.setdefault(instance._meta.label_lower, []).append(str(instance.pk))
    condition = Q()
    for label, pks in ids.items():
        condition |= Q(model_label=label, object_id__in=pks)
    return list(AuditEvent.objects.filter(condition).order_by("seq"))


# Audit rows --------------------------------------------------------------------------------------------------


class _Display:
    """Field names and values of audit changes in words: verbose names, choice labels, related records' names."""

    def __init__(self) -> None:
        self._related: dict[tuple[type[models.Model], object], str] = {}

    @staticmethod
    def model(label: str) -> type[models.Model] | None:
        try:
            return apps.get_model(label)
        except (LookupError, ValueError):
            return None

    @staticmethod
    def field(model: type[models.Model] | None, attname: str) -> models.Field | None:
        if model is None:
            return None
        for f in model._meta.concrete_fields:
            if f.attname == attname:
                return f
        return None

    def label(self, model: type[models.Model] | None, attname: str) -> str:
        f = self.field(model, attname)
        if f is None:
            return attname
        if f.is_relation and f.verbose_name == f.name.replace("_", " "):
            return str(f.related_model._meta.verbose_name)  # a link declared without a verbose name
        return str(f.verbose_name)

    def value(self, model: type[models.Model] | None, attname: str, value) -> str:
        if value is None or value == "":
            return "空"
        if isinstance(value, bool):
            return "是" if value else "否"
        f = self.field(model, attname)
        if f is not None and f.choices:
            return str(dict(f.flatchoices).get(value, value))
        if f is not None and f.is_relation:
            return self._related_name(f.related_model, value)
        return str(value)

    def _related_name(self, related: type[models.Model], pk) -> str:
        key = (related, pk)
        if key not in self._related:
            obj = related._default_manager.filter(pk=pk).first()
            self._related[key] = str(obj) if obj is not None else f"#{pk}"
        return self._related[key]


def _describe(event: AuditEvent, display: _Display) -> str:
    model = display.model(event.model_label)
    lines = []
    for name, pair in audit.masked_changes(event).items():
        old, new = (list(pair) + [None, None])[:2] if isinstance(pair, list | tuple) else (None, pair)
        label = display.label(model, name)
        if event.action == AuditEvent.Action.CREATE and old is None:
            if new not in (None, ""):  # a new record's empty fields say nothing
                lines.append(f"{label}：{display.value(model, name, new)}")
        else:
            lines.append(f"{label}：{display.value(model, name, old)} → {display.value(model, name, new)}")
    return "\n".join(lines)


def _audit_rows(events: list[AuditEvent]) -> list[AuditRow]:
    display = _Display()
    rows = []
    for event in events:
        model = display.model(event.model_label)
        rows.append(
            AuditRow(
                seq=event.seq,
                time=_local(event.occurred_at),
                actor=event.actor_name or "系统",
                action=event.get_action_display(),
                record_kind=str(model._meta.verbose_name) if model else event.model_label,
                record=event.object_repr,
                transition=event.transition,
                changes=_describe(event, display),
                note=event.note,
                source_ip=event.source_ip or "",
                hash=event.hash,
            )
        )
    return rows


def _local(moment: dt.datetime) -> str:
    return timezone.localtime(moment, SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


# The docx ----------------------------------------------------------------------------------------------------


def _clean(text) -> str:
    return _XML_ILLEGAL.sub("", str(text))


def _masked(instance: models.Model, name: str) -> str:
    value = getattr(instance, name)
    if name in getattr(type(instance), "masked_fields", ()) and value:
        return mask_id_number(value)
    return value


def _date(value: dt.date | None) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else EMPTY


def _text(value) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return EMPTY
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def _adopted(value: bool | None) -> str:
    return {True: "采纳", False: "不采纳", None: "未定"}[value]


def _set_fonts(rpr_owner, east_asia: str) -> None:
    """Latin text in Times New Roman, Chinese in `east_asia`, overriding the template's theme fonts."""
    rfonts = rpr_owner.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn(f"w:{attr}"), None)


def _run(paragraph, text, *, font: str = BODY_FONT, bold: bool = False, size: float | None = None):
    run = paragraph.add_run(_clean(text))
    _set_fonts(run._r, font)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    return run


class _Writer:
    """The docx of the decision file: A4, 仿宋_GB2312 body, 黑体 headings."""

    def __init__(self) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(25)
        section.left_margin = section.right_margin = Mm(22)
        styles = self.doc.styles
        styles["Normal"].font.size = Pt(12)
        _set_fonts(styles["Normal"].element, BODY_FONT)
        for name, size in (("Title", 22), ("Heading 1", 16), ("Heading 2", 14), ("Heading 3", 12)):
            style = styles[name]
            _set_fonts(style.element, HEADING_FONT)
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold = name != "Title"

    def title(self, text: str, subtitle: str) -> None:
        p = self.doc.add_paragraph(style="Title")
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, text, font=HEADING_FONT)
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _run(p, subtitle, font=HEADING_FONT, size=16)

    def heading(self, text: str, level: int) -> None:
        _run(self.doc.add_paragraph(style=f"Heading {level}"), text, font=HEADING_FONT)

    def paragraph(self, text: str) -> None:
        _run(self.doc.add_paragraph(), text)

    def fields(self, rows: list[tuple[str, object]]) -> None:
        """A two-column table of label and value."""
        table = self.doc.add_table(rows=0, cols=2, style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for label, value in rows:
            cells = table.add_row().cells
            cells[0].width, cells[1].width = Mm(42), Mm(124)
            _run(cells[0].paragraphs[0], label, font=HEADING_FONT, size=10.5)
            _run(cells[1].paragraphs[0], _text(value), size=10.5)
        self.doc.add_paragraph()

    def table(self, headers: list[str], rows: list[list[object]], widths: list[float] | None = None) -> None:
        table = self.doc.add_table(rows=1, cols=len(headers), style="Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            _run(cell.paragraphs[0], header, font=HEADING_FONT, size=10.5)
        for row in rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                _run(cell.paragraphs[0], _text(value), size=9)
        if widths:
            for row in table.rows:
                for cell, width in zip(row.cells, widths, strict=True):
                    cell.width = Mm(width)
        self.doc.add_paragraph()

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


def _docx(dossier: DecisionFile, *, actor: User, now: dt.datetime) -> bytes:
    decision = dossier.decision
    w = _Writer()
    w.doc.core_properties.title = _clean(f"重大行政决策档案：{decision.title}")
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
        widths=[12, 26, 20, 26, 24, 58],
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
            widths=[10, 22, 20, 40, 16, 40, 22],
        )
    if procedure == Procedure.EXPERT_ARGUMENTATION and dossier.opinions:
        w.heading("专家论证意见", 3)
        w.table(
            ["序号", "专家", "单位及职称", "论证意见", "是否采纳"],
            [
                [n, _masked(o, "expert_name"), o.expert_title, o.opinion, _adopted(o.adopted)]
                for n, o in enumerate(dossier.opinions, start=1)
            ],
            widths=[10, 22, 36, 80, 18],
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


def _legality_review(w: _Writer, review: LegalityReview | None) -> None:
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
        widths=[10, 28, 34, 18, 22, 40, 18],
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


def _cell(value) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv(rows: list[AuditRow]) -> bytes:
    """UTF-8 with a BOM, so Excel opens the Chinese correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADERS)
    for r in rows:
        writer.writerow(
            [
                _cell(v)
                for v in (
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
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def _zip(entries: list[tuple[str, dt.datetime, bytes | DecisionDocument]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, moment, content in entries:
            info = zipfile.ZipInfo(name, date_time=timezone.localtime(moment, SHANGHAI).timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            if isinstance(content, bytes):
                zf.writestr(info, content)
                continue
            with content.file.open("rb") as source, zf.open(info, "w") as target:
                for chunk in source.chunks():
                    target.write(chunk)
    return out.getvalue()
