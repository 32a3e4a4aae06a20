"""Ways in of the decisions rules: the same bad input through the service, the ledger import, the API, the page
and admin is refused with the same Chinese message, and nothing changes. A way in that does not exist for a rule
(no ledger of decisions, no API of catalogs or advisors) is left out; admin fields a transition sets are read-only."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from openpyxl import Workbook

from fazhi.core import clock
from fazhi.core.io.ledgers import run_import
from fazhi.core.models import AuditEvent
from fazhi.core.rules import happened_message
from fazhi.decisions import services
from fazhi.decisions.models import (
    AdvisorAttendance,
    AdvisorReview,
    CatalogItem,
    Decision,
    DecisionCatalog,
    PublicComment,
)

from ...admin_way_in import administrator, via_admin
from ..conftest import FIRM, register_outside_catalog, walk

D = dt.date
TODAY = D(2024, 9, 2)
TOMORROW = D(2024, 9, 3)


@pytest.fixture(autouse=True)
def on_today():
    clock.freeze(TODAY)


def future(label: str) -> str:
    return happened_message(label, TODAY)


def xlsx(headers: list, rows: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def ledger_refuses(code: str, headers: list, rows: list[list], actor, message: str) -> None:
    result = run_import(code, content=xlsx(headers, rows), filename="x.xlsx", actor=actor, dry_run=False)
    assert not result.imported
    assert message in [e.message for e in result.errors], result.errors


def page_refuses(response, message: str) -> None:
    assert 400 <= response.status_code < 500, response.status_code
    assert message in response.content.decode()


def api_refuses(response, message: str) -> None:
    assert 400 <= response.status_code < 500, response.status_code
    assert message in json.dumps(response.json(), ensure_ascii=False)


def admin_refuses(response, message: str) -> None:
    # The admin form shows a rule that model.clean() calls on the form (200); a service refusal is a 400 page.
    assert response.status_code in (200, 400), response.status_code
    assert message in response.content.decode()


def service_refuses(call, message: str, error=ValidationError) -> None:
    with pytest.raises(error) as caught:
        call()
    text = str(caught.value) if error is PermissionDenied else " ".join(caught.value.messages)
    assert message in text


def counts(*models) -> tuple:
    return (*(m.objects.count() for m in models), AuditEvent.objects.count())


def as_user(client, user):
    client.force_login(user)
    return client


# Decisions ---------------------------------------------------------------------------------------------------------


def test_validate_decision_registered_on_is_not_after_today(client, users, district):
    # given a registration dated tomorrow, outside the catalog
    message = future("立项日期")
    before = counts(Decision)
    fields = {"title": "课后服务收费标准调整", "outside_catalog_reason": "年中新增"}

    # when it comes in by the service, the API, the page and admin, then each refuses it alike
    service_refuses(
        lambda: services.register_decision(
            actor=users.jyj_clerk,
            organization=district.jyj,
            decision_body=district.root,
            registered_on=TOMORROW,
            **fields,
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    api_refuses(
        client.post(
            "/api/decisions/",
            {**fields, "organization": "T-JYJ", "decision_body": "T", "registered_on": "2024-09-03"},
            content_type="application/json",
        ),
        message,
    )
    form = {
        **fields,
        "organization": district.jyj.pk,
        "decision_body": district.root.pk,
        "registered_on": "2024-09-03",
        "summary": "",
    }
    page_refuses(client.post("/decisions/", form), message)
    admin_refuses(via_admin(client, users.justice).post("/admin/decisions/decision/add/", form), message)
    assert counts(Decision) == before


def test_validate_decision_body_is_the_district_government_or_a_unit_of_the_user(client, users, district):
    # given the education bureau's clerk naming the market regulator as decision body
    message = f"“{district.scj}”不能作为您登记的决策的决策机关：应为本区人民政府或您所在的单位。"
    before = counts(Decision)
    fields = {"title": "课后服务收费标准调整", "outside_catalog_reason": "年中新增"}

    service_refuses(
        lambda: services.register_decision(
            actor=users.jyj_clerk,
            organization=district.jyj,
            decision_body=district.scj,
            registered_on=D(2024, 7, 1),
            **fields,
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    api_refuses(
        client.post(
            "/api/decisions/",
            {**fields, "organization": "T-JYJ", "decision_body": "T-SCJ", "registered_on": "2024-07-01"},
            content_type="application/json",
        ),
        message,
    )
    form = {
        **fields,
        "organization": district.jyj.pk,
        "decision_body": district.scj.pk,
        "registered_on": "2024-07-01",
        "summary": "",
    }
    page_refuses(client.post("/decisions/", form), message)
    # the admin way in: the other district's administrator names the market regulator (the Justice Bureau's
    # administrator of this district may name it), and the clerk is turned away
    admin_refuses(
        via_admin(client, users.other_justice).post(
            "/admin/decisions/decision/add/", {**form, "organization": district.other_dept.pk}
        ),
        message,
    )
    assert counts(Decision) == before


def test_validate_decision_body_refuses_a_correction_naming_another_unit(client, users, district, decision):
    # given the registered decision (and one of the other district's, for its administrator in admin) corrected to
    # name the market regulator as decision body
    message = f"“{district.scj}”不能作为您登记的决策的决策机关：应为本区人民政府或您所在的单位。"
    other = register_outside_catalog(
        actor=users.other_justice, organization=district.other_dept, decision_body=district.other_dept
    )
    before = counts(Decision)

    # when it comes in by the service, the correction page and admin, then each refuses it alike
    service_refuses(
        lambda: services.update_decision(
            actor=users.jyj_clerk, decision=decision, decision_body=district.scj
        ),
        message,
    )
    form = {
        "title": decision.title,
        "organization": district.jyj.pk,
        "decision_body": district.scj.pk,
        "catalog_item": decision.catalog_item_id,
        "outside_catalog_reason": "",
        "registered_on": "2024-03-10",
        "summary": "",
    }
    page_refuses(as_user(client, users.jyj_clerk).post(f"/decisions/{decision.pk}/edit/", form), message)
    admin_refuses(
        via_admin(client, users.other_justice).post(
            f"/admin/decisions/decision/{other.pk}/change/",
            {
                **form,
                "organization": district.other_dept.pk,
                "catalog_item": "",
                "outside_catalog_reason": "年中新增",
            },
        ),
        message,
    )
    decision.refresh_from_db()
    other.refresh_from_db()
    assert (decision.decision_body, other.decision_body) == (district.root, district.other_dept)
    assert counts(Decision) == before


def test_the_api_registers_a_decision_naming_the_district_government(client, users, district):
    # given a registration through the API naming the district government
    as_user(client, users.jyj_clerk)
    response = client.post(
        "/api/decisions/",
        {
            "title": "课后服务收费标准调整",
            "outside_catalog_reason": "年中新增",
            "organization": "T-JYJ",
            "decision_body": "T",
            "registered_on": "2024-07-01",
        },
        content_type="application/json",
    )

    # then it is registered
    assert response.status_code == 201, response.content
    assert Decision.objects.get(title="课后服务收费标准调整").decision_body == district.root


def test_validate_decision_archived_on_is_not_after_today(client, users, decision, settings, tmp_path):
    # given a decision in implementation with its minutes and review opinion attached
    settings.MEDIA_ROOT = tmp_path
    walk(decision, Decision.Status.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    for procedure in ("collective_discussion", "legality_review"):
        services.attach_document(
            actor=users.jyj_clerk,
            decision=decision,
            procedure=procedure,
            title=procedure,
            file=ContentFile(b"%PDF", name=f"{procedure}.pdf"),
        )
    message = future("归档日期")
    before = counts(Decision)

    service_refuses(
        lambda: services.advance(
            actor=users.jyj_clerk, decision=decision, transition="archive", archived_on=TOMORROW
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    api_refuses(
        client.post(
            f"/api/decisions/{decision.pk}/transitions/",
            {"name": "archive", "archived_on": "2024-09-03"},
            content_type="application/json",
        ),
        message,
    )
    page_refuses(
        client.post(
            f"/decisions/{decision.pk}/transitions/", {"transition": "archive", "archived_on": "2024-09-03"}
        ),
        message,
    )
    decision.refresh_from_db()
    assert (decision.status, decision.archived_on) == (Decision.Status.IMPLEMENTATION, None)
    assert counts(Decision) == before


def test_validate_procedure_record_dates_are_not_after_today(client, users, decision):
    # given a decision in public participation and a comment period said to start tomorrow
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    message = future("开始日期")
    record = decision.public_participation
    before = counts(Decision)

    service_refuses(
        lambda: services.record_procedure(
            actor=users.jyj_clerk,
            decision=decision,
            procedure="public_participation",
            started_on=TOMORROW,
            period_days=30,
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    form = {
        "applicable": "True",
        "not_applicable_reason": "",
        "methods": "网上征求意见",
        "started_on": "2024-09-03",
        "period_days": "30",
        "shorter_period_reason": "",
        "completed_on": "",
        "notes": "",
    }
    page_refuses(client.post(f"/decisions/{decision.pk}/procedures/public_participation/", form), message)
    admin_refuses(
        via_admin(client, users.justice).post(
            f"/admin/decisions/publicparticipation/{record.pk}/change/", {**form, "applicable": "on"}
        ),
        message,
    )
    record.refresh_from_db()
    assert (record.started_on, record.period_ends_on) == (None, None)
    assert counts(Decision) == before


def test_validate_collective_discussion_date_follows_the_legality_review(client, users, decision):
    # given a decision whose legality review was concluded on 2024-06-03, and a meeting dated before it
    walk(decision, Decision.Status.COLLECTIVE_DISCUSSION, clerk=users.jyj_clerk, justice=users.justice)
    message = "集体讨论的日期不能早于合法性审查意见的出具日期（2024-06-03）。"
    record = decision.collective_discussion
    fields = {
        "meeting_kind": "executive",
        "meeting_name": "区政府第11次常务会议",
        "result": "approved",
        "completed_on": D(2024, 6, 1),
    }

    service_refuses(
        lambda: services.record_procedure(
            actor=users.jyj_clerk, decision=decision, procedure="collective_discussion", **fields
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    form = {
        **fields,
        "completed_on": "2024-06-01",
        "started_on": "",
        "attendees": "",
        "attendance_count": "",
        "dissent": "",
        "head_reasons": "",
        "notes": "",
    }
    page_refuses(client.post(f"/decisions/{decision.pk}/procedures/collective_discussion/", form), message)
    admin_refuses(
        via_admin(client, users.justice).post(
            f"/admin/decisions/collectivediscussion/{record.pk}/change/", {**form, "applicable": "on"}
        ),
        message,
    )
    record.refresh_from_db()
    assert record.completed_on is None


def test_validate_public_comment_received_on_is_not_after_today(client, users, decision):
    # given a decision in public participation and a comment said to arrive tomorrow
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    message = future("收到日期")
    before = counts(PublicComment)

    service_refuses(
        lambda: services.add_public_comment(
            actor=users.jyj_clerk, decision=decision, received_on=TOMORROW, content="建议保留村小"
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    form = {"received_on": "2024-09-03", "commenter": "", "content": "建议保留村小"}
    page_refuses(client.post(f"/decisions/{decision.pk}/comments/", form), message)
    admin_refuses(
        via_admin(client, users.justice).post(
            "/admin/decisions/publiccomment/add/",
            {**form, "participation": decision.public_participation.pk},
        ),
        message,
    )
    assert counts(PublicComment) == before


def test_validate_answer_to_correct_refuses_correcting_an_unanswered_comment(client, users, decision):
    # given a comment not yet answered (admin answers through the same answer fields, not a correction)
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    comment = services.add_public_comment(
        actor=users.jyj_clerk, decision=decision, received_on=D(2024, 4, 10), content="建议保留村小"
    )
    message = "该意见尚未反馈，请先在决策页面填写采纳情况及理由。"
    before = counts(PublicComment)

    service_refuses(
        lambda: services.correct_comment_answer(
            actor=users.jyj_clerk,
            comment=comment,
            response="予以采纳",
            adopted=True,
            answered_on=D(2024, 5, 6),
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    form = {"response": "予以采纳", "adopted": "true", "answered_on": "2024-05-06"}
    page_refuses(client.post(f"/decisions/{decision.pk}/comments/{comment.pk}/answer/edit/", form), message)
    comment.refresh_from_db()
    assert (comment.response, comment.answered_on) == ("", None)
    assert counts(PublicComment) == before


def test_validate_review_request_submitted_on_is_not_after_today(client, users, decision):
    # given a decision at the legality review, sent "tomorrow"
    walk(decision, Decision.Status.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    message = future("送审日期")

    service_refuses(
        lambda: services.request_legality_review(
            actor=users.jyj_clerk, decision=decision, submitted_on=TOMORROW
        ),
        message,
    )
    as_user(client, users.jyj_clerk)
    page_refuses(
        client.post(f"/decisions/{decision.pk}/legality-review/", {"submitted_on": "2024-09-03"}), message
    )
    decision.refresh_from_db()
    assert decision.legality_review_id is None


# Catalogs ----------------------------------------------------------------------------------------------------------


def test_validate_catalog_approved_and_published_on_are_not_after_today(client, users, draft):
    # given a draft catalog approved "tomorrow"
    as_user(client, users.justice)
    message = future("审定日期")
    service_refuses(
        lambda: services.approve_catalog(actor=users.justice, catalog=draft, approved_on=TOMORROW), message
    )
    page_refuses(
        client.post(f"/decisions/catalogs/{draft.pk}/approve/", {"approved_on": "2024-09-03"}), message
    )
    draft.refresh_from_db()
    assert (draft.status, draft.approved_on) == (DecisionCatalog.Status.DRAFT, None)

    # and, once approved, published "tomorrow"
    services.approve_catalog(actor=users.justice, catalog=draft, approved_on=D(2024, 2, 20))
    message = future("公布日期")
    service_refuses(
        lambda: services.publish_catalog(
            actor=users.justice, catalog=draft, published_on=TOMORROW, channel="门户网站"
        ),
        message,
    )
    page_refuses(
        client.post(
            f"/decisions/catalogs/{draft.pk}/publish/", {"published_on": "2024-09-03", "channel": "门户网站"}
        ),
        message,
    )
    draft.refresh_from_db()
    assert (draft.status, draft.published_on) == (DecisionCatalog.Status.APPROVED, None)


CATALOG_HEADERS = ["年度", "决策机关代码", "决策事项", "承办单位代码", "计划完成时间", "计划完成日期", "序号"]


def test_validate_catalog_item_is_planned_within_the_catalogs_year(client, users, district, draft):
    # given an item of the 2024 catalog planned for 2025
    message = "计划完成日期应在目录年度（2024年）内。"
    before = counts(CatalogItem)

    service_refuses(
        lambda: services.add_catalog_item(
            actor=users.justice,
            catalog=draft,
            title="老旧小区改造",
            lead_unit=district.jyj,
            planned_time="2025年",
            planned_by=D(2025, 3, 31),
        ),
        message,
    )
    ledger_refuses(
        "decision_catalog_items",
        CATALOG_HEADERS,
        [[2024, "T", "老旧小区改造", "T-JYJ", "2025年", D(2025, 3, 31), None]],
        users.justice,
        message,
    )
    as_user(client, users.justice)
    form = {
        "title": "老旧小区改造",
        "lead_unit": district.jyj.pk,
        "planned_time": "2025年",
        "planned_by": "2025-03-31",
    }
    page_refuses(client.post(f"/decisions/catalogs/{draft.pk}/items/", form), message)
    admin_refuses(
        administrator(users.justice).post(
            "/admin/decisions/catalogitem/add/", {**form, "catalog": draft.pk, "sort_order": 2}
        ),
        message,
    )
    assert counts(CatalogItem) == before


def test_validate_catalog_item_correction_is_planned_within_the_catalogs_year(client, users, district, draft):
    # given the draft's item corrected to be planned for 2025
    message = "计划完成日期应在目录年度（2024年）内。"
    item = draft.items.get()
    before = counts(CatalogItem)

    # when it comes in by the service, the correction page and admin, then each refuses it alike
    service_refuses(
        lambda: services.update_catalog_item(actor=users.justice, item=item, planned_by=D(2025, 3, 31)),
        message,
    )
    form = {
        "title": item.title,
        "lead_unit": district.jyj.pk,
        "planned_time": "2025年",
        "planned_by": "2025-03-31",
    }
    page_refuses(
        as_user(client, users.justice).post(f"/decisions/catalogs/{draft.pk}/items/{item.pk}/edit/", form),
        message,
    )
    admin_refuses(
        administrator(users.justice).post(
            f"/admin/decisions/catalogitem/{item.pk}/change/", {**form, "catalog": draft.pk, "sort_order": 1}
        ),
        message,
    )
    item.refresh_from_db()
    assert item.planned_by == D(2024, 9, 30)
    assert counts(CatalogItem) == before


def test_validate_catalog_draft_refuses_items_added_to_an_approved_catalog(client, users, district, draft):
    # given the catalog approved
    services.approve_catalog(actor=users.justice, catalog=draft, approved_on=D(2024, 2, 20))
    draft.refresh_from_db()
    message = f"目录“{draft}”已审定，只有编制中的目录可以增加或修改事项，不能再增加事项。"
    before = counts(CatalogItem)

    service_refuses(
        lambda: services.add_catalog_item(
            actor=users.justice,
            catalog=draft,
            title="老旧小区改造",
            lead_unit=district.jyj,
            planned_time="2024年第四季度",
            planned_by=D(2024, 12, 31),
        ),
        message,
    )
    ledger_refuses(
        "decision_catalog_items",
        CATALOG_HEADERS,
        [[2024, "T", "老旧小区改造", "T-JYJ", "2024年第四季度", D(2024, 12, 31), None]],
        users.justice,
        message,
    )
    as_user(client, users.justice)
    form = {
        "title": "老旧小区改造",
        "lead_unit": district.jyj.pk,
        "planned_time": "2024年第四季度",
        "planned_by": "2024-12-31",
    }
    page_refuses(client.post(f"/decisions/catalogs/{draft.pk}/items/", form), message)
    assert counts(CatalogItem) == before


def test_check_may_manage_catalogs_refuses_a_unit_clerk(client, users, district, catalog):
    # given the education bureau's clerk adding an item to the district's (published) catalog, which they can see
    message = "增加目录事项由司法局（依法治区办）管理员办理。"
    before = counts(CatalogItem)

    service_refuses(
        lambda: services.add_catalog_item(
            actor=users.jyj_clerk,
            catalog=catalog,
            title="老旧小区改造",
            lead_unit=district.jyj,
            planned_time="2024年第四季度",
            planned_by=D(2024, 12, 31),
        ),
        message,
        error=PermissionDenied,
    )
    ledger_refuses(
        "decision_catalog_items",
        CATALOG_HEADERS,
        [[2024, "T", "老旧小区改造", "T-JYJ", "2024年第四季度", D(2024, 12, 31), None]],
        users.jyj_clerk,
        message,
    )
    as_user(client, users.jyj_clerk)
    form = {
        "title": "老旧小区改造",
        "lead_unit": district.jyj.pk,
        "planned_time": "2024年第四季度",
        "planned_by": "2024-12-31",
    }
    response = client.post(f"/decisions/catalogs/{catalog.pk}/items/", form)
    assert response.status_code == 403 and message in response.content.decode()
    assert counts(CatalogItem) == before


# Legal advisors ------------------------------------------------------------------------------------------------------

ATTENDANCE_HEADERS = ["法律顾问", "召集单位代码", "会议类型", "会议名称", "会议日期"]
REVIEW_HEADERS = [
    "记录编号",
    "法律顾问",
    "委托单位代码",
    "审查事项",
    "事项类型",
    "收到日期",
    "出具意见日期",
    "审查意见",
    "是否采纳",
]


def test_validate_attendance_held_on_is_not_after_today(client, users, district, advisor):
    # given a meeting said to be held tomorrow (within the contract)
    message = future("会议日期")
    before = counts(AdvisorAttendance)

    service_refuses(
        lambda: services.record_attendance(
            actor=users.justice,
            advisor=advisor,
            organization=district.root,
            meeting_kind="executive",
            meeting_name="区政府第20次常务会议",
            held_on=TOMORROW,
        ),
        message,
    )
    ledger_refuses(
        "advisor_attendances",
        ATTENDANCE_HEADERS,
        [[FIRM, "T", "政府常务会议", "区政府第20次常务会议", TOMORROW]],
        users.justice,
        message,
    )
    admin_refuses(
        administrator(users.justice).post(
            "/admin/decisions/advisorattendance/add/",
            {
                "advisor": advisor.pk,
                "organization": district.root.pk,
                "meeting_kind": "executive",
                "meeting_name": "区政府第20次常务会议",
                "held_on": "2024-09-03",
            },
        ),
        message,
    )
    assert counts(AdvisorAttendance) == before


def test_validate_advisor_review_dates(client, users, district, advisor):
    # given a review completed before it was received, and one completed tomorrow
    cases = [
        (D(2024, 3, 1), "出具意见日期不能早于收到日期。"),
        (TOMORROW, future("出具意见日期")),
    ]
    before = counts(AdvisorReview)
    as_user(client, users.jyj_clerk)
    for completed_on, message in cases:
        service_refuses(
            lambda completed_on=completed_on: services.record_advisor_review(
                actor=users.jyj_clerk,
                advisor=advisor,
                organization=district.jyj,
                subject="校舍维修合同",
                subject_kind="contract",
                received_on=D(2024, 3, 4),
                completed_on=completed_on,
                opinion="建议补充违约责任条款",
            ),
            message,
        )
        ledger_refuses(
            "advisor_reviews",
            REVIEW_HEADERS,
            [
                [
                    None,
                    FIRM,
                    "T-JYJ",
                    "校舍维修合同",
                    "合同",
                    D(2024, 3, 4),
                    completed_on,
                    "建议补充违约责任条款",
                    "",
                ]
            ],
            users.jyj_clerk,
            message,
        )
        admin_refuses(
            via_admin(client, users.justice).post(
                "/admin/decisions/advisorreview/add/",
                {
                    "advisor": advisor.pk,
                    "organization": district.jyj.pk,
                    "subject": "校舍维修合同",
                    "subject_kind": "contract",
                    "received_on": "2024-03-04",
                    "completed_on": completed_on.isoformat(),
                    "opinion": "建议补充违约责任条款",
                    "adopted": "unknown",
                },
            ),
            message,
        )
    assert counts(AdvisorReview) == before
