"""The page that sets a task's co-operating units (配合单位): the plan's unit sets them through the service (the audit
event keeps the units before and after); the choice list offers only the district's units that take on tasks, not the
lead unit; the lead unit reads, another unit finds nothing, a leader sees no link and is refused; bad input is refused
in Chinese and nothing changes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fazhi.core.models import OrganizationKind
from fazhi.oversight.services import task_plans
from tests import factories
from tests.corrections import last_change

from ..conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(users, district):
    plan = task_plans.create_plan(
        actor=users.justice,
        organization=users.justice.organization,
        title="八大行动",
        kind="actions",
        year=2024,
        issued_on=D(2024, 3, 1),
    )
    return task_plans.add_task(
        actor=users.justice,
        plan=plan,
        number="1",
        title="推进案卷评查",
        lead_unit=district.jyj,
        deadline=D(2024, 6, 30),
    )


@pytest.fixture
def law_firm(district):
    return factories.org("T-LS", parent=district.root, kind=OrganizationKind.OTHER, name="测试明理律师事务所")


def url(task) -> str:
    return reverse("oversight:set_co_units", args=[task.pk])


def task_page(client, task) -> str:
    return client.get(reverse("oversight:task", args=[task.pk])).content.decode()


def offered(html: str) -> set[int]:
    return {int(v) for v in re.findall(r'name="co_units" value="(\d+)"', html)}


def test_the_plans_unit_sets_and_clears_a_tasks_co_operating_units(client, users, district, task, law_firm):
    # given the Justice Bureau, which issued the plan, on the task's page
    client.force_login(users.justice)
    assert f'href="{url(task)}"' in task_page(client, task)

    # the page offers the units that take on tasks: not the lead unit, the district government, a law firm, nor
    # another district's unit
    page = client.get(url(task))
    assert page.status_code == 200
    assert offered(page.content.decode()) == {
        district.sfj.pk,
        district.scj.pk,
        district.team.pk,
        district.town.pk,
        district.court.pk,
    }

    # when it names the market regulator and the township
    response = client.post(url(task), {"co_units": [district.scj.pk, district.town.pk]})

    # then the task has them, and the audit event says which units before and after
    assert response.status_code == 302 and response["Location"] == reverse("oversight:task", args=[task.pk])
    assert set(task.co_units.all()) == {district.scj, district.town}
    assert last_change(task) == {"co_units": [[], sorted([district.scj.pk, district.town.pk])]}
    assert "测试区莲花镇、测试区市场监督管理局" in task_page(client, task)

    # and when it clears them, none is left and the event says so
    assert client.post(url(task), {}).status_code == 302
    assert list(task.co_units.all()) == []
    assert last_change(task) == {"co_units": [sorted([district.scj.pk, district.town.pk]), []]}


def test_the_lead_unit_a_leader_and_another_unit_do_not_set_co_operating_units(client, users, district, task):
    sent = {"co_units": [district.scj.pk]}
    # the lead unit sees the task but no link, and is refused in the rule's words
    client.force_login(users.jyj_clerk)
    assert url(task) not in task_page(client, task)
    response = client.post(url(task), sent)
    assert response.status_code == 403 and "任务的配合单位由印发计划的单位更正。" in response.content.decode()
    # a unit not involved does not find the task
    client.force_login(users.scj_clerk)
    assert client.get(url(task)).status_code == 404
    assert client.post(url(task), sent).status_code == 404
    # a leader reads the task, sees no link and is refused
    client.force_login(users.leader)
    assert url(task) not in task_page(client, task)
    assert client.get(url(task)).status_code == 403
    assert client.post(url(task), sent).status_code == 403
    assert list(task.co_units.all()) == []


def test_a_unit_not_offered_is_refused_in_chinese_and_nothing_changes(
    client, users, district, task, law_firm
):
    task_plans.set_co_units(actor=users.justice, task=task, co_units=[district.scj])
    client.force_login(users.justice)
    for unit in (law_firm, district.other_dept, district.root):
        response = client.post(url(task), {"co_units": [district.town.pk, unit.pk]})
        assert response.status_code == 400
        assert f"配合单位：选择一个有效的选项。 {unit.pk} 不在可用的选项中。" in response.content.decode()
    assert list(task.co_units.all()) == [district.scj]
    assert last_change(task) == {"co_units": [[], [district.scj.pk]]}
