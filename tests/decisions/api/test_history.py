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


COMMENTS = [
    {
        "received_on": "2024-04-08",
        "commenter": "王女士",
        "content": "希望保留村小教学点",
        "response": "已采纳，保留两处教学点",
        "adopted": True,
        "answered_on": "2024-05-06",
    },
    {
        "received_on": "2024-04-20",
        "commenter": "",
        "content": "校车线路请公开",
        "response": "不予采纳：线路随学期调整，开学前公告",
        "adopted": False,
        "answered_on": "2024-05-06",
    },
]


def test_public_comments_come_with_the_history_and_count_in_the_figures(client, users, district):
    from fazhi.indicators import registry

    clock.freeze(dt.date(2025, 3, 1))
    client.force_login(users.justice)

    made = post(client, {**BODY, "public_comments": COMMENTS})
    again = post(client, {**BODY, "public_comments": COMMENTS})
    changed = post(client, {**BODY, "public_comments": COMMENTS[:1]})

    assert made.status_code == 201, made.json()
    assert again.status_code == 200
    assert changed.status_code == 400
    assert changed.json()["public_comments"] == ["与平台中该决策的公众意见不一致。"]
    period = registry.Period.year(2024)
    received = registry.compute("decisions.public_comments.received", period, None)
    answered = registry.compute("decisions.public_comments.answered_rate", period, None)
    assert received.value == 2
    assert (answered.numerator, answered.denominator, answered.value) == (2, 2, 100.0)


def test_a_comment_outside_the_participation_period_is_refused_naming_it(client, users, district):
    clock.freeze(dt.date(2025, 3, 1))
    client.force_login(users.justice)
    late = {**COMMENTS[1], "received_on": "2024-05-20"}

    refused = post(client, {**BODY, "public_comments": [COMMENTS[0], late]})
    unanswered_reason = post(client, {**BODY, "public_comments": [{**COMMENTS[1], "response": ""}]})
    unanswered = post(
        client, {**BODY, "public_comments": [{**COMMENTS[1], "response": "", "answered_on": None}]}
    )

    assert refused.status_code == 400
    assert refused.json()["public_comments[1].received_on"] == [
        "第2条意见的收到日期（2024-05-20）不在公众参与期间（2024-04-01至2024-05-06）内。"
    ]
    assert unanswered_reason.status_code == 400
    assert unanswered_reason.json()["public_comments[0].response"] == ["请写明采纳情况及理由。"]
    assert unanswered.status_code == 400
    assert (
        "须在征求意见期满后记录完成日期并逐条反馈意见" in unanswered.json()["participation_completed_on"][0]
    )
    assert Decision.objects.count() == 0
