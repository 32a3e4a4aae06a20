"""The admin of training sessions, attendance and supervision clues (the platform's administrators only; unit clerks
and supervisors work on the pages): lists scoped by district, every save through the
training and clue services, a clue's deadline and state read-only, and its steps and closing through add_step and
close_clue."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import ClueStep, SupervisionClue, TrainingAttendance, TrainingSession

from ...admin_way_in import admin_closed, administrator

pytestmark = pytest.mark.django_db
D = dt.date


def changelist(client, model):
    response = client.get(reverse(f"admin:enforcement_{model}_changelist"))
    assert response.status_code == 200
    return list(response.context["cl"].queryset)


def test_lists_are_scoped_by_district(client, users, district, session, clue):
    other = services.register_clue(
        actor=users.supervisor,
        source="complaint",
        received_on=D(2024, 9, 25),
        organization=district.jyj,
        content="甲",
    )
    admin = administrator(users.justice)
    assert changelist(admin, "trainingsession") == [session]
    assert set(changelist(admin, "supervisionclue")) == {clue, other}
    assert changelist(admin, "trainingattendance") == []
    other_district = administrator(users.other_justice)
    assert changelist(other_district, "trainingsession") == []
    assert changelist(other_district, "supervisionclue") == []
    for user in (users.scj_clerk, users.supervisor):
        client.force_login(user)
        admin_closed(client.get(reverse("admin:enforcement_supervisionclue_changelist")))


def test_recording_a_session_in_admin_goes_through_record_session(client, users, district):
    client.force_login(users.justice)

    response = client.post(
        reverse("admin:enforcement_trainingsession_add"),
        {
            "organization": district.scj.pk,
            "topic": "执法规范化轮训",
            "held_on": "2025-06-18",
            "hours": "8",
            "kind": "rotation",
        },
    )

    assert response.status_code == 302
    session = TrainingSession.objects.get()
    assert AuditEvent.objects.filter(
        model_label="enforcement.trainingsession", object_id=str(session.pk), action="create"
    ).exists()


def test_attendance_of_another_units_officer_is_recorded_once_in_admin(client, users, session, officer):
    client.force_login(users.justice)
    url = reverse("admin:enforcement_trainingattendance_add")

    first = client.post(url, {"session": session.pk, "person": officer.pk})
    second = client.post(url, {"session": session.pk, "person": officer.pk})

    assert first.status_code == 302
    assert second.status_code in (200, 400) and "该人员已登记参加此次培训。" in second.content.decode()
    assert TrainingAttendance.objects.count() == 1
    assert (
        AuditEvent.objects.filter(model_label="enforcement.trainingattendance", action="create").count() == 1
    )


def test_registering_a_clue_in_admin_computes_its_deadline(client, users, district, body):
    client.force_login(users.justice)

    response = client.post(
        reverse("admin:enforcement_supervisionclue_add"),
        {
            "source": "hotline",
            "external_number": "2024092500017",
            "received_on": "2024-09-25",
            "organization": district.scj.pk,
            "body": body.pk,
            "content": "无证经营",
        },
    )

    assert response.status_code == 302
    clue = SupervisionClue.objects.get()
    assert (clue.due_on, clue.status, clue.body) == (D(2024, 10, 21), "registered", body)


def test_admin_action_starts_handling_and_the_change_form_adds_a_step_and_closes(client, users, clue):
    client.force_login(users.justice)
    client.post(
        reverse("admin:enforcement_supervisionclue_changelist"),
        {"action": "start_handling", "_selected_action": [clue.pk]},
    )
    clue.refresh_from_db()
    assert clue.status == "handling"
    form_page = client.get(
        reverse("admin:enforcement_supervisionclue_change", args=[clue.pk])
    ).content.decode()
    assert "办结：办理结果" in form_page and "办理过程" in form_page

    response = client.post(
        reverse("admin:enforcement_supervisionclue_change", args=[clue.pk]),
        {
            "body": "",
            "category": "收费",
            "content": "乱收费",
            "close_result": "已责令退还",
            "close_on": "2024-10-09",
            "steps-TOTAL_FORMS": "1",
            "steps-INITIAL_FORMS": "0",
            "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000",
            "steps-0-on": "2024-09-30",
            "steps-0-text": "调取收费票据",
            "steps-0-clue": str(clue.pk),
            "steps-0-id": "",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    clue.refresh_from_db()
    assert (clue.status, clue.result, clue.handled_on, clue.category) == (
        "closed",
        "已责令退还",
        D(2024, 10, 9),
        "收费",
    )
    assert list(ClueStep.objects.values_list("text", flat=True)) == ["调取收费票据"]


def test_closing_before_receipt_is_refused_in_admin_and_changes_nothing(client, users, clue):
    services.start_handling(actor=users.scj_clerk, clue=clue)
    client.force_login(users.justice)

    response = client.post(
        reverse("admin:enforcement_supervisionclue_change", args=[clue.pk]),
        {
            "body": "",
            "category": "收费",
            "content": "乱收费",
            "close_result": "已处理",
            "close_on": "2024-09-01",
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
            "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 400 and "办结日期不能早于受理日期。" in response.content.decode()
    clue.refresh_from_db()
    assert (clue.status, clue.category) == ("handling", "")
