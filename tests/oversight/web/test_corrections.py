"""The correction pages of an inspection and a task plan: the organising unit corrects through the services (the
audit event records the change), a unit that is not involved does not find the record, an inspected unit and a leader
only read, and bad input is refused with the rule's Chinese message and nothing changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core import audit
from fazhi.core.models import Role
from fazhi.core.rules import happened_message
from fazhi.oversight.models import TaskPlan
from fazhi.oversight.services import task_plans
from tests import factories
from tests.corrections import last_change, refused

from ..conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_clerk(district):
    return factories.user(Role.UNIT_CLERK, district.town, username="town-clerk")


@pytest.fixture
def plan(users):
    return task_plans.create_plan(
        actor=users.justice,
        title="八大行动",
        kind=TaskPlan.Kind.ACTIONS,
        year=2024,
        organization=users.justice.organization,
        issued_on=D(2024, 3, 1),
    )


def _inspection_form(inspection, **overrides) -> dict:
    return {
        "kind": inspection.kind,
        "title": inspection.title,
        "held_on": inspection.held_on.isoformat(),
        "organization": inspection.organization_id,
        "co_organizers": list(inspection.co_organizers.values_list("pk", flat=True)),
        "units": list(inspection.inspected.values_list("organization_id", flat=True)),
        "summary": inspection.summary,
        **overrides,
    }


def _plan_form(plan, **overrides) -> dict:
    names = ("title", "kind", "year", "description")
    data = {n: getattr(plan, n) for n in names} | {"organization": plan.organization_id}
    return data | {"issued_on": plan.issued_on.isoformat()} | overrides


# An inspection -----------------------------------------------------------------------------------------------


def test_the_organising_unit_corrects_an_inspection_and_its_inspected_units(
    client, users, district, inspection
):
    # given the Justice Bureau, which organised the inspection, on its page
    client.force_login(users.justice)
    url = reverse("oversight:edit_inspection", args=[inspection.pk])
    assert url in client.get(reverse("oversight:inspection", args=[inspection.pk])).content.decode()
    assert client.get(url).status_code == 200

    # when its title is corrected and the township added to the inspected units
    units = [district.jyj.pk, district.scj.pk, district.town.pk]
    response = client.post(url, _inspection_form(inspection, title="2024年度法治督察", units=units))

    # then the inspection holds them and the audit trail records the change
    assert response.status_code == 302
    inspection.refresh_from_db()
    assert inspection.title == "2024年度法治督察"
    assert set(inspection.inspected.values_list("organization_id", flat=True)) == set(units)
    titled = [e for e in audit.history(inspection) if "title" in e.changes]
    assert titled[-1].changes["title"] == ["2024年度法治政府建设督察", "2024年度法治督察"]


def test_an_inspection_is_not_found_by_an_uninvolved_unit_and_not_changed_by_an_inspected_one_or_a_leader(
    client, users, inspection, town_clerk
):
    url = reverse("oversight:edit_inspection", args=[inspection.pk])
    data = _inspection_form(inspection, title="改名")
    client.force_login(town_clerk)
    refused(client, url, data, 404, inspection, "title")
    for reader in (users.jyj_clerk, users.leader):
        client.force_login(reader)
        assert url not in client.get(reverse("oversight:inspection", args=[inspection.pk])).content.decode()
        refused(client, url, data, 403, inspection, "title")


def test_a_unit_with_a_finding_stays_inspected(client, users, district, inspection, finding):
    # given a finding about 市场监管局
    client.force_login(users.justice)
    url = reverse("oversight:edit_inspection", args=[inspection.pk])

    # when the correction drops 市场监管局 from the inspected units
    response = client.post(url, _inspection_form(inspection, title="改名", units=[district.jyj.pk]))

    # then it is refused with the rule's message and nothing changes
    assert response.status_code == 400
    assert f"“{district.scj}”已有本次督察发现的问题，不能从被督察单位中移除。" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.title == "2024年度法治政府建设督察"
    assert inspection.inspected.filter(organization=district.scj).exists()


# A task plan -------------------------------------------------------------------------------------------------


def test_the_issuing_unit_corrects_a_plan(client, users, plan):
    client.force_login(users.justice)
    url = reverse("oversight:edit_plan", args=[plan.pk])
    assert url in client.get(reverse("oversight:plan", args=[plan.pk])).content.decode()
    assert client.get(url).status_code == 200

    response = client.post(url, _plan_form(plan, title="法治建设八大行动", issued_on="2024-03-05"))

    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.issued_on) == ("法治建设八大行动", D(2024, 3, 5))
    assert last_change(plan)["title"] == ["八大行动", "法治建设八大行动"]


def test_a_plan_is_not_changed_by_another_unit_or_a_leader(client, users, plan):
    url = reverse("oversight:edit_plan", args=[plan.pk])
    client.force_login(users.scj_clerk)
    refused(client, url, _plan_form(plan, title="改名"), 404, plan, "title")
    client.force_login(users.leader)
    assert url not in client.get(reverse("oversight:plan", args=[plan.pk])).content.decode()
    refused(client, url, _plan_form(plan, title="改名"), 403, plan, "title")


def test_a_plan_issued_after_today_is_refused_with_the_rules_message(client, users, plan):
    client.force_login(users.justice)
    response = client.post(
        reverse("oversight:edit_plan", args=[plan.pk]), _plan_form(plan, title="改名", issued_on="2999-01-01")
    )
    assert response.status_code == 400 and happened_message("印发日期") in response.content.decode()
    plan.refresh_from_db()
    assert plan.title == "八大行动"
