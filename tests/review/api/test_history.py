"""POST /api/review/documents/history/ and /api/review/reviews/history/: finished history through the same services
as the ledgers (the live rules), idempotent by natural key, field errors in Chinese naming the field."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock
from fazhi.review.models import LegalityReview, NormativeDocument

DOCUMENT = {
    "number": "测政规发〔2024〕3号",
    "title": "测试区农贸市场管理办法",
    "organization": "T",
    "registered_on": "2024-02-01",
    "review_submitted_on": "2024-02-05",
    "review_initial_on": "2024-02-05",
    "review_advisor_on": "2024-02-07",
    "review_opinion": "lawful",
    "review_concluded_on": "2024-02-20",
    "consultation_started_on": "2024-02-21",
    "consultation_ended_on": "2024-03-21",
    "consulted": "社会公众",
    "consultation_summary": "收到意见3条，采纳2条",
    "deliberated_on": "2024-03-25",
    "deliberation_body": "区人民政府第5次常务会议",
    "deliberation_summary": "原则通过",
    "signed_on": "2024-03-28",
    "published_on": "2024-03-29",
    "effective_on": "2024-05-01",
}
REVIEW = {
    "title": "校舍维修工程施工合同",
    "subject_kind": "contract",
    "organization": "T-JYJ",
    "submitted_on": "2024-03-04",
    "initial_on": "2024-03-04",
    "advisor_on": "2024-03-06",
    "opinion": "lawful",
    "concluded_on": "2024-03-14",
}


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_an_issued_document_is_created_once_with_its_number(client, users, district):
    clock.freeze(dt.date(2025, 3, 1))
    client.force_login(users.justice)
    url = "/api/review/documents/history/"

    first = post(client, url, DOCUMENT)
    again = post(client, url, DOCUMENT)
    changed = post(client, url, {**DOCUMENT, "signed_on": "2024-03-27"})

    assert first.status_code == 201, first.json()
    assert (first.json()["number"], first.json()["status"]) == ("测政规发〔2024〕3号", "valid")
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert changed.status_code == 400
    assert changed.json()["signed_on"] == ["该文件已在平台中（平台中为“2024-03-28”），不能修改。"]
    assert NormativeDocument.objects.count() == 1


def test_a_broken_rule_names_the_field_and_writes_nothing(client, users, district):
    clock.freeze(dt.date(2025, 3, 1))
    client.force_login(users.justice)
    url = "/api/review/documents/history/"

    wrong_year = post(client, url, {**DOCUMENT, "number": "测政规发〔2023〕3号"})
    bad_unit = post(client, url, {**DOCUMENT, "organization": "T-XXX"})

    assert wrong_year.status_code == 400
    assert wrong_year.json()["number"] == ["文号的年度（2023）与签发日期的年度（2024）不一致。"]
    assert bad_unit.status_code == 400 and "organization" in bad_unit.json()
    assert NormativeDocument.objects.count() == 0 and LegalityReview.objects.count() == 0


def test_a_concluded_review_is_created_once(client, users, district):
    clock.freeze(dt.date(2025, 3, 1))
    client.force_login(users.justice)
    url = "/api/review/reviews/history/"

    first = post(client, url, REVIEW)
    again = post(client, url, REVIEW)
    too_soon = post(client, url, {**REVIEW, "title": "租赁合同", "concluded_on": "2024-03-08"})

    assert first.status_code == 201, first.json()
    assert again.status_code == 200 and again.json()["id"] == first.json()["id"]
    assert too_soon.status_code == 400
    assert too_soon.json()["reasons"] == ["终审时间一般不少于5个工作日（2024-03-13之前出具的，请说明理由）。"]
    assert LegalityReview.objects.get().concluded_on == dt.date(2024, 3, 14)


def test_the_history_endpoints_and_their_fields_are_in_the_schema(client, users):
    client.force_login(users.justice)
    schema = client.get("/api/schema/?format=json").json()
    for url, fields in (
        ("/api/review/documents/history/", {"number", "signed_on", "review_concluded_on", "deliberated_on"}),
        ("/api/review/reviews/history/", {"subject_kind", "initial_on", "advisor_on", "concluded_on"}),
    ):
        ref = schema["paths"][url]["post"]["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        assert fields <= set(schema["components"]["schemas"][ref.rsplit("/", 1)[1]]["properties"])
