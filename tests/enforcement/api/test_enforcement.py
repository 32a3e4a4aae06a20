"""The enforcement API: reads scoped by core.access, certificates with their validity today and no ID number, writes
through the services with Chinese refusals that change nothing, and the OpenAPI schema still generating."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from fazhi.core import audit, clock
from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import Certificate, EnforcementPower, SupervisionClue, TrainingSession

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = clock.today()


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content.decode()
    return response.json()["results"]


def test_schema_generates_with_the_enforcement_endpoints(users):
    response = api(users.admin).get("/api/schema/", {"format": "json"})

    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/enforcement/bodies/",
        "/api/enforcement/powers/",
        "/api/enforcement/certificates/{id}/cancel/",
        "/api/enforcement/training-sessions/{id}/attendance/",
        "/api/enforcement/clues/{id}/close/",
    ):
        assert path in paths


def test_unit_clerk_reads_only_their_units_bodies_with_item_lists(users, district, body, team_clerk):
    services.add_power(
        actor=team_clerk, body=body, kind="inspection", name="日常检查", legal_basis="《食品安全法》"
    )
    services.register_body(
        actor=users.justice, organization=district.town, name="莲花镇", legal_basis="《行政处罚法》"
    )

    rows = results(api(team_clerk).get("/api/enforcement/bodies/"))

    assert [(r["name"], r["organization"], r["supervision_organ"]) for r in rows] == [
        ("测试区市场监管执法大队", "T-SCJ-ZD", "T-SFJ")
    ]
    assert [p["name"] for p in rows[0]["powers"]] == ["日常检查"]
    assert len(results(api(users.supervisor).get("/api/enforcement/bodies/"))) == 2


def test_body_registration_is_the_justice_bureaus(users, district, team_clerk):
    data = {"organization": "T-LHZ", "name": "莲花镇人民政府", "legal_basis": "《行政处罚法》第二十四条"}

    refused = api(team_clerk).post("/api/enforcement/bodies/", data, format="json")
    created = api(users.justice).post(
        "/api/enforcement/bodies/", {**data, "supervision_organ": "T-SFJ"}, format="json"
    )

    assert refused.status_code == 403 and "司法局" in refused.json()["detail"]
    assert created.status_code == 201, created.content.decode()
    assert created.json()["supervision_organ"] == "T-SFJ" and created.json()["status"] == "active"


def test_power_is_added_through_add_power_and_refused_for_another_units_body(users, body, team_clerk):
    data = {
        "body": body.pk,
        "kind": "penalty",
        "name": "对无证经营的处罚",
        "legal_basis": "《食品安全法》第一百二十二条",
    }

    refused = api(users.jyj_clerk).post("/api/enforcement/powers/", data, format="json")
    created = api(team_clerk).post("/api/enforcement/powers/", data, format="json")

    assert refused.status_code == 400 and "body" in refused.json()
    assert created.status_code == 201 and created.json()["kind_label"] == "行政处罚"
    assert EnforcementPower.objects.count() == 1


def test_certificates_show_validity_today_and_never_the_id_number(users, certificate, officer):
    rows = results(api(users.supervisor).get("/api/enforcement/certificates/"))

    assert [(r["number"], r["person_name"], r["valid_today"]) for r in rows] == [("64030001", "王执法", True)]
    assert officer.id_number not in str(rows) and "id_number" not in rows[0]


def test_certificate_cancelled_through_the_api_is_invalid_today_and_audited(users, certificate):
    url = f"/api/enforcement/certificates/{certificate.pk}/cancel/"

    refused = api(users.supervisor).post(url, {"reason": "other", "cancelled_on": str(TODAY)}, format="json")
    done = api(users.supervisor).post(
        url, {"reason": "retirement", "cancelled_on": str(TODAY)}, format="json"
    )

    assert refused.status_code == 400 and "cancel_note" in refused.json()
    assert done.status_code == 200, done.content.decode()
    assert (done.json()["status"], done.json()["valid_today"]) == ("cancelled", False)
    assert [e.transition for e in audit.history(certificate)][-1] == "注销证件"


def test_certificate_issue_and_review_through_the_api(users, body, officer, team_clerk):
    services.record_exam(
        actor=users.justice, person=officer, body=body, exam_on=TODAY - dt.timedelta(days=20), score=90
    )
    data = {
        "person": officer.pk,
        "body": body.pk,
        "number": "64039999",
        "issued_on": str(TODAY - dt.timedelta(days=10)),
        "valid_until": str(TODAY + dt.timedelta(days=1000)),
    }

    assert api(team_clerk).post("/api/enforcement/certificates/", data, format="json").status_code == 403
    issued = api(users.justice).post("/api/enforcement/certificates/", data, format="json")
    assert issued.status_code == 201 and issued.json()["valid_today"] is True
    pk = issued.json()["id"]
    failed = api(users.justice).post(
        f"/api/enforcement/certificates/{pk}/reviews/",
        {"year": TODAY.year, "reviewed_on": str(TODAY), "passed": False, "reason": "培训学时不足"},
        format="json",
    )
    assert failed.status_code == 201 and failed.json()["valid_today"] is False
    assert Certificate.objects.get(pk=pk).reviews.get().reason == "培训学时不足"


def test_training_session_and_attendance_through_the_api(users, district, body, officer):
    created = api(users.scj_clerk).post(
        "/api/enforcement/training-sessions/",
        {
            "organization": "T-SCJ",
            "topic": "执法规范化培训",
            "held_on": "2025-06-18",
            "hours": "4.0",
            "kind": "rotation",
        },
        format="json",
    )
    assert created.status_code == 201, created.content.decode()
    url = f"/api/enforcement/training-sessions/{created.json()['id']}/attendance/"

    attended = api(users.scj_clerk).post(url, {"people": [officer.pk]}, format="json")
    twice = api(users.scj_clerk).post(url, {"people": [officer.pk]}, format="json")

    assert attended.status_code == 201 and [a["person_name"] for a in attended.json()["attendances"]] == [
        "王执法"
    ]
    assert twice.status_code == 400 and "该人员已登记参加此次培训。" in twice.content.decode()
    assert TrainingSession.objects.get().attendances.count() == 1
    assert results(api(users.jyj_clerk).get("/api/enforcement/training-sessions/")) == []


def test_clue_registered_handled_and_closed_through_the_api(users, district):
    created = api(users.scj_clerk).post(
        "/api/enforcement/clues/",
        {
            "source": "hotline",
            "external_number": "2024092500017",
            "received_on": "2024-09-25",
            "organization": "T-SCJ",
            "content": "无证经营",
            "enterprise_related": True,
        },
        format="json",
    )
    assert created.status_code == 201, created.content.decode()
    assert created.json()["due_on"] == "2024-10-21"
    url = f"/api/enforcement/clues/{created.json()['id']}/"

    early = api(users.scj_clerk).post(
        url + "close/", {"result": "已查处", "handled_on": "2024-10-08"}, format="json"
    )
    assert early.status_code == 400 and "当前状态“已登记”下不能执行此操作。" in early.content.decode()
    assert api(users.scj_clerk).post(url + "start/", {}, format="json").status_code == 200
    step = api(users.scj_clerk).post(url + "steps/", {"on": "2024-09-27", "text": "现场核查"}, format="json")
    assert step.status_code == 201 and step.json()["steps"][0]["text"] == "现场核查"
    closed = api(users.scj_clerk).post(
        url + "close/", {"result": "已查处", "handled_on": "2024-10-08"}, format="json"
    )
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    assert api(users.leader).post(url + "start/", {}, format="json").status_code in (403, 404)


def test_clue_of_another_unit_is_not_found_for_a_unit_clerk(users, district):
    clue = services.register_clue(
        actor=users.supervisor,
        source="complaint",
        received_on=D(2025, 3, 3),
        organization=district.jyj,
        content="乱收费",
    )

    response = api(users.scj_clerk).post(f"/api/enforcement/clues/{clue.pk}/start/", {}, format="json")

    assert response.status_code == 404
    clue.refresh_from_db()
    assert clue.status == SupervisionClue.Status.REGISTERED
    assert selectors.sessions_for(users.scj_clerk).count() == 0
