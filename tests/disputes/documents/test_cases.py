"""The formal documents, generated from the record as .docx and opened again: each carries the case's facts."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document

from fazhi.core.models import AuditEvent
from fazhi.disputes import documents, services

from ..conftest import accepted, register

D = dt.date


def text_of(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def generate(users, case, kind) -> str:
    name, content = documents.generate(actor=users.reconsideration, case=case, kind=kind)
    assert name.endswith(".docx") and case.docket_number in name
    return text_of(content)


@pytest.fixture
def decided(users, district):
    case = accepted(
        users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4), agent="陶明理（律师）"
    )
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    services.suspend(
        actor=users.reconsideration, case=case, on=D(2025, 3, 10), ground=7, reason="需等待有权机关作出解释"
    )
    services.resume(actor=users.reconsideration, case=case, on=D(2025, 3, 24))
    services.extend(
        actor=users.reconsideration,
        case=case,
        days=20,
        approved_by="卫主任",
        approved_on=D(2025, 4, 20),
        reason="案情复杂",
    )
    services.record_opinion(
        actor=users.reconsideration,
        case=case,
        heard_on=D(2025, 4, 1),
        method="in_person",
        with_whom="申请人张某",
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 5, 6),
        outcome="revoke",
        summary="被申请人认定事实不清，证据不足。",
    )
    return case


def test_every_document_of_a_decided_case_carries_its_facts(users, decided):
    case = decided
    acceptance = generate(users, case, "acceptance")
    assert (
        "行政复议受理通知书" in acceptance
        and "2025年3月4日" in acceptance
        and case.docket_number in acceptance
    )
    assert "澄市监罚〔2025〕7号行政处罚决定" in acceptance
    answer = generate(users, case, "answer_notice")
    assert "测试区市场监督管理局：" in answer and "十日内" in answer and "第四十八条" in answer
    extension = generate(users, case, "extension")
    assert "延长20日" in extension and "卫主任" in extension and "案情复杂" in extension
    suspension = generate(users, case, "suspension")
    assert "自2025年3月10日起中止审理" in suspension and "需等待有权机关作出解释" in suspension
    resumption = generate(users, case, "resumption")
    assert "自2025年3月24日起恢复审理" in resumption and "中止期间14日" in resumption
    decision = generate(users, case, "decision")
    assert "行政复议决定书" in decision
    assert "申请人：张某" in decision and "委托代理人：陶明理（律师）" in decision
    assert "被申请人：测试区市场监督管理局" in decision
    assert "被申请人认定事实不清，证据不足。" in decision
    assert "第六十四条" in decision and "本机关决定：撤销" in decision
    assert "二〇二五年五月六日" in decision
    # the full ID number never appears in the decision skeleton
    assert case.applicant_id_code not in decision and case.masked_id_code in decision
    assert AuditEvent.objects.filter(action="export", note="生成行政复议决定书").count() == 1


def test_refusal_and_supplement_documents(users, district):
    a = register(users, district, received_on=D(2025, 6, 3))
    services.request_supplement(actor=users.reconsideration, case=a, on=D(2025, 6, 4), items="身份证明复印件")
    supplement = generate(users, a, "supplement")
    assert (
        "身份证明复印件" in supplement
        and "十个工作日内（即2025年6月18日前）补正" in supplement
        and "视为放弃" in supplement
    )
    b = register(users, district, received_on=D(2025, 6, 3), applicant_name="李某")
    services.refuse(
        actor=users.reconsideration,
        case=b,
        on=D(2025, 6, 5),
        reason="该行为属于信访答复，不属于行政复议范围。",
    )
    refusal = generate(users, b, "refusal")
    assert (
        "李某" in refusal
        and "不属于行政复议范围" in refusal
        and "不予受理" in refusal
        and "第三十条" in refusal
    )


def test_a_document_the_record_does_not_support_is_refused(users, district):
    case = register(users, district)
    with pytest.raises(ValidationError) as exc:
        documents.generate(actor=users.reconsideration, case=case, kind="decision")
    assert "尚未作出复议决定" in str(exc.value)
    assert [k.code for k in documents.available(case)] == []


def test_the_command_writes_a_document(users, decided, tmp_path):
    out = tmp_path / "d.docx"
    call_command(
        "disputes",
        "document",
        decided.docket_number,
        "acceptance",
        str(out),
        "--user",
        "fuyi",
        stdout=StringIO(),
    )
    assert decided.docket_number in text_of(out.read_bytes())


def test_documents_are_a4_with_official_margins_and_page_numbers(users, decided):
    # given a decided case, when its 受理通知书 is generated
    _, content = documents.generate(actor=users.reconsideration, case=decided, kind="acceptance")
    section = Document(io.BytesIO(content)).sections[0]
    # then it is A4 with the GB/T 9704 margins (not Letter size) and a page number at the foot
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm)
        for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [
        37,
        35,
        28,
        26,
    ]
    assert "PAGE" in section.footer.paragraphs[0]._p.xml
