"""The decision file (决策档案, 重大行政决策程序暂行条例第三十三条): one .zip holding the record of every procedure as a
docx, the attached documents under their procedure, and the audit trail of the decision as a csv."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile

from django.db import transaction

from fazhi.core import access, audit, clock
from fazhi.core.io import sheets
from fazhi.core.models import AuditEvent, User

from ...models import Decision, DecisionDocument, Procedure
from .docx import render
from .dossier import AuditRow, collect

DOCX_NAME = "00_决策档案.docx"
CSV_NAME = "99_审计记录.csv"
NOTE = "生成决策档案"


def build_archive(*, actor: User, decision: Decision) -> bytes:
    """The decision file as a .zip, in order: 00_决策档案.docx, the attached documents under 01_公众参与/ … 07_决策后评估/
    numbered in upload order, and 99_审计记录.csv. Producing it is written to the audit trail as an export."""
    access.check(actor, decision, access.VIEW)
    with transaction.atomic():
        decision = Decision.objects.select_related(
            "organization", "decision_body", "catalog_item__catalog", "legality_review"
        ).get(pk=decision.pk)
        dossier = collect(decision)
        now = clock.now()
        entries: list[tuple[str, dt.datetime, bytes | DecisionDocument]] = [
            (DOCX_NAME, now, render(dossier, actor=actor, now=now))
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
