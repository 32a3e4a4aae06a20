"""The demonstration projects admin: corrections through the service, the stage dates read-only, never deleted."""

from __future__ import annotations

import pytest

from fazhi.core import audit
from fazhi.duties import services
from fazhi.duties.models import DemonstrationProject

from ..conftest import D

pytestmark = pytest.mark.django_db


def test_the_admin_corrects_a_project_through_the_service_and_never_its_dates(client, users, district):
    # given a shortlisted project
    project = services.enter_project(
        actor=users.justice,
        name="校园法治",
        organization=district.jyj,
        level="regional",
        applied_on=D(2024, 3, 1),
    )
    services.advance_project(actor=users.justice, project=project, transition="shortlist", on=D(2024, 6, 1))
    client.force_login(users.justice)
    # when its name is corrected in admin, with its dates sent too
    response = client.post(
        f"/admin/duties/demonstrationproject/{project.pk}/change/",
        {
            "name": "校园法治建设",
            "organization": district.jyj.pk,
            "level": "regional",
            "batch": "第二批",
            "applied_on": "2023-01-01",
            "shortlisted_on": "2023-02-01",
        },
    )
    # then the name changed, the dates did not, and the change is in the audit trail
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.name, project.batch, project.applied_on, project.shortlisted_on) == (
        "校园法治建设",
        "第二批",
        D(2024, 3, 1),
        D(2024, 6, 1),
    )
    assert audit.history(project).last().changes["name"] == ["校园法治", "校园法治建设"]
    # and nobody deletes a project here
    assert (
        client.post(f"/admin/duties/demonstrationproject/{project.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert DemonstrationProject.objects.count() == 1
