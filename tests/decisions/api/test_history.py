"""POST /api/decisions/history/: a decision taken before the platform, through the same service as the ledger (the
live workflow's rules), idempotent by lead unit + title + year, field errors in Chinese naming the field."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.decisions.models import Decision

URL = "/api/decisions/history/"
BODY = {
    "title": "中小学布局调整",
    "organization": "T-JYJ",
    "decision_body": "T",
    "outside_catalog_reason": "年中新增的民生事项",
    "registered_on": "2024-03-10",
    "participation_methods": "网上征求意见",
    "participation_started_on": "2024-04-01",
    "participation_period_days": 30,
    "participation_completed_on": "2024-05-06",
    "argumentation_started_on": "2024-05-10",
    "argumentation_completed_on": "2024-05-10",
    "expert_name": "李教授",
    "expert_opinion": "方案可行",
    "risk_applicable": False,
    "risk_not_applicable_reason": "不涉及社会稳定风险（条例第二十二条）",
    "review_submitted_on": "2024-05-21",
    "review_initial_on": "2024-05-21",
    "review_advisor_on": "2024-05-24",
    "review_opinion": "lawful",
    "review_concluded_on": "2024-06-03",
    "discussion_meeting_kind": "executive",
    "discussion_meeting_name": "区政府第12次常务会议",
    "discussion_held_on": "2024-06-12",
    "discussion_result": "approved",
    "publication_channel": "区政府门户网站",
    "published_on": "2024-06-20",
}


def post(client, body):
    return client.post(URL, body, content_type="application/json")


def test_a_decision_with_its_history_is_created_once(client, users, district):
    clock.freeze(dt.date(2025, 3, 1))
    client.force_login(users.justice)

    first = post(client, BODY)
    again = post(client, BODY)

    assert first.status_code == 201, first.json()
    assert (first.json()["status"], first.json()["organization"]) == ("implementation", "T-JYJ")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert Decision.objects.count() == 1
    changed = post(client, {**BODY, "discussion_meeting_name": "区政府第13次常务会议"})
    assert changed.status_code == 400
    assert changed.json()["discussion_meeting_name"] == [
        "该决策已在平台中（平台中为“区政府第12次常务会议”），不能修改。"
    ]


def test_field_errors_name_the_field_in_chinese_and_nothing_is_written(client, users, district):
    clock.freeze(dt.date(2025, 3, 1))
    client.force_login(users.justice)

    out_of_order = post(client, {**BODY, "discussion_held_on": "2024-06-01"})
    bad_choice = post(client, {**BODY, "review_opinion": "基本合法", "organization": "T-XXX"})

    assert out_of_order.status_code == 400
    assert out_of_order.json()["discussion_held_on"] == [
        "集体讨论日期（2024-06-01）不能早于终审日期（2024-06-03）。"
    ]
    assert bad_choice.status_code == 400
    assert set(bad_choice.json()) >= {"review_opinion", "organization"}
    assert "不是合法选项" in bad_choice.json()["review_opinion"][0]
    assert Decision.objects.count() == 0


def test_the_history_endpoint_and_its_fields_are_in_the_schema(client, users):
    client.force_login(users.justice)
    schema = client.get("/api/schema/?format=json").json()
    body = schema["paths"][URL]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    fields = schema["components"]["schemas"][body.rsplit("/", 1)[1]]["properties"]
    assert {"review_concluded_on", "discussion_held_on", "published_on", "risk_applicable"} <= set(fields)
