"""The decision file (决策档案, 第三十三条): the zip, its docx, attachments and audit csv, access and the command."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.oxml.ns import qn

from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.documents import build_archive
from fazhi.decisions.models import Decision, PublicComment

from ... import factories
from ..conftest import walk

PROCEDURES = ["公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定", "决策公布", "决策后评估"]
MINUTES = b"%PDF-1.4 minutes of the 12th executive meeting \x00\xff"
OPINION = b"%PDF-1.4 legality review opinion \x01\x02"


@pytest.fixture
def implemented(users, decision, settings, tmp_path):
    """The decision walked to implementation, with the meeting minutes and then the review opinion attached."""
    settings.MEDIA_ROOT = tmp_path
    walk(decision, Decision.Status.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    minutes = services.attach_document(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="collective_discussion",
        title="区政府第12次常务会议纪要",
        file=ContentFile(MINUTES, name="会议纪要.pdf"),
    )
    opinion = services.attach_document(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="legality_review",
        title="合法性审查意见书",
        file=ContentFile(OPINION, name="审查意见书.pdf"),
    )
    decision.refresh_from_db()
    return decision, minutes, opinion


def open_archive(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def docx_of(archive: zipfile.ZipFile):
    return Document(io.BytesIO(archive.read("00_决策档案.docx")))


def all_text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def audit_table(document):
    """The audit table: the one whose header row starts 序号, 时间, 操作人."""
    for table in document.tables:
        if [c.text for c in table.rows[0].cells][:3] == ["序号", "时间", "操作人"]:
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError("档案中没有审计记录表")


def csv_rows(archive: zipfile.ZipFile) -> list[list[str]]:
    raw = archive.read("99_审计记录.csv")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_archive_lists_the_docx_then_attachments_by_procedure_in_statutory_order_then_the_csv(
    users, implemented
):
    # given a decision whose meeting minutes were uploaded before the legality review opinion
    decision, _, _ = implemented

    # when its file is built
    archive = open_archive(build_archive(actor=users.jyj_clerk, decision=decision))

    # then the docx comes first, the attachments follow the statutory order of their procedures, the csv last
    assert archive.namelist() == [
        "00_决策档案.docx",
        "04_合法性审查/01_审查意见书.pdf",
        "05_集体讨论决定/01_会议纪要.pdf",
        "99_审计记录.csv",
    ]
    assert archive.testzip() is None


def test_attachments_are_numbered_in_upload_order_within_their_procedure(users, implemented):
    # given a second document of the collective discussion, uploaded after the minutes
    decision, _, _ = implemented
    services.attach_document(
        actor=users.jyj_clerk,
        decision=decision,
        procedure="collective_discussion",
        title="表决情况",
        file=ContentFile(b"votes", name="a_表决情况.pdf"),
    )

    # when the file is built
    names = open_archive(build_archive(actor=users.jyj_clerk, decision=decision)).namelist()

    # then the minutes stay first and the later upload is second, whatever its name
    assert [n for n in names if n.startswith("05_")] == [
        "05_集体讨论决定/01_会议纪要.pdf",
        "05_集体讨论决定/02_a_表决情况.pdf",
    ]


def test_attached_files_are_archived_byte_for_byte(users, implemented):
    # given two attached documents
    decision, minutes, opinion = implemented

    # when the file is built
    archive = open_archive(build_archive(actor=users.jyj_clerk, decision=decision))

    # then each is in the archive unchanged, matching the hash kept at upload
    assert archive.read("05_集体讨论决定/01_会议纪要.pdf") == MINUTES
    assert archive.read("04_合法性审查/01_审查意见书.pdf") == OPINION
    assert hashlib.sha256(archive.read("05_集体讨论决定/01_会议纪要.pdf")).hexdigest() == minutes.sha256


def test_docx_has_the_title_basic_information_and_every_procedure_heading_in_statutory_order(
    users, implemented
):
    # given a decision walked to implementation
    decision, _, _ = implemented

    # when the file is built
    document = docx_of(open_archive(build_archive(actor=users.jyj_clerk, decision=decision)))

    # then the docx opens with the title and names the decision, its units and state
    text = all_text(document)
    assert document.paragraphs[0].text == "重大行政决策档案"
    assert document.paragraphs[1].text == "中小学布局调整"
    for fact in (
        "测试区教育局",
        "测试区人民政府",
        "2024年3月10日",
        "执行中",
        "测试区人民政府2024年度重大行政决策事项目录",
    ):
        assert fact in text
    # and has one heading per procedure, in the order of the regulation
    headings = [p.text for p in document.paragraphs if re.match(r"（[一二三四五六七]）", p.text)]
    assert [next(label for label in PROCEDURES if label in h) for h in headings] == PROCEDURES


def test_docx_records_each_procedure_in_detail(users, implemented):
    # given a decision walked to implementation
    decision, _, _ = implemented

    # when the file is built
    text = all_text(docx_of(open_archive(build_archive(actor=users.jyj_clerk, decision=decision))))

    # then the comment period with its computed end, the comment and its response are there
    assert "2024年5月6日" in text
    assert decision.public_participation.period_explanation in text
    assert "建议保留村小" in text
    assert "部分采纳：保留两所教学点" in text
    # the expert opinion, the risk assessment
    assert "李教授" in text and "方案可行" in text
    assert "区委政法委" in text and "低风险" in text
    # the legality review's opinion and date
    assert "合法" in text and "2024年6月3日" in text
    assert "2024年5月21日" in text
    # the meeting and the publication
    assert "区政府第12次常务会议" in text and "政府常务会议" in text and "2024年6月12日" in text
    assert "区政府门户网站" in text and "2024年6月20日" in text


def test_docx_lists_each_attachment_with_its_sha256_under_its_procedure(users, implemented):
    # given two attached documents
    decision, minutes, opinion = implemented

    # when the file is built
    document = docx_of(open_archive(build_archive(actor=users.jyj_clerk, decision=decision)))

    # then each document's hash is printed, and the check against the file says it is unchanged
    text = all_text(document)
    assert minutes.sha256 in text
    assert opinion.sha256 in text
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    minutes_row = next(r for r in rows if minutes.sha256 in r)
    assert "05_集体讨论决定/01_会议纪要.pdf" in minutes_row
    assert minutes_row[-1] == "一致"


def test_docx_flags_an_attachment_changed_after_upload(users, implemented):
    # given the minutes overwritten in storage after upload
    decision, minutes, _ = implemented
    with open(minutes.file.path, "wb") as f:
        f.write(b"tampered")

    # when the file is built
    document = docx_of(open_archive(build_archive(actor=users.jyj_clerk, decision=decision)))

    # then the check says the file no longer matches its hash
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    minutes_row = next(r for r in rows if minutes.sha256 in r)
    assert minutes_row[-1].startswith("不一致")


def test_an_attachment_missing_from_storage_is_reported_not_archived(users, implemented):
    # given the minutes deleted from storage behind the platform's back
    decision, minutes, _ = implemented
    minutes.file.storage.delete(minutes.file.name)

    # when the file is built
    archive = open_archive(build_archive(actor=users.jyj_clerk, decision=decision))

    # then the other document is still archived and the docx says the minutes are missing
    assert archive.namelist() == ["00_决策档案.docx", "04_合法性审查/01_审查意见书.pdf", "99_审计记录.csv"]
    rows = [[c.text for c in row.cells] for t in docx_of(archive).tables for row in t.rows]
    assert next(r for r in rows if minutes.sha256 in r)[-1] == "文件缺失"


def test_docx_audit_table_holds_the_history_of_the_decision_and_its_records(users, implemented):
    # given a decision walked to implementation with documents
    decision, minutes, _ = implemented

    # when the file is built
    rows = audit_table(docx_of(open_archive(build_archive(actor=users.jyj_clerk, decision=decision))))

    # then the transitions appear with their labels, in chain order
    transitions = [r[4] for r in rows[1:]]
    for label in (
        "启动决策程序",
        "完成公众参与",
        "完成专家论证",
        "提请集体讨论",
        "作出决定",
        "完成公布，进入执行",
    ):
        assert label in transitions
    assert transitions.index("完成公众参与") < transitions.index("作出决定")
    seqs = [int(r[0]) for r in rows[1:]]
    assert seqs == sorted(seqs)
    # and the records' own events: the comment's answer, the expert opinion, the review's opinion, the document
    changes = "\n".join(r[5] for r in rows)
    assert "采纳情况及理由：空 → 部分采纳：保留两所教学点" in changes
    assert "论证意见：方案可行" in changes
    assert "终审意见：空 → 合法" in changes
    assert f"SHA-256：{minutes.sha256}" in changes
    # with the time in Beijing time and the acting person
    assert all(len(r[1]) == 19 for r in rows[1:])
    assert users.jyj_clerk.person.name in {r[2] for r in rows}


def test_audit_rows_leave_out_other_decisions(users, implemented, district, catalog):
    # given another decision of another unit
    decision, _, _ = implemented
    other = services.register_decision(
        actor=users.scj_clerk,
        title="农贸市场改造",
        organization=district.scj,
        decision_body=district.root,
        registered_on=decision.registered_on,
        catalog_item=catalog.items.get(title="农贸市场改造"),
    )
    services.advance(actor=users.scj_clerk, decision=other, transition="start")

    # when the first decision's file is built
    archive = open_archive(build_archive(actor=users.jyj_clerk, decision=decision))

    # then none of the other decision's events is in it
    assert "农贸市场改造" not in archive.read("99_审计记录.csv").decode("utf-8-sig")
    assert "农贸市场改造" not in all_text(docx_of(archive))


def test_csv_has_a_bom_and_the_same_audit_rows_as_the_docx(users, implemented):
    # given a decision walked to implementation
    decision, _, _ = implemented

    # when the file is built
    archive = open_archive(build_archive(actor=users.jyj_clerk, decision=decision))

    # then the csv opens with the UTF-8 BOM Excel needs, and holds the docx's audit rows, one for one
    assert archive.read("99_审计记录.csv").startswith(b"\xef\xbb\xbf")
    rows = csv_rows(archive)
    assert rows[0][:6] == ["序号", "时间", "操作人", "操作", "流转", "变更内容"]
    table = audit_table(docx_of(archive))
    assert [r[0] for r in rows[1:]] == [r[0] for r in table[1:]]
    assert [r[4] or "—" for r in rows[1:]] == [r[4] for r in table[1:]]
    assert "作出决定" in [r[4] for r in rows]
    # and each row carries the event's chain hash, to be checked against fazhi audit verify
    events = {str(e.seq): e.hash for e in AuditEvent.objects.all()}
    assert all(events[r[0]] == r[-1] for r in rows[1:])


def test_audit_values_never_show_an_id_number_unmasked(users, decision, monkeypatch):
    # given a field marked personal holding an ID number, entered on a comment
    monkeypatch.setattr(PublicComment, "masked_fields", ("commenter",), raising=False)
    number = factories.id_number()
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    services.add_public_comment(
        actor=users.jyj_clerk,
        decision=decision,
        received_on=decision.registered_on,
        content="意见",
        commenter=number,
    )

    # when the file is built
    archive = open_archive(build_archive(actor=users.jyj_clerk, decision=decision))

    # then the number appears nowhere, only masked
    csv_text = archive.read("99_审计记录.csv").decode("utf-8-sig")
    docx_text = all_text(docx_of(archive))
    assert number not in csv_text and number not in docx_text
    assert f"{number[:6]}********{number[-4:]}" in csv_text


def test_text_pasted_with_control_characters_still_builds(users, decision):
    # given a comment pasted from Word with a vertical tab in it
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    services.add_public_comment(
        actor=users.jyj_clerk,
        decision=decision,
        received_on=decision.registered_on,
        content="第一段\x0b第二段",
    )

    # when the file is built
    text = all_text(docx_of(open_archive(build_archive(actor=users.jyj_clerk, decision=decision))))

    # then the docx holds the text without the character XML forbids
    assert "第一段第二段" in text


def test_csv_cells_excel_would_run_as_formulas_are_quoted(users, decision):
    # given a comment that starts like a spreadsheet formula
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    services.add_public_comment(
        actor=users.jyj_clerk, decision=decision, received_on=decision.registered_on, content="=HYPERLINK(1)"
    )

    # when the file is built
    rows = csv_rows(open_archive(build_archive(actor=users.jyj_clerk, decision=decision)))

    # then the record cell is written as text
    assert "'=HYPERLINK(1)" in [r[7] for r in rows]


def test_docx_runs_name_chinese_fonts(users, decision):
    # given a registered decision
    # when its file is built
    document = docx_of(open_archive(build_archive(actor=users.jyj_clerk, decision=decision)))

    # then headings are set in 黑体 and body text in 仿宋_GB2312
    def east_asia(paragraph):
        return paragraph.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia"))

    heading = next(p for p in document.paragraphs if p.text == "一、基本情况")
    body = next(p for p in document.paragraphs if p.text.startswith("附件"))
    assert east_asia(heading) == "黑体"
    assert east_asia(body) == "仿宋_GB2312"


def test_a_clerk_of_another_unit_may_not_build_the_file(users, decision):
    # given the education bureau's decision
    # when the market regulator's clerk asks for its file
    # then it is refused, and nothing is recorded as exported
    with pytest.raises(PermissionDenied):
        build_archive(actor=users.scj_clerk, decision=decision)
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_the_justice_bureau_and_a_leader_above_may_build_the_file(users, decision):
    # given the education bureau's decision
    # when the Justice Bureau and the district leader build its file
    # then both get it
    assert build_archive(actor=users.justice, decision=decision).startswith(b"PK")
    assert build_archive(actor=users.leader, decision=decision).startswith(b"PK")


def test_building_the_file_records_an_export_event_with_the_archive_hash(users, decision):
    # given a registered decision
    # when its file is built
    content = build_archive(actor=users.jyj_clerk, decision=decision)

    # then an export event of the decision says so, by whom, with the zip's hash
    event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (event.model_label, event.object_id) == ("decisions.decision", str(decision.pk))
    assert event.note == "生成决策档案"
    assert event.actor_id == users.jyj_clerk.pk
    assert event.changes["archive_sha256"][1] == hashlib.sha256(content).hexdigest()


def test_archive_command_writes_the_zip(users, implemented, tmp_path):
    # given a decision with documents
    decision, _, _ = implemented
    target = tmp_path / "决策档案.zip"
    out = io.StringIO()

    # when the command is run as the clerk
    call_command("decisions", "archive", str(decision.pk), str(target), "--user", "jyj-clerk", stdout=out)

    # then the zip is written and the export recorded for that clerk
    assert open_archive(target.read_bytes()).namelist()[0] == "00_决策档案.docx"
    assert "已生成" in out.getvalue()
    assert AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).actor_id == users.jyj_clerk.pk


def test_archive_command_acts_as_the_system_administrator_by_default(users, decision, tmp_path):
    # given no --user
    target = tmp_path / "a.zip"

    # when the command is run
    call_command("decisions", "archive", str(decision.pk), str(target), stdout=io.StringIO())

    # then the first system administrator is the actor
    assert target.exists()
    assert AuditEvent.objects.get(action=AuditEvent.Action.EXPORT).actor_id == users.admin.pk


def test_archive_command_refuses_an_unknown_decision_in_chinese(users, decision, tmp_path):
    # given an ID no decision has
    target = tmp_path / "a.zip"

    # when / then the command fails saying so, and writes nothing
    with pytest.raises(CommandError, match=f"没有编号为 {decision.pk + 1000} 的重大行政决策"):
        call_command("decisions", "archive", str(decision.pk + 1000), str(target))
    with pytest.raises(CommandError, match="决策编号应为数字"):
        call_command("decisions", "archive", "abc", str(target))
    assert not target.exists()


def test_archive_command_refuses_an_unknown_user_and_a_user_without_access(users, decision, tmp_path):
    # given a decision of the education bureau
    target = tmp_path / "a.zip"

    # when / then an unknown user and another unit's clerk are refused in Chinese, with nothing written
    with pytest.raises(CommandError, match="用户“nobody”不存在或已停用"):
        call_command("decisions", "archive", str(decision.pk), str(target), "--user", "nobody")
    with pytest.raises(CommandError, match="您无权查看"):
        call_command("decisions", "archive", str(decision.pk), str(target), "--user", "scj-clerk")
    assert not target.exists()
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_archive_command_leaves_no_export_event_when_the_file_cannot_be_written(users, decision, tmp_path):
    # given a target in a folder that does not exist
    target = tmp_path / "missing" / "a.zip"

    # when / then the command fails in Chinese and the export is not recorded
    with pytest.raises(CommandError, match="无法写入文件"):
        call_command("decisions", "archive", str(decision.pk), str(target))
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
