"""Clean-up campaigns: documents examined, their outcomes, and a registered document's status following the outcome."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent
from fazhi.review import selectors, services
from fazhi.review.models import CleanupItem, NormativeDocument

from ..conftest import issued, register


@pytest.fixture
def valid_documents(users, district):
    """Four valid documents of the education bureau, published in September 2024."""
    return [
        issued(
            users.jyj_clerk,
            users.justice,
            district.jyj,
            f"教育局文件{n}",
            published_on=dt.date(2024, 9, 2 + n),
        )
        for n in range(4)
    ]


@pytest.mark.parametrize(
    ("outcome", "status"),
    [("repeal", "repealed"), ("declare_invalid", "expired"), ("amend", "amended"), ("keep", "valid")],
)
def test_an_outcome_moves_a_registered_document(users, campaign, valid_documents, outcome, status):
    document = valid_documents[0]
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=document)
    assert (item.kind, item.title, item.document_number, item.issuing_unit) == (
        "normative",
        document.title,
        "测政规发〔2024〕1号",
        document.organization,
    )
    services.decide_item(
        actor=users.jyj_clerk,
        item=item,
        outcome=outcome,
        reason="与上位法不一致",
        decided_on=dt.date(2024, 11, 1),
    )
    document.refresh_from_db()
    item.refresh_from_db()
    assert document.status == status
    assert (item.outcome, item.decided_on) == (outcome, dt.date(2024, 11, 1))


def test_a_repeal_is_audited_on_the_document_with_the_campaign_and_reason(users, campaign, valid_documents):
    document = valid_documents[0]
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=document)
    services.decide_item(
        actor=users.justice,
        item=item,
        outcome="repeal",
        reason="设定了指定交易条款",
        decided_on=dt.date(2024, 11, 1),
    )
    event = AuditEvent.objects.filter(
        model_label="review.normativedocument", object_id=str(document.pk), action="transition"
    ).latest("seq")
    assert event.transition == "废止"
    assert event.changes["status"] == ["valid", "repealed"]
    assert event.note == "2024年涉及不平等对待企业政策文件清理：废止。设定了指定交易条款"


def test_a_repealed_document_leaves_the_public_list_of_valid_documents(users, campaign, valid_documents):
    assert set(selectors.valid_documents()) == set(valid_documents)
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=valid_documents[1])
    services.decide_item(
        actor=users.jyj_clerk, item=item, outcome="repeal", reason="已不适应", decided_on=dt.date(2024, 11, 1)
    )
    assert valid_documents[1] not in set(selectors.valid_documents())
    assert len(selectors.valid_documents()) == 3


def test_other_policy_documents_are_described_by_title_number_and_unit(users, district, campaign):
    item = services.add_item(
        actor=users.scj_clerk,
        campaign=campaign,
        title="关于本地企业优先参与政府采购的通知",
        document_number="测市监发〔2021〕12号",
        issuing_unit=district.scj,
        enterprise_related=True,
    )
    assert (item.kind, item.document, item.enterprise_related) == ("policy", None, True)
    services.decide_item(
        actor=users.scj_clerk,
        item=item,
        outcome="repeal",
        reason="限制外地企业参与",
        decided_on=dt.date(2024, 11, 5),
    )
    assert CleanupItem.objects.get(pk=item.pk).outcome == "repeal"
    with pytest.raises(ValidationError, match="请填写文件名称"):
        services.add_item(actor=users.scj_clerk, campaign=campaign, issuing_unit=district.scj)
    with pytest.raises(ValidationError, match="请选择制定单位"):
        services.add_item(actor=users.scj_clerk, campaign=campaign, title="无单位")


def test_a_registered_document_keeps_its_enterprise_flag_unless_told_otherwise(users, district, campaign):
    document = issued(
        users.scj_clerk,
        users.justice,
        district.scj,
        "市场准入文件",
        published_on=dt.date(2024, 9, 2),
        enterprise_related=True,
        prefix="测市监规发",
    )
    assert services.add_item(actor=users.scj_clerk, campaign=campaign, document=document).enterprise_related


def test_outcomes_other_than_keep_need_a_reason_and_every_outcome_a_valid_document(
    users, district, campaign, valid_documents
):
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=valid_documents[0])
    with pytest.raises(ValidationError) as no_reason:
        services.decide_item(
            actor=users.jyj_clerk, item=item, outcome="repeal", decided_on=dt.date(2024, 11, 1)
        )
    assert no_reason.value.message_dict["reason"] == ["修改、废止或宣布失效的，须写明理由。"]
    assert NormativeDocument.objects.get(pk=valid_documents[0].pk).status == "valid"
    with pytest.raises(ValidationError, match="清理结果应为"):
        services.decide_item(
            actor=users.jyj_clerk, item=item, outcome="abolish", decided_on=dt.date(2024, 11, 1)
        )
    with pytest.raises(ValidationError, match="不能早于清理开始日期"):
        services.decide_item(
            actor=users.jyj_clerk, item=item, outcome="keep", decided_on=dt.date(2024, 10, 1)
        )
    services.decide_item(actor=users.jyj_clerk, item=item, outcome="keep", decided_on=dt.date(2024, 11, 1))
    with pytest.raises(ValidationError, match="已确定清理结果"):
        services.decide_item(
            actor=users.jyj_clerk,
            item=item,
            outcome="repeal",
            reason="改主意",
            decided_on=dt.date(2024, 11, 2),
        )
    # a document repealed in one campaign cannot be added to the next
    services.decide_item(
        actor=users.jyj_clerk,
        item=services.add_item(actor=users.jyj_clerk, campaign=campaign, document=valid_documents[1]),
        outcome="repeal",
        reason="已不适应",
        decided_on=dt.date(2024, 11, 1),
    )
    with pytest.raises(ValidationError, match="只能清理有效的规范性文件"):
        services.add_item(actor=users.jyj_clerk, campaign=campaign, document=valid_documents[1])
    # a document cannot be examined twice in one campaign, nor a registered (unissued) one at all
    with pytest.raises(ValidationError, match="已列入本次清理"):
        services.add_item(actor=users.jyj_clerk, campaign=campaign, document=valid_documents[0])
    unissued = register(users.jyj_clerk, district.jyj, "未印发")
    with pytest.raises(ValidationError, match="只能清理有效的规范性文件"):
        services.add_item(actor=users.jyj_clerk, campaign=campaign, document=unissued)


def test_units_add_and_decide_only_their_own_documents(users, district, campaign, valid_documents):
    with pytest.raises(PermissionDenied):
        services.add_item(actor=users.scj_clerk, campaign=campaign, document=valid_documents[0])
    with pytest.raises(PermissionDenied):
        services.add_item(
            actor=users.scj_clerk, campaign=campaign, title="教育局的文件", issuing_unit=district.jyj
        )
    item = services.add_item(actor=users.jyj_clerk, campaign=campaign, document=valid_documents[0])
    with pytest.raises(PermissionDenied):
        services.decide_item(
            actor=users.scj_clerk, item=item, outcome="repeal", reason="x", decided_on=dt.date(2024, 11, 1)
        )
    # a unit of another district cannot be put in this district's campaign
    with pytest.raises(ValidationError, match="不在"):
        services.add_item(
            actor=users.admin, campaign=campaign, title="邻区文件", issuing_unit=district.other_dept
        )
    # every unit of the district sees the district's campaign (to add its own documents), and its own items only
    assert list(selectors.campaigns_for(users.jyj_clerk)) == [campaign]
    assert list(selectors.campaigns_for(users.scj_clerk)) == [campaign]
    assert list(selectors.campaigns_for(users.other_justice)) == []
    assert list(selectors.cleanup_items_for(users.scj_clerk)) == []
    assert list(selectors.campaigns_for(users.justice)) == [campaign]
    assert list(selectors.campaigns_for(users.other_justice)) == []


def test_a_campaign_cannot_end_before_it_starts(users, district):
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        services.create_campaign(
            actor=users.justice,
            name="清理",
            scope="范围",
            organization=district.sfj,
            started_on=dt.date(2024, 10, 8),
            ended_on=dt.date(2024, 10, 1),
        )
