"""Pages of case-file evaluation: the campaign list and detail with scores and grades, a file's scoring form (scores
computed, refusals in Chinese with nothing changed), problems, the notice download and the other units' view."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from docx import Document

from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseFile, CaseFileProblem, EvaluationCampaign, EvaluationItem

D = dt.date


@pytest.fixture
def case_file(users, district, body, certificate, officer):
    campaign = services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度行政执法案卷评查",
        domains=["food_drug"],
        default_standard=True,
    )
    return services.draw_case_file(
        actor=users.justice,
        campaign=campaign,
        body=body,
        domain="food_drug",
        act_kind="penalty",
        case_number="测市监处罚〔2025〕12号",
        title="某超市经营超过保质期食品案",
        decided_on=D(2025, 4, 18),
        officers=[officer],
    )


def score_post(case_file, **overrides):
    data = {"scored_on": "2025-10-09"}
    for item in case_file.campaign.items.all():
        if item.kind == EvaluationItem.Kind.SCORED:
            data[f"points_{item.pk}"] = str(overrides.get(item.title, item.max_points))
        elif overrides.get(item.title):
            data[f"veto_{item.pk}"] = "on"
    return data


def test_scoring_form_computes_total_and_grade(client, users, case_file):
    client.force_login(users.justice)
    page = client.get(f"/enforcement/evaluation/files/{case_file.pk}/").content.decode()
    assert 'id="score-form"' in page and "卷面评查·执法文书制作规范（10分）" in page
    response = client.post(
        f"/enforcement/evaluation/files/{case_file.pk}/score/",
        score_post(case_file, 执法文书制作规范="6.5"),
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert '<strong id="total">96.5</strong>' in page and "优秀" in page
    response = client.post(
        f"/enforcement/evaluation/files/{case_file.pk}/score/",
        score_post(case_file, 违反法定程序=True),
    )
    case_file.refresh_from_db()
    assert (case_file.total_score, case_file.grade, case_file.vetoed) == (100, "unqualified", True)


def test_points_above_the_maximum_are_refused_with_the_reason_and_nothing_changes(client, users, case_file):
    client.force_login(users.justice)
    response = client.post(
        f"/enforcement/evaluation/files/{case_file.pk}/score/",
        score_post(case_file, 执法文书制作规范="12"),
    )
    assert response.status_code == 400
    assert "“执法文书制作规范”的得分应在0至10分之间，填写的是12分。" in response.content.decode()
    case_file.refresh_from_db()
    assert case_file.grade == "" and not case_file.scores.exists()


def test_problem_is_recorded_from_the_file_page_and_listed(client, users, case_file, team_clerk):
    client.force_login(users.justice)
    response = client.post(
        f"/enforcement/evaluation/files/{case_file.pk}/problems/",
        {"category": "evidence", "description": "现场照片未注明拍摄时间"},
    )
    assert response.status_code == 302
    assert CaseFileProblem.objects.get().organization == case_file.body.organization
    client.force_login(team_clerk)
    page = client.get("/enforcement/evaluation/problems/").content.decode()
    assert "证据不充分" in page and "现场照片未注明拍摄时间" in page


def test_the_evaluated_unit_sees_its_file_without_forms_and_cannot_post_scores(client, case_file, team_clerk):
    client.force_login(team_clerk)
    page = client.get(f"/enforcement/evaluation/files/{case_file.pk}/").content.decode()
    assert "某超市经营超过保质期食品案" in page and 'id="score-form"' not in page
    response = client.post(f"/enforcement/evaluation/files/{case_file.pk}/score/", score_post(case_file))
    assert response.status_code == 403
    assert "案卷评分由司法局（执法监督机构）办理。" in response.content.decode()
    assert not CaseFile.objects.get().grade


def test_another_unit_cannot_open_the_file(client, users, case_file):
    client.force_login(users.jyj_clerk)
    assert client.get(f"/enforcement/evaluation/files/{case_file.pk}/").status_code == 404
    assert "2025年度行政执法案卷评查" not in client.get("/enforcement/evaluation/").content.decode()


def test_campaign_pages_list_files_scores_and_the_notice_link(client, users, case_file):
    client.force_login(users.justice)
    services.score_case_file(
        actor=users.justice,
        case_file=case_file,
        points={i.pk: i.max_points for i in case_file.campaign.items.filter(kind="scored")},
        scored_on=D(2025, 10, 9),
    )
    page = client.get("/enforcement/evaluation/").content.decode()
    assert "2025年度行政执法案卷评查" in page and "食品药品" in page
    page = client.get(f"/enforcement/evaluation/campaigns/{case_file.campaign.pk}/").content.decode()
    assert '<td class="score">100</td>' in page and "王执法" in page
    link = f"/enforcement/evaluation/campaigns/{case_file.campaign.pk}/notice/T-SCJ-ZD/"
    assert link in page
    response = client.get(link)
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    doc = Document(io.BytesIO(response.content))
    assert doc.paragraphs[0].text == "行政执法案卷评查结果通知书"
    assert doc.tables[0].rows[1].cells[3].text == "100"


def test_notice_for_an_unscored_unit_is_refused_with_the_reason(client, users, case_file):
    client.force_login(users.justice)
    response = client.get(f"/enforcement/evaluation/campaigns/{case_file.campaign.pk}/notice/T-SCJ-ZD/")
    assert response.status_code == 400
    assert "尚有案卷未完成评分（测市监处罚〔2025〕12号）" in response.content.decode()


def test_self_assessment_and_contact_point_pages_render(client, users, body):
    client.force_login(users.justice)
    page = client.get("/enforcement/evaluation/self-assessments/?year=2025").content.decode()
    assert "2025年度三项制度自查评估" in page and "测试区市场监管执法大队" in page
    assert client.get("/enforcement/evaluation/contact-points/").status_code == 200


# 更正评查发现的问题 ------------------------------------------------------------------------------------------------


@pytest.fixture
def problem(users, case_file):
    return services.record_problem(
        actor=users.justice, case_file=case_file, category="documents", description="处罚决定书未载明救济途径"
    )


def test_the_justice_bureau_corrects_a_problems_description(client, users, case_file, problem):
    client.force_login(users.justice)
    url = reverse("evaluation:edit_problem", args=[problem.pk])
    assert url in client.get(reverse("evaluation:file", args=[case_file.pk])).content.decode()

    response = client.post(
        url, {"category": "documents", "description": "处罚决定书未载明申请复议和诉讼的途径"}
    )

    assert response.status_code == 302
    problem.refresh_from_db()
    assert problem.description == "处罚决定书未载明申请复议和诉讼的途径"
    event = AuditEvent.objects.filter(
        model_label="enforcement.casefileproblem", object_id=str(problem.pk), action="update"
    ).get()
    assert set(event.changes) == {"description"}


@pytest.mark.parametrize("role", ["team_clerk", "leader"])
def test_the_evaluated_unit_and_a_leader_see_no_problem_correction_and_are_refused(
    client, users, case_file, problem, team_clerk, role
):
    client.force_login(team_clerk if role == "team_clerk" else users.leader)
    url = reverse("evaluation:edit_problem", args=[problem.pk])
    assert url not in client.get(reverse("evaluation:file", args=[case_file.pk])).content.decode()

    response = client.post(url, {"category": "facts", "description": "改"})

    assert response.status_code == 403
    assert CaseFileProblem.objects.get(pk=problem.pk).description == "处罚决定书未载明救济途径"


def test_another_districts_justice_bureau_does_not_find_the_problem(client, users, problem):
    client.force_login(users.other_justice)

    response = client.post(
        reverse("evaluation:edit_problem", args=[problem.pk]), {"category": "facts", "description": "改"}
    )

    assert response.status_code == 404


def test_a_problem_without_description_is_refused_in_chinese(client, users, problem):
    client.force_login(users.justice)

    response = client.post(reverse("evaluation:edit_problem", args=[problem.pk]), {"category": "facts"})

    assert response.status_code == 400 and "问题描述" in response.content.decode()
    assert CaseFileProblem.objects.get(pk=problem.pk).category == "documents"


# 更正案卷评查活动 --------------------------------------------------------------------------------------------------


def campaign_data(campaign, **changes):
    return {
        "year": campaign.year,
        "name": campaign.name,
        "organization": campaign.organization_id,
        "domains": campaign.domains,
        "excellent_score": str(campaign.excellent_score),
        "pass_score": str(campaign.pass_score),
        "note": campaign.note,
        **changes,
    }


def test_the_justice_bureau_corrects_a_campaigns_name(client, users, case_file):
    campaign = EvaluationCampaign.objects.get(pk=case_file.campaign_id)  # its values as the form shows them
    client.force_login(users.justice)
    url = reverse("evaluation:edit_campaign", args=[campaign.pk])
    assert url in client.get(reverse("evaluation:campaign", args=[campaign.pk])).content.decode()

    response = client.post(url, campaign_data(campaign, name="2025年度全区行政执法案卷评查"))

    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "2025年度全区行政执法案卷评查"
    event = AuditEvent.objects.filter(
        model_label="enforcement.evaluationcampaign", object_id=str(campaign.pk), action="update"
    ).get()
    assert set(event.changes) == {"name"}


def test_a_leader_sees_no_campaign_correction_and_is_refused(client, users, case_file):
    campaign = case_file.campaign
    client.force_login(users.leader)
    url = reverse("evaluation:edit_campaign", args=[campaign.pk])
    assert url not in client.get(reverse("evaluation:campaign", args=[campaign.pk])).content.decode()

    assert client.post(url, campaign_data(campaign, name="改")).status_code == 403
    assert EvaluationCampaign.objects.get(pk=campaign.pk).name == "2025年度行政执法案卷评查"


def test_another_districts_justice_bureau_does_not_find_the_campaign(client, users, case_file):
    client.force_login(users.other_justice)

    response = client.post(
        reverse("evaluation:edit_campaign", args=[case_file.campaign.pk]), campaign_data(case_file.campaign)
    )

    assert response.status_code == 404


def test_a_scope_leaving_a_drawn_file_outside_is_refused_with_the_services_message(client, users, case_file):
    campaign = case_file.campaign
    client.force_login(users.justice)

    response = client.post(
        reverse("evaluation:edit_campaign", args=[campaign.pk]),
        campaign_data(campaign, domains=["transport"]),
    )

    assert response.status_code == 400
    assert "已抽取的案卷测市监处罚〔2025〕12号的执法领域不在新的评查范围内。" in response.content.decode()
    assert EvaluationCampaign.objects.get(pk=campaign.pk).domains == ["food_drug"]
