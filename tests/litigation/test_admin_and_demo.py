"""The litigation admin goes through the services (deadline computed, audit written, workflow fields read-only); the
demo district's lawsuits give a negative change on the year, every state, and warnings on the 工作台."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from fazhi.core import audit, workbench
from fazhi.core.models import AuditEvent, User
from fazhi.demo import registry as core_demo
from fazhi.demo.litigation import litigation_demo
from fazhi.indicators.registry import Period, evaluate
from fazhi.litigation.models import Lawsuit, LiaisonMeeting

from .conftest import PLAINTIFF_ID

pytestmark = pytest.mark.django_db


def test_admin_adds_a_lawsuit_through_the_service(client, users, district):
    client.force_login(users.justice)
    assert client.get(reverse("admin:litigation_lawsuit_changelist")).status_code == 200
    response = client.post(
        reverse("admin:litigation_lawsuit_add"),
        {
            "court": "测试区人民法院",
            "case_number": "（2024）宁0303行初40号",
            "instance": "first",
            "plaintiff_kind": "person",
            "plaintiff_name": "赵六",
            "plaintiff_id_number": PLAINTIFF_ID,
            "defendant": district.jyj.pk,
            "responsible_department": district.jyj.pk,
            "cause": "行政处罚",
            "served_on": "2024-09-20",
            "hearings-TOTAL_FORMS": "0",
            "hearings-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lawsuit = Lawsuit.objects.get()
    assert lawsuit.defence_due == dt.date(2024, 10, 8)
    assert [e.action for e in audit.history(lawsuit)] == [AuditEvent.Action.CREATE]
    page = client.get(reverse("admin:litigation_lawsuit_changelist")).content.decode()
    assert PLAINTIFF_ID not in page


def test_demo_gives_fewer_cases_in_2025_every_state_and_warnings(monkeypatch):
    monkeypatch.setattr(core_demo, "STEPS", [litigation_demo])
    call_command("demo", stdout=io.StringIO())
    call_command("demo", stdout=io.StringIO())  # idempotent
    received = evaluate("litigation.lawsuits.received", Period.year(2025))
    assert (received.figure.value, received.previous.value) == (9, 12)
    assert received.change == Decimal("-25.0")
    assert set(Lawsuit.objects.values_list("status", flat=True)) == set(Lawsuit.Status.values)
    assert evaluate("litigation.hearings.head_appearance_rate", Period.year(2025)).figure.value == 100
    # effective in 2025 with a duty: （2024）行初26号 and （2025）行初6号 performed; （2025）行终7号 upheld the first
    # instance's loss (revoked), so it carries the duty, effective and not yet performed
    performance = evaluate("litigation.judgments.performance_rate", Period.year(2025)).figure
    assert (performance.numerator, performance.denominator, performance.value) == (2, 3, Decimal("66.7"))
    upheld = Lawsuit.objects.get(case_number="（2025）澄01行终7号")
    assert (upheld.result, upheld.must_perform, upheld.status) == ("lost", True, "effective")
    assert evaluate("litigation.liaison.meetings", Period.year(2025)).figure.value == 2
    assert evaluate("litigation.lawsuits.loss_rate", Period.year(2024)).figure.value is not None
    assert LiaisonMeeting.objects.count() == 5
    fuyi = User.objects.get(username="fuyi")
    items = [i for i in workbench.items_for(fuyi, dt.date(2026, 11, 26)) if i.category == "行政应诉"]
    assert {i.level for i in items} == {"overdue", "due_soon", "pending"}
    titles = {i.title for i in items}
    assert "人民法院书面建议行政机关负责人出庭：行政诉讼（2026）澄0102行初15号" in titles
    # received 3 September 2026 (public-interest 检察建议): two months, 法释〔2018〕6号第二十一条
    assert "澄湖区人民检察院检察建议应于2026年11月03日前书面回复（（2026）澄0102行初4号）" in titles
