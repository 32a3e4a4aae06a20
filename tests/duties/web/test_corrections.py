"""The correction pages of an activity and a demonstration project: the owning unit's clerk corrects through the
services (the audit event records the change), another unit's clerk does not find the record, a leader only reads,
and bad input is refused with the rule's Chinese message and nothing changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.duties import services
from fazhi.duties.models import Activity
from tests.corrections import closed_to, last_change, refused

from ..conftest import D, record

pytestmark = pytest.mark.django_db


@pytest.fixture
def lecture(users, district, leaders):
    return record(users.justice, "lecture", D(2025, 3, 1), district.jyj, people=[leaders["jyj"]])


PROJECT = {"name": "校园法治", "level": "regional", "applied_on": D(2024, 3, 1)}


@pytest.fixture
def project(users, district):
    return services.enter_project(actor=users.justice, organization=district.jyj, **PROJECT)


def _activity_form(activity, leader, **overrides) -> dict:
    return {
        "kind": activity.kind,
        "held_on": activity.held_on.isoformat(),
        "organization": activity.organization_id,
        "topic": activity.topic,
        "meeting": "",
        "people": f"{leader.name}",
        "names": "",
        "note": "",
        **overrides,
    }


def _project_form(project, **overrides) -> dict:
    data = {
        "name": project.name,
        "organization": project.organization_id,
        "level": project.level,
        "batch": "",
    }
    return data | overrides


# An activity -------------------------------------------------------------------------------------------------


def test_the_owning_clerk_corrects_an_activity(client, users, lecture, leaders):
    # given the 教育局 clerk on the lecture's page, which links to its correction
    client.force_login(users.jyj_clerk)
    url = reverse("duties:edit_activity", args=[lecture.pk])
    assert url in client.get(reverse("duties:activity", args=[lecture.pk])).content.decode()
    assert client.get(url).status_code == 200

    # when the topic and the date are corrected and a guest's name added
    response = client.post(
        url, _activity_form(lecture, leaders["jyj"], topic="宪法学习", held_on="2025-03-02", names="王建国")
    )

    # then the activity holds them and the audit trail records the change
    assert response.status_code == 302 and response.url == reverse("duties:activity", args=[lecture.pk])
    lecture.refresh_from_db()
    assert (lecture.topic, lecture.held_on) == ("宪法学习", D(2025, 3, 2))
    assert lecture.people_names == "许志诚、王建国"
    assert last_change(lecture)["topic"] == ["学习贯彻习近平法治思想", "宪法学习"]


def test_an_activity_is_not_found_by_another_unit_and_not_changed_by_a_leader(
    client, users, lecture, leaders
):

    url, page = (
        reverse("duties:edit_activity", args=[lecture.pk]),
        reverse("duties:activity", args=[lecture.pk]),
    )
    data = _activity_form(lecture, leaders["jyj"], topic="宪法学习")
    closed_to(client, url, data, lecture, "topic", outsider=users.scj_clerk, reader=users.leader, page=page)


def test_a_lecture_corrected_without_its_leader_is_refused_with_the_rules_message(
    client, users, lecture, leaders
):
    client.force_login(users.jyj_clerk)
    url = reverse("duties:edit_activity", args=[lecture.pk])
    response = client.post(url, _activity_form(lecture, leaders["jyj"], people="", topic="宪法学习"))
    assert response.status_code == 400
    assert "主要负责人讲法须写明讲法的主要负责人" in response.content.decode()
    lecture.refresh_from_db()
    assert (lecture.topic, lecture.people_names) == ("学习贯彻习近平法治思想", "许志诚")


# A demonstration project -------------------------------------------------------------------------------------


def test_the_owning_clerk_corrects_a_project(client, users, project):
    client.force_login(users.jyj_clerk)
    url = reverse("duties:edit_project", args=[project.pk])
    assert url in client.get(reverse("duties:projects")).content.decode()
    assert client.get(url).status_code == 200

    response = client.post(url, _project_form(project, name="校园法治示范", batch="第二批"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.batch, project.applied_on) == ("校园法治示范", "第二批", D(2024, 3, 1))
    assert last_change(project)["name"] == ["校园法治", "校园法治示范"]


def test_a_project_is_not_found_by_another_unit_and_not_changed_by_a_leader(client, users, project):
    url, page = reverse("duties:edit_project", args=[project.pk]), reverse("duties:projects")
    data = _project_form(project, name="改名")
    closed_to(client, url, data, project, "name", outsider=users.scj_clerk, reader=users.leader, page=page)


def test_a_project_moved_to_a_unit_the_clerk_may_not_change_isrefused(client, users, district, project):
    client.force_login(users.jyj_clerk)
    url = reverse("duties:edit_project", args=[project.pk])
    refused(
        client, url, _project_form(project, organization=district.scj.pk, name="改名"), 400, project, "name"
    )


# Deleting an activity entered by mistake ---------------------------------------------------------------------


def test_the_owning_clerk_deletes_an_activity_entered_by_mistake(client, users, lecture):
    client.force_login(users.jyj_clerk)
    url = reverse("duties:delete_activity", args=[lecture.pk])
    assert url in client.get(reverse("duties:activity", args=[lecture.pk])).content.decode()

    response = client.post(url)

    assert response.status_code == 302 and response.url == "/duties/?year=2025"
    assert not Activity.objects.filter(pk=lecture.pk).exists()
    deleted = AuditEvent.objects.get(
        model_label="duties.activity", object_id=str(lecture.pk), action="delete"
    )
    assert deleted.changes["topic"] == ["学习贯彻习近平法治思想", None]


def test_an_activity_is_not_deleted_by_another_unit_or_a_leader(client, users, lecture):
    url = reverse("duties:delete_activity", args=[lecture.pk])
    client.force_login(users.scj_clerk)
    assert client.post(url).status_code == 404
    client.force_login(users.leader)
    assert url not in client.get(reverse("duties:activity", args=[lecture.pk])).content.decode()
    assert client.post(url).status_code == 403
    assert Activity.objects.filter(pk=lecture.pk).exists()
