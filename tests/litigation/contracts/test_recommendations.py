"""司法建议、检察建议 and the court's written request for the head: the reply deadline from the day received on real dates,
and the same bad input refused by the service, the API and the page with the same Chinese message, nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock, config, workbench
from fazhi.core.models import Setting
from fazhi.core.rules import happened_message
from fazhi.litigation import services
from fazhi.litigation.models import Recommendation

from ..conftest import judge

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 6, 30)


@pytest.fixture(autouse=True)
def _today():
    clock.freeze(TODAY)


def _record(users, lawsuit, ground: str, received_on: dt.date, **extra) -> Recommendation:
    return services.record_recommendation(
        actor=users.reconsideration,
        lawsuit=lawsuit,
        ground=ground,
        issuer=extra.pop("issuer", "测试区人民法院"),
        content="建议修改规范性文件第五条",
        received_on=received_on,
        **extra,
    )


def test_reply_periods_from_the_day_received(users, lawsuit):
    # 60 days from 3 March 2025 end on 2 May, in the Labour Day holiday (1–5 May): due Tuesday 6 May
    normative = _record(users, lawsuit, "normative_document", dt.date(2025, 3, 3))
    assert normative.reply_due == dt.date(2025, 5, 6)
    assert "第一百四十九条第四款" in normative.reply_explanation and "劳动节" in normative.reply_explanation
    # two months from 3 March 2025: 3 May, in the holiday: due 6 May; the urgent case 15 days: 18 March
    public = _record(users, lawsuit, "public_interest", dt.date(2025, 3, 3), issuer="测试区人民检察院")
    urgent = _record(users, lawsuit, "public_interest_urgent", dt.date(2025, 3, 3), issuer="测试区人民检察院")
    assert (public.reply_due, urgent.reply_due) == (dt.date(2025, 5, 6), dt.date(2025, 3, 18))
    assert public.kind_label == "检察建议" and normative.kind_label == "司法建议"


def test_reply_period_fixed_only_locally_is_a_setting(users, lawsuit):
    assert _record(users, lawsuit, "judicial_other", dt.date(2025, 6, 3)).reply_due == dt.date(2025, 7, 3)
    Setting.objects.create(key="litigation.judicial_recommendation_reply_days", value=15)
    assert config.get("litigation.judicial_recommendation_reply_days") == 15
    assert _record(users, lawsuit, "judicial_other", dt.date(2025, 6, 3)).reply_due == dt.date(2025, 6, 18)


def test_unanswered_recommendations_on_the_workbench_until_replied(users, lawsuit):
    recommendation = _record(users, lawsuit, "normative_document", dt.date(2025, 3, 3))
    titles = [i.title for i in workbench.items_for(users.reconsideration, TODAY) if i.category == "行政应诉"]
    assert "测试区人民法院司法建议应于2025年05月06日前书面回复（（2024）宁0303行初12号）" in titles
    services.record_reply(
        actor=users.reconsideration,
        recommendation=recommendation,
        replied_on=dt.date(2025, 4, 30),
        reply="已修改",
    )
    titles = [i.title for i in workbench.items_for(users.reconsideration, TODAY) if i.category == "行政应诉"]
    assert not any("司法建议" in t for t in titles)


def test_a_future_receipt_is_refused_the_same_through_service_api_and_page(users, lawsuit, client):
    message = happened_message("收到日期")
    with pytest.raises(ValidationError) as raised:
        _record(users, lawsuit, "normative_document", dt.date(2025, 7, 1))
    assert message in str(raised.value)
    client.force_login(users.reconsideration)
    api = client.post(
        f"/api/litigation/lawsuits/{lawsuit.pk}/recommendations/",
        {
            "ground": "normative_document",
            "issuer": "测试区人民法院",
            "content": "建议",
            "received_on": "2025-07-01",
        },
        content_type="application/json",
    )
    assert api.status_code == 400 and message in api.content.decode()
    page = client.post(
        f"/litigation/{lawsuit.pk}/recommendations/",
        {
            "ground": "normative_document",
            "issuer": "测试区人民法院",
            "content": "建议",
            "received_on": "2025-07-01",
        },
    )
    assert page.status_code == 400 and message in page.content.decode()
    assert not Recommendation.objects.exists()


def test_a_reply_before_receipt_is_refused_through_service_and_api(users, lawsuit, client):
    recommendation = _record(users, lawsuit, "normative_document", dt.date(2025, 3, 3))
    with pytest.raises(ValidationError) as raised:
        services.record_reply(
            actor=users.reconsideration,
            recommendation=recommendation,
            replied_on=dt.date(2025, 3, 1),
            reply="x",
        )
    assert "书面回复日期不能早于收到建议书的日期" in str(raised.value)
    client.force_login(users.reconsideration)
    api = client.post(
        f"/api/litigation/recommendations/{recommendation.pk}/reply/",
        {"replied_on": "2025-03-01", "reply": "x"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "书面回复日期不能早于收到建议书的日期" in api.content.decode()
    assert Recommendation.objects.get().replied_on is None


def test_the_recommendation_is_on_the_page_and_the_api(users, lawsuit, client):
    _record(users, lawsuit, "normative_document", dt.date(2025, 3, 3), number="（2025）宁0303司建1号")
    client.force_login(users.reconsideration)
    page = client.get(f"/litigation/{lawsuit.pk}/").content.decode()
    assert "（2025）宁0303司建1号" in page and 'data-due="2025-05-06"' in page
    data = client.get(f"/api/litigation/lawsuits/{lawsuit.pk}/").json()
    assert [(r["kind"], r["reply_due"]) for r in data["recommendations"]] == [("judicial", "2025-05-06")]
    assert [c["kind"] for c in data["clocks"]["clocks"]] == ["defence"]


def test_the_courts_written_request_for_the_head(users, lawsuit, head, client):
    actor = users.reconsideration
    with pytest.raises(ValidationError) as raised:
        services.record_head_request(actor=actor, lawsuit=lawsuit, requested_on=dt.date(2024, 9, 1))
    assert "书面建议日期不能早于起诉状副本送达日期" in str(raised.value)
    services.record_head_request(actor=actor, lawsuit=lawsuit, requested_on=dt.date(2024, 10, 10))
    titles = [i.title for i in workbench.items_for(actor, TODAY) if i.category == "行政应诉"]
    assert "人民法院书面建议行政机关负责人出庭：行政诉讼（2024）宁0303行初12号" in titles
    client.force_login(actor)
    assert "尚无负责人出庭的开庭记录" in client.get(f"/litigation/{lawsuit.pk}/").content.decode()
    judge(actor, lawsuit, head, "dismissed")  # a hearing on 12 November with the head
    titles = [i.title for i in workbench.items_for(actor, TODAY) if i.category == "行政应诉"]
    assert not any("书面建议" in t for t in titles)
    api = client.post(
        f"/api/litigation/lawsuits/{lawsuit.pk}/head-request/",
        {"requested_on": "2025-01-02"},
        content_type="application/json",
    )
    assert api.status_code == 400 and "已裁判，不能再登记人民法院的出庭建议" in api.content.decode()


def test_the_admin_lists_recommendations_read_only_and_never_deletes(users, lawsuit, admin_client):
    recommendation = _record(users, lawsuit, "normative_document", dt.date(2025, 3, 3))
    page = admin_client.get("/admin/litigation/recommendation/")
    assert page.status_code == 200 and "测试区人民法院" in page.content.decode()
    assert admin_client.post(
        f"/admin/litigation/recommendation/{recommendation.pk}/delete/", {"post": "yes"}
    ).status_code in (302, 403)
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()
