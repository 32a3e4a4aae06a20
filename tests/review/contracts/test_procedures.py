"""Issue 15, review and documents: what must precede the issue of a normative document (公平竞争审查 for a measure that
involves market activity, 征求意见, 集体审议, the revised text after 修改后合法), refused with the same Chinese message
through the service, the page and the documents ledger; and the advisor level's opinion only from the assigned
advisor or a recorded substitute."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from fazhi.core import access, clock
from fazhi.core.models import AuditEvent, User
from fazhi.review import rules, services
from fazhi.review.models import AdvisorSubstitution, LegalityReview, LevelOpinion, NormativeDocument

from ...admin_way_in import admin_closed, administrator
from ..conftest import pass_review, procedures_done, register
from ..ledgers.test_ledgers import DOCUMENT_HEADERS, imported

D = dt.date
TODAY = D(2024, 11, 15)
FAIR = rules.fair_competition_reviewed.message
CONSULT = rules.consultation_recorded.message
DELIBERATE = rules.deliberation_recorded.message
REVISED = rules.revised_text_given.message
ISSUE = {"signed_on": "2024-11-12", "published_on": "2024-11-12", "effective_on": "2024-12-01"}


@pytest.fixture(autouse=True)
def today():
    clock.freeze(TODAY)


def events() -> int:
    return AuditEvent.objects.count()


def reviewed(users, organization, title, *, actor=None, market=False, opinion="lawful"):
    """Registered 2024-10-08, sent 2024-10-09, the final opinion given 2024-11-01."""
    actor = actor or users.jyj_clerk
    document = register(actor, organization, title, registered_on=D(2024, 10, 8), market_related=market)
    review = services.submit_document_for_review(
        actor=actor, document=document, submitted_on=D(2024, 10, 9), text=f"{title}（送审稿）"
    )
    reasons = "第三条须删除“本地企业优先”的表述。" if opinion == "lawful_after_revision" else ""
    pass_review(review, justice=users.justice, concluded_on=D(2024, 11, 1), opinion=opinion)
    if reasons:
        LegalityReview.objects.filter(pk=review.pk).update(final_reasons=reasons)
    document.refresh_from_db()
    return document


def admin_fields(client, document) -> str:
    """The fields of the document's admin change page, as the Justice Bureau's administrator sees it (only the
    platform's administrators reach admin: a client of another role is checked turned away)."""
    url = f"/admin/review/normativedocument/{document.pk}/change/"
    user = client.get("/").wsgi_request.user
    if not access.administers_platform(user):
        admin_closed(client.get(url))
        client = administrator(User.objects.get(username="justice"))
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return " ".join(sorted(set(__import__("re").findall(r'name="([a-z_]+)"', response.content.decode()))))


def issue_refused(client, actor, document, message):
    """The service, the page, the API and the documents ledger refuse to issue with `message`, and change nothing;
    admin does not issue at all."""
    before = (document.status, events())
    with pytest.raises(ValidationError) as refused:
        services.issue_document(
            actor=actor,
            document=document,
            signed_on=D(2024, 11, 12),
            published_on=D(2024, 11, 12),
            effective_on=D(2024, 12, 1),
        )
    assert message in refused.value.messages
    client.force_login(actor)
    response = client.post(f"/documents/{document.pk}/issue/", ISSUE)
    assert response.status_code == 400 and message in response.content.decode()
    api = client.post(f"/api/review/documents/{document.pk}/issue/", ISSUE, content_type="application/json")
    assert api.status_code == 400 and message in api.content.decode()
    # admin offers no issue: the document's admin page sends it to the document's page
    assert "status" not in admin_fields(client, document)
    row = dict.fromkeys(DOCUMENT_HEADERS)
    row.update(
        {
            "记录编号": document.pk,
            "文件名称": document.title,
            "制定机关代码": document.organization.code,
            "发文字号前缀": document.number_prefix,
            "登记日期": document.registered_on,
            "状态": "有效",
            "须报送备案": "是",
            "涉企": "否",
        }
    )
    result = imported("normative_documents", DOCUMENT_HEADERS, [[row[h] for h in DOCUMENT_HEADERS]], actor)
    assert not result.imported and len(result.errors) == 1 and message in result.errors[0].message
    document.refresh_from_db()
    assert (document.status, events()) == before and document.number == ""


# 公平竞争审查 ------------------------------------------------------------------------------------------------------


def test_fair_competition_reviewed_a_market_measure_is_not_issued_without_review(client, users, district):
    # given a measure of the market regulator that involves market activity, reviewed and deliberated
    document = reviewed(users, district.scj, "农贸市场经营秩序管理规定", actor=users.scj_clerk, market=True)
    procedures_done(document, clerk=users.scj_clerk, on=D(2024, 11, 5))
    # then it is not issued on any way in before the fair-competition review (条例第十八条)
    issue_refused(client, users.scj_clerk, document, FAIR)
    # nor after a review that found it violates 第八条至第十一条 without a 第十二条 exception
    services.record_fair_competition_review(
        actor=users.scj_clerk,
        document=document,
        reviewer_name="市场监管局法规科 李明",
        reviewed_on=D(2024, 11, 6),
        conclusion="violates",
        explanation="第五条限定本地经营者，违反条例第九条第（一）项。",
    )
    issue_refused(client, users.scj_clerk, document, FAIR)
    # and once a review finds it compliant, it is issued
    services.record_fair_competition_review(
        actor=users.scj_clerk,
        document=document,
        reviewer_name="市场监管局法规科 李明",
        reviewed_on=D(2024, 11, 8),
        conclusion="compliant",
    )
    services.issue_document(
        actor=users.scj_clerk,
        document=document,
        signed_on=D(2024, 11, 12),
        published_on=D(2024, 11, 12),
        effective_on=D(2024, 12, 1),
    )
    document.refresh_from_db()
    assert document.status == NormativeDocument.Status.VALID


def test_a_measure_of_the_district_government_needs_the_market_regulators_opinion(users, district):
    # 条例第十四条: the district government's own measure is reviewed with the market regulator
    document = reviewed(users, district.root, "促进民营经济发展若干措施", actor=users.justice, market=True)
    with pytest.raises(ValidationError) as refused:
        services.record_fair_competition_review(
            actor=users.justice,
            document=document,
            reviewer_name="区发改局 王芳",
            reviewed_on=D(2024, 11, 4),
            conclusion="compliant",
        )
    assert refused.value.message_dict["regulator_opinion"] == [
        "拟由区人民政府出台的政策措施，由市场监督管理部门会同起草单位开展公平竞争审查，"
        "须记录市场监督管理部门的审查意见及日期（公平竞争审查条例第十四条）。"
    ]
    assert not document.fair_competition_reviews.exists()
    review = services.record_fair_competition_review(
        actor=users.justice,
        document=document,
        reviewer_name="区发改局 王芳",
        reviewed_on=D(2024, 11, 4),
        conclusion="exception",
        explanation="为救灾救助设定的临时措施，实施期限至2025年12月31日（条例第十二条第（三）项）。",
        regulator_name="测试区市场监督管理局",
        regulator_opinion="经会同审查，符合第十二条规定情形，同意出台。",
        regulator_opinion_on=D(2024, 11, 6),
    )
    assert rules.fair_competition_reviewed(document) and review.regulator_opinion_on == D(2024, 11, 6)


# 征求意见、集体审议 ------------------------------------------------------------------------------------------------


def test_consultation_recorded_and_deliberation_recorded_before_issue(client, users, district):
    document = reviewed(users, district.jyj, "中小学课后服务管理办法")
    # no consultation, no deliberation: both reasons, on every way in
    issue_refused(client, users.jyj_clerk, document, CONSULT)
    issue_refused(client, users.jyj_clerk, document, DELIBERATE)
    services.record_consultation(
        actor=users.jyj_clerk,
        document=document,
        started_on=D(2024, 10, 10),
        ended_on=D(2024, 10, 24),
        consulted="通过区政府网站向社会公开征求意见",
        summary="收到意见6条，采纳4条。",
    )
    issue_refused(client, users.jyj_clerk, document, DELIBERATE)


def test_validate_deliberation_not_before_the_legality_review_concluded(users, district):
    # 国办发〔2018〕37号：未经合法性审核或者经审核不合法的，不得提交集体审议
    document = reviewed(users, district.jyj, "中小学课后服务管理办法")
    with pytest.raises(ValidationError) as refused:
        services.record_deliberation(
            actor=users.jyj_clerk,
            document=document,
            held_on=D(2024, 10, 30),
            body="教育局局务会",
            summary="通过",
        )
    assert refused.value.message_dict == {
        "held_on": ["集体审议日期不能早于合法性审查终审意见的出具日期（2024-11-01）。"]
    }
    unreviewed = register(users.jyj_clerk, district.jyj, "学生资助管理办法", registered_on=D(2024, 10, 8))
    with pytest.raises(ValidationError) as refused:
        services.record_deliberation(
            actor=users.jyj_clerk,
            document=unreviewed,
            held_on=D(2024, 11, 5),
            body="教育局局务会",
            summary="通过",
        )
    assert refused.value.messages == [
        "未经合法性审核或者经审核不合法的，不得提交集体审议（国办发〔2018〕37号）。"
    ]
    assert not document.deliberations.exists() and not unreviewed.deliberations.exists()


def test_validate_procedures_before_issue_the_deliberation_is_not_after_signing(client, users, district):
    document = reviewed(users, district.jyj, "中小学课后服务管理办法")
    procedures_done(document, clerk=users.jyj_clerk, on=D(2024, 11, 13))
    message = "集体审议日期（2024-11-13）不能晚于签发日期。"
    with pytest.raises(ValidationError) as refused:
        services.issue_document(
            actor=users.jyj_clerk,
            document=document,
            signed_on=D(2024, 11, 12),
            published_on=D(2024, 11, 12),
            effective_on=D(2024, 12, 1),
        )
    assert refused.value.message_dict["signed_on"] == [
        "征求意见截止日期（2024-11-13）不能晚于签发日期。",
        message,
    ]
    client.force_login(users.jyj_clerk)
    response = client.post(f"/documents/{document.pk}/issue/", ISSUE)
    assert response.status_code == 400 and message in response.content.decode()
    document.refresh_from_db()
    assert document.status == NormativeDocument.Status.REGISTERED


# 修改后合法 --------------------------------------------------------------------------------------------------------


def test_revised_text_given_before_a_lawful_after_revision_document_is_issued(client, users, district):
    document = reviewed(users, district.jyj, "校外培训机构收费管理办法", opinion="lawful_after_revision")
    procedures_done(document, clerk=users.jyj_clerk, on=D(2024, 11, 5))
    issue_refused(client, users.jyj_clerk, document, REVISED)
    # a text dated before the final opinion does not count
    with pytest.raises(ValidationError) as refused:
        services.upload_revised_text(
            actor=users.jyj_clerk,
            document=document,
            file=ContentFile("修改后文本".encode(), name="修改稿.docx"),
            submitted_on=D(2024, 10, 31),
        )
    assert refused.value.message_dict == {
        "submitted_on": ["修改完成日期不能早于合法性审查终审意见的出具日期（2024-11-01）。"]
    }
    text = services.upload_revised_text(
        actor=users.jyj_clerk,
        document=document,
        file=ContentFile("第三条 删除“本地企业优先”。".encode(), name="修改稿.docx"),
        submitted_on=D(2024, 11, 4),
    )
    assert text.original_name == "修改稿.docx" and len(text.sha256) == 64
    assert text.file.read().decode() == "第三条 删除“本地企业优先”。"
    services.issue_document(
        actor=users.jyj_clerk,
        document=document,
        signed_on=D(2024, 11, 12),
        published_on=D(2024, 11, 12),
        effective_on=D(2024, 12, 1),
    )
    document.refresh_from_db()
    assert document.number == "测政规发〔2024〕1号"


# 法律顾问复审: the assigned advisor or a recorded substitute ---------------------------------------------------


@pytest.fixture
def at_advisor_level(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 11, 4),
        text="合同文本",
        advisor_user=users.advisor,
    )
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 11, 5))
    review.refresh_from_db()
    return review


def test_may_record_substitution_only_the_justice_bureau_and_then_only_the_substitute_gives_the_opinion(
    client, users, district, at_advisor_level
):
    from tests import factories

    review = at_advisor_level
    substitute = factories.user("legal_advisor", district.sfj, username="advisor-2")
    # the drafting unit cannot choose who replaces its advisor
    with pytest.raises(PermissionDenied, match=rules.SUBSTITUTION_REFUSED):
        services.substitute_advisor(
            actor=users.jyj_clerk,
            review=review,
            substitute=substitute,
            substituted_on=D(2024, 11, 6),
            reason="回避",
        )
    # the Justice Bureau records who, when and why
    record = services.substitute_advisor(
        actor=users.justice,
        review=review,
        substitute=substitute,
        substituted_on=D(2024, 11, 6),
        reason="原复审法律顾问曾代理本合同相对方，申请回避。",
    )
    assert (record.replaced_user, record.substitute, record.substituted_on) == (
        users.advisor,
        substitute,
        D(2024, 11, 6),
    )
    assert AdvisorSubstitution.objects.filter(review=review).count() == 1
    message = "您不能出具法律顾问复审意见。"
    # the replaced advisor and the unit's clerk are refused with the same message, by service and page
    for actor in (users.advisor, users.jyj_clerk):
        with pytest.raises(PermissionDenied, match=message):
            services.give_opinion(actor=actor, review=review, outcome="lawful", given_on=D(2024, 11, 7))
        client.force_login(actor)
        response = client.post(
            f"/review/{review.pk}/opinion/",
            {"level": "advisor", "version": 1, "outcome": "lawful", "given_on": "2024-11-07"},
        )
        assert response.status_code in (403, 404)
        if response.status_code == 403:
            assert message in response.content.decode()
    assert not LevelOpinion.objects.filter(review=review, level="advisor").exists()
    # the substitute gives it in their own name, and the page names them
    opinion = services.give_opinion(
        actor=substitute, review=review, outcome="lawful", given_on=D(2024, 11, 7)
    )
    assert (opinion.reviewer, opinion.reviewer_name) == (substitute, substitute.person.name)
    client.force_login(users.justice)
    page = client.get(f"/review/{review.pk}/").content.decode()
    assert f"审查人：{substitute.person.name}" in page


def test_advisor_reviewer_name_a_written_opinion_names_who_entered_it(client, users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 11, 4),
        text="合同文本",
        advisor_name="王律师",
    )
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 11, 5))
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 11, 6))
    client.force_login(users.jyj_clerk)
    page = client.get(f"/review/{review.pk}/").content.decode()
    assert f"审查人：王律师（书面意见，由{users.jyj_clerk.person.name}录入）" in page
