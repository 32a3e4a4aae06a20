"""The correction pages (更正) of the decisions workstream: the owning unit's clerk corrects a record on a page, not in
admin; another unit's clerk does not reach it, a read-only role sees no link and is refused, bad input and a frozen
state are refused with the service's Chinese message and change nothing."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.decisions import services

D = dt.date


@pytest.fixture(autouse=True)
def on_today():
    clock.freeze(D(2024, 9, 2))


def html(response) -> str:
    return response.content.decode()


def edit_url(decision) -> str:
    return f"/decisions/{decision.pk}/edit/"


def decision_form(decision, **changes) -> dict:
    form = {
        "title": decision.title,
        "organization": decision.organization_id,
        "decision_body": decision.decision_body_id,
        "catalog_item": decision.catalog_item_id or "",
        "outside_catalog_reason": decision.outside_catalog_reason,
        "registered_on": decision.registered_on.isoformat(),
        "summary": decision.summary,
    }
    return {**form, **changes}


def updates(record) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.UPDATE, model_label=record._meta.label_lower, object_id=str(record.pk)
        )
    )


def test_the_owning_clerk_corrects_a_registered_decision(client, users, decision):
    # given the education bureau's clerk on the decision's page
    client.force_login(users.jyj_clerk)
    assert f'href="{edit_url(decision)}"' in html(client.get(f"/decisions/{decision.pk}/"))
    page = client.get(edit_url(decision))
    assert page.status_code == 200 and 'value="中小学布局调整"' in html(page)

    # when they correct the summary and the registration date
    response = client.post(
        edit_url(decision), decision_form(decision, summary="调整两所村小布局", registered_on="2024-03-12")
    )

    # then the decision and its audit trail carry the correction
    assert response.status_code == 302 and response["Location"] == f"/decisions/{decision.pk}/"
    decision.refresh_from_db()
    assert (decision.summary, decision.registered_on) == ("调整两所村小布局", D(2024, 3, 12))
    (event,) = updates(decision)
    assert event.changes == {
        "summary": ["", "调整两所村小布局"],
        "registered_on": ["2024-03-10", "2024-03-12"],
    }
    assert event.actor == users.jyj_clerk


def test_another_units_clerk_does_not_reach_the_correction_page(client, users, decision):
    client.force_login(users.scj_clerk)
    assert client.get(edit_url(decision)).status_code == 404
    assert client.post(edit_url(decision), decision_form(decision, title="改名")).status_code == 404
    decision.refresh_from_db()
    assert decision.title == "中小学布局调整" and not updates(decision)


def test_a_leader_sees_no_link_and_is_refused(client, users, decision):
    client.force_login(users.leader)
    assert client.get(f"/decisions/{decision.pk}/").status_code == 200
    assert edit_url(decision) not in html(client.get(f"/decisions/{decision.pk}/"))
    assert client.get(edit_url(decision)).status_code == 403
    assert client.post(edit_url(decision), decision_form(decision, title="改名")).status_code == 403
    decision.refresh_from_db()
    assert decision.title == "中小学布局调整" and not updates(decision)


def test_bad_input_gives_the_services_message_and_changes_nothing(client, users, district, decision):
    # given the clerk naming the market regulator as decision body (the rule of registration)
    client.force_login(users.jyj_clerk)
    message = f"“{district.scj}”不能作为您登记的决策的决策机关：应为本区人民政府或您所在的单位。"

    response = client.post(edit_url(decision), decision_form(decision, decision_body=district.scj.pk))

    assert response.status_code == 400 and message in html(response)
    # and a registration date after today, refused by the same rule as on registering
    response = client.post(edit_url(decision), decision_form(decision, registered_on="2024-09-03"))
    assert response.status_code == 400 and "立项日期" in html(response)
    decision.refresh_from_db()
    assert (decision.decision_body, decision.registered_on) == (district.root, D(2024, 3, 10))
    assert not updates(decision)


def test_a_terminated_decision_is_not_corrected(client, users, decision):
    # given the decision terminated
    services.advance(actor=users.jyj_clerk, decision=decision, transition="terminate", reason="上级政策调整")
    client.force_login(users.jyj_clerk)
    message = "决策已终止，不能再修改其记录。"

    # then its page offers no correction, the correction page says why, and a correction sent is refused
    assert edit_url(decision) not in html(client.get(f"/decisions/{decision.pk}/"))
    page = client.get(edit_url(decision))
    assert message in html(page) and "<form" not in html(page).split('id="edit"')[1]
    response = client.post(edit_url(decision), decision_form(decision, summary="补充简介"))
    assert response.status_code == 400 and message in html(response)
    decision.refresh_from_db()
    assert decision.summary == "" and not updates(decision)
