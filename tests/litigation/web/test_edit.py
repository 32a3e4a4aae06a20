"""The correction page of a lawsuit (litigation:edit): the owning unit's clerk corrects the registration through
services.update_lawsuit (audit event with the changes), another unit's clerk does not find it, a leader only reads,
and bad input is refused with the service's Chinese message and nothing changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from fazhi.core import audit
from fazhi.litigation.models import Lawsuit
from tests.corrections import last_change, refused

from ..conftest import PLAINTIFF_ID

pytestmark = pytest.mark.django_db


def _url(lawsuit: Lawsuit) -> str:
    return reverse("litigation:edit", args=[lawsuit.pk])


def _form(lawsuit: Lawsuit, **overrides) -> dict:
    return {
        "court": lawsuit.court,
        "case_number": lawsuit.case_number,
        "instance": lawsuit.instance,
        "plaintiff_kind": lawsuit.plaintiff_kind,
        "plaintiff_name": lawsuit.plaintiff_name,
        "plaintiff_id_number": "",
        "defendant": lawsuit.defendant_id,
        "responsible_department": lawsuit.responsible_department_id,
        "cause": lawsuit.cause,
        "contested_act": lawsuit.contested_act,
        "filed_on": lawsuit.filed_on.isoformat(),
        "served_on": lawsuit.served_on.isoformat(),
        **overrides,
    }


def test_the_owning_clerk_corrects_the_registration_and_the_audit_trail_records_it(client, users, lawsuit):
    # given the 教育局 clerk, whose unit is the responsible department, on the lawsuit's page
    client.force_login(users.jyj_clerk)
    page = client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()
    assert reverse("litigation:edit", args=[lawsuit.pk]) in page
    form = client.get(reverse("litigation:edit", args=[lawsuit.pk]))
    assert form.status_code == 200 and PLAINTIFF_ID not in form.content.decode()

    # when the cause and the service date are corrected (the ID number left empty)
    response = client.post(
        reverse("litigation:edit", args=[lawsuit.pk]),
        _form(lawsuit, cause="行政处罚", served_on="2024-09-23"),
    )

    # then the lawsuit holds them, the defence deadline is recomputed, the ID number kept, the change audited
    assert response.status_code == 302 and response.url == reverse("litigation:detail", args=[lawsuit.pk])
    lawsuit.refresh_from_db()
    assert (lawsuit.cause, lawsuit.served_on.isoformat()) == ("行政处罚", "2024-09-23")
    assert lawsuit.defence_due.isoformat() == "2024-10-08"
    assert lawsuit.plaintiff_id_number == PLAINTIFF_ID
    assert last_change(lawsuit)["cause"] == ["政府信息公开", "行政处罚"]
    assert list(audit.history(lawsuit))[-1].actor == users.jyj_clerk


def test_another_units_clerk_does_not_find_the_lawsuit(client, users, lawsuit):
    client.force_login(users.scj_clerk)
    assert client.get(reverse("litigation:edit", args=[lawsuit.pk])).status_code == 404
    refused(client, _url(lawsuit), _form(lawsuit, cause="行政处罚"), 404, lawsuit, "cause")


def test_a_leader_sees_no_link_and_is_refused(client, users, lawsuit):
    # given the district leader, who reads every lawsuit
    client.force_login(users.leader)
    page = client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()

    # then no correction link is shown, and a correction sent anyway is refused
    assert reverse("litigation:edit", args=[lawsuit.pk]) not in page
    refused(client, _url(lawsuit), _form(lawsuit, cause="行政处罚"), 403, lawsuit, "cause")


def test_a_service_date_before_the_filing_date_is_refused_with_the_rules_message(client, users, lawsuit):
    client.force_login(users.jyj_clerk)
    before = audit.history(lawsuit).count()

    response = client.post(
        reverse("litigation:edit", args=[lawsuit.pk]),
        _form(lawsuit, cause="行政处罚", served_on="2024-09-10"),
    )

    assert response.status_code == 400 and "送达日期不能早于立案日期。" in response.content.decode()
    lawsuit.refresh_from_db()
    assert (lawsuit.cause, lawsuit.served_on.isoformat()) == ("政府信息公开", "2024-09-20")
    assert audit.history(lawsuit).count() == before
