"""The admin (the platform's administrators only; reconsideration staff work on the pages) registers and changes
cases through the services and never deletes one."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core.models import AuditEvent
from fazhi.disputes.models import ReconsiderationCase
from tests import factories
from tests.admin_way_in import administrator, via_admin

from ..conftest import register

D = dt.date


def test_admin_registers_through_the_service_with_a_docket_number(client, users, district):
    client.force_login(users.reconsideration)  # turned away; the Justice Bureau's administrator registers it
    data = {
        "organization": district.sfj.pk,
        "channel": "mail",
        "received_on": "2025-04-01",
        "applicant_kind": "person",
        "applicant_name": "吴某",
        "applicant_id_code": factories.id_number(),
        "applicant_contact": "",
        "agent": "",
        "respondent": district.scj.pk,
        "contested_act": "处罚决定",
        "act_date": "2025-03-01",
        "request": "撤销",
        "facts": "",
        "procedure": "ordinary",
        "clocks-TOTAL_FORMS": "0",
        "clocks-INITIAL_FORMS": "0",
        "opinions-TOTAL_FORMS": "0",
        "opinions-INITIAL_FORMS": "0",
    }
    response = via_admin(client, users.justice).post(reverse("admin:disputes_reconsiderationcase_add"), data)
    ctx = getattr(response, "context", None)
    assert response.status_code == 302, (
        (ctx["adminform"].form.errors, [f.errors for f in ctx["inline_admin_formsets"]])
        if ctx
        else response.status_code
    )
    case = ReconsiderationCase.objects.get()
    assert case.docket_number == "澄复〔2025〕1号"
    assert case.clocks.get(kind="examination").due_on == D(2025, 4, 9)  # 4–6 April 2025 清明节
    assert AuditEvent.objects.filter(model_label="disputes.reconsiderationcase", action="create").count() == 1


def test_admin_does_not_offer_deletion(client, users, district):
    case = register(users, district)
    client.force_login(users.reconsideration)
    url = reverse("admin:disputes_reconsiderationcase_delete", args=[case.pk])
    assert via_admin(client, users.justice).get(url).status_code == 403
    assert administrator(users.admin).post(url, {"post": "yes"}).status_code == 403
    assert ReconsiderationCase.objects.filter(pk=case.pk).exists()
