"""The form pages for what ledgers and the API also record: an exam (录入考试成绩) and a certificate (核发执法证件) by the
Justice Bureau, a three-systems self-assessment (填报自查评估) by the body's unit. Each calls the service (the rule's
message on refusal, nothing changed) and is linked from its list for whoever may write, never for a leader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.core.rules import happened_message
from fazhi.enforcement.models import Certificate, CertificateExam, SelfAssessment
from fazhi.enforcement.rules import certificates as certificate_rules

from ..conftest import issue

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture(autouse=True)
def _today():
    clock.freeze(D(2025, 6, 1))


def html(response) -> str:
    return response.content.decode()


def created(record) -> int:
    return AuditEvent.objects.filter(
        model_label=record._meta.label_lower, object_id=str(record.pk), action=AuditEvent.Action.CREATE
    ).count()


def exam_data(officer, body, **changes):
    return {"person": officer.name, "body": body.pk, "exam_on": "2025-05-20", "score": "85", **changes}


def certificate_data(officer, body, **changes):
    return {
        "person": officer.name,
        "body": body.pk,
        "number": "64030009",
        "kind": "enforcement",
        "areas": "测试区 食品安全",
        "issued_on": "2025-05-28",
        "valid_until": "2030-05-27",
        **changes,
    }


# 录入考试成绩 ----------------------------------------------------------------------------------------------------


def test_the_justice_bureau_records_an_exam_from_the_officers_list(client, users, body, officer):
    client.force_login(users.justice)
    url = reverse("enforcement:record_exam")
    assert url in html(client.get(reverse("enforcement:officers")))
    assert client.get(url).status_code == 200

    response = client.post(url, exam_data(officer, body), follow=True)

    assert response.redirect_chain == [(reverse("enforcement:officers"), 302)]
    assert "已录入王执法的考试成绩85分，合格。" in html(response)
    exam = CertificateExam.objects.get()
    assert (exam.person, exam.body, exam.exam_on, exam.score, exam.passed) == (
        officer,
        body,
        D(2025, 5, 20),
        Decimal("85.0"),
        True,
    )
    assert created(exam) == 1


def test_a_score_below_the_pass_mark_is_recorded_as_failed(client, users, body, officer):
    client.force_login(users.justice)

    client.post(reverse("enforcement:record_exam"), exam_data(officer, body, score="59.5"))

    assert CertificateExam.objects.get().passed is False


def test_an_exam_score_out_of_range_is_refused_with_the_rules_message(client, users, body, officer):
    client.force_login(users.justice)

    response = client.post(reverse("enforcement:record_exam"), exam_data(officer, body, score="120"))

    assert response.status_code == 400
    assert "成绩：成绩应在0至100分之间。" in html(response)
    assert not CertificateExam.objects.exists()


def test_bad_input_on_the_exam_form_is_answered_in_chinese(client, users, body, officer):
    client.force_login(users.justice)

    response = client.post(
        reverse("enforcement:record_exam"), exam_data(officer, body, person="无此人", score="八十")
    )

    assert response.status_code == 400
    assert "考生：没有找到“无此人”，请输入后从搜索结果中选择。" in html(response)
    assert "成绩：" in html(response)
    assert not CertificateExam.objects.exists()


# 核发执法证件 ----------------------------------------------------------------------------------------------------


def test_the_justice_bureau_issues_a_certificate_after_a_passed_exam(client, users, body, officer):
    client.force_login(users.justice)
    client.post(reverse("enforcement:record_exam"), exam_data(officer, body))
    url = reverse("enforcement:issue_certificate")
    assert url in html(client.get(reverse("enforcement:officers")))

    response = client.post(url, certificate_data(officer, body))

    certificate = Certificate.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("enforcement:certificate", args=[certificate.pk])
    assert (
        certificate.person,
        certificate.body,
        certificate.number,
        certificate.kind,
        certificate.areas,
        certificate.issued_on,
        certificate.valid_until,
        certificate.status,
    ) == (
        officer,
        body,
        "64030009",
        "enforcement",
        "测试区 食品安全",
        D(2025, 5, 28),
        D(2030, 5, 27),
        "valid",
    )
    assert created(certificate) == 1


def test_a_certificate_without_a_passed_exam_is_refused_with_the_rules_message(client, users, body, officer):
    client.force_login(users.justice)

    response = client.post(reverse("enforcement:issue_certificate"), certificate_data(officer, body))

    assert response.status_code == 400
    assert certificate_rules.passed_exam_required_message() in html(response)
    assert not Certificate.objects.exists()


def test_a_number_already_issued_is_refused(client, users, body, officer):
    issue(users.justice, officer, body, "64030009")
    client.force_login(users.justice)

    response = client.post(reverse("enforcement:issue_certificate"), certificate_data(officer, body))

    assert response.status_code == 400
    assert Certificate.objects.count() == 1


def test_another_districts_body_is_not_offered(client, users, body, officer):
    client.force_login(users.other_justice)

    response = client.post(reverse("enforcement:issue_certificate"), certificate_data(officer, body))

    assert response.status_code == 400
    assert "执法主体：选择一个有效的选项： 该选择不在可用的选项中。" in html(response)
    assert "持证人：没有找到“王执法”，请输入后从搜索结果中选择。" in html(response)
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("name", ["record_exam", "issue_certificate"])
def test_a_leader_and_a_unit_clerk_see_no_link_and_are_refused(
    client, users, body, officer, team_clerk, name
):
    url = reverse(f"enforcement:{name}")
    for user in (users.leader, team_clerk):
        client.force_login(user)
        assert url not in html(client.get(reverse("enforcement:officers")))
        assert client.get(url).status_code == 403
        data = exam_data(officer, body) if name == "record_exam" else certificate_data(officer, body)
        assert client.post(url, data).status_code == 403
    assert not CertificateExam.objects.exists() and not Certificate.objects.exists()


# 填报自查评估 ----------------------------------------------------------------------------------------------------


def assessment_data(body, **changes):
    return {
        "body": body.pk,
        "year": "2025",
        "system": "recording",
        "assessed_on": "2025-05-30",
        "findings": "执法记录仪配备不足，已申请增配6台",
        **changes,
    }


def test_the_bodys_unit_records_a_self_assessment_from_the_list(client, body, team_clerk):
    client.force_login(team_clerk)
    url = reverse("evaluation:record_self_assessment")
    assert url in html(client.get(reverse("evaluation:self_assessments")))

    response = client.post(url, assessment_data(body), follow=True)

    assert response.redirect_chain == [(reverse("evaluation:self_assessments") + "?year=2025", 302)]
    assert "测试区市场监管执法大队2025年度执法全过程记录制度自查评估已提交。" in html(response)
    assessment = SelfAssessment.objects.get()
    assert (
        assessment.body,
        assessment.year,
        assessment.system,
        assessment.assessed_on,
        assessment.findings,
    ) == (
        body,
        2025,
        "recording",
        D(2025, 5, 30),
        "执法记录仪配备不足，已申请增配6台",
    )
    assert created(assessment) == 1


def test_a_self_assessment_dated_after_today_is_refused_with_the_rules_message(client, body, team_clerk):
    client.force_login(team_clerk)

    response = client.post(
        reverse("evaluation:record_self_assessment"), assessment_data(body, assessed_on="2025-06-02")
    )

    assert response.status_code == 400
    assert f"自查日期：{happened_message('自查日期', D(2025, 6, 1))}" in html(response)
    assert not SelfAssessment.objects.exists()


def test_a_self_assessment_without_findings_is_refused_in_chinese(client, body, team_clerk):
    client.force_login(team_clerk)

    response = client.post(reverse("evaluation:record_self_assessment"), assessment_data(body, findings=" "))

    assert response.status_code == 400
    assert "自查评估须写明发现的问题及落实情况。" in html(response)
    assert not SelfAssessment.objects.exists()


def test_a_unit_without_an_enforcement_body_is_refused(client, users, body):
    client.force_login(users.jyj_clerk)

    response = client.post(reverse("evaluation:record_self_assessment"), assessment_data(body))

    assert response.status_code == 403
    assert not SelfAssessment.objects.exists()


def test_a_leader_sees_no_link_and_is_refused(client, users, body):
    client.force_login(users.leader)
    url = reverse("evaluation:record_self_assessment")
    assert url not in html(client.get(reverse("evaluation:self_assessments")))

    assert client.get(url).status_code == 403
    assert client.post(url, assessment_data(body)).status_code == 403
    assert not SelfAssessment.objects.exists()
