"""The reconsideration API lists, registers and acts through the services, scoped."""

from __future__ import annotations

import datetime as dt

from fazhi.disputes import services
from fazhi.enforcement import selectors as enforcement_selectors
from tests import factories

from ..conftest import accepted

D = dt.date


def test_api_lists_registers_and_acts(client, users, district):
    client.force_login(users.reconsideration)
    response = client.post(
        "/api/reconsideration-cases/",
        {
            "channel": "mail",
            "received_on": "2025-09-29",
            "applicant_kind": "person",
            "applicant_name": "赵某",
            "applicant_id_code": factories.id_number(),
            "respondent": "T-SCJ",
            "contested_act": "处罚决定",
            "act_date": "2025-09-01",
            "request": "撤销",
            "procedure": "ordinary",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["docket_number"] == "澄复〔2025〕1号" and "applicant_id_code" not in body
    assert body["clocks"][0]["due_on"] == "2025-10-13"
    pk = body["id"]
    response = client.post(
        f"/api/reconsideration-cases/{pk}/actions/",
        {"name": "accept", "data": {"on": "2025-10-09", "procedure": "ordinary"}},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "accepted"
    response = client.post(
        f"/api/reconsideration-cases/{pk}/actions/",
        {
            "name": "decide",
            "data": {
                "on": "2025-10-20",
                "outcome": "uphold",
                "summary": "x",
                "approval": "head",
                "approved_by": "分管副区长",
                "approved_on": "2025-10-20",
            },
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    client.force_login(users.other_justice)
    listing = client.get("/api/reconsideration-cases/").json()
    assert (listing["results"] if isinstance(listing, dict) else listing) == []


def test_the_case_keeps_its_supervision_clue_field_read_only(client, users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    services.record_opinion(
        actor=users.reconsideration, case=case, heard_on=D(2025, 3, 20), method="phone", with_whom="申请人"
    )
    services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome="revoke",
        summary="事实不清",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )
    client.force_login(users.reconsideration)
    assert client.get(f"/api/reconsideration-cases/{case.pk}/").json()["supervision_clue"] is None
    answer = client.post(
        f"/api/reconsideration-cases/{case.pk}/actions/",
        {"name": "clue", "data": {}},
        content_type="application/json",
    )
    clue = enforcement_selectors.clue_for(case)
    assert answer.status_code == 200 and answer.json()["supervision_clue"] == clue.pk
    listing = client.get("/api/reconsideration-cases/").json()
    rows = listing["results"] if isinstance(listing, dict) else listing
    assert [(r["id"], r["supervision_clue"]) for r in rows] == [(case.pk, clue.pk)]


def test_a_hearing_is_scheduled_and_held_through_the_api_by_the_id_the_case_shows(client, users, district):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    client.force_login(users.reconsideration)
    url = f"/api/reconsideration-cases/{case.pk}/actions/"

    scheduled = client.post(
        url,
        {
            "name": "hearing",
            "data": {
                "notified_on": "2025-03-10",
                "scheduled_on": "2025-03-20",
                "presiding": "李某",
                "officers": "王某、赵某",
                "clerk": "周某",
            },
        },
        content_type="application/json",
    )
    hearings = scheduled.json()["hearings"]
    held = client.post(
        url,
        {
            "name": "hold_hearing",
            "data": {
                "hearing": hearings[0]["id"],
                "held_on": "2025-03-20",
                "attendees": "申请人",
                "record": "质证",
            },
        },
        content_type="application/json",
    )

    assert scheduled.status_code == 200, scheduled.content
    assert [(h["scheduled_on"], h["held_on"]) for h in hearings] == [("2025-03-20", None)]
    assert held.status_code == 200, held.content
    assert [h["held_on"] for h in held.json()["hearings"]] == ["2025-03-20"]
