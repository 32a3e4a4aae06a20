"""The admin of case-file evaluation goes through the services: a campaign created with the default standard, a
problem recorded for the evaluated unit, a contact point's credit code checked, and the evaluated unit refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import ids
from fazhi.enforcement import services
from fazhi.enforcement.models import CaseFileProblem, ContactPoint, EvaluationCampaign

from ...admin_way_in import admin_closed

D = dt.date
INLINES = {f"{p}-{k}": "0" for p in ("items", "reviewers") for k in ("TOTAL_FORMS", "INITIAL_FORMS")}


def test_campaign_created_in_the_admin_with_the_default_standard(client, users, district):
    client.force_login(users.justice)
    response = client.post(
        "/admin/enforcement/evaluationcampaign/add/",
        {
            "organization": district.sfj.pk,
            "year": "2025",
            "name": "2025年度行政执法案卷评查",
            "domains": ["food_drug", "natural_resources"],
            "excellent_score": "90",
            "pass_score": "60",
            "default_standard": "on",
            **INLINES,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    campaign = EvaluationCampaign.objects.get()
    assert campaign.domains == ["food_drug", "natural_resources"]
    assert campaign.items.count() == 15


def test_the_evaluated_units_clerk_cannot_create_a_campaign_in_the_admin(client, district, team_clerk):
    # the admin is the platform administrators' only: the clerk is turned away there
    client.force_login(team_clerk)
    response = client.post(
        "/admin/enforcement/evaluationcampaign/add/",
        {
            "organization": district.team.pk,
            "year": "2025",
            "name": "自评",
            "domains": ["food_drug"],
            "excellent_score": "90",
            "pass_score": "60",
            **INLINES,
        },
    )
    admin_closed(response)
    # and the rule refuses it by the service (the way the pages take)
    with pytest.raises(PermissionDenied, match="组织案卷评查由司法局（执法监督机构）办理。"):
        services.create_campaign(
            actor=team_clerk, organization=district.team, year=2025, name="自评", domains=["food_drug"]
        )
    assert not EvaluationCampaign.objects.exists()


def test_problem_added_in_the_admin_belongs_to_the_files_unit(
    client, users, district, body, certificate, officer
):
    campaign = services.create_campaign(
        actor=users.justice, organization=district.sfj, year=2025, name="评查", domains=["food_drug"]
    )
    case_file = services.draw_case_file(
        actor=users.justice,
        campaign=campaign,
        body=body,
        domain="food_drug",
        act_kind="penalty",
        case_number="A-1",
        title="某案",
        decided_on=D(2025, 4, 18),
        officers=[officer],
    )
    client.force_login(users.justice)
    response = client.post(
        "/admin/enforcement/casefileproblem/add/",
        {"case_file": case_file.pk, "category": "evidence", "description": "证据不足"},
    )
    assert response.status_code == 302
    assert CaseFileProblem.objects.get().organization == district.team


def test_contact_point_in_the_admin_checks_the_credit_code(client, users, district):
    client.force_login(users.justice)
    data = {
        "organization": district.sfj.pk,
        "name": "联系点",
        "enterprise_name": "某公司",
        "credit_code": "91640303MA76XY12A0",
        "established_on": "2025-03-01",
    }
    response = client.post("/admin/enforcement/contactpoint/add/", data)
    assert "统一社会信用代码校验码错误" in response.content.decode()
    assert not ContactPoint.objects.exists()
    data["credit_code"] = ids.make_credit_code("91640303MA76XY12A")
    assert client.post("/admin/enforcement/contactpoint/add/", data).status_code == 302
    assert ContactPoint.objects.get().status == "active"
