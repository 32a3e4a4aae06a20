"""The formal documents, generated from the record as .docx and opened again: each carries the case's facts."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from docx import Document

from fazhi.core.models import AuditEvent, Setting
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
    services.record_review(
        actor=users.reconsideration,
        case=case,
        respondent_statement="申请人未经许可从事经营，处罚事实清楚、程序合法。",
        findings="被申请人未查明申请人的经营起止时间，现场检查笔录无申请人签字。",
        legal_basis="《中华人民共和国行政处罚法》第四十条",
        third_parties="王某（举报人）",
        copy_report_to="测试市市场监督管理局",
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 5, 6),
        outcome="revoke",
        summary="被申请人认定事实不清，证据不足。",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 5, 6),
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
    assert "申请人：张某" in decision and "委托代理人：陶明理（律师）。" in decision
    assert "被申请人：测试区市场监督管理局。" in decision and "第三人：王某（举报人）。" in decision
    assert "申请人请求：撤销该行政处罚决定" in decision
    assert "申请人称：申请人认为处罚事实不清" in decision
    assert "被申请人称：申请人未经许可从事经营，处罚事实清楚、程序合法。" in decision
    assert "经审理查明：被申请人未查明申请人的经营起止时间，现场检查笔录无申请人签字。" in decision
    assert "本机关认为：被申请人认定事实不清，证据不足。" in decision
    assert (
        "依据《中华人民共和国行政处罚法》第四十条和《中华人民共和国行政复议法》第六十四条的规定，经本机关负责人同意，"
        "本机关决定：撤销被申请人作出的澄市监罚〔2025〕7号行政处罚决定。"
    ) in decision
    # 告知诉权: 撤销 changes the act, so the authority alone is the defendant (行政诉讼法第二十六条第二款)
    assert (
        "申请人如不服本决定，可以自收到本决定书之日起十五日内，依照《中华人民共和国行政诉讼法》第四十五条的规定，"
        "向澄州市中级人民法院提起行政诉讼。"
    ) in decision
    assert "二〇二五年五月六日" in decision and "抄告：测试市市场监督管理局。" in decision
    # the full ID number never appears in the decision
    assert case.applicant_id_code not in decision and case.masked_id_code in decision
    assert AuditEvent.objects.filter(action="export", note="生成行政复议决定书").count() == 1
    for kind in ("acceptance", "answer_notice", "extension", "suspension", "resumption", "decision"):
        assert "【" not in generate(users, case, kind)  # no placeholder in any document


def test_documents_are_issued_in_the_authoritys_name_with_the_office_as_handler(users, decided):
    # given the deciding body set to a district government other than the default
    Setting.objects.create(key="disputes.authority_name", value="测试区人民政府")
    _, content = documents.generate(actor=users.reconsideration, case=decided, kind="decision")
    paragraphs = [p.text for p in Document(io.BytesIO(content)).paragraphs]
    # then the heading and the seal line are the authority's, and the Justice Bureau only handles it (附注)
    assert paragraphs[:2] == ["测试区人民政府", "行政复议决定书"]
    assert "测试区人民政府（印章）" in paragraphs
    assert "（行政复议机构：测试区司法局承办）" in paragraphs
    assert not any(p.startswith("测试区司法局") for p in paragraphs)


def test_a_decision_without_its_reasoning_is_refused_not_written_with_placeholders(users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    services.update_case(actor=users.reconsideration, case=case, opinions_not_heard_reason="申请人拒绝")
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome="uphold",
        summary="合法",
        approval="collective",
        approved_by="区人民政府常务会议",
        approved_on=D(2025, 3, 28),
    )
    with pytest.raises(ValidationError) as exc:
        documents.generate(actor=users.reconsideration, case=case, kind="decision")
    assert exc.value.messages == [
        "不能生成行政复议决定书：尚未记录被申请人称（答复意见）、经审理查明、依据。"
    ]
    services.record_review(
        actor=users.reconsideration,
        case=case,
        respondent_statement="处罚合法",
        findings="申请人无证经营属实",
        legal_basis="《无证无照经营查处办法》第十三条",
    )
    decision = generate(users, case, "decision")
    # 维持: the agency and the authority are co-defendants, the level follows the agency (解释第一百三十四条)
    assert "经本机关集体讨论通过，本机关决定：维持被申请人作出的澄市监罚〔2025〕7号行政处罚决定。" in decision
    assert "向澄湖区人民法院提起行政诉讼" in decision


def test_rejection_mediation_termination_and_opinion_letter_documents(users, district):
    a = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    services.reject_application(
        actor=users.reconsideration,
        case=a,
        on=D(2025, 3, 20),
        reason="申请人与被申请的行政行为没有利害关系，不符合第三十条第一款第二项。",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 3, 19),
    )
    rejection = generate(users, a, "reject_application")
    assert "驳回行政复议申请决定书" in rejection
    assert "经审查，申请人与被申请的行政行为没有利害关系，不符合第三十条第一款第二项。" in rejection
    assert (
        "依照《中华人民共和国行政复议法》第三十三条的规定，经本机关负责人同意，本机关决定：驳回申请人的行政复议申请。"
        in (rejection)
    )
    assert "向澄州市中级人民法院提起行政诉讼" in rejection and "二〇二五年三月二十日" in rejection
    b = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4), applicant_name="李某")
    services.send_copy(actor=users.reconsideration, case=b, on=D(2025, 3, 6))
    services.mediate(
        actor=users.reconsideration, case=b, on=D(2025, 4, 1), summary="被申请人将罚款减为二千元。"
    )
    mediation = generate(users, b, "mediation")
    assert (
        "行政复议调解书" in mediation
        and "各方当事人自愿达成如下协议：被申请人将罚款减为二千元。" in mediation
    )
    assert "加盖澄湖区人民政府印章，即具有法律效力（《中华人民共和国行政复议法》第七十三条）" in mediation
    c = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4), applicant_name="赵某")
    services.send_copy(actor=users.reconsideration, case=c, on=D(2025, 3, 6))
    services.terminate(
        actor=users.reconsideration, case=c, on=D(2025, 4, 2), reason="申请人死亡，没有近亲属。"
    )
    termination = generate(users, c, "termination")
    assert "终止行政复议决定书" in termination and "申请人死亡，没有近亲属。" in termination
    assert "第四十一条的规定，本机关决定：终止行政复议。" in termination
    letter = services.issue_opinion_letter(
        actor=users.reconsideration,
        case=c,
        issued_on=D(2025, 4, 3),
        addressee=district.scj,
        content="你单位在同类案件中未告知当事人陈述、申辩的权利，应予纠正。",
    )
    text = generate(users, c, "opinion_letter")
    assert "行政复议意见书" in text and "测试区市场监督管理局：" in text
    assert "未告知当事人陈述、申辩的权利" in text and "自收到本意见书之日起六十日内" in text
    # until its receipt is recorded the 60 days run from the day it was issued: 3 April + 60 = 2 June 2025,
    # the 端午节 holiday, so 3 June; received 3 June: + 60 = 2 August, a Saturday, so Monday 4 August
    assert letter.reply_due == D(2025, 6, 3)
    services.record_letter_progress(actor=users.reconsideration, letter=letter, served_on=D(2025, 6, 3))
    letter.refresh_from_db()
    assert letter.reply_due == D(2025, 8, 4)
    for doc in (rejection, mediation, termination, text):
        assert "【" not in doc


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


@pytest.mark.parametrize(
    "typed",
    [
        "澄市监罚〔2025〕7号行政处罚决定",
        "{unit}作出的澄市监罚〔2025〕7号行政处罚决定",
        "{unit}的澄市监罚〔2025〕7号行政处罚决定",
    ],
    ids=["bare", "with-name", "with-name-de"],
)
def test_the_respondents_name_is_written_once_whether_or_not_the_act_was_typed_with_it(
    client, users, district, typed
):
    # given an act typed with or without its author's name in front
    case = accepted(users, district, contested_act=typed.format(unit=district.scj.name))
    once = f"不服{district.scj.name}作出的澄市监罚〔2025〕7号行政处罚决定"

    # then the acceptance notice, the answer notice and the case's page each name the respondent once
    assert once in generate(users, case, "acceptance")
    assert "不服你单位作出的澄市监罚〔2025〕7号行政处罚决定" in generate(users, case, "answer_notice")
    client.force_login(users.reconsideration)
    page = client.get(f"/disputes/{case.pk}/").content.decode()
    assert f"张某{once}" in page
    assert f"{district.scj.name}{district.scj.name}" not in page
