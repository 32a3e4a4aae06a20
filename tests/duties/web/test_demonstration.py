"""The demonstration projects page records a stage through the service."""

from __future__ import annotations

import pytest

from fazhi.duties.models import DemonstrationProject

from ..conftest import D

pytestmark = pytest.mark.django_db


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
