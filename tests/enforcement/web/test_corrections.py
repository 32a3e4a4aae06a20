"""The correction pages (更正) of enforcement records: a body, a certificate, a training session and a supervision
clue are corrected on a page through their update services (the audit event keeps the change); a user who may not
change the record sees no link and is refused, another unit's clerk does not find it, and bad input is answered in
Chinese with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    Certificate,
    ContactPoint,
    EnforcementBody,
    EnforcementPower,
    SelfAssessment,
    SupervisionClue,
    TrainingAttendance,
    TrainingSession,
)

from ..conftest import CREDIT_CODE as CODE

pytestmark = pytest.mark.django_db
D = dt.date


def updates(record) -> list[dict]:
    return [
        e.changes
        for e in AuditEvent.objects.filter(
            model_label=record._meta.label_lower, object_id=str(record.pk), action=AuditEvent.Action.UPDATE
        )
    ]


def html(response) -> str:
    return response.content.decode()


# 行政执法主体 -----------------------------------------------------------------------------------------------------


def body_data(body, **changes):
    return {
        "name": body.name,
        "legal_basis": body.legal_basis,
        "supervision_organ": body.supervision_organ_id or "",
        **changes,
    }


def test_the_bodys_clerk_corrects_its_legal_basis_on_a_page(client, team_clerk, body):
    client.force_login(team_clerk)
    url = reverse("enforcement:edit_body", args=[body.pk])
    assert url in html(client.get(reverse("enforcement:bodies")))
    assert "市场监督管理行政处罚程序规定" in html(client.get(url))

    response = client.post(url, body_data(body, legal_basis="《市场监督管理行政处罚程序规定》第五条"))

    assert response.status_code == 302
    body.refresh_from_db()
    assert body.legal_basis == "《市场监督管理行政处罚程序规定》第五条"
    assert updates(body)[-1]["legal_basis"][1] == "《市场监督管理行政处罚程序规定》第五条"


def test_another_units_clerk_does_not_find_the_body_to_correct(client, users, body):
    client.force_login(users.jyj_clerk)

    response = client.post(reverse("enforcement:edit_body", args=[body.pk]), body_data(body, name="改名"))

    assert response.status_code == 404
    assert EnforcementBody.objects.get(pk=body.pk).name == "测试区市场监管执法大队"


def test_a_leader_sees_no_correction_link_and_is_refused(client, users, body):
    client.force_login(users.leader)
    url = reverse("enforcement:edit_body", args=[body.pk])
    assert url not in html(client.get(reverse("enforcement:bodies")))

    response = client.post(url, body_data(body, name="改名"))

    assert response.status_code == 403
    assert EnforcementBody.objects.get(pk=body.pk).name == "测试区市场监管执法大队"


def test_a_body_supervised_by_its_own_unit_is_refused_with_the_rules_message(
    client, team_clerk, body, district
):
    client.force_login(team_clerk)

    response = client.post(
        reverse("enforcement:edit_body", args=[body.pk]), body_data(body, supervision_organ=district.team.pk)
    )

    assert response.status_code == 400
    assert "执法监督机关不能是执法主体本身所在单位。" in html(response)
    assert EnforcementBody.objects.get(pk=body.pk).supervision_organ == district.sfj
    assert updates(body) == []


# 行政执法事项 ----------------------------------------------------------------------------------------------------


@pytest.fixture
def power(users, body):
    return services.add_power(
        actor=users.justice,
        body=body,
        kind="penalty",
        name="对经营超过保质期食品的处罚",
        legal_basis="《食品安全法》第一百二十四条",
    )


def power_data(power, **changes):
    return {"kind": power.kind, "name": power.name, "legal_basis": power.legal_basis, **changes}


def test_the_bodys_clerk_corrects_an_item_of_its_list_on_a_page(client, team_clerk, power):
    client.force_login(team_clerk)
    url = reverse("enforcement:edit_power", args=[power.pk])
    assert url in html(client.get(reverse("enforcement:bodies")))

    response = client.post(url, power_data(power, legal_basis="《食品安全法》第一百二十四条第一款"))

    assert response.status_code == 302
    power.refresh_from_db()
    assert power.legal_basis == "《食品安全法》第一百二十四条第一款"
    assert set(updates(power)[-1]) == {"legal_basis"}


def test_another_units_clerk_does_not_find_the_item(client, users, power):
    client.force_login(users.jyj_clerk)

    response = client.post(reverse("enforcement:edit_power", args=[power.pk]), power_data(power, name="改"))

    assert response.status_code == 404
    assert EnforcementPower.objects.get(pk=power.pk).name == "对经营超过保质期食品的处罚"


def test_a_leader_sees_no_item_correction_and_is_refused(client, users, power):
    client.force_login(users.leader)
    url = reverse("enforcement:edit_power", args=[power.pk])
    assert url not in html(client.get(reverse("enforcement:bodies")))

    assert client.post(url, power_data(power, name="改")).status_code == 403
    assert EnforcementPower.objects.get(pk=power.pk).name == "对经营超过保质期食品的处罚"


def test_an_item_without_its_basis_is_refused_in_chinese(client, team_clerk, power):
    client.force_login(team_clerk)

    response = client.post(
        reverse("enforcement:edit_power", args=[power.pk]), power_data(power, legal_basis=" ")
    )

    assert response.status_code == 400 and "实施依据" in html(response) and "必填" in html(response)
    assert EnforcementPower.objects.get(pk=power.pk).legal_basis == "《食品安全法》第一百二十四条"


def creations(body) -> list[dict]:
    """What the audit trail says was filled in of each item added to `body`'s list."""
    powers = [str(pk) for pk in EnforcementPower.objects.filter(body=body).values_list("pk", flat=True)]
    events = AuditEvent.objects.filter(
        model_label="enforcement.enforcementpower", object_id__in=powers, action=AuditEvent.Action.CREATE
    )
    return [{k: v for k, v in e.changes.items() if k in ("kind", "name", "legal_basis")} for e in events]


NEW_ITEM = {"kind": "inspection", "name": "食品生产经营监督检查", "legal_basis": "《食品安全法》第一百一十条"}


def test_the_bodys_clerk_adds_an_item_to_its_list_on_a_page(client, team_clerk, body):
    client.force_login(team_clerk)
    url = reverse("enforcement:add_power", args=[body.pk])
    assert url in html(client.get(reverse("enforcement:bodies")))
    assert client.get(url).status_code == 200

    response = client.post(url, NEW_ITEM)

    assert response.status_code == 302 and response["Location"] == f"/enforcement/#body-{body.pk}"
    (power,) = EnforcementPower.objects.filter(body=body)
    assert (power.kind, power.name, power.legal_basis) == tuple(NEW_ITEM.values())
    (event,) = AuditEvent.objects.filter(
        model_label="enforcement.enforcementpower", object_id=str(power.pk), action=AuditEvent.Action.CREATE
    )
    assert event.actor == team_clerk and creations(body) == [{k: [None, v] for k, v in NEW_ITEM.items()}]


def test_an_item_is_not_added_by_others_nor_without_basis_nor_to_a_revoked_body(
    client, users, team_clerk, body
):
    url = reverse("enforcement:add_power", args=[body.pk])
    # another unit's clerk does not find the body; a leader sees no link and is refused
    client.force_login(users.jyj_clerk)
    assert client.get(url).status_code == 404 and client.post(url, NEW_ITEM).status_code == 404
    client.force_login(users.leader)
    assert url not in html(client.get(reverse("enforcement:bodies")))
    assert client.get(url).status_code == 403 and client.post(url, NEW_ITEM).status_code == 403
    # the body's clerk without the basis is told so
    client.force_login(team_clerk)
    response = client.post(url, {**NEW_ITEM, "legal_basis": " "})
    assert response.status_code == 400 and "实施依据：该字段是必填项。" in html(response)
    # and once the body is revoked, neither link nor item
    services.update_body(actor=users.justice, body=body, status="revoked")
    assert url not in html(client.get(reverse("enforcement:bodies")))
    response = client.post(url, NEW_ITEM)
    assert (
        response.status_code == 400
        and "执法主体“测试区市场监管执法大队”已撤销，不能增加执法事项。" in html(response)
    )
    assert not EnforcementPower.objects.filter(body=body).exists() and creations(body) == []


# 执法证件 --------------------------------------------------------------------------------------------------------


def certificate_data(certificate, **changes):
    return {"areas": certificate.areas, "valid_until": certificate.valid_until.isoformat(), **changes}


def test_the_justice_bureau_corrects_a_certificates_validity_on_a_page(client, users, certificate):
    client.force_login(users.justice)
    url = reverse("enforcement:edit_certificate", args=[certificate.pk])
    assert url in html(client.get(reverse("enforcement:certificate", args=[certificate.pk])))

    response = client.post(url, certificate_data(certificate, valid_until="2029-03-31", areas="市场监管"))

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.valid_until, certificate.areas) == (D(2029, 3, 31), "市场监管")
    assert set(updates(certificate)[-1]) == {"valid_until", "areas"}


def test_the_holders_clerk_sees_no_certificate_correction_and_is_refused(client, team_clerk, certificate):
    # Certificates are the Justice Bureau's (may_manage_certificates): the unit reads them only.
    client.force_login(team_clerk)
    url = reverse("enforcement:edit_certificate", args=[certificate.pk])
    assert url not in html(client.get(reverse("enforcement:certificate", args=[certificate.pk])))

    response = client.post(url, certificate_data(certificate, valid_until="2030-01-01"))

    assert response.status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).valid_until == D(2029, 2, 28)


def test_another_districts_justice_bureau_does_not_find_the_certificate(client, users, certificate):
    client.force_login(users.other_justice)

    response = client.post(
        reverse("enforcement:edit_certificate", args=[certificate.pk]),
        certificate_data(certificate, valid_until="2030-01-01"),
    )

    assert response.status_code == 404


def test_a_leader_is_refused_a_certificate_correction(client, users, certificate):
    client.force_login(users.leader)
    url = reverse("enforcement:edit_certificate", args=[certificate.pk])
    assert url not in html(client.get(reverse("enforcement:certificate", args=[certificate.pk])))

    assert client.post(url, certificate_data(certificate, valid_until="2030-01-01")).status_code == 403
    assert Certificate.objects.get(pk=certificate.pk).valid_until == D(2029, 2, 28)


def test_a_validity_ending_before_issue_is_refused_with_the_rules_message(client, users, certificate):
    client.force_login(users.justice)

    response = client.post(
        reverse("enforcement:edit_certificate", args=[certificate.pk]),
        certificate_data(certificate, valid_until="2024-01-01"),
    )

    assert response.status_code == 400
    assert "有效期截止日不能早于发证日期。" in html(response)
    assert Certificate.objects.get(pk=certificate.pk).valid_until == D(2029, 2, 28)


# 执法培训 --------------------------------------------------------------------------------------------------------


def session_data(session, **changes):
    return {
        "organization": session.organization_id,
        "topic": session.topic,
        "held_on": session.held_on.isoformat(),
        "hours": str(session.hours),
        "kind": session.kind,
        **changes,
    }


def test_the_organizers_clerk_corrects_a_sessions_hours_on_a_page(client, users, session):
    client.force_login(users.scj_clerk)
    url = reverse("enforcement:edit_session", args=[session.pk])
    assert url in html(client.get(reverse("enforcement:training_session", args=[session.pk])))

    response = client.post(url, session_data(session, hours="6"))

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.hours == 6
    assert "hours" in updates(session)[-1]


def test_another_units_clerk_does_not_find_the_session(client, users, session):
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("enforcement:edit_session", args=[session.pk]), session_data(session, hours="6")
    )

    assert response.status_code == 404
    assert TrainingSession.objects.get(pk=session.pk).hours == 4


def test_a_leader_sees_no_session_correction_and_is_refused(client, users, session):
    client.force_login(users.leader)
    url = reverse("enforcement:edit_session", args=[session.pk])
    assert url not in html(client.get(reverse("enforcement:training_session", args=[session.pk])))

    assert client.post(url, session_data(session, hours="6")).status_code == 403
    assert TrainingSession.objects.get(pk=session.pk).hours == 4


def test_zero_hours_are_refused_with_the_rules_message(client, users, session):
    client.force_login(users.scj_clerk)

    response = client.post(
        reverse("enforcement:edit_session", args=[session.pk]), session_data(session, hours="0")
    )

    assert response.status_code == 400
    assert "学时应大于0。" in html(response)
    assert TrainingSession.objects.get(pk=session.pk).hours == 4
    assert updates(session) == []


def test_the_organizers_clerk_removes_an_attendance_recorded_by_mistake(client, users, session, officer):
    attendance = services.record_attendance(actor=users.scj_clerk, session=session, person=officer)
    client.force_login(users.scj_clerk)
    url = reverse("enforcement:remove_attendance", args=[session.pk, attendance.pk])
    assert url in html(client.get(reverse("enforcement:training_session", args=[session.pk])))

    response = client.post(url)

    assert response.status_code == 302
    assert not TrainingAttendance.objects.exists()
    assert AuditEvent.objects.filter(
        model_label="enforcement.trainingattendance", object_id=str(attendance.pk), action="delete"
    ).exists()


def test_a_leader_sees_no_removal_and_is_refused(client, users, session, officer):
    attendance = services.record_attendance(actor=users.scj_clerk, session=session, person=officer)
    client.force_login(users.leader)
    url = reverse("enforcement:remove_attendance", args=[session.pk, attendance.pk])
    assert url not in html(client.get(reverse("enforcement:training_session", args=[session.pk])))

    response = client.post(url)

    assert response.status_code == 403 and "无权" in html(response)
    assert TrainingAttendance.objects.get() == attendance


def test_another_units_clerk_does_not_find_the_attendance(client, users, session, officer):
    attendance = services.record_attendance(actor=users.scj_clerk, session=session, person=officer)
    client.force_login(users.jyj_clerk)

    response = client.post(reverse("enforcement:remove_attendance", args=[session.pk, attendance.pk]))

    assert response.status_code == 404
    assert TrainingAttendance.objects.get() == attendance


# 执法监督线索 ----------------------------------------------------------------------------------------------------


def clue_data(clue, **changes):
    return {"body": clue.body_id or "", "category": clue.category, "content": clue.content, **changes}


def test_the_handling_units_clerk_corrects_a_clues_content_on_a_page(client, users, clue, body):
    client.force_login(users.scj_clerk)
    url = reverse("enforcement:edit_clue", args=[clue.pk])
    assert url in html(client.get(reverse("enforcement:clue", args=[clue.pk])))

    response = client.post(url, clue_data(clue, content="乱收费（巡查中多收取检查费）", body=body.pk))

    assert response.status_code == 302
    clue.refresh_from_db()
    assert (clue.content, clue.body) == ("乱收费（巡查中多收取检查费）", body)
    assert updates(clue)[-1]["content"] == ["乱收费", "乱收费（巡查中多收取检查费）"]


def test_another_units_clerk_does_not_find_the_clue(client, users, clue):
    client.force_login(users.jyj_clerk)

    response = client.post(reverse("enforcement:edit_clue", args=[clue.pk]), clue_data(clue, content="改"))

    assert response.status_code == 404
    assert SupervisionClue.objects.get(pk=clue.pk).content == "乱收费"


def test_a_leader_sees_no_clue_correction_and_is_refused(client, users, clue):
    client.force_login(users.leader)
    url = reverse("enforcement:edit_clue", args=[clue.pk])
    assert url not in html(client.get(reverse("enforcement:clue", args=[clue.pk])))

    assert client.post(url, clue_data(clue, content="改")).status_code == 403
    assert SupervisionClue.objects.get(pk=clue.pk).content == "乱收费"


def test_a_clue_without_content_is_refused_in_chinese(client, users, clue):
    client.force_login(users.scj_clerk)

    response = client.post(reverse("enforcement:edit_clue", args=[clue.pk]), clue_data(clue, content=" "))

    assert response.status_code == 400
    assert "线索内容" in html(response) and "必填" in html(response)
    assert SupervisionClue.objects.get(pk=clue.pk).content == "乱收费"


# 涉企行政执法监督联系点 ------------------------------------------------------------------------------------------


def point_data(point, **changes):
    return {
        "name": point.name,
        "enterprise_name": point.enterprise_name,
        "credit_code": point.credit_code,
        "established_on": point.established_on.isoformat(),
        **changes,
    }


def test_the_setting_up_unit_corrects_a_contact_points_enterprise_name(client, users, point):
    client.force_login(users.justice)
    url = reverse("evaluation:edit_contact_point", args=[point.pk])
    assert url in html(client.get(reverse("evaluation:contact_points")))

    response = client.post(url, point_data(point, enterprise_name="甲科技有限公司"))

    assert response.status_code == 302
    point.refresh_from_db()
    assert point.enterprise_name == "甲科技有限公司"
    assert set(updates(point)[-1]) == {"enterprise_name"}


def test_another_units_clerk_does_not_find_the_contact_point(client, users, point):
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("evaluation:edit_contact_point", args=[point.pk]), point_data(point, name="改")
    )

    assert response.status_code == 404
    assert ContactPoint.objects.get(pk=point.pk).name == "甲联系点"


def test_a_leader_sees_no_contact_point_correction_and_is_refused(client, users, point):
    client.force_login(users.leader)
    url = reverse("evaluation:edit_contact_point", args=[point.pk])
    assert url not in html(client.get(reverse("evaluation:contact_points")))

    assert client.post(url, point_data(point, name="改")).status_code == 403
    assert ContactPoint.objects.get(pk=point.pk).name == "甲联系点"


def test_a_wrong_credit_code_is_refused_with_the_rules_message(client, users, point):
    client.force_login(users.justice)
    wrong = CODE[:-1] + ("0" if CODE[-1] != "0" else "1")

    response = client.post(
        reverse("evaluation:edit_contact_point", args=[point.pk]), point_data(point, credit_code=wrong)
    )

    assert response.status_code == 400 and "统一社会信用代码校验码错误" in html(response)
    assert ContactPoint.objects.get(pk=point.pk).credit_code == CODE


# 三项制度自查评估 --------------------------------------------------------------------------------------------------


@pytest.fixture
def assessment(team_clerk, body):
    return services.record_self_assessment(
        actor=team_clerk,
        body=body,
        year=2025,
        system="publicity",
        assessed_on=D(2025, 11, 5),
        findings="公示不及时2件，已整改",
    )


def assessment_data(**changes):
    return {"assessed_on": "2025-11-05", "findings": "公示不及时2件，已整改", **changes}


def listed(client) -> str:
    return html(client.get(reverse("evaluation:self_assessments"), {"year": 2025}))


def test_the_bodys_clerk_corrects_a_self_assessments_findings(client, team_clerk, assessment):
    client.force_login(team_clerk)
    url = reverse("evaluation:edit_self_assessment", args=[assessment.pk])
    assert url in listed(client)

    response = client.post(url, assessment_data(findings="公示不及时3件，已整改"))

    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.findings == "公示不及时3件，已整改"
    assert set(updates(assessment)[-1]) == {"findings"}


def test_another_units_clerk_does_not_find_the_self_assessment(client, users, assessment):
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("evaluation:edit_self_assessment", args=[assessment.pk]), assessment_data()
    )

    assert response.status_code == 404


def test_a_leader_sees_no_self_assessment_correction_and_is_refused(client, users, assessment):
    client.force_login(users.leader)
    url = reverse("evaluation:edit_self_assessment", args=[assessment.pk])
    assert url not in listed(client) and "公示不及时2件" in listed(client)

    assert client.post(url, assessment_data(findings="改")).status_code == 403
    assert SelfAssessment.objects.get(pk=assessment.pk).findings == "公示不及时2件，已整改"


def test_empty_findings_are_refused_with_the_rules_message(client, team_clerk, assessment):
    client.force_login(team_clerk)

    response = client.post(
        reverse("evaluation:edit_self_assessment", args=[assessment.pk]), assessment_data(findings=" ")
    )

    assert response.status_code == 400 and "自查评估须写明发现的问题及落实情况。" in html(response)
    assert SelfAssessment.objects.get(pk=assessment.pk).findings == "公示不及时2件，已整改"
