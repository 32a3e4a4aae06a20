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
from tests.corrections import closed_to, corrects, last_change, refused

from ..conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def town_clerk(district):
    return factories.user(Role.UNIT_CLERK, district.town, username="town-clerk")


PLAN = {"title": "八大行动", "kind": TaskPlan.Kind.ACTIONS, "year": 2024, "issued_on": D(2024, 3, 1)}
TASK = {"number": "1", "title": "推进案卷评查", "deadline": D(2024, 6, 30)}


@pytest.fixture
def plan(users):
    return task_plans.create_plan(actor=users.justice, organization=users.justice.organization, **PLAN)


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
    corrects(
        client,
        reverse("oversight:plan", args=[plan.pk]),
        reverse("oversight:edit_plan", args=[plan.pk]),
        plan,
        _plan_form(plan, title="法治建设八大行动", issued_on="2024-03-05"),
    )
    assert (plan.title, plan.issued_on) == ("法治建设八大行动", D(2024, 3, 5))
    assert last_change(plan)["title"] == ["八大行动", "法治建设八大行动"]


def test_a_plan_is_not_changed_by_another_unit_or_a_leader(client, users, plan):
    url, page = reverse("oversight:edit_plan", args=[plan.pk]), reverse("oversight:plan", args=[plan.pk])
    data = _plan_form(plan, title="改名")
    closed_to(client, url, data, plan, "title", outsider=users.scj_clerk, reader=users.leader, page=page)


def test_a_plan_issued_after_today_is_refused_with_the_rules_message(client, users, plan):
    client.force_login(users.justice)
    data = _plan_form(plan, title="改名", issued_on="2999-01-01")
    refused(
        client,
        reverse("oversight:edit_plan", args=[plan.pk]),
        data,
        400,
        plan,
        "title",
        happened_message("印发日期"),
    )


# A task and a finding ----------------------------------------------------------------------------------------


@pytest.fixture
def task(users, district, plan):
    return task_plans.add_task(actor=users.justice, plan=plan, lead_unit=district.jyj, **TASK)


def _task_form(task, **overrides) -> dict:
    data = {"number": task.number, "title": task.title, "lead_unit": task.lead_unit_id}
    return data | {"deadline": task.deadline.isoformat()} | overrides


def test_the_issuing_unit_corrects_a_task(client, users, district, task):
    client.force_login(users.justice)
    data = _task_form(task, title="推进行政执法案卷评查", deadline="2024-07-31")
    corrects(
        client,
        reverse("oversight:task", args=[task.pk]),
        reverse("oversight:edit_task", args=[task.pk]),
        task,
        data,
    )
    assert (task.title, task.deadline) == ("推进行政执法案卷评查", D(2024, 7, 31))
    assert last_change(task)["deadline"] == ["2024-06-30", "2024-07-31"]


def test_the_lead_unit_reports_on_its_task_but_does_not_correct_it(client, users, task):
    # given the 教育局 clerk, whose unit leads the task
    client.force_login(users.jyj_clerk)
    url = reverse("oversight:edit_task", args=[task.pk])

    # then no correction link is shown, and a later deadline sent anyway is refused
    assert url not in client.get(reverse("oversight:task", args=[task.pk])).content.decode()
    response = client.post(url, _task_form(task, deadline="2024-12-31"))
    assert response.status_code == 403
    assert "任务的编号、内容、牵头单位和完成时限由印发计划的单位更正。" in response.content.decode()
    task.refresh_from_db()
    assert task.deadline == D(2024, 6, 30)


def test_a_completed_tasks_deadline_stays(client, users, district, task):
    # given the task completed by its lead unit's 100% report
    task_plans.report_progress(
        actor=users.jyj_clerk, task=task, reported_on=D(2024, 6, 20), text="已完成", percent=100
    )
    client.force_login(users.justice)

    # when its deadline is corrected, then it is refused with the rule's message
    response = client.post(
        reverse("oversight:edit_task", args=[task.pk]), _task_form(task, deadline="2024-06-10")
    )
    assert response.status_code == 400
    assert "任务已于2024年06月20日完成，完成时限不能再更改。" in response.content.decode()
    task.refresh_from_db()
    assert task.deadline == D(2024, 6, 30)


def test_the_organiser_corrects_a_finding_and_the_inspected_unit_does_not(client, users, finding):
    url = reverse("oversight:edit_finding", args=[finding.pk])
    # the inspected unit (市场监管局) sees its finding but may not rewrite it
    client.force_login(users.scj_clerk)
    assert (
        url not in client.get(reverse("oversight:inspection", args=[finding.inspection_id])).content.decode()
    )
    refused(client, url, {"text": "无问题"}, 403, finding, "text")
    # a blank text is refused with the rule's message
    client.force_login(users.justice)
    assert url in client.get(reverse("oversight:inspection", args=[finding.inspection_id])).content.decode()
    response = client.post(url, {"text": " "})
    assert response.status_code == 400 and "须写明发现的问题。" in response.content.decode()

    response = client.post(url, {"text": "行政执法案卷未按规定归档、装订"})

    assert response.status_code == 302
    finding.refresh_from_db()
    assert finding.text == "行政执法案卷未按规定归档、装订"
    assert last_change(finding)["text"] == ["行政执法案卷未按规定归档", "行政执法案卷未按规定归档、装订"]
