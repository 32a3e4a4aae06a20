"""The duties pages, API and admin go through the same services: an entry refused by its kind's rule changes nothing
on every path; the lists are scoped by unit."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.duties.models import Activity, DemonstrationProject

from .conftest import D, record

pytestmark = pytest.mark.django_db


def test_the_page_shows_the_years_figures_and_records_an_activity(
    client, users, district, leaders, monkeypatch
):
    record(users.justice, "lecture", D(2025, 3, 1), district.jyj, people=[leaders["jyj"]])
    client.force_login(users.jyj_clerk)
    page = client.get("/duties/", {"year": 2025})
    html = page.content.decode()
    assert page.status_code == 200 and 'data-code="duties.lecture.leaders"' in html
    assert "<strong>1</strong>人" in html
    response = client.post(
        "/duties/",
        {
            "kind": "written_report",
            "held_on": "2025-12-10",
            "organization": district.jyj.pk,
            "topic": "年度书面述法",
            "names": "王建国、李晓燕",
            "file": SimpleUploadedFile("述法报告.txt", "述法报告".encode()),
        },
    )
    activity = Activity.objects.get(kind="written_report")
    assert response.status_code == 302 and response["Location"] == f"/duties/{activity.pk}/"
    assert activity.people_names == "王建国、李晓燕"
    assert activity.attachments.get().title == "述法报告.txt"
    detail = client.get(f"/duties/{activity.pk}/").content.decode()
    assert "王建国" in detail and "述法报告.txt" in detail


def test_the_page_refuses_a_lecture_without_its_leader_and_changes_nothing(client, users, district):
    client.force_login(users.jyj_clerk)
    response = client.post(
        "/duties/",
        {"kind": "lecture", "held_on": "2025-03-01", "organization": district.jyj.pk, "topic": "宪法"},
    )
    assert response.status_code == 400
    assert "主要负责人讲法须写明讲法的主要负责人" in response.content.decode()
    assert not Activity.objects.exists()


def test_another_units_activity_is_not_found(client, users, district, leaders):
    activity = record(users.justice, "lecture", D(2025, 3, 1), district.jyj, people=[leaders["jyj"]])
    client.force_login(users.scj_clerk)
    assert client.get(f"/duties/{activity.pk}/").status_code == 404
    assert client.get("/api/duties/activities/").json()["results"] == []


def test_the_api_records_activities_through_the_rules(client, users, district, leaders):
    client.force_login(users.justice)
    bad = client.post(
        "/api/duties/activities/",
        {"kind": "lecture", "held_on": "2025-03-01", "organization": "T-JYJ", "topic": "宪法"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "主要负责人讲法须写明" in str(bad.json())
    ok = client.post(
        "/api/duties/activities/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": "T-JYJ",
            "topic": "宪法",
            "people": [leaders["jyj"].pk],
        },
        content_type="application/json",
    )
    assert ok.status_code == 201 and ok.json()["people_names"] == "许志诚"
    rows = client.get("/api/duties/activities/", {"kind": "lecture", "year": 2025}).json()["results"]
    assert [r["kind_label"] for r in rows] == ["主要负责人讲法"]


def test_the_api_moves_a_project_forward_only(client, users, district):
    client.force_login(users.justice)
    created = client.post(
        "/api/duties/projects/",
        {"name": "一支队伍管执法", "organization": "T-SFJ", "level": "regional", "applied_on": "2024-03-20"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    moved = client.post(
        f"/api/duties/projects/{pk}/advance/",
        {"transition": "shortlist", "on": "2024-06-14"},
        content_type="application/json",
    )
    assert moved.status_code == 200 and moved.json()["stage_label"] == "入围"
    again = client.post(
        f"/api/duties/projects/{pk}/advance/",
        {"transition": "shortlist", "on": "2024-07-01"},
        content_type="application/json",
    )
    assert again.status_code == 400
    assert DemonstrationProject.objects.get(pk=pk).shortlisted_on == D(2024, 6, 14)


def test_the_projects_page_records_a_stage(client, users, district):
    client.force_login(users.justice)
    client.post(
        "/duties/projects/",
        {
            "name": "校园法治",
            "organization": district.jyj.pk,
            "level": "regional",
            "batch": "",
            "applied_on": "2024-03-01",
        },
    )
    project = DemonstrationProject.objects.get()
    response = client.post(
        f"/duties/projects/{project.pk}/advance/", {"transition": "shortlist", "on": "2024-02-01"}
    )
    assert (
        response.status_code == 400
        and "入围日期（2024-02-01）不能早于申报日期（2024-03-01）" in response.content.decode()
    )
    client.post(f"/duties/projects/{project.pk}/advance/", {"transition": "shortlist", "on": "2024-06-01"})
    project.refresh_from_db()
    assert (project.stage, project.shortlisted_on) == ("shortlisted", D(2024, 6, 1))


def test_the_admin_saves_through_the_service(client, users, district, leaders):
    client.force_login(users.justice)
    response = client.post(
        "/admin/duties/activity/add/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": district.jyj.pk,
            "topic": "宪法",
            "names": "",
        },
    )
    assert response.status_code == 400 and not Activity.objects.exists()
    response = client.post(
        "/admin/duties/activity/add/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": district.jyj.pk,
            "topic": "宪法",
            "people_list": [leaders["jyj"].pk],
        },
    )
    assert response.status_code == 302
    assert Activity.objects.get().people_names == "许志诚"


def test_the_api_refuses_people_the_caller_may_not_see(client, users, district, leaders):
    client.force_login(users.scj_clerk)
    response = client.post(
        "/api/duties/activities/",
        {
            "kind": "lecture",
            "held_on": "2025-03-01",
            "organization": "T-SCJ",
            "topic": "宪法",
            "people": [leaders["jyj"].pk],
        },
        content_type="application/json",
    )
    assert response.status_code == 403 and f"编号为{leaders['jyj'].pk}的人员" in str(response.json())
    assert not Activity.objects.exists()
