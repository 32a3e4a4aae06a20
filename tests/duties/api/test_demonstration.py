"""The projects API moves a project forward only."""

from __future__ import annotations

import pytest

from fazhi.duties.models import DemonstrationProject

from ..conftest import D

pytestmark = pytest.mark.django_db


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
