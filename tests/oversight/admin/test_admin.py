"""The oversight admin (the platform's administrators only): lists scoped by district, an inspection added through the service (with its inspected units and
the audit trail), items not added here but escalated by an action through the service."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.oversight.models import Inspection, RectificationItem

from ...admin_way_in import admin_closed, administrator

D = dt.date
MODELS = ["rectificationitem", "inspection", "inspectionfinding", "taskplan", "task", "progressreport"]


def test_every_list_opens_and_is_scoped(client, users, item):
    client.force_login(users.justice)
    for model in MODELS:
        assert client.get(reverse(f"admin:oversight_{model}_changelist")).status_code == 200, model
    listing = client.get(reverse("admin:oversight_rectificationitem_changelist"))
    assert list(listing.context["cl"].queryset) == [item]
    assert client.get(reverse("admin:oversight_rectificationitem_add")).status_code == 403
    # the other district's administrator sees none of this district's items
    listing = administrator(users.other_justice).get(reverse("admin:oversight_rectificationitem_changelist"))
    assert list(listing.context["cl"].queryset) == []
    # and the units' clerks, who work on the pages, are turned away
    for clerk in (users.jyj_clerk, users.scj_clerk):
        client.force_login(clerk)
        admin_closed(client.get(reverse("admin:oversight_rectificationitem_changelist")))


def test_inspection_added_in_the_admin_goes_through_the_service(client, users, district):
    client.force_login(users.justice)
    response = client.post(
        reverse("admin:oversight_inspection_add"),
        {
            "kind": "patrol",
            "title": "依托巡察督察",
            "held_on": "2024-09-10",
            "organization": district.sfj.pk,
            "co_organizers": [district.root.pk],
            "inspected_units": [district.jyj.pk, district.town.pk],
            "summary": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    inspection = Inspection.objects.get()
    assert set(inspection.inspected.values_list("organization__code", flat=True)) == {"T-JYJ", "T-LHZ"}
    assert list(inspection.co_organizers.all()) == [district.root]
    assert (
        AuditEvent.objects.filter(model_label="oversight.inspection", object_id=str(inspection.pk)).count()
        == 2
    )


def test_escalate_action_goes_through_the_service(client, users, item, monkeypatch):
    clock.freeze(D(2024, 9, 10))
    client.force_login(users.scj_clerk)
    url = reverse("admin:oversight_rectificationitem_changelist")
    admin_closed(client.post(url, {"action": "escalate_overdue", "_selected_action": [item.pk]}))
    item.refresh_from_db()
    assert item.escalated_on is None  # the unit cannot escalate its own item
    client.force_login(users.justice)
    client.post(url, {"action": "escalate_overdue", "_selected_action": [item.pk]})
    assert RectificationItem.objects.get().escalated_on == D(2024, 9, 10)


def test_an_inspection_changed_in_the_admin_keeps_a_unit_with_a_finding(
    client, users, district, inspection, finding
):
    # given a finding about 市场监管局; when admin drops it from the inspected units, the service's rule refuses
    client.force_login(users.justice)
    response = client.post(
        reverse("admin:oversight_inspection_change", args=[inspection.pk]),
        {
            "kind": inspection.kind,
            "title": "改名",
            "held_on": inspection.held_on.isoformat(),
            "organization": district.sfj.pk,
            "co_organizers": [district.root.pk],
            "inspected_units": [district.jyj.pk],
            "summary": "",
        },
    )
    assert f"“{district.scj}”已有本次督察发现的问题，不能从被督察单位中移除。" in response.content.decode()
    inspection.refresh_from_db()
    assert inspection.title == "2024年度法治政府建设督察"
    assert inspection.inspected.filter(organization=district.scj).exists()
