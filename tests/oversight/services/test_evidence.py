"""Evidence files of rectification and of progress reports are kept with their SHA-256, the name they were uploaded
under and who uploaded them (fazhi.core.io.attachments), and the upload is in the audit trail."""

from __future__ import annotations

import datetime as dt
import hashlib

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.oversight import services
from fazhi.oversight.services import task_plans as tasks

from ..conftest import upload

D = dt.date
CONTENT = b"%PDF-1.4 evidence"


def test_rectification_evidence_is_kept_with_its_hash_name_and_uploader(users, item):
    # given an item under way
    clock.freeze(D(2024, 8, 20))
    services.start(actor=users.scj_clerk, item=item)
    # when the unit uploads a file from a Windows path
    evidence = services.add_evidence(
        actor=users.scj_clerk, item=item, file=upload(name="C:\\材料\\整改报告.pdf", content=CONTENT)
    )
    # then the file is hashed, named as uploaded and audited
    evidence.refresh_from_db()
    assert evidence.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert (evidence.original_name, evidence.name) == ("整改报告.pdf", "整改报告.pdf")
    assert evidence.uploaded_by == users.scj_clerk
    assert evidence.file.read() == CONTENT
    event = AuditEvent.objects.get(model_label="oversight.rectificationevidence", object_id=str(evidence.pk))
    assert event.changes["sha256"] == [None, evidence.sha256]


def test_progress_evidence_is_kept_with_its_hash_and_name(users, district):
    # given a task led by the market bureau
    clock.freeze(D(2024, 8, 20))
    plan = tasks.create_plan(
        actor=users.justice, title="提升工程", year=2024, organization=district.sfj, issued_on=D(2024, 3, 1)
    )
    task = tasks.add_task(
        actor=users.justice,
        plan=plan,
        number="1",
        title="清理文件",
        lead_unit=district.scj,
        deadline=D(2024, 12, 31),
    )
    # when it reports progress with a file
    report = tasks.report_progress(
        actor=users.scj_clerk,
        task=task,
        reported_on=D(2024, 8, 1),
        text="推进中",
        percent=50,
        evidence=upload(name="清单.pdf", content=CONTENT),
    )
    # then the file is hashed and named as uploaded
    report.refresh_from_db()
    assert report.evidence_sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert (report.evidence_name, report.uploaded_by) == ("清单.pdf", users.scj_clerk)
    assert report.evidence.read() == CONTENT
