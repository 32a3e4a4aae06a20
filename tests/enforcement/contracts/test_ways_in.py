"""Every way in refuses the same bad input with the same Chinese message: for each rule of the enforcement services,
the same input goes through the service, the ledger import, the API, the page and the admin (where each offers that
write), and each is refused (a 4xx or a form shown again, never a 500) with nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core import clock, ids
from fazhi.core.rules import happened_message
from fazhi.enforcement import services
from fazhi.enforcement.models import (
    CaseFile,
    Certificate,
    CertificateExam,
    CertificateReview,
    ClueStep,
    ContactPoint,
    EnforcementBody,
    SelfAssessment,
    SupervisionClue,
    TrainingSession,
)
from fazhi.enforcement.rules import certificates as certificate_rules

from ...admin_way_in import administrator, via_admin
from ..conftest import issue
from ..ledgers.test_certificates import (
    BODY_HEADERS,
    CERT_HEADERS,
    EXAM_HEADERS,
    REVIEW_HEADERS,
    cert_row,
    errors,
    load,
)
from ..ledgers.test_training import CLUE_HEADERS, SESSION_HEADERS, clue_row

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2025, 6, 1)
TOMORROW = "2025-06-02"


@pytest.fixture(autouse=True)
def _today():
    clock.freeze(TODAY)


def future(label: str) -> str:
    return happened_message(label, TODAY)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def service_refuses(message: str, call) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in caught.value.messages


# 培训日期不能晚于今天 (rules/training.validate_session) ----------------------------------------------------------------


def test_training_session_dated_after_today_is_refused_on_every_way_in(client, users, district):
    message = future("培训日期")
    fields = {"organization": district.scj, "topic": "执法规范化轮训", "held_on": D(2025, 6, 2), "hours": 8}

    service_refuses(message, lambda: services.record_session(actor=users.scj_clerk, **fields))
    ledger = load(
        "enforcement_training_sessions",
        users.scj_clerk,
        [SESSION_HEADERS, ["T-SCJ", "执法规范化轮训", TOMORROW, "8", "轮训"]],
    )
    assert errors(ledger) == [f"第2行“培训日期”列：{message}"]
    answer = api(users.scj_clerk).post(
        "/api/enforcement/training-sessions/",
        {
            "organization": "T-SCJ",
            "topic": "执法规范化轮训",
            "held_on": TOMORROW,
            "hours": "8",
            "kind": "rotation",
        },
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.scj_clerk)
    form = {
        "organization": district.scj.pk,
        "topic": "执法规范化轮训",
        "held_on": TOMORROW,
        "hours": "8",
        "kind": "rotation",
    }
    page = client.post(reverse("enforcement:training"), form)
    assert page.status_code == 400 and message in page.content.decode()
    admin = via_admin(client, users.justice).post(reverse("admin:enforcement_trainingsession_add"), form)
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not TrainingSession.objects.exists()


# 受理日期不能晚于今天 (rules/clues.validate_clue) ---------------------------------------------------------------------


def test_clue_received_after_today_is_refused_on_every_way_in(client, users, district, body):
    message = future("受理日期")

    service_refuses(
        message,
        lambda: services.register_clue(
            actor=users.scj_clerk,
            source="complaint",
            received_on=D(2025, 6, 2),
            organization=district.scj,
            content="重复检查",
        ),
    )
    ledger = load("enforcement_clues", users.supervisor, [CLUE_HEADERS, clue_row(受理日期=TOMORROW)])
    assert errors(ledger) == [f"第2行“受理日期”列：{message}"]
    answer = api(users.scj_clerk).post(
        "/api/enforcement/clues/",
        {"source": "complaint", "received_on": TOMORROW, "organization": "T-SCJ", "content": "重复检查"},
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.scj_clerk)
    form = {
        "source": "complaint",
        "received_on": TOMORROW,
        "organization": district.scj.pk,
        "content": "重复检查",
    }
    page = client.post(reverse("enforcement:clues"), form)
    assert page.status_code == 400 and message in page.content.decode()
    admin = via_admin(client, users.justice).post(reverse("admin:enforcement_supervisionclue_add"), form)
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not SupervisionClue.objects.exists()


# 办结日期不能晚于今天 (rules/clues.validate_clue, on the 办结 transition) -----------------------------------------------


def test_clue_closed_after_today_is_refused_on_every_way_in(client, users, district):
    message = future("办结日期")
    clue = services.register_clue(
        actor=users.scj_clerk,
        source="complaint",
        received_on=D(2025, 5, 6),
        organization=district.scj,
        content="甲",
    )
    services.start_handling(actor=users.scj_clerk, clue=clue)

    service_refuses(
        message,
        lambda: services.close_clue(
            actor=users.scj_clerk, clue=clue, result="已纠正", handled_on=D(2025, 6, 2)
        ),
    )
    answer = api(users.scj_clerk).post(
        f"/api/enforcement/clues/{clue.pk}/close/",
        {"result": "已纠正", "handled_on": TOMORROW},
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.scj_clerk)
    page = client.post(
        reverse("enforcement:close_clue", args=[clue.pk]), {"result": "已纠正", "handled_on": TOMORROW}
    )
    assert page.status_code == 400 and message in page.content.decode()

    clue.refresh_from_db()
    assert (clue.status, clue.handled_on) == ("handling", None)


def test_clue_step_dated_after_today_is_refused_on_every_way_in(client, users, district):
    message = future("日期")
    clue = services.register_clue(
        actor=users.scj_clerk,
        source="complaint",
        received_on=D(2025, 5, 6),
        organization=district.scj,
        content="甲",
    )
    services.start_handling(actor=users.scj_clerk, clue=clue)

    service_refuses(
        message, lambda: services.add_step(actor=users.scj_clerk, clue=clue, on=D(2025, 6, 2), text="核查")
    )
    answer = api(users.scj_clerk).post(
        f"/api/enforcement/clues/{clue.pk}/steps/", {"on": TOMORROW, "text": "核查"}, format="json"
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.scj_clerk)
    page = client.post(reverse("enforcement:add_clue_step", args=[clue.pk]), {"on": TOMORROW, "text": "核查"})
    assert page.status_code == 400 and message in page.content.decode()

    assert not ClueStep.objects.exists()


# 发证日期不能晚于今天; 核发须考试合格 (rules/certificates.validate_certificate, validate_issue) ---------------------------


def _issue_by_api(user, officer, body, issued_on):
    return api(user).post(
        "/api/enforcement/certificates/",
        {
            "person": officer.pk,
            "body": body.pk,
            "number": "64030002",
            "issued_on": issued_on,
            "valid_until": "2029-02-28",
        },
        format="json",
    )


def _issue_form(officer, body, issued_on, *, person=None) -> dict:
    return {
        "person": officer.pk if person is None else person,
        "body": body.pk,
        "number": "64030002",
        "kind": "enforcement",
        "areas": "",
        "issued_on": issued_on,
        "valid_until": "2029-02-28",
    }


def _issue_in_admin(client, officer, body, issued_on):
    return client.post(reverse("admin:enforcement_certificate_add"), _issue_form(officer, body, issued_on))


def _issue_on_the_page(client, officer, body, issued_on):
    form = _issue_form(
        officer, body, issued_on, person=officer.name
    )  # the page's search field takes the name
    return client.post(reverse("enforcement:issue_certificate"), form)


def test_certificate_issued_after_today_is_refused_on_every_way_in(client, users, body, officer):
    message = future("发证日期")
    services.record_exam(actor=users.justice, person=officer, body=body, exam_on=D(2025, 5, 20), score=85)

    service_refuses(
        message,
        lambda: services.issue_certificate(
            actor=users.justice,
            person=officer,
            body=body,
            number="64030002",
            issued_on=D(2025, 6, 2),
            valid_until=D(2029, 2, 28),
        ),
    )
    ledger = load(
        "enforcement_certificates", users.justice, [CERT_HEADERS, cert_row(officer, issued=TOMORROW)]
    )
    assert errors(ledger) == [f"第2行“发证日期”列：{message}"]
    answer = _issue_by_api(users.justice, officer, body, TOMORROW)
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.justice)
    page = _issue_on_the_page(client, officer, body, TOMORROW)
    assert page.status_code == 400 and message in page.content.decode()
    admin = _issue_in_admin(client, officer, body, TOMORROW)
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not Certificate.objects.exists()


def test_certificate_without_a_passed_exam_is_refused_on_every_way_in(client, users, body, officer):
    message = certificate_rules.passed_exam_required_message()

    service_refuses(
        message,
        lambda: services.issue_certificate(
            actor=users.justice,
            person=officer,
            body=body,
            number="64030002",
            issued_on=D(2025, 5, 2),
            valid_until=D(2029, 2, 28),
        ),
    )
    ledger = load(
        "enforcement_certificates", users.justice, [CERT_HEADERS, cert_row(officer, issued="2025-05-02")]
    )
    assert errors(ledger) == [f"第2行“发证日期”列：{message}"]
    answer = _issue_by_api(users.justice, officer, body, "2025-05-02")
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.justice)
    page = _issue_on_the_page(client, officer, body, "2025-05-02")
    assert page.status_code == 400 and message in page.content.decode()
    admin = _issue_in_admin(client, officer, body, "2025-05-02")
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not Certificate.objects.exists()


# 注销日期不能晚于今天 (rules/certificates.validate_certificate, on the 注销 transition) ---------------------------------


def test_certificate_cancelled_after_today_is_refused_on_every_way_in(client, users, body, officer):
    message = future("注销日期")
    certificate = issue(users.justice, officer, body, "64030001")

    service_refuses(
        message,
        lambda: services.cancel_certificate(
            actor=users.justice, certificate=certificate, reason="transfer", cancelled_on=D(2025, 6, 2)
        ),
    )
    answer = api(users.justice).post(
        f"/api/enforcement/certificates/{certificate.pk}/cancel/",
        {"reason": "transfer", "cancelled_on": TOMORROW},
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.justice)
    page = client.post(
        reverse("enforcement:cancel_certificate", args=[certificate.pk]),
        {"reason": "transfer", "cancelled_on": TOMORROW, "note": ""},
    )
    assert page.status_code == 400 and message in page.content.decode()

    certificate.refresh_from_db()
    assert (certificate.status, certificate.cancelled_on) == ("valid", None)


def test_certificate_reissued_after_today_is_refused_on_every_way_in(client, users, body, officer):
    message = future("发证日期")
    certificate = issue(users.justice, officer, body, "64030001")

    service_refuses(
        message,
        lambda: services.reissue_certificate(
            actor=users.justice, certificate=certificate, number="64030001B", issued_on=D(2025, 6, 2)
        ),
    )
    client.force_login(users.justice)
    page = client.post(
        reverse("enforcement:reissue_certificate", args=[certificate.pk]),
        {"number": "64030001B", "issued_on": TOMORROW, "valid_until": "", "note": ""},
    )
    assert page.status_code == 400 and message in page.content.decode()

    assert list(Certificate.objects.values_list("number", "status")) == [("64030001", "valid")]


# 考试日期、审验日期不能晚于今天 (rules/certificates.validate_exam, validate_review) --------------------------------------


def test_exam_dated_after_today_is_refused_on_every_way_in(client, users, body, officer):
    message = future("考试日期")

    service_refuses(
        message,
        lambda: services.record_exam(
            actor=users.justice, person=officer, body=body, exam_on=D(2025, 6, 2), score=85
        ),
    )
    row = [officer.name, officer.id_number, "T-SCJ-ZD", "测试区市场监管执法大队", TOMORROW, "85", ""]
    assert errors(load("enforcement_exams", users.justice, [EXAM_HEADERS, row])) == [
        f"第2行“考试日期”列：{message}"
    ]
    client.force_login(users.justice)
    page = client.post(
        reverse("enforcement:record_exam"),
        {"person": officer.name, "body": body.pk, "exam_on": TOMORROW, "score": "85"},
    )
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:enforcement_certificateexam_add"),
        {"person": officer.pk, "body": body.pk, "exam_on": TOMORROW, "score": "85"},
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not CertificateExam.objects.exists()


def test_review_dated_after_today_is_refused_on_every_way_in(client, users, body, officer):
    message = future("审验日期")
    certificate = issue(users.justice, officer, body, "64030001")

    service_refuses(
        message,
        lambda: services.record_review(
            actor=users.justice, certificate=certificate, year=2025, reviewed_on=D(2025, 6, 2), passed=True
        ),
    )
    row = ["64030001", "2025", TOMORROW, "是", ""]
    assert errors(load("enforcement_reviews", users.justice, [REVIEW_HEADERS, row])) == [
        f"第2行“审验日期”列：{message}"
    ]
    answer = api(users.justice).post(
        f"/api/enforcement/certificates/{certificate.pk}/reviews/",
        {"year": 2025, "reviewed_on": TOMORROW, "passed": True},
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.justice)
    admin = client.post(
        reverse("admin:enforcement_certificatereview_add"),
        {
            "certificate": certificate.pk,
            "year": "2025",
            "reviewed_on": TOMORROW,
            "passed": "on",
            "reason": "",
        },
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not CertificateReview.objects.exists()


# 评查案卷: 决定日期不能晚于今天; 承办人须持有效行政执法证 (rules/evaluation, rules/certificates) ----------------------------


@pytest.fixture
def campaign(users, district):
    return services.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度行政执法案卷评查",
        domains=["market"],
        default_standard=True,
    )


def _case_file_row(decided_on: str, officers: str = "") -> list[str]:
    return [
        "2025年度行政执法案卷评查",
        "测试区市场监管执法大队",
        "市场监管",
        "行政处罚",
        "测市监处罚〔2025〕12号",
        "某超市经营超过保质期食品案",
        decided_on,
        officers,
        "",
        "",
    ]


CASE_FILE_HEADERS = [
    "评查活动",
    "执法主体",
    "执法领域",
    "行为类别",
    "案件编号",
    "案件名称",
    "决定日期",
    "承办人执法证号",
    "总分",
    "等次",
]


def _draw(users, campaign, body, decided_on, officers=()):
    return services.draw_case_file(
        actor=users.justice,
        campaign=campaign,
        body=body,
        domain="market",
        act_kind="penalty",
        case_number="测市监处罚〔2025〕12号",
        title="某超市经营超过保质期食品案",
        decided_on=decided_on,
        officers=officers,
    )


def test_case_file_decided_after_today_is_refused_on_every_way_in(users, campaign, body):
    message = future("决定日期")

    service_refuses(message, lambda: _draw(users, campaign, body, D(2025, 6, 2)))
    ledger = load("enforcement_case_files", users.justice, [CASE_FILE_HEADERS, _case_file_row(TOMORROW)])
    assert errors(ledger) == [f"第2行“决定日期”列：{message}"]

    assert not CaseFile.objects.exists()


def test_case_file_handled_by_an_officer_without_a_valid_certificate_is_refused_on_every_way_in(
    users, campaign, body, officer
):
    certificate = issue(users.justice, officer, body, "64030001")
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="transfer", cancelled_on=D(2025, 3, 1)
    )
    message = certificate_rules.uncertified_officer_message(officer, D(2025, 4, 18))

    service_refuses(message, lambda: _draw(users, campaign, body, D(2025, 4, 18), [officer]))
    ledger = load(
        "enforcement_case_files", users.justice, [CASE_FILE_HEADERS, _case_file_row("2025-04-18", "64030001")]
    )
    assert errors(ledger) == [f"第2行“承办人执法证号”列：{message}"]

    assert not CaseFile.objects.exists()


def test_case_file_scored_after_today_is_refused_on_every_way_in(client, users, campaign, body):
    message = future("评分日期")
    case_file = _draw(users, campaign, body, D(2025, 4, 18))
    vetoes = [campaign.items.filter(kind="veto").first().pk]

    service_refuses(
        message,
        lambda: services.score_case_file(
            actor=users.justice, case_file=case_file, points={}, vetoes=vetoes, scored_on=D(2025, 6, 2)
        ),
    )
    client.force_login(users.justice)
    page = client.post(
        reverse("evaluation:score", args=[case_file.pk]), {"scored_on": TOMORROW, f"veto_{vetoes[0]}": "on"}
    )
    assert page.status_code == 400 and message in page.content.decode()

    case_file.refresh_from_db()
    assert (case_file.grade, case_file.scored_on) == ("", None)


# 自查日期、联系点设立和撤销日期不能晚于今天 (rules/self_assessment, rules/contact_points) -----------------------------


def test_self_assessment_dated_after_today_is_refused_on_every_way_in(client, users, body):
    message = future("自查日期")

    service_refuses(
        message,
        lambda: services.record_self_assessment(
            actor=users.justice,
            body=body,
            year=2025,
            system="publicity",
            assessed_on=D(2025, 6, 2),
            findings="甲",
        ),
    )
    client.force_login(users.justice)
    page = client.post(
        reverse("evaluation:record_self_assessment"),
        {"body": body.pk, "year": "2025", "system": "publicity", "assessed_on": TOMORROW, "findings": "甲"},
    )
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:enforcement_selfassessment_add"),
        {"body": body.pk, "year": "2025", "system": "publicity", "assessed_on": TOMORROW, "findings": "甲"},
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not SelfAssessment.objects.exists()


def test_contact_point_set_up_or_closed_after_today_is_refused_on_every_way_in(client, users, district):
    code = ids.make_credit_code("91990102MA7HB0001")
    message = future("设立日期")

    service_refuses(
        message,
        lambda: services.set_up_contact_point(
            actor=users.justice,
            organization=district.sfj,
            name="湖滨联系点",
            enterprise_name="湖滨新材料有限公司",
            credit_code=code,
            established_on=D(2025, 6, 2),
        ),
    )
    client.force_login(users.justice)
    admin = client.post(
        reverse("admin:enforcement_contactpoint_add"),
        {
            "organization": district.sfj.pk,
            "name": "湖滨联系点",
            "enterprise_name": "湖滨新材料有限公司",
            "credit_code": code,
            "established_on": TOMORROW,
        },
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()
    assert not ContactPoint.objects.exists()

    point = services.set_up_contact_point(
        actor=users.justice,
        organization=district.sfj,
        name="湖滨联系点",
        enterprise_name="湖滨新材料有限公司",
        credit_code=code,
        established_on=D(2025, 5, 2),
    )
    service_refuses(
        future("撤销日期"),
        lambda: services.close_contact_point(actor=users.justice, point=point, closed_on=D(2025, 6, 2)),
    )
    point.refresh_from_db()
    assert (point.status, point.closed_on) == ("active", None)


# Other rules of the services: the same message on every way in -------------------------------------------------


def test_body_supervised_by_its_own_unit_is_refused_on_every_way_in(client, users, district):
    message = "执法监督机关不能是执法主体本身所在单位。"
    fields = {
        "organization": district.town,
        "name": "测试区莲花镇人民政府",
        "legal_basis": "《行政处罚法》第二十四条",
    }

    service_refuses(
        message,
        lambda: services.register_body(actor=users.justice, supervision_organ=district.town, **fields),
    )
    row = ["T-LHZ", "测试区莲花镇人民政府", "《行政处罚法》第二十四条", "T-LHZ", "在用"]
    assert errors(load("enforcement_bodies", users.justice, [BODY_HEADERS, row])) == [
        f"第2行“执法监督机关代码”列：{message}"
    ]
    answer = api(users.justice).post(
        "/api/enforcement/bodies/",
        {
            "organization": "T-LHZ",
            "name": "测试区莲花镇人民政府",
            "legal_basis": "《行政处罚法》第二十四条",
            "supervision_organ": "T-LHZ",
        },
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.justice)
    admin = client.post(
        reverse("admin:enforcement_enforcementbody_add"),
        {
            "organization": district.town.pk,
            "name": "测试区莲花镇人民政府",
            "legal_basis": "《行政处罚法》第二十四条",
            "supervision_organ": district.town.pk,
        },
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not EnforcementBody.objects.exists()


def test_exam_score_out_of_range_is_refused_on_every_way_in(client, users, body, officer):
    message = "成绩应在0至100分之间。"

    service_refuses(
        message,
        lambda: services.record_exam(
            actor=users.justice, person=officer, body=body, exam_on=D(2025, 5, 16), score=120
        ),
    )
    row = [officer.name, officer.id_number, "T-SCJ-ZD", "测试区市场监管执法大队", "2025-05-16", "120", ""]
    assert errors(load("enforcement_exams", users.justice, [EXAM_HEADERS, row])) == [
        f"第2行“成绩”列：{message}"
    ]
    client.force_login(users.justice)
    page = client.post(
        reverse("enforcement:record_exam"),
        {"person": officer.name, "body": body.pk, "exam_on": "2025-05-16", "score": "120"},
    )
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:enforcement_certificateexam_add"),
        {"person": officer.pk, "body": body.pk, "exam_on": "2025-05-16", "score": "120"},
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not CertificateExam.objects.exists()


def test_failed_review_without_its_reason_is_refused_on_every_way_in(client, users, body, officer):
    message = "审验不合格的，须写明不合格原因。"
    certificate = issue(users.justice, officer, body, "64030001")

    service_refuses(
        message,
        lambda: services.record_review(
            actor=users.justice, certificate=certificate, year=2025, reviewed_on=D(2025, 5, 6), passed=False
        ),
    )
    row = ["64030001", "2025", "2025-05-06", "否", ""]
    assert errors(load("enforcement_reviews", users.justice, [REVIEW_HEADERS, row])) == [
        f"第2行“不合格原因”列：{message}"
    ]
    answer = api(users.justice).post(
        f"/api/enforcement/certificates/{certificate.pk}/reviews/",
        {"year": 2025, "reviewed_on": "2025-05-06", "passed": False},
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.justice)
    admin = client.post(
        reverse("admin:enforcement_certificatereview_add"),
        {"certificate": certificate.pk, "year": "2025", "reviewed_on": "2025-05-06", "reason": ""},
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not CertificateReview.objects.exists()


def test_training_session_without_hours_is_refused_on_every_way_in(client, users, district):
    message = "学时应大于0。"

    service_refuses(
        message,
        lambda: services.record_session(
            actor=users.scj_clerk, organization=district.scj, topic="轮训", held_on=D(2025, 5, 6), hours=0
        ),
    )
    ledger = load(
        "enforcement_training_sessions",
        users.scj_clerk,
        [SESSION_HEADERS, ["T-SCJ", "轮训", "2025-05-06", "0", "轮训"]],
    )
    assert errors(ledger) == [f"第2行“学时”列：{message}"]
    answer = api(users.scj_clerk).post(
        "/api/enforcement/training-sessions/",
        {"organization": "T-SCJ", "topic": "轮训", "held_on": "2025-05-06", "hours": "0", "kind": "rotation"},
        format="json",
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    client.force_login(users.scj_clerk)
    form = {
        "organization": district.scj.pk,
        "topic": "轮训",
        "held_on": "2025-05-06",
        "hours": "0",
        "kind": "rotation",
    }
    page = client.post(reverse("enforcement:training"), form)
    assert page.status_code == 400 and message in page.content.decode()
    admin = via_admin(client, users.justice).post(reverse("admin:enforcement_trainingsession_add"), form)
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert not TrainingSession.objects.exists()


# Corrections (更正): the same rules on the change of a recorded body, session and certificate -------------------------


def inline(prefix: str) -> dict:
    """An admin change form's empty inline (its management form)."""
    return {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}


def test_body_corrected_to_be_supervised_by_its_own_unit_is_refused_on_every_way_in(
    client, users, district, body, team_clerk
):
    message = "执法监督机关不能是执法主体本身所在单位。"

    service_refuses(
        message, lambda: services.update_body(actor=team_clerk, body=body, supervision_organ=district.team)
    )
    answer = api(team_clerk).patch(
        f"/api/enforcement/bodies/{body.pk}/", {"supervision_organ": "T-SCJ-ZD"}, format="json"
    )
    assert answer.status_code == 400 and message in answer.content.decode()
    form = {"name": body.name, "legal_basis": body.legal_basis, "supervision_organ": district.team.pk}
    client.force_login(team_clerk)
    page = client.post(reverse("enforcement:edit_body", args=[body.pk]), form)
    assert page.status_code == 400 and message in page.content.decode()
    admin = via_admin(client, users.justice).post(
        reverse("admin:enforcement_enforcementbody_change", args=[body.pk]),
        {**form, "organization": district.team.pk},
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert EnforcementBody.objects.get(pk=body.pk).supervision_organ == district.sfj


def test_training_session_corrected_to_a_day_after_today_is_refused_on_every_way_in(client, users, district):
    message = future("培训日期")
    session = services.record_session(
        actor=users.scj_clerk, organization=district.scj, topic="轮训", held_on=D(2025, 5, 6), hours=8
    )

    service_refuses(
        message,
        lambda: services.update_session(actor=users.scj_clerk, session=session, held_on=D(2025, 6, 2)),
    )
    form = {
        "organization": district.scj.pk,
        "topic": "轮训",
        "held_on": TOMORROW,
        "hours": "8",
        "kind": "rotation",
    }
    client.force_login(users.scj_clerk)
    page = client.post(reverse("enforcement:edit_session", args=[session.pk]), form)
    assert page.status_code == 400 and message in page.content.decode()
    admin = via_admin(client, users.justice).post(
        reverse("admin:enforcement_trainingsession_change", args=[session.pk]),
        {**form, **inline("attendances")},
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert TrainingSession.objects.get(pk=session.pk).held_on == D(2025, 5, 6)


def test_certificate_corrected_to_expire_before_its_issue_is_refused_on_every_way_in(
    client, users, body, officer
):
    message = "有效期截止日不能早于发证日期。"
    certificate = issue(
        users.justice, officer, body, "64030001", issued_on=D(2025, 3, 1), exam_on=D(2025, 1, 6)
    )

    service_refuses(
        message,
        lambda: services.update_certificate(
            actor=users.justice, certificate=certificate, valid_until=D(2025, 1, 1)
        ),
    )
    form = {"areas": "", "valid_until": "2025-01-01"}
    client.force_login(users.justice)
    page = client.post(reverse("enforcement:edit_certificate", args=[certificate.pk]), form)
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:enforcement_certificate_change", args=[certificate.pk]), {**form, **inline("reviews")}
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert Certificate.objects.get(pk=certificate.pk).valid_until == D(2029, 2, 28)


# 评查案卷和评查标准的更正 (rules/evaluation.validate_case_file_change, validate_item_removable) ----------------------


def test_case_file_with_problems_moved_to_another_body_is_refused_on_every_way_in(
    client, users, district, campaign, body
):
    message = "已登记问题的案卷不能改换执法主体：问题已归入原执法主体所在单位，请先更正或删除问题。"
    case_file = _draw(users, campaign, body, D(2025, 4, 18))
    services.record_problem(
        actor=users.justice, case_file=case_file, category="evidence", description="照片无时间"
    )
    town = services.register_body(
        actor=users.justice,
        organization=district.town,
        name="测试区莲花镇人民政府",
        legal_basis="《行政处罚法》",
    )

    service_refuses(
        message, lambda: services.update_case_file(actor=users.justice, case_file=case_file, body=town)
    )
    form = {
        "campaign": campaign.pk,
        "body": town.pk,
        "domain": "market",
        "act_kind": "penalty",
        "case_number": case_file.case_number,
        "title": case_file.title,
        "decided_on": "2025-04-18",
    }
    client.force_login(users.justice)
    page = client.post(reverse("evaluation:edit_file", args=[case_file.pk]), {**form, "officers": ""})
    assert page.status_code == 400 and message in page.content.decode()
    admin = administrator(users.justice).post(
        reverse("admin:enforcement_casefile_change", args=[case_file.pk]), {**form, **inline("scores")}
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    assert CaseFile.objects.get(pk=case_file.pk).body == body


def test_standard_item_used_in_scores_is_not_deleted_on_any_way_in(client, users, campaign, body):
    case_file = _draw(users, campaign, body, D(2025, 4, 18))
    item = campaign.items.get(title="违反法定程序")
    services.score_case_file(
        actor=users.justice, case_file=case_file, points={}, vetoes=[item], scored_on=D(2025, 5, 6)
    )
    message = "评查项目“违反法定程序”已用于案卷评分，不能删除。"

    service_refuses(message, lambda: services.remove_item(actor=users.justice, item=item))
    client.force_login(users.justice)
    page = client.post(reverse("evaluation:remove_item", args=[item.pk]))
    assert page.status_code == 400 and message in page.content.decode()
    # Admin offers no delete of a standard's item (EvaluationAdmin: nothing is deleted there).
    admin = administrator(users.justice).post(
        reverse("admin:enforcement_evaluationitem_delete", args=[item.pk]), {"post": "yes"}
    )
    assert admin.status_code == 403

    assert campaign.items.filter(pk=item.pk).exists()
