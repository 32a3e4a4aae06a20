"""The same bad input through every way into the review workstream — the service, the ledger import, the page, the
API and admin — is refused with the same Chinese message and changes nothing.

The defects of issue 12: the advisor level's opinion (法律顾问复审) of a review assigned to an advisor is the assigned
advisor's alone; an event that has happened (送审、出具意见、登记、签发、公布、备案、审查结果、纠正、清理结果确定、
目录清单制定、清理开始、印发或签订) is not dated after today."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from fazhi.core import access, clock
from fazhi.core.io import ledgers
from fazhi.core.models import AuditEvent, User
from fazhi.core.rules import happened_message
from fazhi.review import rules, services
from fazhi.review.models import (
    CleanupCampaign,
    CleanupItem,
    DraftVersion,
    Filing,
    LegalityReview,
    LevelOpinion,
    Matter,
    NormativeDocument,
    ReviewCatalog,
)

from ...admin_way_in import admin_closed, via_admin
from ..conftest import issued, materials, pass_review, procedures_done, register
from ..ledgers.test_ledgers import (
    CATALOG_HEADERS,
    CLEANUP_HEADERS,
    DOCUMENT_HEADERS,
    FILED,
    FILING_HEADERS,
    NUMBER,
    cleanup_row,
    document_row,
    entry_row,
    filing_row,
    imported,
)

D = dt.date
TODAY = D(2024, 11, 15)
TOMORROW = D(2024, 11, 16)
CAMPAIGN = "2024年涉企政策文件清理"


@pytest.fixture(autouse=True)
def today():
    clock.freeze(TODAY)


def future(label: str) -> str:
    return happened_message(label, TODAY)


def page(client, user, url, data, status=400):
    client.force_login(user)
    response = client.post(url, data)
    assert response.status_code == status, response.status_code
    return response.content.decode()


def admin_refused(client, user, url, data) -> str:
    """Admin shows a refusal on the form (200) or on its refusal page (400); it never saves (302) nor fails (500).
    Only the platform's administrators reach admin: a user who works on the pages is turned away, and the same input
    comes in by the district's Justice Bureau administrator."""
    client.force_login(user)
    if access.administers_platform(user):
        response = client.post(url, data)
    else:
        response = via_admin(client, User.objects.get(username="justice")).post(url, data)
    assert response.status_code in (200, 400), response.status_code
    return response.content.decode()


def row_messages(result) -> list[str]:
    assert not result.imported
    return [e.message for e in result.errors]


def events() -> int:
    return AuditEvent.objects.count()


# 法律顾问复审: only the assigned advisor ------------------------------------------------------------------------


@pytest.fixture
def at_advisor_level(users, district):
    """A contract of the education bureau assigned to the district's advisor, past the initial level."""
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
    assert review.status == LegalityReview.Status.ADVISOR_REVIEW
    return review


def advisor_level_state(review) -> tuple:
    review.refresh_from_db()
    return (
        review.status,
        review.advisor_user_id,
        LevelOpinion.objects.filter(review=review).count(),
        events(),
    )


@pytest.mark.parametrize("role", ["jyj_clerk", "justice", "admin"])
def test_may_give_advisor_opinion_only_the_assigned_advisor(client, users, at_advisor_level, role):
    # given a review assigned to an advisor, at the advisor level
    review, actor = at_advisor_level, getattr(users, role)
    before = advisor_level_state(review)
    message = "您不能出具法律顾问复审意见。"
    # when the drafting unit, the Justice Bureau or an administrator enters the advisor's opinion by the service
    with pytest.raises(PermissionDenied, match=message):
        services.give_opinion(
            actor=actor, review=review, outcome="lawful", given_on=D(2024, 11, 6), level="advisor"
        )
    # and on the review's page
    html = page(
        client,
        actor,
        f"/review/{review.pk}/opinion/",
        {"level": "advisor", "version": 1, "outcome": "lawful", "given_on": "2024-11-06"},
        status=403,
    )
    # and through the API
    client.force_login(actor)
    api = client.post(
        f"/api/review/reviews/{review.pk}/opinions/",
        {"level": "advisor", "outcome": "lawful", "given_on": "2024-11-06"},
        content_type="application/json",
    )
    # then each is refused with the same message and nothing is recorded
    assert message in html
    assert api.status_code == 403 and message in api.content.decode()
    assert advisor_level_state(review) == before


def test_the_unit_cannot_unassign_the_advisor_to_enter_the_opinion_itself(client, users, at_advisor_level):
    # given a review assigned to an advisor, at the advisor level
    review = at_advisor_level
    before = advisor_level_state(review)
    message = "审查处于“法律顾问复审”，复审法律顾问（账号）、复审法律顾问不能修改。"
    # when the unit takes the advisor off the review by the service
    with pytest.raises(ValidationError) as refused:
        services.change_review(actor=users.jyj_clerk, review=review, advisor_user=None, advisor_name="")
    assert refused.value.messages == [message]
    # and in admin (the administrators' only: the unit is turned away), where the advisor is read-only once the
    # advisor level has started
    client.force_login(users.jyj_clerk)
    page_html = via_admin(client, users.justice).get(f"/admin/review/legalityreview/{review.pk}/change/")
    assert 'name="advisor_user"' not in page_html.content.decode()
    via_admin(client, users.justice).post(
        f"/admin/review/legalityreview/{review.pk}/change/", {"title": review.title, "advisor_user": ""}
    )
    # and on the unit's correction page, which offers the title alone at this level and reads no advisor sent
    client.force_login(users.jyj_clerk)
    assert 'name="advisor_user"' not in client.get(f"/review/{review.pk}/edit/").content.decode()
    client.post(f"/review/{review.pk}/edit/", {"title": review.title, "advisor_user": ""})
    # then the advisor stays assigned and no opinion was entered
    assert advisor_level_state(review)[:3] == before[:3]


def test_an_assigned_advisor_is_only_replaced_by_another_advisor_account(client, users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 11, 4),
        text="合同文本",
        advisor_user=users.advisor,
    )
    with pytest.raises(ValidationError, match="不能改由起草单位录入复审意见"):
        services.change_review(actor=users.jyj_clerk, review=review, advisor_user=None)
    # the same on the unit's correction page
    client.force_login(users.jyj_clerk)
    response = client.post(
        f"/review/{review.pk}/edit/", {"title": review.title, "advisor_user": "", "advisor_name": ""}
    )
    assert response.status_code == 400 and "不能改由起草单位录入复审意见" in response.content.decode()
    review.refresh_from_db()
    assert review.advisor_user == users.advisor


def test_no_ledger_or_admin_page_enters_a_review_level_opinion(client, users):
    # the levels' opinions are entered only through services.give_opinion: no ledger imports reviews or opinions,
    # except finished history, whose ledgers drive services.give_opinion itself (tests/review/ledgers/test_history.py)
    models = {
        ledger.model for ledger in ledgers.REGISTRY.values() if not isinstance(ledger, ledgers.HistoryLedger)
    }
    assert not models & {LegalityReview, LevelOpinion, DraftVersion}
    # and admin offers no add page for an opinion
    client.force_login(users.admin)
    assert client.get("/admin/review/levelopinion/add/").status_code == 404


def test_the_assigned_advisor_gives_the_opinion_in_their_own_name(client, users, at_advisor_level):
    client.force_login(users.advisor)
    response = client.post(
        f"/review/{at_advisor_level.pk}/opinion/",
        {"level": "advisor", "version": 1, "outcome": "lawful", "given_on": "2024-11-06"},
    )
    assert response.status_code == 302
    opinion = LevelOpinion.objects.get(review=at_advisor_level, level="advisor")
    assert (opinion.reviewer, opinion.reviewer_name) == (users.advisor, users.advisor.person.name)


# Dates of reviews ----------------------------------------------------------------------------------------------


def test_validate_version_a_draft_is_not_sent_after_today(client, users, district):
    message = future("送审日期")
    before = (LegalityReview.objects.count(), events())
    # service
    with pytest.raises(ValidationError) as refused:
        services.submit_review(
            actor=users.jyj_clerk,
            title="校舍维修工程施工合同",
            subject_kind="contract",
            organization=district.jyj,
            submitted_on=TOMORROW,
            text="合同文本",
        )
    assert message in refused.value.messages
    data = {
        "title": "校舍维修工程施工合同",
        "subject_kind": "contract",
        "organization": district.jyj.pk,
        "submitted_on": "2024-11-16",
        "text": "合同文本",
    }
    # page
    assert message in page(client, users.jyj_clerk, "/review/", data)
    # admin
    assert message in admin_refused(client, users.jyj_clerk, "/admin/review/legalityreview/add/", data)
    assert (LegalityReview.objects.count(), events()) == before


def test_validate_opinion_an_opinion_is_not_given_after_today(client, users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 11, 4),
        text="合同文本",
    )
    message = future("出具日期")
    before = advisor_level_state(review)
    with pytest.raises(ValidationError) as refused:
        services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=TOMORROW)
    assert message in refused.value.messages
    html = page(
        client,
        users.jyj_clerk,
        f"/review/{review.pk}/opinion/",
        {"level": "initial", "version": 1, "outcome": "lawful", "given_on": "2024-11-16"},
    )
    assert message in html
    assert advisor_level_state(review) == before


def test_validate_review_the_final_opinion_is_not_dated_after_today(users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 11, 4),
        text="合同文本",
    )
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 11, 4))
    services.give_opinion(actor=users.jyj_clerk, review=review, outcome="lawful", given_on=D(2024, 11, 4))
    with pytest.raises(ValidationError) as refused:
        services.conclude_review(
            actor=users.justice, review=review, opinion="lawful", reasons="符合规定。", concluded_on=TOMORROW
        )
    assert future("出具日期") in refused.value.messages
    review.refresh_from_db()
    assert (review.status, review.concluded_on) == (LegalityReview.Status.FINAL_REVIEW, None)


# Dates of normative documents ----------------------------------------------------------------------------------


def test_validate_document_a_document_is_not_registered_after_today(client, users, district):
    message = future("登记日期")
    before = (NormativeDocument.objects.count(), events())
    with pytest.raises(ValidationError) as refused:
        register(users.jyj_clerk, district.jyj, "校外培训机构管理办法", registered_on=TOMORROW)
    assert message in refused.value.messages
    result = imported(
        "normative_documents",
        DOCUMENT_HEADERS,
        [document_row("校外培训机构管理办法", registered=TOMORROW)],
        users.jyj_clerk,
    )
    assert row_messages(result) == [message]
    data = {
        "title": "校外培训机构管理办法",
        "organization": district.jyj.pk,
        "number_prefix": "测教规发",
        "registered_on": "2024-11-16",
        "requires_filing": "on",
    }
    assert message in page(client, users.jyj_clerk, "/documents/", data)
    assert message in admin_refused(client, users.jyj_clerk, "/admin/review/normativedocument/add/", data)
    assert (NormativeDocument.objects.count(), events()) == before

    # and a registration corrected to tomorrow: by the service, the correction page and admin
    document = register(users.jyj_clerk, district.jyj, "校外培训机构管理办法", registered_on=TODAY)
    before = events()
    with pytest.raises(ValidationError) as refused:
        services.change_document(actor=users.jyj_clerk, document=document, registered_on=TOMORROW)
    assert message in refused.value.messages
    assert message in page(client, users.jyj_clerk, f"/documents/{document.pk}/edit/", data)
    change = f"/admin/review/normativedocument/{document.pk}/change/"
    assert message in admin_refused(client, users.jyj_clerk, change, data)
    document.refresh_from_db()
    assert (document.registered_on, events()) == (TODAY, before)


def test_validate_issue_a_document_is_not_signed_or_published_after_today(client, users, district):
    document = register(users.jyj_clerk, district.jyj, "校外培训机构管理办法", registered_on=D(2024, 11, 1))
    review = services.submit_document_for_review(
        actor=users.jyj_clerk, document=document, submitted_on=D(2024, 11, 1), text="送审稿"
    )
    pass_review(review, justice=users.justice, concluded_on=D(2024, 11, 12))
    procedures_done(document, clerk=users.jyj_clerk, on=D(2024, 11, 12))
    before = (NormativeDocument.objects.get(pk=document.pk).status, events())
    signed, published = future("签发日期"), future("公布日期")
    with pytest.raises(ValidationError) as refused:
        services.issue_document(
            actor=users.jyj_clerk,
            document=document,
            signed_on=TOMORROW,
            published_on=TOMORROW,
            effective_on=TOMORROW,
        )
    assert refused.value.message_dict == {"signed_on": [signed], "published_on": [published]}
    html = page(
        client,
        users.jyj_clerk,
        f"/documents/{document.pk}/issue/",
        {"signed_on": "2024-11-16", "published_on": "2024-11-16", "effective_on": "2024-11-16"},
    )
    assert signed in html and published in html
    document.refresh_from_db()
    assert (document.status, events()) == before and document.number == ""


@pytest.fixture
def published(users, district):
    """The education bureau's document 测政规发〔2024〕1号, published on 2 September 2024."""
    return issued(users.jyj_clerk, users.justice, district.jyj, "收费管理办法", published_on=D(2024, 9, 2))


def test_validate_filing_a_document_is_not_filed_after_today(client, users, published):
    message = future("报送备案日期")
    before = (Filing.objects.count(), events())
    with pytest.raises(ValidationError) as refused:
        services.file_document(
            actor=users.jyj_clerk, document=published, filed_on=TOMORROW, filed_with="测试市人民政府"
        )
    assert message in refused.value.messages
    result = imported("filings", FILING_HEADERS, [filing_row(NUMBER, filed=TOMORROW)], users.jyj_clerk)
    assert row_messages(result) == [message]
    html = page(
        client,
        users.jyj_clerk,
        f"/documents/{published.pk}/filing/",
        {"filed_on": "2024-11-16", "filed_with": "测试市人民政府"},
    )
    assert message in html
    admin_html = admin_refused(
        client,
        users.jyj_clerk,
        "/admin/review/filing/add/",
        {"document": published.pk, "filed_on": "2024-11-16", "filed_with": "测试市人民政府"},
    )
    assert message in admin_html
    assert (Filing.objects.count(), events()) == before


@pytest.fixture
def filing(users, published):
    """Filed as filing_row() says: 备案报告、正式文本、合法性审查意见、制定依据, without the drafting explanation."""
    return services.file_document(
        actor=users.jyj_clerk,
        document=published,
        filed_on=FILED,
        filed_with="测试市人民政府",
        materials=materials("has_report", "has_text", "has_review_opinion", "has_basis"),
    )


def test_validate_filing_a_filing_result_is_not_dated_after_today(client, users, published, filing):
    message = future("结果日期")
    before = (Filing.objects.get(pk=filing.pk).result, events())
    with pytest.raises(ValidationError) as refused:
        services.record_filing_result(actor=users.justice, filing=filing, result="passed", result_on=TOMORROW)
    assert message in refused.value.messages
    result = imported(
        "filings", FILING_HEADERS, [filing_row(NUMBER, result="通过", result_on=TOMORROW)], users.justice
    )
    assert row_messages(result) == [message]
    html = page(
        client,
        users.justice,
        f"/documents/{published.pk}/filing/result/",
        {"result": "passed", "result_on": "2024-11-16"},
    )
    assert message in html
    filing.refresh_from_db()
    assert (filing.result, events()) == before


def test_validate_filing_a_correction_is_not_dated_after_today(client, users, published, filing):
    services.record_filing_result(
        actor=users.justice,
        filing=filing,
        result="correction",
        result_on=D(2024, 11, 1),
        correction_required="第三条超越权限",
    )
    message = future("纠正完成日期")
    before = events()
    with pytest.raises(ValidationError) as refused:
        services.record_correction(actor=users.jyj_clerk, filing=filing, corrected_on=TOMORROW)
    assert message in refused.value.messages
    row = filing_row(
        NUMBER, result="纠正", result_on=D(2024, 11, 1), correction="第三条超越权限", corrected=TOMORROW
    )
    assert row_messages(imported("filings", FILING_HEADERS, [row], users.jyj_clerk)) == [message]
    html = page(
        client,
        users.jyj_clerk,
        f"/documents/{published.pk}/filing/correction/",
        {"corrected_on": "2024-11-16"},
    )
    assert message in html
    filing.refresh_from_db()
    assert (filing.corrected_on, events()) == (None, before)


# Dates of clean-up and catalogs ---------------------------------------------------------------------------------


def test_validate_campaign_a_campaign_does_not_start_after_today(client, users, district):
    message = future("开始日期")
    before = (CleanupCampaign.objects.count(), events())
    with pytest.raises(ValidationError) as refused:
        services.create_campaign(
            actor=users.justice,
            name=CAMPAIGN,
            scope="涉企文件",
            organization=district.root,
            started_on=TOMORROW,
        )
    assert message in refused.value.messages
    data = {
        "name": CAMPAIGN,
        "scope": "涉企文件",
        "organization": district.root.pk,
        "started_on": "2024-11-16",
    }
    assert message in page(client, users.justice, "/documents/cleanup/", data)
    assert message in admin_refused(client, users.justice, "/admin/review/cleanupcampaign/add/", data)
    assert (CleanupCampaign.objects.count(), events()) == before


def test_validate_item_a_clean_up_outcome_is_not_decided_after_today(client, users, district):
    campaign = services.create_campaign(
        actor=users.justice,
        name=CAMPAIGN,
        scope="涉企文件",
        organization=district.root,
        started_on=D(2024, 10, 1),
    )
    item = services.add_item(
        actor=users.jyj_clerk, campaign=campaign, title="关于支持本地企业的通知", issuing_unit=district.jyj
    )
    message = future("确定日期")
    before = events()
    with pytest.raises(ValidationError) as refused:
        services.decide_item(actor=users.jyj_clerk, item=item, outcome="keep", decided_on=TOMORROW)
    assert message in refused.value.messages
    row = cleanup_row("关于支持本地企业的通知", outcome="保留", on=TOMORROW)
    assert row_messages(imported("cleanup_items", CLEANUP_HEADERS, [row], users.jyj_clerk)) == [message]
    html = page(
        client,
        users.jyj_clerk,
        f"/documents/cleanup/{campaign.pk}/items/{item.pk}/decide/",
        {"outcome": "keep", "decided_on": "2024-11-16"},
    )
    assert message in html
    item.refresh_from_db()
    assert (item.outcome, item.decided_on, events()) == ("", None, before)
    assert CleanupItem.objects.count() == 1


def test_validate_catalog_a_catalog_is_not_adopted_after_today(client, users, district):
    message = future("制定日期")
    before = (ReviewCatalog.objects.count(), events())
    with pytest.raises(ValidationError) as refused:
        services.adopt_catalog(
            actor=users.jyj_clerk,
            organization=district.jyj,
            title="教育局目录清单",
            adopted_on=TOMORROW,
            entries=[("contract", "以本局名义签订的合同")],
        )
    assert message in refused.value.messages
    result = imported(
        "review_catalog_entries", CATALOG_HEADERS, [entry_row("合同", on=TOMORROW)], users.jyj_clerk
    )
    assert row_messages(result) == [message]
    html = page(
        client,
        users.jyj_clerk,
        "/documents/catalogs/adopt/",
        {
            "organization": district.jyj.pk,
            "title": "教育局目录清单",
            "adopted_on": "2024-11-16",
            "entries_contract": "以本局名义签订的合同",
        },
    )
    assert message in html
    assert (ReviewCatalog.objects.count(), events()) == before


def test_validate_matter_a_matter_is_not_issued_after_today(client, users, district):
    message = future("印发或签订日期")
    before = (Matter.objects.count(), events())
    with pytest.raises(ValidationError) as refused:
        services.register_matter(
            actor=users.jyj_clerk,
            organization=district.jyj,
            subject_kind="contract",
            title="校舍维修合同",
            issued_on=TOMORROW,
        )
    assert message in refused.value.messages
    data = {
        "organization": district.jyj.pk,
        "subject_kind": "contract",
        "title": "校舍维修合同",
        "issued_on": "2024-11-16",
    }
    assert message in page(client, users.jyj_clerk, "/documents/catalogs/matters/", data)
    assert message in admin_refused(client, users.jyj_clerk, "/admin/review/matter/add/", data)
    assert (Matter.objects.count(), events()) == before


# Never deleted ---------------------------------------------------------------------------------------------------


def test_validate_document_deletable_an_issued_document_is_never_deleted(client, users, published):
    message = "“收费管理办法（测政规发〔2024〕1号）”已印发（有效），不能删除（可修改、废止或宣布失效）。"
    # by the service
    with pytest.raises(ValidationError) as caught:
        services.delete_document(actor=users.jyj_clerk, document=published)
    assert caught.value.messages == [message]
    # nor on the document's page
    client.force_login(users.jyj_clerk)
    response = client.post(f"/documents/{published.pk}/delete/")
    assert response.status_code == 400 and message in response.content.decode()
    # nor in admin, for anyone (the unit is turned away; the Justice Bureau and an administrator refused, the rule's
    # message on the refusal)
    url = f"/admin/review/normativedocument/{published.pk}/delete/"
    admin_closed(client.post(url, {"post": "yes"}))
    for user in (users.justice, users.admin):
        client.force_login(user)
        response = client.post(url, {"post": "yes"})
        assert response.status_code == 403 and message in response.content.decode()
    assert NormativeDocument.objects.filter(pk=published.pk).exists()


def test_validate_document_deletable_a_document_with_a_procedure_recorded_is_kept(client, users, district):
    document = register(users.jyj_clerk, district.jyj, "登记有误的文件", registered_on=D(2024, 11, 1))
    services.record_consultation(
        actor=users.jyj_clerk,
        document=document,
        started_on=D(2024, 11, 1),
        ended_on=D(2024, 11, 8),
        consulted="通过区政府网站向社会公开征求意见",
        summary="未收到意见。",
    )
    message = "“登记有误的文件”已有征求意见记录，该文件不能删除（可更正登记事项）。"
    before = events()
    with pytest.raises(ValidationError) as caught:
        services.delete_document(actor=users.jyj_clerk, document=document)
    assert caught.value.messages == [message]
    client.force_login(users.jyj_clerk)
    response = client.post(f"/documents/{document.pk}/delete/")
    assert response.status_code == 400 and message in response.content.decode()
    response = via_admin(client, users.justice).post(
        f"/admin/review/normativedocument/{document.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403 and message in response.content.decode()
    assert NormativeDocument.objects.filter(pk=document.pk).exists() and events() == before


def test_may_delete_document_a_registration_made_in_error_is_deleted_by_its_unit(users, district):
    document = register(users.jyj_clerk, district.jyj, "登记有误的文件", registered_on=D(2024, 11, 1))
    assert not rules.may_delete_document(users.scj_clerk, document)
    assert not rules.may_delete_document(users.leader, document)
    assert rules.may_delete_document(users.jyj_clerk, document)
    services.delete_document(actor=users.jyj_clerk, document=document)
    assert not NormativeDocument.objects.filter(pk=document.pk).exists()
    assert AuditEvent.objects.filter(action=AuditEvent.Action.DELETE, object_id=str(document.pk)).exists()


def test_may_delete_review_and_filing_never_in_admin(client, users, filing, published):
    review = published.legality_review
    client.force_login(users.admin)
    for url in (
        f"/admin/review/legalityreview/{review.pk}/delete/",
        f"/admin/review/filing/{filing.pk}/delete/",
    ):
        assert client.post(url, {"post": "yes"}).status_code == 403
    assert (
        LegalityReview.objects.filter(pk=review.pk).exists() and Filing.objects.filter(pk=filing.pk).exists()
    )


def test_validate_version_a_revised_draft_is_not_resubmitted_after_today(client, users, district):
    review = services.submit_review(
        actor=users.jyj_clerk,
        title="校舍维修工程施工合同",
        subject_kind="contract",
        organization=district.jyj,
        submitted_on=D(2024, 11, 4),
        text="合同文本",
    )
    services.give_opinion(
        actor=users.jyj_clerk,
        review=review,
        outcome="returned",
        reasons="请补充依据。",
        given_on=D(2024, 11, 5),
    )
    message = future("送审日期")
    before = (DraftVersion.objects.filter(review=review).count(), events())
    with pytest.raises(ValidationError) as refused:
        services.resubmit(actor=users.jyj_clerk, review=review, submitted_on=TOMORROW, text="第二稿")
    assert message in refused.value.messages
    html = page(
        client,
        users.jyj_clerk,
        f"/review/{review.pk}/resubmit/",
        {"submitted_on": "2024-11-16", "text": "第二稿"},
    )
    assert message in html
    review.refresh_from_db()
    assert (review.status, review.current_version) == (LegalityReview.Status.RETURNED, 1)
    assert (DraftVersion.objects.filter(review=review).count(), events()) == before


def test_validate_version_a_document_is_not_sent_for_review_after_today(client, users, district):
    document = register(users.jyj_clerk, district.jyj, "校外培训机构管理办法", registered_on=D(2024, 11, 1))
    message = future("送审日期")
    before = (LegalityReview.objects.count(), events())
    with pytest.raises(ValidationError) as refused:
        services.submit_document_for_review(
            actor=users.jyj_clerk, document=document, submitted_on=TOMORROW, text="送审稿"
        )
    assert message in refused.value.messages
    html = page(
        client,
        users.jyj_clerk,
        f"/documents/{document.pk}/review/",
        {"submitted_on": "2024-11-16", "text": "送审稿"},
    )
    assert message in html
    document.refresh_from_db()
    assert document.legality_review is None
    assert (LegalityReview.objects.count(), events()) == before


# Issue 15: what precedes issue, on every way in ---------------------------------------------------------------

FAIR_HEADERS = [
    "文件记录编号",
    "文件名称",
    "审查人（起草单位）",
    "审查日期",
    "审查结论",
    "审查结论说明",
    "市场监督管理部门",
    "市场监督管理部门审查意见",
    "市场监督管理部门意见日期",
]
CONSULTATION_HEADERS = [
    "文件记录编号",
    "文件名称",
    "征求意见开始日期",
    "征求意见截止日期",
    "征求意见对象和方式",
    "意见采纳情况",
]
DELIBERATION_HEADERS = ["文件记录编号", "文件名称", "审议日期", "审议会议", "审议结论"]
REGULATOR_MESSAGE = (
    "拟由区人民政府出台的政策措施，由市场监督管理部门会同起草单位开展公平竞争审查，"
    "须记录市场监督管理部门的审查意见及日期（公平竞争审查条例第十四条）。"
)


def api_post(client, user, url, data, *, status=400, json=True) -> str:
    client.force_login(user)
    if json:
        response = client.post(url, data, content_type="application/json")
    else:
        response = client.post(url, data)
    assert response.status_code == status, (response.status_code, response.content.decode()[:300])
    return response.content.decode()


def procedure_records(document) -> tuple:
    return (
        document.fair_competition_reviews.count(),
        document.consultations.count(),
        document.deliberations.count(),
        document.revised_texts.count(),
        events(),
    )


def reviewed_document(users, organization, title, *, actor, market=False, opinion="lawful"):
    """Registered 2024-10-08, sent 2024-10-09, the final opinion given 2024-11-01; not issued."""
    document = register(actor, organization, title, registered_on=D(2024, 10, 8), market_related=market)
    review = services.submit_document_for_review(
        actor=actor, document=document, submitted_on=D(2024, 10, 9), text=f"{title}（送审稿）"
    )
    pass_review(review, justice=users.justice, concluded_on=D(2024, 11, 1), opinion=opinion)
    document.refresh_from_db()
    return document


def test_needs_regulator_opinion_the_district_governments_measure_on_every_way_in(client, users, district):
    # given a measure the district government itself issues that involves market activity (条例第十四条)
    document = reviewed_document(
        users, district.root, "促进民营经济发展若干措施", actor=users.justice, market=True
    )
    before = procedure_records(document)
    entered = {
        "reviewer_name": "区发改局 王芳",
        "reviewed_on": "2024-11-04",
        "conclusion": "compliant",
    }
    # when its fair-competition review is entered without the market regulator's opinion, by the service
    with pytest.raises(ValidationError) as refused:
        services.record_fair_competition_review(
            actor=users.justice,
            document=document,
            reviewer_name="区发改局 王芳",
            reviewed_on=D(2024, 11, 4),
            conclusion="compliant",
        )
    assert refused.value.message_dict["regulator_opinion"] == [REGULATOR_MESSAGE]
    # the ledger
    row = [
        document.pk,
        "",
        "区发改局 王芳",
        D(2024, 11, 4),
        "不含排除、限制竞争内容，可以出台",
        "",
        "",
        "",
        "",
    ]
    assert row_messages(imported("fair_competition_reviews", FAIR_HEADERS, [row], users.justice)) == [
        REGULATOR_MESSAGE
    ]
    # the page, the API and admin
    assert REGULATOR_MESSAGE in page(
        client, users.justice, f"/documents/{document.pk}/fair-competition/", entered
    )
    assert REGULATOR_MESSAGE in api_post(
        client, users.justice, f"/api/review/documents/{document.pk}/fair-competition/", entered
    )
    assert REGULATOR_MESSAGE in admin_refused(
        client,
        users.justice,
        "/admin/review/faircompetitionreview/add/",
        {"document": document.pk, **entered},
    )
    # then nothing is recorded
    assert procedure_records(document) == before
    # and with the regulator's opinion the page records it
    page(
        client,
        users.justice,
        f"/documents/{document.pk}/fair-competition/",
        {
            **entered,
            "regulator_name": "测试区市场监督管理局",
            "regulator_opinion": "经会同审查，未发现排除、限制竞争内容。",
            "regulator_opinion_on": "2024-11-06",
        },
        status=302,
    )
    recorded = document.fair_competition_reviews.get()
    assert (recorded.regulator_opinion_on, recorded.recorded_by) == (D(2024, 11, 6), users.justice)


def test_validate_consultation_a_consultation_does_not_end_after_today_on_every_way_in(
    client, users, district
):
    document = reviewed_document(users, district.jyj, "中小学课后服务管理办法", actor=users.jyj_clerk)
    before = procedure_records(document)
    message = future("征求意见截止日期")
    entered = {
        "started_on": "2024-11-01",
        "ended_on": "2024-11-16",
        "consulted": "通过区政府网站向社会公开征求意见",
        "summary": "收到意见2条，采纳1条。",
    }
    with pytest.raises(ValidationError) as refused:
        services.record_consultation(
            actor=users.jyj_clerk,
            document=document,
            started_on=D(2024, 11, 1),
            ended_on=TOMORROW,
            consulted="通过区政府网站向社会公开征求意见",
            summary="收到意见2条，采纳1条。",
        )
    assert refused.value.messages == [message]
    row = [
        document.pk,
        "",
        D(2024, 11, 1),
        TOMORROW,
        "通过区政府网站向社会公开征求意见",
        "收到意见2条，采纳1条。",
    ]
    assert row_messages(imported("consultations", CONSULTATION_HEADERS, [row], users.jyj_clerk)) == [message]
    assert message in page(client, users.jyj_clerk, f"/documents/{document.pk}/consultations/", entered)
    assert message in api_post(
        client, users.jyj_clerk, f"/api/review/documents/{document.pk}/consultations/", entered
    )
    assert message in admin_refused(
        client, users.jyj_clerk, "/admin/review/consultation/add/", {"document": document.pk, **entered}
    )
    assert procedure_records(document) == before


def test_validate_procedures_before_issue_a_consultation_ending_after_signing_on_every_way_in(
    client, users, district
):
    # given a reviewed document whose consultation ended on 14 November and deliberation was held on the 12th
    document = reviewed_document(users, district.jyj, "中小学课后服务管理办法", actor=users.jyj_clerk)
    procedures_done(document, clerk=users.jyj_clerk, on=D(2024, 11, 12))
    document.consultations.update(ended_on=D(2024, 11, 14))
    message = "征求意见截止日期（2024-11-14）不能晚于签发日期。"
    issue = {"signed_on": "2024-11-12", "published_on": "2024-11-12", "effective_on": "2024-12-01"}
    before = (document.status, events())
    # when it is issued as signed on the 12th: refused by the service, the page and the API
    with pytest.raises(ValidationError) as refused:
        services.issue_document(
            actor=users.jyj_clerk,
            document=document,
            signed_on=D(2024, 11, 12),
            published_on=D(2024, 11, 12),
            effective_on=D(2024, 12, 1),
        )
    assert refused.value.message_dict["signed_on"] == [message]
    assert message in page(client, users.jyj_clerk, f"/documents/{document.pk}/issue/", issue)
    assert message in api_post(client, users.jyj_clerk, f"/api/review/documents/{document.pk}/issue/", issue)
    # and the ledgers and admin never issue: a consultation entered after issue is refused there
    document.refresh_from_db()
    assert (document.status, events()) == before and document.number == ""
    services.issue_document(
        actor=users.jyj_clerk,
        document=document,
        signed_on=D(2024, 11, 14),
        published_on=D(2024, 11, 14),
        effective_on=D(2024, 12, 1),
    )
    late = "文件已有效，不能再登记征求意见。"
    row = [document.pk, "", D(2024, 11, 1), D(2024, 11, 15), "通过区政府网站向社会公开征求意见", "无意见。"]
    assert row_messages(imported("consultations", CONSULTATION_HEADERS, [row], users.jyj_clerk)) == [late]
    entered = {
        "started_on": "2024-11-01",
        "ended_on": "2024-11-15",
        "consulted": "通过区政府网站向社会公开征求意见",
        "summary": "无意见。",
    }
    assert late in page(client, users.jyj_clerk, f"/documents/{document.pk}/consultations/", entered)
    assert late in api_post(
        client, users.jyj_clerk, f"/api/review/documents/{document.pk}/consultations/", entered
    )
    assert document.consultations.count() == 1


def test_validate_deliberation_not_before_the_legality_review_on_every_way_in(client, users, district):
    document = reviewed_document(users, district.jyj, "中小学课后服务管理办法", actor=users.jyj_clerk)
    before = procedure_records(document)
    message = "集体审议日期不能早于合法性审查终审意见的出具日期（2024-11-01）。"
    entered = {"held_on": "2024-10-30", "body": "教育局局务会", "summary": "审议通过。"}
    with pytest.raises(ValidationError) as refused:
        services.record_deliberation(
            actor=users.jyj_clerk,
            document=document,
            held_on=D(2024, 10, 30),
            body="教育局局务会",
            summary="审议通过。",
        )
    assert refused.value.messages == [message]
    row = [document.pk, "", D(2024, 10, 30), "教育局局务会", "审议通过。"]
    assert row_messages(imported("deliberations", DELIBERATION_HEADERS, [row], users.jyj_clerk)) == [message]
    assert message in page(client, users.jyj_clerk, f"/documents/{document.pk}/deliberations/", entered)
    assert message in api_post(
        client, users.jyj_clerk, f"/api/review/documents/{document.pk}/deliberations/", entered
    )
    assert message in admin_refused(
        client, users.jyj_clerk, "/admin/review/deliberation/add/", {"document": document.pk, **entered}
    )
    assert procedure_records(document) == before


def test_validate_revised_text_only_after_a_lawful_after_revision_opinion_on_every_way_in(
    client, users, district
):
    # given a document found lawful as drafted: no revised text is uploaded for it
    document = reviewed_document(users, district.jyj, "中小学课后服务管理办法", actor=users.jyj_clerk)
    before = procedure_records(document)
    message = "合法性审查意见不是“修改后合法”，无须上传修改后文本。"

    def upload():
        return {"file": ContentFile("修改稿".encode(), name="修改稿.docx"), "submitted_on": "2024-11-04"}

    with pytest.raises(ValidationError) as refused:
        services.upload_revised_text(
            actor=users.jyj_clerk,
            document=document,
            file=ContentFile("修改稿".encode(), name="修改稿.docx"),
            submitted_on=D(2024, 11, 4),
        )
    assert refused.value.messages == [message]
    assert message in page(client, users.jyj_clerk, f"/documents/{document.pk}/revised-text/", upload())
    assert message in api_post(
        client, users.jyj_clerk, f"/api/review/documents/{document.pk}/revised-text/", upload(), json=False
    )
    assert message in admin_refused(
        client, users.jyj_clerk, "/admin/review/revisedtext/add/", {"document": document.pk, **upload()}
    )
    assert procedure_records(document) == before


def test_revised_text_given_uploaded_on_the_page_then_issued_through_the_api(client, users, district):
    document = reviewed_document(
        users,
        district.jyj,
        "校外培训机构收费管理办法",
        actor=users.jyj_clerk,
        opinion="lawful_after_revision",
    )
    procedures_done(document, clerk=users.jyj_clerk, on=D(2024, 11, 5))
    issue = {"signed_on": "2024-11-12", "published_on": "2024-11-12", "effective_on": "2024-12-01"}
    assert rules.revised_text_given.message in api_post(
        client, users.jyj_clerk, f"/api/review/documents/{document.pk}/issue/", issue
    )
    page(
        client,
        users.jyj_clerk,
        f"/documents/{document.pk}/revised-text/",
        {
            "file": ContentFile("第三条 删除“本地企业优先”。".encode(), name="修改稿.docx"),
            "submitted_on": "2024-11-04",
        },
        status=302,
    )
    body = api_post(client, users.jyj_clerk, f"/api/review/documents/{document.pk}/issue/", issue, status=200)
    assert '"number":"测政规发〔2024〕1号"' in body.replace(" ", "")
    assert document.revised_texts.get().original_name == "修改稿.docx"


def test_may_record_substitution_the_drafting_unit_is_refused_on_every_way_in(
    client, users, district, at_advisor_level
):
    from tests import factories

    review = at_advisor_level
    substitute = factories.user("legal_advisor", district.sfj, username="advisor-2")
    message = rules.SUBSTITUTION_REFUSED
    before = (review.substitutions.count(), advisor_level_state(review))
    entered = {"substitute": substitute.pk, "substituted_on": "2024-11-06", "reason": "回避"}
    with pytest.raises(PermissionDenied, match=message):
        services.substitute_advisor(
            actor=users.jyj_clerk,
            review=review,
            substitute=substitute,
            substituted_on=D(2024, 11, 6),
            reason="回避",
        )
    client.force_login(users.jyj_clerk)
    response = client.post(f"/review/{review.pk}/advisor/", entered)
    assert response.status_code == 403 and message in response.content.decode()
    assert message in api_post(
        client, users.jyj_clerk, f"/api/review/reviews/{review.pk}/substitution/", entered, status=403
    )
    # admin is the platform administrators' only: the drafting unit is turned away there
    admin_closed(client.post("/admin/review/advisorsubstitution/add/", {"review": review.pk, **entered}))
    assert (review.substitutions.count(), advisor_level_state(review)) == before
    # the Justice Bureau records it on the page, and the substitute alone gives the advisor's opinion
    client.force_login(users.justice)
    assert client.post(f"/review/{review.pk}/advisor/", entered).status_code == 302
    review.refresh_from_db()
    assert review.advisor_user == substitute
    # the advisor replaced no longer reaches the review
    assert "该合法性审查不存在或不在您的范围内。" in api_post(
        client,
        users.advisor,
        f"/api/review/reviews/{review.pk}/opinions/",
        {"level": "advisor", "outcome": "lawful", "given_on": "2024-11-07"},
        status=404,
    )
    api_post(
        client,
        substitute,
        f"/api/review/reviews/{review.pk}/opinions/",
        {"level": "advisor", "outcome": "lawful", "given_on": "2024-11-07"},
        status=201,
    )
    assert LevelOpinion.objects.get(review=review, level="advisor").reviewer == substitute


def test_validate_body_a_departments_document_is_not_filed_with_the_standing_committee_on_every_way_in(
    client, users, published
):
    message = "只有区人民政府制定的规范性文件报送区人大常委会备案（监督法第三十九条：本级人民政府制定的规范性文件）。"
    before = (Filing.objects.count(), events())
    with pytest.raises(ValidationError) as refused:
        services.file_document(
            actor=users.jyj_clerk,
            document=published,
            filed_on=D(2024, 9, 20),
            filed_with="测试区人大常委会",
            body="congress",
        )
    assert refused.value.messages == [message]
    row = filing_row(NUMBER)
    row[FILING_HEADERS.index("备案机关类别")] = "本级人民代表大会常务委员会"
    assert row_messages(imported("filings", FILING_HEADERS, [row], users.jyj_clerk)) == [message]
    entered = {"body": "congress", "filed_on": "2024-09-20", "filed_with": "测试区人大常委会"}
    assert message in page(client, users.jyj_clerk, f"/documents/{published.pk}/filing/", entered)
    assert message in api_post(
        client, users.jyj_clerk, f"/api/review/documents/{published.pk}/filings/", entered
    )
    assert message in admin_refused(
        client, users.jyj_clerk, "/admin/review/filing/add/", {"document": published.pk, **entered}
    )
    assert (Filing.objects.count(), events()) == before
