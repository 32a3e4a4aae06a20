"""The decisions admin (数据管理, the platform's administrators only): lists scoped by district, saves through the
decisions services (the comment period's end computed, the collective-discussion rule kept, the audit trail written),
workflow states read-only; the unit clerks and legal advisors are turned away and work on the pages."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.models import (
    AdvisorReview,
    CollectiveDiscussion,
    Decision,
    DecisionCatalog,
    DecisionDocument,
    LegalAdvisor,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)

from ...admin_way_in import admin_closed, administrator
from ..conftest import retain_firm

D = dt.date


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def advisor(users, district):
    return retain_firm(users, district, district.jyj, district.scj)


@pytest.fixture
def reviews(users, district, advisor):
    def record(actor, unit, subject):
        return services.record_advisor_review(
            actor=actor,
            advisor=advisor,
            organization=unit,
            subject=subject,
            subject_kind=AdvisorReview.SubjectKind.CONTRACT,
            received_on=D(2024, 3, 4),
        )

    return {
        "jyj": record(users.jyj_clerk, district.jyj, "教育局校舍维修合同"),
        "scj": record(users.scj_clerk, district.scj, "市场局摊位租赁合同"),
    }


# Lists ----------------------------------------------------------------------------------------------------------


def test_the_admin_decision_list_shows_only_the_administrators_district(
    client, users, decision, market_decision
):
    html = administrator(users.justice).get("/admin/decisions/decision/").content.decode()
    assert "中小学布局调整" in html and "农贸市场改造" in html

    html = administrator(users.other_justice).get("/admin/decisions/decision/").content.decode()
    assert "中小学布局调整" not in html and "农贸市场改造" not in html

    # and the unit's clerk, who works on the decisions pages, is turned away
    admin_closed(login(client, users.jyj_clerk).get("/admin/decisions/decision/"))


def test_no_one_opens_or_changes_a_decision_outside_their_scope_in_admin(
    client, users, decision, market_decision
):
    url = f"/admin/decisions/decision/{market_decision.pk}/change/"
    other = administrator(users.other_justice)

    assert other.get(url).status_code in (302, 403, 404)
    other.post(url, {"title": "越权修改", "registered_on": "2024-03-12"})
    admin_closed(
        login(client, users.jyj_clerk).post(url, {"title": "越权修改", "registered_on": "2024-03-12"})
    )

    assert Decision.objects.get(pk=market_decision.pk).title == "农贸市场改造"


def test_the_admin_advisor_review_list_shows_only_the_administrators_district(client, users, reviews):
    html = administrator(users.justice).get("/admin/decisions/advisorreview/").content.decode()
    assert "教育局校舍维修合同" in html and "市场局摊位租赁合同" in html

    html = administrator(users.other_justice).get("/admin/decisions/advisorreview/").content.decode()
    assert "教育局校舍维修合同" not in html and "市场局摊位租赁合同" not in html


def test_legal_advisors_review_list_shows_the_reviews_assigned_to_them(client, users, district, reviews):
    # given a review of another advisor
    other = services.create_advisor(
        actor=users.justice,
        name="王律师",
        kind=LegalAdvisor.Kind.PERSON,
        organization=district.root,
        contract_start=D(2024, 1, 1),
        contract_end=D(2024, 12, 31),
    )
    services.record_advisor_review(
        actor=users.jyj_clerk,
        advisor=other,
        organization=district.jyj,
        subject="他人审查的合同",
        subject_kind="contract",
        received_on=D(2024, 3, 5),
    )

    # the advisor works on its page (decisions:advisor), not in admin
    login(client, users.advisor)
    admin_closed(client.get("/admin/decisions/advisorreview/"))
    html = client.get(f"/decisions/advisors/{reviews['jyj'].advisor_id}/").content.decode()

    assert "教育局校舍维修合同" in html and "市场局摊位租赁合同" in html
    assert client.get(f"/decisions/advisors/{other.pk}/").status_code == 404
    # and the advisor, who registers no work in a unit's name, is not offered the form to register it
    assert "<summary>登记审查事项" not in html


def test_review_forms_offer_only_the_advisors_the_user_may_see(client, users, district, advisor):
    services.create_advisor(
        actor=users.other_justice,
        name="邻区律所",
        kind=LegalAdvisor.Kind.LAW_FIRM,
        organization=district.other_dept,
        contract_start=D(2024, 1, 1),
        contract_end=D(2024, 12, 31),
    )
    services.create_advisor(
        actor=users.justice,
        name="只服务莲花镇的律所",
        kind=LegalAdvisor.Kind.LAW_FIRM,
        organization=district.root,
        contract_start=D(2024, 1, 1),
        contract_end=D(2024, 12, 31),
        units_served=[district.town],
    )

    # the Justice Bureau's administrator: the district's advisors, not the other district's
    html = administrator(users.justice).get("/admin/decisions/advisorreview/add/").content.decode()
    assert "宁夏明理律师事务所" in html and "只服务莲花镇的律所" in html
    assert "邻区律所" not in html

    # the education bureau's clerk, on the directory where it records reviews: only the advisors serving its unit
    html = login(client, users.jyj_clerk).get("/decisions/advisors/").content.decode()
    assert "宁夏明理律师事务所" in html
    assert "邻区律所" not in html and "只服务莲花镇的律所" not in html


def test_export_action_of_the_review_list_gives_the_ledger(client, users, district, reviews):
    form = {"action": "export_ledger", "_selected_action": [r.pk for r in reviews.values()]}
    # a review of the other district, selected with them
    other = services.create_advisor(
        actor=users.other_justice,
        name="邻区律所",
        kind=LegalAdvisor.Kind.LAW_FIRM,
        organization=district.other_dept,
        contract_start=D(2024, 1, 1),
        contract_end=D(2024, 12, 31),
    )
    theirs = services.record_advisor_review(
        actor=users.other_justice,
        advisor=other,
        organization=district.other_dept,
        subject="邻区租赁合同",
        subject_kind=AdvisorReview.SubjectKind.CONTRACT,
        received_on=D(2024, 3, 4),
    )
    form["_selected_action"].append(theirs.pk)

    response = administrator(users.justice).post("/admin/decisions/advisorreview/", form)

    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("记录编号", "法律顾问", "委托单位代码", "审查事项")
    # the other district's, though selected, is not seen
    assert sorted(r[3] for r in rows[1:]) == ["市场局摊位租赁合同", "教育局校舍维修合同"]
    admin_closed(login(client, users.jyj_clerk).post("/admin/decisions/advisorreview/", form))


# Procedure records ---------------------------------------------------------------------------------------------


def participation_form(**fields) -> dict:
    return {
        "applicable": "on",
        "not_applicable_reason": "",
        "started_on": "",
        "completed_on": "",
        "notes": "",
        "methods": "",
        "period_days": "",
        "shorter_period_reason": "",
        **fields,
    }


def test_saving_public_participation_in_admin_computes_the_period_end_and_is_audited(client, users, decision):
    # given a started decision of the education bureau
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    record = PublicParticipation.objects.get(decision=decision)

    # when the Justice Bureau's administrator enters a 30-day comment period from 1 April 2024 in the admin
    response = administrator(users.justice).post(
        f"/admin/decisions/publicparticipation/{record.pk}/change/",
        participation_form(methods="网上征求意见", started_on="2024-04-01", period_days="30"),
    )

    # then the period ends on 6 May: 1 May falls in the Labour Day holiday (1–5 May), so it moves to the next working day
    assert response.status_code == 302, response.content.decode()[:2000]
    record.refresh_from_db()
    assert (record.methods, record.period_days, record.period_ends_on) == ("网上征求意见", 30, D(2024, 5, 6))
    assert "劳动节" in record.period_explanation
    # and one audit event holds the change, by the administrator, from the admin's address
    event = AuditEvent.objects.get(
        model_label="decisions.publicparticipation", object_id=str(record.pk), action="update"
    )
    assert event.actor_id == users.justice.pk and event.source_ip == "127.0.0.1"
    assert event.changes["period_ends_on"] == [None, "2024-05-06"]
    assert event.changes["started_on"] == [None, "2024-04-01"]


def test_comment_period_end_cannot_be_typed_in_admin(client, users, decision):
    record = PublicParticipation.objects.get(decision=decision)

    administrator(users.justice).post(
        f"/admin/decisions/publicparticipation/{record.pk}/change/",
        participation_form(period_ends_on="2024-04-02", period_explanation="手填"),
    )

    record.refresh_from_db()
    assert (record.period_ends_on, record.period_explanation) == (None, "")


def test_admin_refuses_collective_discussion_before_the_legality_review(client, users, decision):
    record = CollectiveDiscussion.objects.get(decision=decision)
    before = AuditEvent.objects.count()

    form = {
        "applicable": "on",
        "started_on": "2024-06-12",
        "meeting_kind": "executive",
        "meeting_name": "区政府第12次常务会议",
    }
    url = f"/admin/decisions/collectivediscussion/{record.pk}/change/"
    admin_closed(login(client, users.jyj_clerk).post(url, form))
    response = administrator(users.justice).post(url, form)

    assert response.status_code == 400
    assert "未经合法性审查或者经审查不合法的，不得提交集体讨论" in response.content.decode()
    record.refresh_from_db()
    assert (record.started_on, record.meeting_name) == (None, "")
    assert AuditEvent.objects.count() == before


def test_marking_a_procedure_inapplicable_in_admin_needs_the_legal_reason(client, users, decision):
    record = RiskAssessment.objects.get(decision=decision)
    url = f"/admin/decisions/riskassessment/{record.pk}/change/"
    client = administrator(users.justice)

    refused = client.post(url, {"not_applicable_reason": "", "level": ""})
    assert refused.status_code == 400 and "标为不适用须写明理由及法律依据" in refused.content.decode()
    assert RiskAssessment.objects.get(pk=record.pk).applicable is True

    client.post(url, {"not_applicable_reason": "不涉及社会稳定风险（条例第二十二条）", "level": ""})
    record.refresh_from_db()
    assert record.applicable is False and record.settled


def test_procedure_records_are_neither_added_nor_deleted_in_admin(client, users, decision):
    record = PublicParticipation.objects.get(decision=decision)
    client = administrator(users.justice)

    assert client.get("/admin/decisions/publicparticipation/add/").status_code == 403
    client.post(f"/admin/decisions/publicparticipation/{record.pk}/delete/", {"post": "yes"})

    assert PublicParticipation.objects.filter(pk=record.pk).exists()


# Decisions and catalogs ----------------------------------------------------------------------------------------


def test_registering_a_decision_in_admin_creates_the_record_of_every_procedure(client, users, district):
    response = administrator(users.justice).post(
        "/admin/decisions/decision/add/",
        {
            "title": "课后服务收费标准调整",
            "organization": district.jyj.pk,
            "decision_body": district.root.pk,
            "outside_catalog_reason": "年中根据上级部署新增",
            "registered_on": "2024-07-01",
            "summary": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    decision = Decision.objects.get(title="课后服务收费标准调整")
    assert decision.status == Decision.Status.REGISTERED
    assert PublicParticipation.objects.filter(decision=decision).exists()
    assert CollectiveDiscussion.objects.filter(decision=decision).exists()
    assert AuditEvent.objects.filter(
        model_label="decisions.decision",
        object_id=str(decision.pk),
        action="create",
        actor_id=users.justice.pk,
    ).exists()


def test_a_decisions_state_is_read_only_in_admin(client, users, decision):
    response = administrator(users.justice).post(
        f"/admin/decisions/decision/{decision.pk}/change/",
        {
            "title": "中小学布局调整（修订）",
            "organization": decision.organization_id,
            "decision_body": decision.decision_body_id,
            "catalog_item": decision.catalog_item_id,
            "outside_catalog_reason": "",
            "summary": "",
            "registered_on": "2024-03-10",
            "status": Decision.Status.ARCHIVED,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    decision.refresh_from_db()
    assert decision.title == "中小学布局调整（修订）"
    assert decision.status == Decision.Status.REGISTERED
    event = AuditEvent.objects.get(
        model_label="decisions.decision", object_id=str(decision.pk), action="update"
    )
    assert event.changes == {"title": ["中小学布局调整", "中小学布局调整（修订）"]}


def test_a_catalogs_state_is_read_only_in_admin(client, users, district):
    catalog = services.create_catalog(actor=users.justice, year=2025, organization=district.root)

    login(client, users.justice).post(
        f"/admin/decisions/decisioncatalog/{catalog.pk}/change/",
        {
            "year": 2025,
            "organization": district.root.pk,
            "title": catalog.title,
            "status": DecisionCatalog.Status.PUBLISHED,
            "published_on": "2025-03-01",
        },
    )

    catalog.refresh_from_db()
    assert (catalog.status, catalog.published_on) == (DecisionCatalog.Status.DRAFT, None)


def test_an_item_of_an_approved_catalog_cannot_be_changed_in_admin(client, users, district, catalog):
    item = catalog.items.get(title="中小学布局调整")

    response = login(client, users.justice).post(
        f"/admin/decisions/catalogitem/{item.pk}/change/",
        {
            "catalog": catalog.pk,
            "title": "改名的事项",
            "lead_unit": district.jyj.pk,
            "planned_time": "2024年第四季度",
            "planned_by": "2024-12-31",
            "sort_order": 1,
        },
    )

    assert response.status_code == 403
    item.refresh_from_db()
    assert (item.title, item.planned_time) == ("中小学布局调整", "2024年第三季度")


def test_adding_an_item_in_admin_goes_through_the_service_and_only_to_a_draft_catalog(
    client, users, district, catalog
):
    draft = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    login(client, users.justice)
    form = {
        "title": "老旧小区改造",
        "lead_unit": district.jyj.pk,
        "planned_time": "2025年第三季度",
        "planned_by": "2025-09-30",
        "sort_order": 1,
    }

    published = client.post("/admin/decisions/catalogitem/add/", {**form, "catalog": catalog.pk})
    added = client.post("/admin/decisions/catalogitem/add/", {**form, "catalog": draft.pk})

    assert published.status_code == 400  # refused: the published catalog is not among the choices
    assert not catalog.items.filter(title="老旧小区改造").exists()
    assert added.status_code == 302, added.content.decode()[:2000]
    item = draft.items.get(title="老旧小区改造")
    assert AuditEvent.objects.filter(
        model_label="decisions.catalogitem", object_id=str(item.pk), action="create"
    ).exists()


def test_history_of_a_decision_in_admin_shows_its_audit_trail(client, users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")

    html = (
        administrator(users.justice).get(f"/admin/decisions/decision/{decision.pk}/history/").content.decode()
    )

    assert "启动决策程序" in html


def test_a_document_uploaded_in_admin_keeps_its_hash_and_cannot_be_changed(
    client, users, decision, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = administrator(users.justice)
    upload = SimpleUploadedFile("会议纪要.pdf", b"%PDF-1.4 minutes", content_type="application/pdf")

    response = client.post(
        "/admin/decisions/decisiondocument/add/",
        {"decision": decision.pk, "procedure": "collective_discussion", "title": "", "file": upload},
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    document = DecisionDocument.objects.get(decision=decision)
    assert document.sha256 == hashlib.sha256(b"%PDF-1.4 minutes").hexdigest()
    assert (document.title, document.uploaded_by) == ("会议纪要.pdf", users.justice)
    client.post(
        f"/admin/decisions/decisiondocument/{document.pk}/change/",
        {"decision": decision.pk, "procedure": "legality_review", "title": "改名"},
    )
    document.refresh_from_db()
    assert (document.procedure, document.title) == ("collective_discussion", "会议纪要.pdf")


def test_answering_a_public_comment_in_admin_goes_through_the_service(client, users, decision):
    comment = services.add_public_comment(
        actor=users.jyj_clerk, decision=decision, received_on=D(2024, 4, 10), content="建议保留村小"
    )
    url = f"/admin/decisions/publiccomment/{comment.pk}/change/"
    form = {
        "participation": comment.participation_id,
        "received_on": "2024-04-10",
        "commenter": "",
        "content": "建议保留村小",
        "response": "部分采纳：保留两所教学点",
        "adopted": "true",
    }
    client = administrator(users.justice)

    # an answer dated before the comment was received is refused by the rule (rules.validate_public_comment),
    # already when the admin form validates the record
    refused = client.post(url, {**form, "answered_on": "2024-04-01"})
    assert refused.status_code in (200, 400) and "反馈日期不能早于收到日期" in refused.content.decode()
    assert PublicComment.objects.get(pk=comment.pk).response == ""

    answered = client.post(url, {**form, "answered_on": "2024-05-08"})
    assert answered.status_code == 302, answered.content.decode()[:2000]
    comment.refresh_from_db()
    assert comment.answered and comment.adopted is True
