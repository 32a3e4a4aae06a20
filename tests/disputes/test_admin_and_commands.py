"""The admin registers and changes cases through the services; the `fazhi disputes` command exports and applies
deemed acceptance; the 工作台 warns before a clock runs out and flags what is overdue."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from fazhi.core import clock, workbench
from fazhi.core.models import AuditEvent
from fazhi.disputes import services
from fazhi.disputes.models import ReconsiderationCase
from tests import factories

from .conftest import accepted, register

Case = ReconsiderationCase
D = dt.date


def test_admin_registers_through_the_service_with_a_docket_number(client, users, district):
    client.force_login(users.reconsideration)
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
    response = client.post(reverse("admin:disputes_reconsiderationcase_add"), data)
    ctx = getattr(response, "context", None)
    assert response.status_code == 302, (
        (ctx["adminform"].form.errors, [f.errors for f in ctx["inline_admin_formsets"]])
        if ctx
        else response.status_code
    )
    case = Case.objects.get()
    assert case.docket_number == "澄复〔2025〕1号"
    assert case.clocks.get(kind="examination").due_on == D(2025, 4, 9)  # 4–6 April 2025 清明节
    assert AuditEvent.objects.filter(model_label="disputes.reconsiderationcase", action="create").count() == 1


def test_admin_does_not_offer_deletion(client, users, district):
    case = register(users, district)
    client.force_login(users.reconsideration)
    assert client.get(reverse("admin:disputes_reconsiderationcase_delete", args=[case.pk])).status_code == 403


def test_command_exports_and_deems_acceptance(users, district, tmp_path, monkeypatch):
    case = register(users, district, received_on=D(2025, 9, 29))
    out = tmp_path / "cases.json"
    call_command(
        "disputes", "export", "2025", str(out), "--format", "json", "--user", "fuyi", stdout=StringIO()
    )
    assert json.loads(out.read_text())["cases"][0]["docket_number"] == case.docket_number
    clock.freeze(D(2025, 10, 14))
    stdout = StringIO()
    call_command("disputes", "deem", "--user", "fuyi", stdout=stdout)
    assert case.docket_number in stdout.getvalue()
    case.refresh_from_db()
    assert (case.status, case.accepted_on) == (Case.Status.ACCEPTED, D(2025, 10, 13))


def test_workbench_warns_before_a_clock_runs_out_and_flags_overdue(users, district):
    soon = register(users, district, received_on=D(2025, 9, 29))  # examination due 13 October
    late = accepted(users, district, received_on=D(2025, 7, 30), accepted_on=D(2025, 8, 2))
    services.send_copy(actor=users.reconsideration, case=late, on=D(2025, 8, 4))
    # answer due 10 working days after 4 August = 18 August
    items = [
        i for i in workbench.items_for(users.reconsideration, D(2025, 10, 9)) if i.category == "行政复议"
    ]
    by_title = {i.title: i for i in items}
    assert f"{soon.docket_number}受理审查期限即将届满（2025年10月13日）" in by_title
    assert by_title[f"{late.docket_number}被申请人答复期限已逾期（2025年08月18日）"].level == "overdue"
    decision = by_title[f"{late.docket_number}作出复议决定期限即将届满（2025年10月09日）"]
    assert "顺延" in decision.detail
    # a suspended case's decision clock is stopped: no warning for it
    services.suspend(actor=users.reconsideration, case=late, on=D(2025, 9, 1), reason="等待解释")
    items = [
        i.title
        for i in workbench.items_for(users.reconsideration, D(2025, 10, 9))
        if i.category == "行政复议"
    ]
    assert not any("作出复议决定期限" in t for t in items)
    # others see nothing of the office's cases
    assert not [i for i in workbench.items_for(users.jyj_clerk, D(2025, 10, 9)) if i.category == "行政复议"]
