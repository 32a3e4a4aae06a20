"""The oversight API: items opened for a source by its address and moved through the services (the unit's own
sign-off refused with 403 and the Chinese reason), inspections with findings, plans, tasks and progress."""

from __future__ import annotations

import datetime as dt

from rest_framework.test import APIClient

from fazhi.oversight.models import RectificationItem

from ..conftest import upload

D = dt.date


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_open_item_for_a_clue_and_move_it(users, district, clue):
    office = api(users.justice)
    response = office.post(
        "/api/oversight/items/",
        {"source": f"enforcement.supervisionclue:{clue.pk}", "opened_on": "2024-06-20", "measures": "约谈"},
        format="json",
    )
    assert response.status_code == 201, response.data
    item_id = response.data["id"]
    assert response.data["organization"] == "T-SCJ"
    assert response.data["deadline"] == "2024-09-20"
    assert response.data["source"] == f"enforcement.supervisionclue:{clue.pk}"
    again = office.post(
        "/api/oversight/items/", {"source": f"enforcement.supervisionclue:{clue.pk}"}, format="json"
    )
    assert again.status_code == 400 and "已建立整改事项" in str(again.data)

    unit = api(users.scj_clerk)
    url = f"/api/oversight/items/{item_id}/transitions/"
    done = unit.post(
        url,
        {"name": "rectify", "rectification": "已约谈", "on": "2024-07-01", "files": [upload()]},
        format="multipart",
    )
    assert done.status_code == 200, done.data
    assert done.data["status"] == "rectified"
    own = unit.post(url, {"name": "sign_off", "on": "2024-07-02"}, format="json")
    assert own.status_code == 403 and "销号" in str(own.data)
    signed = office.post(url, {"name": "sign_off", "on": "2024-07-02"}, format="json")
    assert signed.data["status_label"] == "已销号"
    assert RectificationItem.objects.get().signed_off_by == users.justice


def test_items_are_scoped_and_filtered(users, item):
    assert [i["id"] for i in api(users.scj_clerk).get("/api/oversight/items/").data["results"]] == [item.pk]
    assert api(users.jyj_clerk).get("/api/oversight/items/").data["results"] == []
    assert api(users.justice).get("/api/oversight/items/", {"status": "signed_off"}).data["results"] == []
    assert api(users.justice).get("/api/oversight/items/", {"status": "pending"}).data["count"] == 1


def test_inspection_with_a_finding_by_api(users, district):
    office = api(users.justice)
    response = office.post(
        "/api/oversight/inspections/",
        {
            "kind": "supervision",
            "title": "联合督查",
            "held_on": "2024-06-12",
            "organization": "T-SFJ",
            "co_organizers": ["T"],
            "units": ["T-JYJ"],
        },
        format="json",
    )
    assert response.status_code == 201, response.data
    finding = office.post(
        f"/api/oversight/inspections/{response.data['id']}/findings/",
        {"organization": "T-JYJ", "text": "学法不到位"},
        format="json",
    )
    assert finding.status_code == 201 and finding.data["number"] == 1 and finding.data["item"]
    detail = office.get(f"/api/oversight/inspections/{response.data['id']}/").data
    assert detail["units"] == ["T-JYJ"] and detail["co_organizers"] == ["T"]


def test_plan_task_and_progress_by_api(users, district):
    office = api(users.justice)
    plan = office.post(
        "/api/oversight/plans/",
        {
            "title": "八大行动",
            "kind": "actions",
            "year": 2024,
            "organization": "T-SFJ",
            "issued_on": "2024-03-01",
        },
        format="json",
    ).data
    task = office.post(
        "/api/oversight/tasks/",
        {"plan": plan["id"], "number": "1", "title": "任务", "lead_unit": "T-SCJ", "deadline": "2024-06-30"},
        format="json",
    )
    assert task.status_code == 201, task.data
    progress = api(users.scj_clerk).post(
        f"/api/oversight/tasks/{task.data['id']}/progress/",
        {"reported_on": "2024-06-01", "text": "完成", "percent": 100},
        format="json",
    )
    assert progress.status_code == 201 and progress.data["organization"] == "T-SCJ"
    assert (
        api(users.scj_clerk).get(f"/api/oversight/tasks/{task.data['id']}/").data["completed_on"]
        == "2024-06-01"
    )
    refused = api(users.jyj_clerk).post(
        "/api/oversight/tasks/",
        {"plan": plan["id"], "number": "2", "title": "x", "lead_unit": "T-JYJ", "deadline": "2024-06-30"},
        format="json",
    )
    assert refused.status_code == 404


def test_the_overdue_flag_filters_on_yes_and_not_on_no(users, item):
    from fazhi.core import clock

    clock.freeze(item.deadline - dt.timedelta(days=1))
    office = api(users.justice)
    counts = {
        v: office.get("/api/oversight/items/", {"overdue": v}).data["count"] for v in ("1", "false", "0")
    }
    assert counts == {"1": 0, "false": 1, "0": 1}

    clock.freeze(item.deadline + dt.timedelta(days=1))
    assert office.get("/api/oversight/items/", {"overdue": "true"}).data["count"] == 1
    assert office.get("/api/oversight/items/", {"escalated": "no"}).data["count"] == 1
