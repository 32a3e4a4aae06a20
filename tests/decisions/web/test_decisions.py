"""The decisions pages through the Django test client: registering, the timeline, recording each step, refusals
shown in Chinese that change nothing, who sees what, the catalogs and the public catalog page."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.models import Decision, DecisionCatalog, DecisionDocument, PublicComment
from fazhi.review.models import LegalityReview

from ..conftest import pass_lower_levels, walk

S = Decision.Status


def html(response) -> str:
    return response.content.decode()


def detail_url(decision) -> str:
    return f"/decisions/{decision.pk}/"


@pytest.fixture
def clerk(client, users):
    client.force_login(users.jyj_clerk)
    return client


def post_transition(client, decision, name, **extra):
    return client.post(f"/decisions/{decision.pk}/transitions/", {"transition": name, **extra})


def record(client, decision, procedure, **fields):
    data = {"applicable": "True", **{k: "" if v is None else v for k, v in fields.items()}}
    return client.post(f"/decisions/{decision.pk}/procedures/{procedure}/", data)


# The list and registering ------------------------------------------------------------------------------------


def test_pages_need_a_login_except_the_public_catalog(client, decision):
    for url in (
        "/decisions/",
        detail_url(decision),
        "/decisions/catalogs/",
        f"{detail_url(decision)}archive/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.get("/public/decision-catalogs/").status_code == 200


def test_unit_clerk_registers_a_decision_from_the_catalog(clerk, users, district, catalog):
    # given the education bureau's clerk on the list, offered only its own unit and its own catalog item
    page = html(clerk.get("/decisions/"))
    assert "登记决策" in page and "中小学布局调整" in page
    assert "农贸市场改造" not in page  # led by another unit
    item = catalog.items.get(title="中小学布局调整")

    # when they register it
    response = clerk.post(
        "/decisions/",
        {
            "title": "中小学布局调整方案",
            "organization": district.jyj.pk,
            "decision_body": district.root.pk,
            "catalog_item": item.pk,
            "registered_on": "2024-03-10",
            "summary": "调整城区中小学布局",
        },
    )

    # then the decision exists, is audited, and the page shows it with its timeline
    decision = Decision.objects.get(title="中小学布局调整方案")
    assert response.status_code == 302 and response["Location"] == detail_url(decision)
    assert decision.organization == district.jyj and decision.catalog_item == item
    assert decision.status == S.REGISTERED
    assert AuditEvent.objects.filter(model_label="decisions.decision", object_id=str(decision.pk)).exists()
    page = html(clerk.get(detail_url(decision)))
    assert "中小学布局调整方案" in page and "决策已登记" in page
    assert "启动决策程序" in page
    for label in ("公众参与", "专家论证", "风险评估", "合法性审查", "集体讨论决定", "决策公布", "决策后评估"):
        assert label in page
    # and the list shows it with its status, unit and planned time
    page = html(clerk.get("/decisions/"))
    assert "中小学布局调整方案" in page and "已立项" in page and "2024年第三季度" in page


def test_registering_with_an_empty_title_shows_the_chinese_error_and_creates_nothing(
    clerk, district, catalog
):
    before = Decision.objects.count()
    response = clerk.post(
        "/decisions/",
        {
            "title": "",
            "organization": district.jyj.pk,
            "decision_body": district.root.pk,
            "registered_on": "2024-03-10",
        },
    )
    assert response.status_code == 400
    assert "决策事项：该字段是必填项。" in html(response)
    assert "操作未完成" in html(response)
    assert Decision.objects.count() == before


def test_registering_outside_the_catalog_without_a_reason_is_refused_by_the_rule(clerk, district, catalog):
    events = AuditEvent.objects.count()
    response = clerk.post(
        "/decisions/",
        {
            "title": "老旧小区改造",
            "organization": district.jyj.pk,
            "decision_body": district.root.pk,
            "registered_on": "2024-03-10",
        },
    )
    assert response.status_code == 400
    assert "未列入决策事项目录的决策，须说明列入决策的理由。" in html(response)
    assert not Decision.objects.filter(title="老旧小区改造").exists()
    assert AuditEvent.objects.count() == events


def test_registering_for_another_unit_is_refused(clerk, district, catalog):
    # the form offers only the clerk's unit; a forged post for another unit changes nothing
    response = clerk.post(
        "/decisions/",
        {
            "title": "农贸市场改造",
            "organization": district.scj.pk,
            "decision_body": district.root.pk,
            "outside_catalog_reason": "紧急",
            "registered_on": "2024-03-10",
        },
    )
    assert response.status_code == 400
    assert not Decision.objects.filter(title="农贸市场改造").exists()


# Recording the steps -----------------------------------------------------------------------------------------


def test_clerk_records_public_participation_answers_a_comment_and_moves_on(clerk, decision):
    # when the clerk starts the procedure
    response = post_transition(clerk, decision, "start")
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == S.PUBLIC_PARTICIPATION
    page = html(clerk.get(detail_url(decision)))
    assert "当前环节：公众参与" in page and "保存公众参与记录" in page

    # and records a 30-day comment period from 1 April 2024
    response = record(
        clerk,
        decision,
        "public_participation",
        methods="网上征求意见",
        started_on="2024-04-01",
        period_days=30,
    )
    assert response.status_code == 302

    # then the end is computed (1 May is a holiday, so 6 May) and explained on the page
    decision.refresh_from_db()
    assert decision.public_participation.period_ends_on == dt.date(2024, 5, 6)
    page = html(clerk.get(detail_url(decision)))
    assert "征求意见截止日：<strong>2024年5月6日</strong>" in page
    assert "顺延" in page and "第十五条" in page

    # when a comment is entered and answered
    response = clerk.post(
        f"{detail_url(decision)}comments/",
        {"received_on": "2024-04-10", "commenter": "王某", "content": "建议保留村小"},
    )
    assert response.status_code == 302
    comment = PublicComment.objects.get(content="建议保留村小")
    page = html(clerk.get(detail_url(decision)))
    assert "建议保留村小" in page and "待反馈" in page
    response = clerk.post(
        f"{detail_url(decision)}comments/{comment.pk}/answer/",
        {"response": "部分采纳：保留两所教学点", "adopted": "true", "answered_on": "2024-05-08"},
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.answered and comment.adopted is True

    # and the participation is completed after the period, the transition can be taken
    record(
        clerk,
        decision,
        "public_participation",
        methods="网上征求意见",
        started_on="2024-04-01",
        period_days=30,
        completed_on="2024-05-06",
    )
    response = post_transition(clerk, decision, "finish_public_participation")
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == S.EXPERT_ARGUMENTATION
    page = html(clerk.get(detail_url(decision)))
    assert "当前环节：专家论证" in page and "完成公众参与" in page  # the audit history names the transition
    assert 'id="step-public_participation" data-state="done"' in page


def test_finishing_public_participation_before_the_period_ends_shows_the_reason(clerk, users, decision):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    record(
        clerk,
        decision,
        "public_participation",
        started_on="2024-04-01",
        period_days=30,
        completed_on="2024-04-20",
    )
    events = AuditEvent.objects.count()

    response = post_transition(clerk, decision, "finish_public_participation")

    assert response.status_code == 400
    assert "公众参与尚未完成" in html(response)
    decision.refresh_from_db()
    assert decision.status == S.PUBLIC_PARTICIPATION
    assert AuditEvent.objects.count() == events


def test_a_comment_period_of_10_days_without_a_reason_shows_article_15_and_changes_nothing(
    clerk, users, decision
):
    services.advance(actor=users.jyj_clerk, decision=decision, transition="start")
    events = AuditEvent.objects.count()

    response = record(clerk, decision, "public_participation", started_on="2024-04-01", period_days=10)

    assert response.status_code == 400
    page = html(response)
    assert "征求意见期限少于30日的，须说明理由（重大行政决策程序暂行条例第十五条）。" in page
    assert 'class="field has-error' in page  # on the field it concerns
    participation = Decision.objects.get(pk=decision.pk).public_participation
    assert participation.period_days is None and participation.period_ends_on is None
    assert AuditEvent.objects.count() == events

    # with the reason it is accepted
    response = record(
        clerk,
        decision,
        "public_participation",
        started_on="2024-04-01",
        period_days=10,
        shorter_period_reason="防汛工程情况紧急",
    )
    assert response.status_code == 302
    assert Decision.objects.get(pk=decision.pk).public_participation.period_ends_on == dt.date(2024, 4, 11)


def test_marking_a_step_not_applicable_needs_its_legal_reason(clerk, users, decision):
    walk(decision, S.EXPERT_ARGUMENTATION, clerk=users.jyj_clerk, justice=users.justice)

    response = record(clerk, decision, "expert_argumentation", applicable="False")
    assert response.status_code == 400
    assert "标为不适用须写明理由及法律依据。" in html(response)
    assert Decision.objects.get(pk=decision.pk).expert_argumentation.applicable is True

    response = record(
        clerk,
        decision,
        "expert_argumentation",
        applicable="False",
        not_applicable_reason="专业性不强，依第十九条无需论证",
    )
    assert response.status_code == 302
    page = html(clerk.get(detail_url(decision)))
    assert 'id="step-expert_argumentation" data-state="not_applicable"' in page
    assert "不适用：专业性不强" in page
    assert post_transition(clerk, decision, "finish_expert_argumentation").status_code == 302
    assert Decision.objects.get(pk=decision.pk).status == S.RISK_ASSESSMENT


def test_collective_discussion_cannot_be_marked_not_applicable(clerk, users, decision):
    walk(decision, S.COLLECTIVE_DISCUSSION, clerk=users.jyj_clerk, justice=users.justice)
    page = html(clerk.get(detail_url(decision)))
    assert "保存集体讨论决定记录" in page
    assert 'data-field="applicable"' not in page.split('id="record"')[1].split("</section>")[0]


def test_expert_opinion_is_added_on_the_page(clerk, users, decision):
    walk(decision, S.EXPERT_ARGUMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    response = clerk.post(
        f"{detail_url(decision)}expert-opinions/",
        {
            "expert_name": "张教授",
            "expert_title": "某大学法学院",
            "opinion": "建议分步实施",
            "adopted": "true",
        },
    )
    assert response.status_code == 302
    page = html(clerk.get(detail_url(decision)))
    assert "张教授" in page and "建议分步实施" in page


def test_blocked_transition_shows_article_25_and_changes_nothing(clerk, users, decision):
    # given a decision at the legality review, sent but not yet concluded
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    page = html(clerk.get(detail_url(decision)))
    # the page already says why, and the button is disabled
    assert "第二十五条" in page
    assert 'data-transition="submit_for_discussion" disabled' in page
    events = AuditEvent.objects.count()

    # when the clerk submits it for discussion anyway
    response = post_transition(clerk, decision, "submit_for_discussion")

    # then it is refused in Chinese citing the article, and nothing changed
    assert response.status_code == 400
    assert (
        "未经合法性审查或者经审查不合法的，不得提交集体讨论（重大行政决策程序暂行条例第二十五条）。"
        in html(response)
    )
    decision.refresh_from_db()
    assert decision.status == S.LEGALITY_REVIEW
    assert AuditEvent.objects.count() == events


def test_a_transition_from_the_wrong_state_is_refused(clerk, decision):
    response = post_transition(clerk, decision, "decide")
    assert response.status_code == 400
    assert "当前状态“已立项”下不能执行此操作。" in html(response)
    response = post_transition(clerk, decision, "no_such_thing")
    assert response.status_code == 400
    assert Decision.objects.get(pk=decision.pk).status == S.REGISTERED


def test_terminating_needs_a_reason(clerk, decision):
    response = post_transition(clerk, decision, "terminate", reason="  ")
    assert response.status_code == 400 and "终止决策须说明理由。" in html(response)
    assert Decision.objects.get(pk=decision.pk).status == S.REGISTERED
    response = post_transition(clerk, decision, "terminate", reason="上级政策调整，不再实施")
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.status == S.TERMINATED
    page = html(clerk.get(detail_url(decision)))
    assert "上级政策调整" in page and "保存" not in page.split('id="documents"')[0].split('id="timeline"')[1]


# Legality review ---------------------------------------------------------------------------------------------


def test_justice_bureau_concludes_the_legality_review_and_the_unit_submits_for_discussion(
    client, users, decision
):
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)

    # the clerk sends it to review on the page, and is offered no conclusion form
    client.force_login(users.jyj_clerk)
    response = client.post(f"{detail_url(decision)}legality-review/", {"submitted_on": "2024-05-21"})
    assert response.status_code == 302
    decision.refresh_from_db()
    review = decision.legality_review
    assert review.status == LegalityReview.Status.INITIAL_REVIEW
    pass_lower_levels(review)
    page = html(client.get(detail_url(decision)))
    assert "出具终审意见" not in page
    assert "最早于2024年5月30日出具" in page  # 7 working days after 21 May 2024
    # and a clerk who posts a conclusion is refused
    response = client.post(
        f"{detail_url(decision)}legality-review/conclude/",
        {"opinion": "lawful", "reasons": "", "concluded_on": "2024-06-03"},
    )
    assert response.status_code == 403
    assert "您不能出具司法局合法性终审意见" in html(response)
    review.refresh_from_db()
    assert review.status == LegalityReview.Status.FINAL_REVIEW

    # when the Justice Bureau gives 不合法 without reasons, it is refused
    client.force_login(users.justice)
    page = html(client.get(detail_url(decision)))
    assert "司法局终审意见" in page
    response = client.post(
        f"{detail_url(decision)}legality-review/conclude/",
        {"opinion": "unlawful", "reasons": "", "concluded_on": "2024-06-03"},
    )
    assert response.status_code == 400
    assert "须写明理由" in html(response)
    review.refresh_from_db()
    assert review.status == LegalityReview.Status.FINAL_REVIEW

    # when it gives 合法
    response = client.post(
        f"{detail_url(decision)}legality-review/conclude/",
        {"opinion": "lawful", "reasons": "", "concluded_on": "2024-06-03"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.passed and review.concluded_on == dt.date(2024, 6, 3)

    # then the unit may submit it for collective discussion
    client.force_login(users.jyj_clerk)
    page = html(client.get(detail_url(decision)))
    assert "审查意见：合法" in page
    assert 'data-transition="submit_for_discussion">' in page
    assert post_transition(client, decision, "submit_for_discussion").status_code == 302
    decision.refresh_from_db()
    assert decision.status == S.COLLECTIVE_DISCUSSION


# Who sees what -----------------------------------------------------------------------------------------------


def test_a_unit_clerk_cannot_open_or_change_another_units_decision(client, users, decision):
    client.force_login(users.scj_clerk)
    assert client.get(detail_url(decision)).status_code == 404
    assert post_transition(client, decision, "start").status_code == 404
    assert client.get(f"{detail_url(decision)}archive/").status_code == 404
    assert "中小学布局调整" not in html(client.get("/decisions/"))
    assert Decision.objects.get(pk=decision.pk).status == S.REGISTERED


def test_a_leader_sees_the_decision_but_gets_no_forms_and_posts_are_refused(client, users, decision):
    walk(decision, S.PUBLIC_PARTICIPATION, clerk=users.jyj_clerk, justice=users.justice)
    client.force_login(users.leader)

    response = client.get(detail_url(decision))
    assert response.status_code == 200
    page = html(response)
    assert "中小学布局调整" in page and "本页仅供查看" in page
    assert f"/decisions/{decision.pk}/transitions/" not in page
    assert f"/decisions/{decision.pk}/procedures/" not in page
    assert f"/decisions/{decision.pk}/comments/" not in page
    assert f'/decisions/{decision.pk}/documents/"' not in page
    assert "登记决策" not in html(client.get("/decisions/"))
    events = AuditEvent.objects.count()

    assert post_transition(client, decision, "finish_public_participation").status_code == 403
    response = record(client, decision, "public_participation", started_on="2024-04-01", period_days=30)
    assert response.status_code == 403
    assert "您无权修改" in html(response)
    response = client.post(
        f"{detail_url(decision)}comments/", {"received_on": "2024-04-10", "content": "领导意见"}
    )
    assert response.status_code == 403
    assert AuditEvent.objects.count() == events
    assert not PublicComment.objects.filter(content="领导意见").exists()
    assert Decision.objects.get(pk=decision.pk).public_participation.period_days is None


# Documents and archive ---------------------------------------------------------------------------------------


def test_a_document_is_uploaded_listed_and_downloaded(clerk, decision):
    upload = SimpleUploadedFile("征求意见稿.pdf", b"%PDF-1.4 draft", content_type="application/pdf")
    response = clerk.post(
        f"{detail_url(decision)}documents/",
        {"procedure": "public_participation", "title": "征求意见稿", "file": upload},
    )
    assert response.status_code == 302
    document = DecisionDocument.objects.get(decision=decision)
    page = html(clerk.get(detail_url(decision)))
    assert "征求意见稿" in page and document.sha256[:12] in page
    response = clerk.get(f"{detail_url(decision)}documents/{document.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 draft"
    assert "attachment" in response["Content-Disposition"]
    assert (
        "%E5%BE%81%E6%B1%82%E6%84%8F%E8%A7%81%E7%A8%BF.pdf" in response["Content-Disposition"]
    )  # 征求意见稿.pdf


def test_uploading_without_a_file_shows_the_error(clerk, decision):
    response = clerk.post(f"{detail_url(decision)}documents/", {"procedure": "public_participation"})
    assert response.status_code == 400
    assert "文件：" in html(response)
    assert not DecisionDocument.objects.exists()


def test_the_decision_file_downloads_as_a_zip(clerk, users, decision):
    walk(decision, S.EXPERT_ARGUMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    page = html(clerk.get(detail_url(decision)))
    assert f'href="/decisions/{decision.pk}/archive/"' in page and "下载决策档案" in page

    response = clerk.get(f"{detail_url(decision)}archive/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert any(n.endswith(".docx") for n in names)


def test_the_audit_history_is_shown_on_the_decision(clerk, users, decision):
    walk(decision, S.PUBLIC_PARTICIPATION, clerk=users.jyj_clerk, justice=users.justice)
    page = html(clerk.get(detail_url(decision)))
    history = page.split('id="history"')[1]
    assert "启动决策程序" in history and "状态：已立项 → 公众参与" in history


# Catalogs ----------------------------------------------------------------------------------------------------


def test_justice_bureau_compiles_approves_and_publishes_a_catalog(client, users, district):
    client.force_login(users.justice)
    response = client.post(
        "/decisions/catalogs/new/", {"year": 2025, "organization": district.root.pk, "title": ""}
    )
    assert response.status_code == 302
    catalog = DecisionCatalog.objects.get(year=2025)
    assert catalog.title == "测试区人民政府2025年度重大行政决策事项目录"

    # approving an empty catalog is refused with the rule's reason
    response = client.post(f"/decisions/catalogs/{catalog.pk}/approve/", {"approved_on": "2025-02-20"})
    assert response.status_code == 400 and "决策事项目录至少应有一个事项。" in html(response)

    response = client.post(
        f"/decisions/catalogs/{catalog.pk}/items/",
        {
            "title": "城区停车收费调整",
            "lead_unit": district.scj.pk,
            "planned_time": "2025年第二季度",
            "planned_by": "2025-06-30",
        },
    )
    assert response.status_code == 302
    response = client.post(
        f"/decisions/catalogs/{catalog.pk}/approve/",
        {"approved_on": "2025-02-20", "meeting": "区政府第2次常务会议"},
    )
    assert response.status_code == 302
    # publishing needs the channel
    response = client.post(
        f"/decisions/catalogs/{catalog.pk}/publish/", {"published_on": "2025-03-01", "channel": ""}
    )
    assert response.status_code == 400 and "公布渠道" in html(response)
    response = client.post(
        f"/decisions/catalogs/{catalog.pk}/publish/",
        {"published_on": "2025-03-01", "channel": "区政府门户网站"},
    )
    assert response.status_code == 302
    catalog.refresh_from_db()
    assert catalog.status == DecisionCatalog.Status.PUBLISHED
    page = html(client.get("/decisions/catalogs/"))
    assert "城区停车收费调整" in page and "已公布" in page


def test_item_planned_outside_the_catalog_year_is_refused(client, users, district):
    client.force_login(users.justice)
    catalog = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    response = client.post(
        f"/decisions/catalogs/{catalog.pk}/items/",
        {"title": "事项", "lead_unit": district.scj.pk, "planned_time": "2026年", "planned_by": "2026-03-01"},
    )
    assert response.status_code == 400
    assert "计划完成日期应在目录年度（2025年）内。" in html(response)
    assert not catalog.items.exists()


def test_a_unit_clerk_sees_the_published_catalog_but_cannot_change_catalogs(clerk, users, district, catalog):
    page = html(clerk.get("/decisions/catalogs/"))
    assert "中小学布局调整" in page and "农贸市场改造" in page
    assert "新建年度目录" not in page and "添加目录事项" not in page and "公布目录" not in page
    # approving or publishing is the Justice Bureau's
    draft = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    response = clerk.post(f"/decisions/catalogs/{draft.pk}/approve/", {"approved_on": "2025-02-20"})
    assert response.status_code == 404  # the government's draft catalog is not the unit's to see
    response = clerk.post(
        f"/decisions/catalogs/{catalog.pk}/publish/", {"published_on": "2024-03-02", "channel": "网站"}
    )
    assert response.status_code in (400, 403)
    catalog.refresh_from_db()
    assert catalog.published_on == dt.date(2024, 3, 1)


def test_the_public_catalog_page_works_without_login_and_hides_draft_catalogs(
    client, users, district, catalog
):
    draft = services.create_catalog(actor=users.justice, year=2025, organization=district.root)
    services.add_catalog_item(
        actor=users.justice,
        catalog=draft,
        title="尚在编制的事项",
        lead_unit=district.jyj,
        planned_time="2025年",
        planned_by=dt.date(2025, 12, 31),
    )

    response = client.get("/public/decision-catalogs/")

    assert response.status_code == 200
    page = html(response)
    assert "2024年度" in page and "中小学布局调整" in page and "测试区教育局" in page
    assert "2024年第三季度" in page and "2024年3月1日" in page
    assert "尚在编制的事项" not in page and "2025年度" not in page


def test_the_decision_page_links_to_its_three_level_review(client, users, decision):
    walk(decision, S.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    review = services.request_legality_review(
        actor=users.jyj_clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    client.force_login(users.jyj_clerk)
    page = html(client.get(detail_url(decision)))
    assert f'href="/review/{review.pk}/"' in page and "起草单位初审" in page
    assert client.get(f"/review/{review.pk}/").status_code == 200
