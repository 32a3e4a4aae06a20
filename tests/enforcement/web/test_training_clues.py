"""The training and clue pages: sessions recorded and attendance taken through the services, clues registered,
handled step by step and closed; every refusal is shown in Chinese and changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from fazhi.enforcement import origins, services
from fazhi.enforcement.models import ClueStep, SupervisionClue, TrainingAttendance, TrainingSession

pytestmark = pytest.mark.django_db
D = dt.date


def page(client, name, *args, **params) -> str:
    response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def test_enforcement_pages_link_to_training_and_clues(client, users):
    client.force_login(users.supervisor)

    for name in ("enforcement:bodies", "enforcement:officers"):
        html = page(client, name)
        assert reverse("enforcement:training") in html and reverse("enforcement:clues") in html


def test_training_list_shows_the_units_sessions_with_attendance_counts(client, users, session, officer):
    services.record_attendance(actor=users.scj_clerk, session=session, person=officer)
    services.record_session(
        actor=users.jyj_clerk,
        organization=users.jyj_clerk.organization,
        topic="教育执法培训",
        held_on=D(2025, 5, 1),
        hours=2,
    )
    client.force_login(users.scj_clerk)

    html = page(client, "enforcement:training")

    assert "食品安全执法专题培训" in html and "教育执法培训" not in html
    assert "<td>4.0</td><td>1</td>" in html


def test_recording_a_session_through_the_page(client, users, district):
    client.force_login(users.scj_clerk)
    data = {
        "organization": district.scj.pk,
        "topic": "执法规范化轮训",
        "held_on": "2025-06-18",
        "hours": "8",
        "kind": "rotation",
    }

    response = client.post(reverse("enforcement:training"), data)

    session = TrainingSession.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "enforcement:training_session", args=[session.pk]
    )
    assert (session.topic, session.hours, session.kind) == ("执法规范化轮训", 8, "rotation")


def test_a_leader_cannot_record_a_session(client, users, district):
    """A leader only reads (core.access: the leader's role writes nothing): the training page offers no form, a posted
    one is refused, and the service itself refuses the leader with a 403's reason."""
    client.force_login(users.leader)
    data = {
        "organization": district.root.pk,
        "topic": "轮训",
        "held_on": "2025-06-18",
        "hours": "8",
        "kind": "rotation",
    }

    page = client.get(reverse("enforcement:training")).content.decode()
    response = client.post(reverse("enforcement:training"), data)
    with pytest.raises(PermissionDenied):
        services.record_session(
            actor=users.leader, organization=district.root, topic="轮训", held_on=D(2025, 6, 18), hours=8
        )

    assert 'name="topic"' not in page
    assert response.status_code in (400, 403)
    assert not TrainingSession.objects.exists()


def test_a_session_without_hours_is_refused_in_chinese_and_nothing_is_recorded(client, users, district):
    client.force_login(users.scj_clerk)
    data = {
        "organization": district.scj.pk,
        "topic": "执法规范化轮训",
        "held_on": "2025-06-18",
        "hours": "0",
        "kind": "rotation",
    }

    response = client.post(reverse("enforcement:training"), data)

    assert response.status_code == 400
    assert "学时应大于0。" in response.content.decode()
    assert not TrainingSession.objects.exists()


def test_attendance_is_recorded_on_the_session_page_and_a_second_time_refused(
    client, users, session, officer
):
    client.force_login(users.scj_clerk)
    url = reverse("enforcement:record_attendance", args=[session.pk])

    first = client.post(url, {"people": officer.name})
    again = client.post(url, {"people": officer.name})

    assert first.status_code == 302
    assert again.status_code == 400 and "该人员已登记参加此次培训。" in again.content.decode()
    assert TrainingAttendance.objects.count() == 1
    html = page(client, "enforcement:training_session", session.pk)
    assert "王执法" in html and "参训人员（1人）" in html


def test_another_units_session_is_not_found_and_a_leader_gets_no_attendance_form(
    client, users, session, officer
):
    client.force_login(users.jyj_clerk)
    assert client.get(reverse("enforcement:training_session", args=[session.pk])).status_code == 404
    assert (
        client.post(
            reverse("enforcement:record_attendance", args=[session.pk]), {"people": officer.name}
        ).status_code
        == 404
    )

    client.force_login(users.leader)
    assert 'id="record-attendance"' not in page(client, "enforcement:training_session", session.pk)
    assert not TrainingAttendance.objects.exists()


# Clues -------------------------------------------------------------------------------------------------------


def register(users, district, **fields):
    fields.setdefault("received_on", D(2024, 9, 25))
    return services.register_clue(
        actor=users.supervisor,
        source="complaint",
        organization=district.scj,
        content="执法人员未出示证件",
        **fields,
    )


def test_clue_list_shows_deadline_state_and_overdue(client, users, district):
    register(users, district)
    client.force_login(users.scj_clerk)

    html = page(client, "enforcement:clues")

    assert "2024年10月21日" in html and "已登记" in html and "已超期" in html
    assert "执法人员未出示证件" in page(client, "enforcement:clues", overdue="1")
    assert "执法人员未出示证件" not in page(client, "enforcement:clues", status="closed")


def test_registering_handling_and_closing_a_clue_through_the_pages(client, users, district, body):
    client.force_login(users.scj_clerk)
    data = {
        "source": "contact_point",
        "external_number": "LXD-01",
        "received_on": "2024-09-25",
        "organization": district.scj.pk,
        "body": body.pk,
        "enterprise_related": "on",
        "content": "企业反映重复检查",
    }

    response = client.post(reverse("enforcement:clues"), data)
    clue = SupervisionClue.objects.get()
    assert response.status_code == 302 and (clue.due_on, clue.body, clue.enterprise_related) == (
        D(2024, 10, 21),
        body,
        True,
    )
    assert client.post(reverse("enforcement:start_clue", args=[clue.pk]), {"note": ""}).status_code == 302
    assert (
        client.post(
            reverse("enforcement:add_clue_step", args=[clue.pk]), {"on": "2024-09-27", "text": "约谈执法大队"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("enforcement:close_clue", args=[clue.pk]),
            {"result": "已合并检查事项", "handled_on": "2024-10-10"},
        ).status_code
        == 302
    )

    clue.refresh_from_db()
    assert (clue.status, clue.result, clue.handled_on) == ("closed", "已合并检查事项", D(2024, 10, 10))
    html = page(client, "enforcement:clue", clue.pk)
    assert "约谈执法大队" in html and "已办结" in html


def test_closing_a_clue_not_being_handled_is_refused_in_chinese_and_changes_nothing(client, users, district):
    clue = register(users, district)
    client.force_login(users.scj_clerk)

    response = client.post(
        reverse("enforcement:close_clue", args=[clue.pk]), {"result": "已处理", "handled_on": "2024-10-08"}
    )

    assert response.status_code == 400
    assert "当前状态“已登记”下不能执行此操作。" in response.content.decode()
    clue.refresh_from_db()
    assert (clue.status, clue.result, clue.handled_on) == ("registered", "", None)


def test_a_step_before_the_clue_was_received_is_refused_and_not_recorded(client, users, district):
    clue = register(users, district)
    services.start_handling(actor=users.scj_clerk, clue=clue)
    client.force_login(users.scj_clerk)

    response = client.post(
        reverse("enforcement:add_clue_step", args=[clue.pk]), {"on": "2024-09-01", "text": "提前记录"}
    )

    assert response.status_code == 400 and "办理日期不能早于线索受理日期。" in response.content.decode()
    assert not ClueStep.objects.exists()


def test_a_leader_reads_a_clue_but_may_not_handle_it(client, users, district):
    clue = register(users, district)
    client.force_login(users.leader)

    html = page(client, "enforcement:clue", clue.pk)
    response = client.post(reverse("enforcement:start_clue", args=[clue.pk]), {"note": ""})

    assert "开始办理" not in html and 'id="rectification-spot"' in html
    assert response.status_code == 403
    clue.refresh_from_db()
    assert clue.status == "registered"


def test_the_clue_page_names_the_record_it_came_from(client, users, district, body, monkeypatch):
    monkeypatch.setattr(origins, "ORIGINS", dict(origins.ORIGINS))
    origins.register(
        "enforcement.EnforcementBody",
        kind=SupervisionClue.Source.INSPECTION,
        unit=lambda b: b.organization,
        description=lambda b: f"执法检查：{b.name}",
        url=lambda b: f"/inspections/{b.pk}/",
    )
    clue = services.register_clue(
        actor=users.justice,
        source=SupervisionClue.Source.INSPECTION,
        received_on=D(2025, 4, 1),
        organization=district.scj,
        content="检查发现执法文书不规范",
        origin=body,
    )
    plain = services.register_clue(
        actor=users.justice,
        source=SupervisionClue.Source.COMPLAINT,
        received_on=D(2025, 4, 1),
        organization=district.scj,
        content="投诉",
    )
    client.force_login(users.justice)
    shown = page(client, "enforcement:clue", clue.pk)
    assert (
        f'<dt>来源</dt><dd id="origin"><a href="/inspections/{body.pk}/">执法检查：测试区市场监管执法大队</a></dd>'
        in shown
    )
    assert 'id="origin"' not in page(client, "enforcement:clue", plain.pk)
