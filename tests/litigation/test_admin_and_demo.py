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
    assert (received.figure.value, received.previous.value) == (7, 12)
    assert received.change == Decimal("-41.7")
    assert set(Lawsuit.objects.values_list("status", flat=True)) == set(Lawsuit.Status.values)
    assert evaluate("litigation.hearings.head_appearance_rate", Period.year(2025)).figure.value == 100
    assert evaluate("litigation.judgments.performance_rate", Period.year(2025)).figure.value == 100
    assert evaluate("litigation.liaison.meetings", Period.year(2025)).figure.value == 2
    assert evaluate("litigation.lawsuits.loss_rate", Period.year(2024)).figure.value is not None
    assert LiaisonMeeting.objects.count() == 5
    fuyi = User.objects.get(username="fuyi")
    items = [i for i in workbench.items_for(fuyi, dt.date(2026, 11, 26)) if i.category == "行政应诉"]
    assert {i.level for i in items} == {"overdue", "due_soon"}
