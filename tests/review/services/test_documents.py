"""Normative documents (三统一): registering, review, gapless numbering, expiry, filing deadline, filing, correction."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections

from fazhi.core import services as core_services
from fazhi.core.models import AuditEvent, Setting
from fazhi.review import services
from fazhi.review.models import DocumentNumberSequence, Filing, NormativeDocument
from fazhi.review.services.documents import expiry_date

from ..conftest import (
    PREFIX,
    issue,
    issued,
    materials,
    pass_lower_levels,
    pass_review,
    register,
    review_passed,
)

ALL_MATERIALS = dict(
    has_report=True, has_text=True, has_drafting_explanation=True, has_review_opinion=True, has_basis=True
)


# Numbering -------------------------------------------------------------------------------------------------


def test_issued_documents_are_numbered_in_order_without_gaps_and_unissued_ones_get_no_number(users, district):
    # given four reviewed documents of the education bureau, three of them issued in 2024
    docs = [
        review_passed(
            register(users.jyj_clerk, district.jyj, f"文件{n}"), clerk=users.jyj_clerk, justice=users.justice
        )
        for n in range(4)
    ]
    for n, doc in enumerate(docs[:3]):
        issue(doc, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2 + n))
    # then they carry 1, 2, 3 in the government's format, and the fourth has none
    numbers = [NormativeDocument.objects.get(pk=d.pk).number for d in docs]
    assert numbers == ["测政规发〔2024〕1号", "测政规发〔2024〕2号", "测政规发〔2024〕3号", ""]
    fourth = NormativeDocument.objects.get(pk=docs[3].pk)
    assert (fourth.number_year, fourth.number_seq, fourth.status) == (None, None, "registered")
    assert DocumentNumberSequence.objects.get(prefix=PREFIX, year=2024).last_seq == 3


def test_each_prefix_and_year_has_its_own_sequence(users, district):
    a = issued(users.jyj_clerk, users.justice, district.jyj, "甲", published_on=dt.date(2024, 12, 30))
    b = issued(users.jyj_clerk, users.justice, district.jyj, "乙", published_on=dt.date(2025, 1, 6))
    c = issued(
        users.jyj_clerk,
        users.justice,
        district.jyj,
        "丙",
        published_on=dt.date(2025, 1, 7),
        prefix="测教规发",
    )
    assert [a.number, b.number, c.number] == [
        "测政规发〔2024〕1号",
        "测政规发〔2025〕1号",
        "测教规发〔2025〕1号",
    ]
    assert (b.number_year, b.number_seq) == (2025, 1)


def test_the_number_format_is_a_setting(users, district, reviewed):
    core_services.create_record(
        actor=users.admin,
        instance=Setting(key="review.document_number_format", value="{prefix}〔{year}〕第{seq}号"),
    )
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2))
    assert reviewed.number == "测政规发〔2024〕第1号"


def test_a_refused_issue_uses_no_number(users, district, reviewed):
    # given a document without a review, whose issue is refused
    unreviewed = register(users.jyj_clerk, district.jyj, "未审查的文件")
    with pytest.raises(ValidationError):
        issue(unreviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2))
    # then the next issued document still gets number 1
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 3))
    assert reviewed.number == "测政规发〔2024〕1号"


def _issue_at_the_same_moment(documents, clerk) -> list[BaseException]:
    """Issue each document from its own thread (its own database connection), all released at once."""
    barrier = threading.Barrier(len(documents))
    errors: list[BaseException] = []

    def run(document):
        try:
            barrier.wait()
            issue(document, clerk=clerk, published_on=dt.date(2024, 9, 2))
        except BaseException as exc:  # reported by the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(d,)) for d in documents]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return errors


@pytest.mark.django_db(transaction=True)
def test_two_documents_issued_at_the_same_moment_get_different_consecutive_numbers(users, district):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises every write transaction; row locks (select_for_update) need PostgreSQL."
        )
    docs = [
        review_passed(
            register(users.jyj_clerk, district.jyj, f"并发文件{n}"),
            clerk=users.jyj_clerk,
            justice=users.justice,
        )
        for n in range(4)
    ]
    # the first two race to create the year's sequence, the next two to lock the existing one
    assert _issue_at_the_same_moment(docs[:2], users.jyj_clerk) == []
    assert _issue_at_the_same_moment(docs[2:], users.jyj_clerk) == []
    issued_docs = NormativeDocument.objects.filter(pk__in=[d.pk for d in docs])
    assert sorted(issued_docs.values_list("number_seq", flat=True)) == [1, 2, 3, 4]
    assert sorted(d.number_seq for d in issued_docs if d.pk in (docs[2].pk, docs[3].pk)) == [3, 4]
    assert DocumentNumberSequence.objects.get(prefix=PREFIX, year=2024).last_seq == 4


# Review before issue ---------------------------------------------------------------------------------------


def test_issuing_is_refused_without_a_passed_legality_review(users, district):
    document = register(users.jyj_clerk, district.jyj, "关于加强中小学课后服务管理的通知")
    # no review at all
    with pytest.raises(ValidationError) as refused:
        issue(document, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2))
    assert (
        "未经合法性审查或经审查不合法的规范性文件，不得印发（国办发〔2018〕37号）"
        in refused.value.messages[0]
    )
    # a review under way
    review = services.submit_document_for_review(
        actor=users.jyj_clerk, document=document, submitted_on=dt.date(2024, 8, 5), text="送审稿"
    )
    with pytest.raises(ValidationError, match="37号"):
        issue(document, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2))
    # a review that found it unlawful
    pass_review(review, justice=users.justice, opinion="unlawful")
    with pytest.raises(ValidationError, match="37号"):
        issue(document, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2))
    document.refresh_from_db()
    assert document.status == "registered" and document.number == ""


def test_a_document_found_unlawful_may_be_sent_for_review_again_but_not_while_one_is_under_way(
    users, district
):
    document = register(users.jyj_clerk, district.jyj, "关于加强中小学课后服务管理的通知")
    first = services.submit_document_for_review(
        actor=users.jyj_clerk, document=document, submitted_on=dt.date(2024, 8, 5), text="送审稿"
    )
    with pytest.raises(ValidationError, match="尚未出具终审意见"):
        services.submit_document_for_review(
            actor=users.jyj_clerk, document=document, submitted_on=dt.date(2024, 8, 6), text="送审稿"
        )
    pass_review(first, justice=users.justice, opinion="unlawful")
    second = services.submit_document_for_review(
        actor=users.jyj_clerk, document=document, submitted_on=dt.date(2024, 9, 2), text="修改稿"
    )
    document.refresh_from_db()
    assert document.legality_review == second and second.subject_kind == "normative_document"
    pass_review(second, justice=users.justice)
    with pytest.raises(ValidationError, match="已通过合法性审查"):
        services.submit_document_for_review(
            actor=users.jyj_clerk, document=document, submitted_on=dt.date(2024, 9, 20), text="再送"
        )


def test_attach_review_links_a_normative_document_review_of_the_same_unit_only(users, district):
    document = register(users.jyj_clerk, district.jyj, "关于规范校外培训的通知")
    contract = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=dt.date(2024, 8, 5),
        text="合同文本",
    )
    with pytest.raises(ValidationError, match="不是行政规范性文件"):
        services.attach_review(actor=users.jyj_clerk, document=document, review=contract)
    review = services.submit_review(
        actor=users.jyj_clerk,
        title=document.title,
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=dt.date(2024, 8, 5),
        text="送审稿",
    )
    services.attach_review(actor=users.jyj_clerk, document=document, review=review)
    other = register(users.jyj_clerk, district.jyj, "另一文件")
    with pytest.raises(ValidationError, match="已关联文件"):
        services.attach_review(actor=users.jyj_clerk, document=other, review=review)
    pass_review(review, justice=users.justice)
    issue(document, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2))
    assert document.status == "valid"


def test_signing_cannot_come_before_the_final_review_opinion(users, reviewed):
    with pytest.raises(ValidationError, match="终审意见的出具日期"):
        issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 8, 10))


# Access ----------------------------------------------------------------------------------------------------


def test_a_unit_clerk_cannot_issue_another_units_document(users, district, reviewed):
    with pytest.raises(PermissionDenied):
        issue(reviewed, clerk=users.scj_clerk, published_on=dt.date(2024, 9, 2))
    with pytest.raises(PermissionDenied):
        issue(reviewed, clerk=users.leader, published_on=dt.date(2024, 9, 2))
    with pytest.raises(PermissionDenied):
        register(users.scj_clerk, district.jyj, "替教育局登记的文件")
    reviewed.refresh_from_db()
    assert reviewed.status == "registered"
    # its own clerk, or the Justice Bureau, may
    issue(reviewed, clerk=users.justice, published_on=dt.date(2024, 9, 2))
    assert reviewed.status == "valid"


def test_issuing_is_audited_as_a_transition_with_the_number(users, reviewed):
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 2))
    event = AuditEvent.objects.get(
        model_label="review.normativedocument", object_id=str(reviewed.pk), action="transition"
    )
    assert event.transition == "统一编号并印发"
    assert event.changes["number"] == ["", "测政规发〔2024〕1号"]
    assert event.changes["status"] == ["registered", "valid"]


# Validity and filing deadline ------------------------------------------------------------------------------


def test_expiry_is_the_validity_period_after_taking_effect_less_one_day(users, district, reviewed):
    issue(
        reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20), effective_on=dt.date(2024, 11, 1)
    )
    # default validity (setting): 5 years, stored on the document
    assert (reviewed.validity_years, reviewed.expires_on) == (5, dt.date(2029, 10, 31))
    two_years = register(users.jyj_clerk, district.jyj, "两年有效的文件", validity_years=2)
    review_passed(two_years, clerk=users.jyj_clerk, justice=users.justice)
    issue(
        two_years, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20), effective_on=dt.date(2024, 11, 1)
    )
    assert two_years.expires_on == dt.date(2026, 10, 31)


def test_expiry_across_29_february():
    assert expiry_date(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert expiry_date(dt.date(2023, 3, 1), 1) == dt.date(2024, 2, 29)
    assert expiry_date(dt.date(2024, 1, 1), 5) == dt.date(2028, 12, 31)


def test_filing_deadline_ending_on_a_sunday_moves_to_monday(users, reviewed):
    # published 2024-09-20 + 30 days = 2024-10-20, a Sunday
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20))
    assert reviewed.filing_due_on == dt.date(2024, 10, 21)
    assert "截止日为2024年10月21日" in reviewed.filing_due_explanation
    assert "2024年10月20日为休息日（周末）" in reviewed.filing_due_explanation
    assert "30日" in reviewed.filing_due_explanation


def test_the_filing_period_is_a_setting(users, reviewed):
    core_services.create_record(
        actor=users.admin, instance=Setting(key="review.filing_period_days", value=15)
    )
    # 2024-09-20 + 15 days = 2024-10-05, in the National Day holiday: the deadline is the first working day after
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20))
    assert reviewed.filing_due_on == dt.date(2024, 10, 8)
    assert "国庆节" in reviewed.filing_due_explanation


def test_a_document_not_requiring_filing_has_no_deadline_and_cannot_be_filed(users, district):
    document = issued(
        users.jyj_clerk,
        users.justice,
        district.jyj,
        "无须备案的文件",
        published_on=dt.date(2024, 9, 20),
        requires_filing=False,
    )
    assert (document.filing_due_on, document.filing_due_explanation) == (None, "")
    with pytest.raises(ValidationError, match="无须报送备案"):
        services.file_document(
            actor=users.jyj_clerk,
            document=document,
            filed_on=dt.date(2024, 9, 25),
            filed_with="测试市人民政府",
        )


# Filing ----------------------------------------------------------------------------------------------------


def test_a_document_can_be_filed_once_only_after_it_was_issued_and_not_before_publication(users, reviewed):
    with pytest.raises(ValidationError, match="尚未统一编号印发"):
        services.file_document(
            actor=users.jyj_clerk,
            document=reviewed,
            filed_on=dt.date(2024, 9, 25),
            filed_with="测试市人民政府",
        )
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20))
    with pytest.raises(ValidationError) as early:
        services.file_document(
            actor=users.jyj_clerk,
            document=reviewed,
            filed_on=dt.date(2024, 9, 19),
            filed_with="测试市人民政府",
        )
    assert early.value.message_dict["filed_on"] == ["报送备案日期不能早于文件公布日期。"]
    filing = services.file_document(
        actor=users.jyj_clerk,
        document=reviewed,
        filed_on=dt.date(2024, 9, 20),
        filed_with="测试市人民政府",
        materials=materials(),
    )
    assert filing.materials_complete and filing.in_time and filing.result == "pending"
    with pytest.raises(ValidationError, match="已向上一级人民政府（或本级人民政府）报送备案"):
        services.file_document(
            actor=users.jyj_clerk,
            document=reviewed,
            filed_on=dt.date(2024, 9, 21),
            filed_with="测试市人民政府",
        )


def test_filing_lists_missing_materials_and_whether_it_was_in_time(users, reviewed):
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20))
    filing = services.file_document(
        actor=users.jyj_clerk,
        document=reviewed,
        filed_on=dt.date(2024, 10, 22),  # one day after the deadline (2024-10-21)
        filed_with="测试市人民政府",
        materials=materials("has_report", "has_text", "has_review_opinion"),
    )
    assert not filing.materials_complete
    assert filing.missing_materials == ["起草说明", "制定依据"]
    assert filing.in_time is False


def test_another_unit_cannot_file_a_units_document(users, reviewed):
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20))
    with pytest.raises(PermissionDenied):
        services.file_document(
            actor=users.scj_clerk,
            document=reviewed,
            filed_on=dt.date(2024, 9, 25),
            filed_with="测试市人民政府",
        )


@pytest.fixture
def filing(users, reviewed):
    issue(reviewed, clerk=users.jyj_clerk, published_on=dt.date(2024, 9, 20))
    return services.file_document(
        actor=users.jyj_clerk,
        document=reviewed,
        filed_on=dt.date(2024, 10, 8),
        filed_with="测试市人民政府",
        materials=materials(),
    )


def test_the_filing_result_passed_or_correction_with_the_correction_required(users, filing):
    with pytest.raises(PermissionDenied, match="由司法局录入"):
        services.record_filing_result(
            actor=users.jyj_clerk, filing=filing, result="passed", result_on=dt.date(2024, 11, 1)
        )
    with pytest.raises(ValidationError) as missing:
        services.record_filing_result(
            actor=users.justice, filing=filing, result="correction", result_on=dt.date(2024, 11, 1)
        )
    assert "correction_required" in missing.value.message_dict
    with pytest.raises(ValidationError, match="不能早于报送备案日期"):
        services.record_filing_result(
            actor=users.justice, filing=filing, result="passed", result_on=dt.date(2024, 10, 7)
        )
    services.record_filing_result(
        actor=users.justice, filing=filing, result="passed", result_on=dt.date(2024, 11, 1)
    )
    filing.refresh_from_db()
    assert (filing.result, filing.result_on) == ("passed", dt.date(2024, 11, 1))
    assert services.correction_deadline(filing) is None
    with pytest.raises(ValidationError, match="已有审查结果"):
        services.record_filing_result(
            actor=users.justice, filing=filing, result="correction", result_on=dt.date(2024, 11, 2)
        )
    with pytest.raises(ValidationError, match="无须记录纠正"):
        services.record_correction(actor=users.justice, filing=filing, corrected_on=dt.date(2024, 11, 5))


def test_a_correction_is_due_within_15_days_and_a_late_one_is_recorded_and_flagged(users, filing):
    # ordered on Friday 2024-11-01: +15 days = Saturday 2024-11-16, so due Monday 2024-11-18 (第九条)
    services.record_filing_result(
        actor=users.justice,
        filing=filing,
        result="correction",
        result_on=dt.date(2024, 11, 1),
        correction_required="第五条设定的备案材料要求缺乏法律依据，应予删除。",
    )
    filing.refresh_from_db()
    deadline = services.correction_deadline(filing)
    assert deadline.due == dt.date(2024, 11, 18)
    # issue 15: not 法规规章备案审查条例第九条 (deferred registration) but a local setting marked 需本地核对
    assert "第九条" not in deadline.explain() and "本地设置，需本地核对" in deadline.explain()
    assert (
        filing.correction_due_on == dt.date(2024, 11, 18)
        and "需本地核对" in filing.correction_due_explanation
    )
    with pytest.raises(ValidationError, match="不能早于审查结果日期"):
        services.record_correction(actor=users.jyj_clerk, filing=filing, corrected_on=dt.date(2024, 10, 31))
    services.record_correction(actor=users.jyj_clerk, filing=filing, corrected_on=dt.date(2024, 11, 20))
    filing.refresh_from_db()
    assert filing.corrected_on == dt.date(2024, 11, 20)
    assert services.correction_late(filing) is True
    event = AuditEvent.objects.filter(model_label="review.filing", object_id=str(filing.pk)).latest("seq")
    assert event.note.startswith("逾期纠正：应于2024年11月18日前重新报送")
    with pytest.raises(ValidationError, match="已于2024-11-20记录纠正完成"):
        services.record_correction(actor=users.jyj_clerk, filing=filing, corrected_on=dt.date(2024, 11, 21))


def test_a_correction_in_time_is_not_flagged(users, filing):
    services.record_filing_result(
        actor=users.justice,
        filing=filing,
        result="correction",
        result_on=dt.date(2024, 11, 1),
        correction_required="删除第五条。",
    )
    services.record_correction(actor=users.jyj_clerk, filing=filing, corrected_on=dt.date(2024, 11, 18))
    filing.refresh_from_db()
    assert services.correction_late(filing) is False
    assert Filing.objects.get(pk=filing.pk).result == "correction"


def test_register_refuses_an_empty_prefix_and_a_zero_validity(users, district):
    with pytest.raises(ValidationError, match="发文字号前缀"):
        register(users.jyj_clerk, district.jyj, "无前缀", prefix=" ")
    with pytest.raises(ValidationError, match="有效期至少为1年"):
        register(users.jyj_clerk, district.jyj, "零年", validity_years=0)


def test_helper_pass_lower_levels_leaves_the_review_at_the_final_level(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="送审",
        subject_kind="normative_document",
        organization=district.jyj,
        submitted_on=dt.date(2024, 8, 5),
        text="文本",
    )
    assert pass_lower_levels(review).status == "final_review"
