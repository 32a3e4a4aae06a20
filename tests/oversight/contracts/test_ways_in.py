"""Every way in (service, ledger import, API, page, admin) refuses the same bad input with the same Chinese message
and changes nothing: one rule in rules/, called by all of them."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from fazhi.core import clock
from fazhi.core.io.ledgers import run_import
from fazhi.core.rules import happened_message
from fazhi.oversight import services
from fazhi.oversight.documents import circulars
from fazhi.oversight.models import (
    Inspection,
    InspectionFinding,
    ProgressReport,
    RectificationItem,
    Task,
    TaskPlan,
)
from fazhi.oversight.services import inspections
from fazhi.oversight.services import task_plans as tasks

from ..conftest import upload

D = dt.date
TODAY = D(2024, 8, 20)
TOMORROW = "2024-08-21"


@pytest.fixture(autouse=True)
def today():
    clock.freeze(TODAY)


def future(label: str) -> str:
    return happened_message(label, TODAY)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page(client, user):
    client.force_login(user)
    return client


def load(actor, code, header, rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return run_import(code, content=out.getvalue().encode(), filename="t.csv", actor=actor, dry_run=False)


def refused_by_service(call, message: str) -> None:
    with pytest.raises((ValidationError, PermissionDenied)) as caught:
        call()
    messages = getattr(caught.value, "messages", [str(caught.value)])
    assert message in messages


def refused_by_ledger(result, message: str) -> None:
    assert not result.ok
    assert message in [e.message for e in result.errors], [str(e) for e in result.errors]


def refused(response, message: str) -> None:
    assert 400 <= response.status_code < 500, response.status_code
    assert message in response.content.decode(), response.content.decode()[:3000]


def refused_in_admin(response, message: str) -> None:
    """The admin shows the rule's message on its form (200, the form again) or on its refusal page (4xx)."""
    assert response.status_code == 200 or 400 <= response.status_code < 500, response.status_code
    assert "errornote" in response.content.decode() or response.status_code >= 400
    assert message in response.content.decode(), response.content.decode()[:3000]


@pytest.fixture
def plan(users, district):
    return tasks.create_plan(
        actor=users.justice,
        title="提升工程",
        year=2024,
        organization=district.sfj,
        issued_on=D(2024, 3, 1),
    )


@pytest.fixture
def task(users, district, plan):
    return tasks.add_task(
        actor=users.justice,
        plan=plan,
        number="1",
        title="清理文件",
        lead_unit=district.scj,
        co_units=[district.jyj],
        deadline=D(2024, 12, 31),
    )


def test_inspection_date_cannot_be_after_today(client, users, district):
    # given an inspection dated tomorrow
    message = future("督察日期")
    fields = {"kind": "patrol", "title": "依托巡察督察", "held_on": TOMORROW}
    # when it comes in by every way, then each refuses it with the same message
    refused_by_service(
        lambda: inspections.create_inspection(
            actor=users.justice,
            kind="patrol",
            title="依托巡察督察",
            held_on=D(2024, 8, 21),
            organization=district.sfj,
            units=[district.jyj],
        ),
        message,
    )
    header = ["督察名称", "督察日期", "督察类别", "组织单位代码", "被督察单位代码"]
    refused_by_ledger(
        load(
            users.justice,
            "oversight_inspections",
            header,
            [["依托巡察督察", TOMORROW, "依托政治巡察的督察", "T-SFJ", "T-JYJ"]],
        ),
        message,
    )
    refused(
        api(users.justice).post(
            "/api/oversight/inspections/",
            {**fields, "organization": "T-SFJ", "units": ["T-JYJ"]},
            format="json",
        ),
        message,
    )
    refused(
        page(client, users.justice).post(
            reverse("oversight:inspections"),
            {**fields, "organization": district.sfj.pk, "units": [district.jyj.pk]},
        ),
        message,
    )
    refused_in_admin(
        client.post(
            reverse("admin:oversight_inspection_add"),
            {**fields, "organization": district.sfj.pk, "inspected_units": [district.jyj.pk], "summary": ""},
        ),
        message,
    )
    assert Inspection.objects.count() == 0


def test_finding_unit_must_be_an_inspected_unit(client, users, district, inspection):
    # given a finding of the township, which the inspection did not inspect
    message = f"“{district.town}”不是本次督察的被督察单位。"
    refused_by_service(
        lambda: inspections.add_finding(
            actor=users.justice, inspection=inspection, organization=district.town, text="问题"
        ),
        message,
    )
    header = ["督察名称", "督察日期", "问题单位代码", "问题描述"]
    refused_by_ledger(
        load(
            users.justice, "oversight_findings", header, [[inspection.title, "2024-05-06", "T-LHZ", "问题"]]
        ),
        message,
    )
    refused(
        api(users.justice).post(
            f"/api/oversight/inspections/{inspection.pk}/findings/",
            {"organization": "T-LHZ", "text": "问题"},
            format="json",
        ),
        message,
    )
    # the page offers only the inspected units: the form itself refuses another unit (400, nothing written)
    response = page(client, users.justice).post(
        reverse("oversight:add_finding", args=[inspection.pk]),
        {"organization": district.town.pk, "text": "问题"},
    )
    assert response.status_code == 400
    refused_in_admin(
        client.post(
            reverse("admin:oversight_inspectionfinding_add"),
            {"inspection": inspection.pk, "organization": district.town.pk, "text": "问题"},
        ),
        message,
    )
    assert InspectionFinding.objects.count() == 0 and RectificationItem.objects.count() == 0


def test_item_opened_on_cannot_be_after_today(client, users, district, clue):
    # given an item for a supervision clue, opened tomorrow
    message = future("交办日期")
    ref = f"enforcement.supervisionclue:{clue.pk}"
    refused_by_service(
        lambda: services.open_item(actor=users.justice, source=clue, opened_on=D(2024, 8, 21)), message
    )
    header = ["问题来源", "交办日期"]
    refused_by_ledger(load(users.justice, "oversight_items", header, [[ref, TOMORROW]]), message)
    refused(
        api(users.justice).post(
            "/api/oversight/items/", {"source": ref, "opened_on": TOMORROW}, format="json"
        ),
        message,
    )
    refused(
        page(client, users.justice).post(
            f"{reverse('oversight:open_item')}?source={ref}",
            {"organization": district.scj.pk, "opened_on": TOMORROW, "measures": ""},
        ),
        message,
    )
    assert RectificationItem.objects.count() == 0


def _started(users, item):
    services.start(actor=users.scj_clerk, item=item)
    services.add_evidence(actor=users.scj_clerk, item=item, file=upload())
    return item


def test_rectified_on_cannot_be_after_today(client, users, item):
    # given an item under way with evidence, reported rectified tomorrow
    _started(users, item)
    message = future("整改完成日期")
    refused_by_service(
        lambda: services.rectify(
            actor=users.scj_clerk, item=item, rectification="已整改", rectified_on=D(2024, 8, 21)
        ),
        message,
    )
    refused(
        api(users.scj_clerk).post(
            f"/api/oversight/items/{item.pk}/transitions/",
            {"name": "rectify", "rectification": "已整改", "on": TOMORROW},
            format="json",
        ),
        message,
    )
    refused(
        page(client, users.scj_clerk).post(
            reverse("oversight:rectify", args=[item.pk]),
            {"rectification": "已整改", "rectified_on": TOMORROW},
        ),
        message,
    )
    item.refresh_from_db()
    assert (item.status, item.rectified_on, item.rectification) == (
        RectificationItem.Status.IN_PROGRESS,
        None,
        "",
    )


def _rectified(users, item):
    _started(users, item)
    return services.rectify(
        actor=users.scj_clerk, item=item, rectification="已整改", rectified_on=D(2024, 8, 1)
    )


def test_sign_off_date_cannot_be_after_today(client, users, item):
    # given a rectified item, signed off tomorrow by the supervising office
    item = _rectified(users, item)
    message = future("销号日期")
    refused_by_service(
        lambda: services.sign_off(actor=users.justice, item=item, signed_off_on=D(2024, 8, 21)), message
    )
    refused(
        api(users.justice).post(
            f"/api/oversight/items/{item.pk}/transitions/",
            {"name": "sign_off", "on": TOMORROW},
            format="json",
        ),
        message,
    )
    refused(
        page(client, users.justice).post(
            reverse("oversight:sign_off", args=[item.pk]), {"signed_off_on": TOMORROW}
        ),
        message,
    )
    item.refresh_from_db()
    assert (item.status, item.signed_off_on) == (RectificationItem.Status.RECTIFIED, None)


def test_consolidation_check_date_cannot_be_after_today(client, users, item):
    # given a signed-off item, checked (回头看) tomorrow
    item = _rectified(users, item)
    item = services.sign_off(actor=users.justice, item=item, signed_off_on=D(2024, 8, 5))
    message = future("巩固核查日期")
    refused_by_service(
        lambda: services.consolidate(actor=users.justice, item=item, checked_on=D(2024, 8, 21), note="巩固"),
        message,
    )
    refused(
        api(users.justice).post(
            f"/api/oversight/items/{item.pk}/transitions/",
            {"name": "consolidate", "on": TOMORROW, "note": "巩固"},
            format="json",
        ),
        message,
    )
    refused(
        page(client, users.justice).post(
            reverse("oversight:check", args=[item.pk]),
            {"result": "consolidate", "checked_on": TOMORROW, "note": "巩固"},
        ),
        message,
    )
    item.refresh_from_db()
    assert (item.status, item.checked_on) == (RectificationItem.Status.SIGNED_OFF, None)


def test_escalation_needs_the_overdue_threshold(client, users, item):
    # given an item due 2024-08-06, on 2024-08-20 overdue 14 days (threshold 30)
    message = "事项逾期14日，未达到挂牌督办的逾期天数（30日，本地设置“挂牌督办的逾期天数”）。"
    refused_by_service(lambda: services.escalate(actor=users.justice, item=item), message)
    refused(
        api(users.justice).post(
            f"/api/oversight/items/{item.pk}/transitions/", {"name": "escalate"}, format="json"
        ),
        message,
    )
    refused(page(client, users.justice).post(reverse("oversight:escalate", args=[item.pk])), message)
    item.refresh_from_db()
    assert item.escalated_on is None


def test_send_back_needs_a_reason(client, users, item):
    # given a rectified item sent back without a reason
    item = _rectified(users, item)
    message = "退回整改须写明理由。"
    refused_by_service(lambda: services.send_back(actor=users.justice, item=item, note=" "), message)
    refused(
        api(users.justice).post(
            f"/api/oversight/items/{item.pk}/transitions/", {"name": "send_back", "note": " "}, format="json"
        ),
        message,
    )
    item.refresh_from_db()
    assert item.status == RectificationItem.Status.RECTIFIED


def test_progress_report_date_cannot_be_after_today(client, users, district, task):
    # given a progress report of the lead unit dated tomorrow
    message = future("报送日期")
    refused_by_service(
        lambda: tasks.report_progress(
            actor=users.scj_clerk, task=task, reported_on=D(2024, 8, 21), text="推进中", percent=50
        ),
        message,
    )
    header = ["计划名称", "计划年度", "任务编号", "报送单位代码", "报送日期", "完成进度", "进展情况"]
    refused_by_ledger(
        load(
            users.justice,
            "oversight_progress",
            header,
            [["提升工程", "2024", "1", "T-SCJ", TOMORROW, "50", "推进中"]],
        ),
        message,
    )
    refused(
        api(users.scj_clerk).post(
            f"/api/oversight/tasks/{task.pk}/progress/",
            {"reported_on": TOMORROW, "text": "推进中", "percent": 50},
            format="json",
        ),
        message,
    )
    refused(
        page(client, users.scj_clerk).post(
            reverse("oversight:report_progress", args=[task.pk]),
            {"reported_on": TOMORROW, "percent": 50, "text": "推进中"},
        ),
        message,
    )
    client.force_login(users.justice)
    refused_in_admin(
        client.post(
            reverse("admin:oversight_progressreport_add"),
            {"task": task.pk, "reported_on": TOMORROW, "percent": 50, "text": "推进中"},
        ),
        message,
    )
    assert ProgressReport.objects.count() == 0


def test_a_completed_task_takes_no_more_reports(client, users, district, task):
    # given a task its lead unit reported 100% on 2024-08-01
    tasks.report_progress(
        actor=users.scj_clerk, task=task, reported_on=D(2024, 8, 1), text="完成", percent=100
    )
    message = "任务已于2024年08月01日完成，不再报送进展。"
    refused_by_service(
        lambda: tasks.report_progress(
            actor=users.jyj_clerk, task=task, reported_on=D(2024, 8, 10), text="配合", percent=100
        ),
        message,
    )
    header = ["计划名称", "计划年度", "任务编号", "报送单位代码", "报送日期", "完成进度", "进展情况"]
    refused_by_ledger(
        load(
            users.justice,
            "oversight_progress",
            header,
            [["提升工程", "2024", "1", "T-JYJ", "2024-08-10", "100", "配合"]],
        ),
        message,
    )
    refused(
        api(users.jyj_clerk).post(
            f"/api/oversight/tasks/{task.pk}/progress/",
            {"reported_on": "2024-08-10", "text": "配合", "percent": 100},
            format="json",
        ),
        message,
    )
    assert ProgressReport.objects.count() == 1


def test_the_lead_units_100_percent_completes_the_task_on_every_way_in(users, district, task):
    # given the co-operating unit's 100% and the lead unit's 100%, by the service and by the ledger
    tasks.report_progress(
        actor=users.jyj_clerk, task=task, reported_on=D(2024, 7, 1), text="配合完成", percent=100
    )
    task.refresh_from_db()
    assert task.completed_on is None  # a co-operating unit's 100% does not complete it
    header = ["计划名称", "计划年度", "任务编号", "报送单位代码", "报送日期", "完成进度", "进展情况"]
    result = load(
        users.justice,
        "oversight_progress",
        header,
        [
            ["提升工程", "2024", "1", "T-SCJ", "2024-07-20", "100", "完成"],
            ["提升工程", "2024", "1", "T-SCJ", "2024-07-10", "100", "完成"],
        ],
    )
    assert result.ok, result.errors
    # then the task is complete on the earliest 100% of its lead unit
    task.refresh_from_db()
    assert task.completed_on == D(2024, 7, 10)


def test_plan_issue_date_cannot_be_after_today(client, users, district):
    # given a plan issued tomorrow
    message = future("印发日期")
    fields = {"title": "提升工程", "kind": "project", "year": 2024, "issued_on": TOMORROW}
    refused_by_service(
        lambda: tasks.create_plan(
            actor=users.justice,
            title="提升工程",
            year=2024,
            organization=district.sfj,
            issued_on=D(2024, 8, 21),
        ),
        message,
    )
    refused(
        api(users.justice).post("/api/oversight/plans/", {**fields, "organization": "T-SFJ"}, format="json"),
        message,
    )
    refused(
        page(client, users.justice).post(
            reverse("oversight:plans"), {**fields, "organization": district.sfj.pk}
        ),
        message,
    )
    refused_in_admin(
        client.post(
            reverse("admin:oversight_taskplan_add"),
            {**fields, "organization": district.sfj.pk, "description": ""},
        ),
        message,
    )
    assert TaskPlan.objects.count() == 0


def test_circular_period_cannot_end_after_today(client, users, plan, task):
    # given a circular of a period that ends tomorrow
    message = future("通报期间截止日期")
    refused_by_service(
        lambda: circulars.generate(
            actor=users.justice, plan=plan, start=D(2024, 3, 1), end=D(2024, 8, 21), fmt="docx"
        ),
        message,
    )
    refused(
        page(client, users.justice).get(
            reverse("oversight:circular", args=[plan.pk]),
            {"start": "2024-03-01", "end": TOMORROW, "fmt": "docx"},
        ),
        message,
    )
    assert Task.objects.get().completed_on is None


def test_inspected_units_and_task_units_must_be_of_the_district(client, users, district, plan):
    # given a unit of the neighbouring district, named as inspected unit and as a task's lead unit
    message = f"“{district.other_dept}”不是本区的单位。"
    refused_by_service(
        lambda: inspections.create_inspection(
            actor=users.justice,
            kind="patrol",
            title="依托巡察督察",
            held_on=D(2024, 8, 1),
            organization=district.sfj,
            units=[district.other_dept],
        ),
        message,
    )
    header = ["督察名称", "督察日期", "督察类别", "组织单位代码", "被督察单位代码"]
    refused_by_ledger(
        load(
            users.justice,
            "oversight_inspections",
            header,
            [["依托巡察督察", "2024-08-01", "依托政治巡察的督察", "T-SFJ", "O-SFJ"]],
        ),
        message,
    )
    fields = {"kind": "patrol", "title": "依托巡察督察", "held_on": "2024-08-01", "organization": "T-SFJ"}
    refused(
        api(users.justice).post("/api/oversight/inspections/", {**fields, "units": ["O-SFJ"]}, format="json"),
        message,
    )
    refused_by_service(
        lambda: tasks.add_task(
            actor=users.justice,
            plan=plan,
            number="1",
            title="清理文件",
            lead_unit=district.other_dept,
            deadline=D(2024, 12, 31),
        ),
        message,
    )
    header = ["计划名称", "计划年度", "任务编号", "任务内容", "牵头单位代码", "完成时限"]
    refused_by_ledger(
        load(
            users.justice,
            "oversight_tasks",
            header,
            [["提升工程", "2024", "1", "清理文件", "O-SFJ", "2024-12-31"]],
        ),
        message,
    )
    refused(
        api(users.justice).post(
            "/api/oversight/tasks/",
            {
                "plan": plan.pk,
                "number": "1",
                "title": "清理文件",
                "lead_unit": "O-SFJ",
                "deadline": "2024-12-31",
            },
            format="json",
        ),
        message,
    )
    # the pages offer only the district's units: the form refuses another (400)
    response = page(client, users.justice).post(
        reverse("oversight:add_task", args=[plan.pk]),
        {"number": "1", "title": "清理文件", "lead_unit": district.other_dept.pk, "deadline": "2024-12-31"},
    )
    assert response.status_code == 400
    assert Inspection.objects.count() == 0 and Task.objects.count() == 0


def test_co_operating_units_are_units_that_take_on_tasks(client, users, district, plan, task):
    # given the district government itself named as a co-operating unit
    message = (
        f"“{district.root}”不能作为配合单位：配合单位应为政府工作部门、乡镇街道、行政执法机构、公安机关、"
        "党委工作机关或政法单位。"
    )
    refused_by_service(
        lambda: tasks.add_task(
            actor=users.justice,
            plan=plan,
            number="2",
            title="清理文件",
            lead_unit=district.scj,
            co_units=[district.root],
            deadline=D(2024, 12, 31),
        ),
        message,
    )
    refused_by_service(
        lambda: tasks.set_co_units(actor=users.justice, task=task, co_units=[district.root]), message
    )
    header = ["计划名称", "计划年度", "任务编号", "任务内容", "牵头单位代码", "配合单位代码", "完成时限"]
    refused_by_ledger(
        load(
            users.justice,
            "oversight_tasks",
            header,
            [["提升工程", "2024", "2", "清理文件", "T-SCJ", "T", "2024-12-31"]],
        ),
        message,
    )
    data = {"plan": plan.pk, "number": "2", "title": "清理文件", "lead_unit": "T-SCJ", "co_units": ["T"]}
    refused(
        api(users.justice).post("/api/oversight/tasks/", {**data, "deadline": "2024-12-31"}, format="json"),
        message,
    )
    # the pages offer only the units that take on tasks: the forms refuse another (400)
    response = page(client, users.justice).post(
        reverse("oversight:set_co_units", args=[task.pk]), {"co_units": [district.root.pk]}
    )
    assert response.status_code == 400
    response = client.post(
        reverse("oversight:add_task", args=[plan.pk]),
        {**data, "lead_unit": district.scj.pk, "co_units": [district.root.pk], "deadline": "2024-12-31"},
    )
    assert response.status_code == 400
    assert Task.objects.count() == 1
    assert list(task.co_units.all()) == [district.jyj]
