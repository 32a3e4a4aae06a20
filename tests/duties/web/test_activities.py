"""The activity pages: the year's figures, an entry with its attachment, a refusal that changes nothing, and
another unit's activity not found."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.duties.models import Activity

from ..conftest import D, record

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
