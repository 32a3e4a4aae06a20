"""The decisions API: scoped lists with the timeline, and transitions refused with the rule's reason."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.decisions import services
from fazhi.decisions.models import Decision

from ..conftest import register_outside_catalog, walk


def test_api_lists_only_the_units_decisions_with_their_timeline(client, users, district, catalog, decision):
    item = catalog.items.get(title="农贸市场改造")
    services.register_decision(
        actor=users.scj_clerk,
        title=item.title,
        organization=district.scj,
        decision_body=district.root,
        registered_on=dt.date(2024, 3, 12),
        catalog_item=item,
    )
    client.force_login(users.jyj_clerk)
    rows = client.get("/api/decisions/").json()["results"]
    assert [r["title"] for r in rows] == ["中小学布局调整"]
    assert [s["label"] for s in rows[0]["timeline"]][:5] == [
        "公众参与",
        "专家论证",
        "风险评估",
        "合法性审查",
        "集体讨论决定",
    ]


def test_api_transition_goes_through_the_rules(client, users, decision):
    walk(decision, Decision.Status.LEGALITY_REVIEW, clerk=users.jyj_clerk, justice=users.justice)
    client.force_login(users.jyj_clerk)
    response = client.post(
        f"/api/decisions/{decision.pk}/transitions/",
        {"name": "submit_for_discussion"},
        content_type="application/json",
    )
    assert response.status_code == 400 and "第二十五条" in str(response.json())
    decision.refresh_from_db()
    assert decision.status == Decision.Status.LEGALITY_REVIEW
    client.force_login(users.leader)
    response = client.post(
        f"/api/decisions/{decision.pk}/transitions/", {"name": "terminate"}, content_type="application/json"
    )
    assert response.status_code == 403


def test_api_hides_other_units_decisions(client, users, decision):
    client.force_login(users.scj_clerk)
    assert client.get(f"/api/decisions/{decision.pk}/").status_code == 404
    response = client.post(
        f"/api/decisions/{decision.pk}/transitions/", {"name": "start"}, content_type="application/json"
    )
    assert response.status_code == 404


def test_api_terminate_needs_a_reason(client, users, decision):
    client.force_login(users.jyj_clerk)
    response = client.post(
        f"/api/decisions/{decision.pk}/transitions/", {"name": "terminate"}, content_type="application/json"
    )
    assert response.status_code == 400 and "理由" in str(response.json())
    response = client.post(
        f"/api/decisions/{decision.pk}/transitions/",
        {"name": "terminate", "reason": "政策调整"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "terminated"


def test_api_unknown_transition_is_a_clear_error(client, users, decision):
    client.force_login(users.jyj_clerk)
    response = client.post(
        f"/api/decisions/{decision.pk}/transitions/", {"name": "fly"}, content_type="application/json"
    )
    assert response.status_code == 400 and "没有名为“fly”的操作" in str(response.json())


def test_api_list_asks_the_archiving_rule_without_a_query_per_decision(
    client, users, district, decision, django_assert_num_queries
):
    """At the archiving step each decision's timeline asks documents_attached (第三十三条); the list prefetches the
    documents once for its page, so two more decisions there cost no more queries."""
    walk(decision, Decision.Status.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    client.force_login(users.jyj_clerk)
    client.get("/api/decisions/")  # the session saved once
    with CaptureQueriesContext(connection) as one:
        rows = client.get("/api/decisions/").json()["results"]
    assert [r["status"] for r in rows] == [Decision.Status.IMPLEMENTATION]
    for title in ("课后服务收费标准调整", "校车管理办法"):
        more = register_outside_catalog(
            title=title, actor=users.jyj_clerk, organization=district.jyj, decision_body=district.root
        )
        walk(more, Decision.Status.IMPLEMENTATION, clerk=users.jyj_clerk, justice=users.justice)
    with django_assert_num_queries(len(one)):
        rows = client.get("/api/decisions/").json()["results"]
    assert len(rows) == 3
