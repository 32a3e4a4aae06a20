"""The correction page of a listed item (变更): the unit's clerk corrects an item on a page through services.revise —
the old version is removed on the chosen day and the corrected one listed that day (both in the audit trail), so
earlier days' lists stay as shown; another unit's clerk does not find the item, a leader sees no link and is refused,
bad input gets the rule's Chinese message, and a removed item is refused by the rule that keeps it removed."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from fazhi.catalogs.models import ListItem, ServiceItem
from fazhi.core.models import AuditEvent

from ..conftest import D, certification, commitment, service_item

pytestmark = pytest.mark.django_db


def cert_data(item, **changes):
    return {
        "name": item.name,
        "basis": item.basis,
        "organization": item.organization_id,
        "issuer": item.issuer,
        "on": "2025-07-01",
        "reason": "更正事项名称",
        **changes,
    }


def test_the_units_clerk_corrects_an_items_name_as_a_new_version(client, users, district):
    item = certification(users.justice, district.jyj, "ZM-1", name="无犯罪纪录证明")
    client.force_login(users.jyj_clerk)
    url = reverse("catalogs:edit", args=["certification", item.pk])
    assert url in client.get(reverse("catalogs:list", args=["certification"])).content.decode()
    assert "无犯罪纪录证明" in client.get(url).content.decode()

    response = client.post(url, cert_data(item, name="无犯罪记录证明"))

    assert response.status_code == 302
    old, new = ListItem.objects.filter(code="ZM-1").order_by("added_on")
    assert (old.name, old.removed_on, old.removal_reason) == ("无犯罪纪录证明", D(2025, 7, 1), "更正事项名称")
    assert (new.name, new.added_on, new.removed_on) == ("无犯罪记录证明", D(2025, 7, 1), None)
    assert AuditEvent.objects.filter(model_label="catalogs.listitem", object_id=str(old.pk), action="update")
    assert AuditEvent.objects.filter(model_label="catalogs.listitem", object_id=str(new.pk), action="create")


def test_a_commitment_items_verification_is_shown_ticked_and_corrected(client, users, district):
    item = commitment(users.justice, district.jyj, "CN-1", verification="书面核查")
    client.force_login(users.jyj_clerk)
    url = reverse("catalogs:edit", args=["commitment", item.pk])
    html = client.get(url).content.decode()
    assert re.search(r'value="书面核查"[^>]* checked', html) and not re.search(
        r'value="实地核查"[^>]* checked', html
    )

    data = {
        "name": item.name,
        "basis": item.basis,
        "organization": district.jyj.pk,
        "verification": ["书面核查", "实地核查"],
        "false_commitment": item.false_commitment,
        "on": "2025-07-01",
    }
    assert client.post(url, data).status_code == 302

    assert ListItem.objects.get(code="CN-1", removed_on=None).verification == "书面核查、实地核查"


def test_another_units_clerk_does_not_find_the_item(client, users, district):
    item = certification(users.justice, district.jyj, "ZM-1")
    client.force_login(users.scj_clerk)

    response = client.post(
        reverse("catalogs:edit", args=["certification", item.pk]), cert_data(item, name="改")
    )

    assert response.status_code == 404
    assert ListItem.objects.get().name == "证明ZM-1"


def test_a_leader_sees_no_correction_link_and_is_refused(client, users, district):
    item = certification(users.justice, district.jyj, "ZM-1")
    client.force_login(users.leader)
    url = reverse("catalogs:edit", args=["certification", item.pk])

    listing = client.get(reverse("catalogs:list", args=["certification"])).content.decode()
    response = client.post(url, cert_data(item, name="改"))

    assert "证明ZM-1" in listing and url not in listing
    assert response.status_code == 403
    assert ListItem.objects.get().name == "证明ZM-1"


def test_a_committed_service_item_without_a_time_limit_is_refused_with_the_rules_message(
    client, users, district
):
    item = service_item(users.justice, district.jyj, "FW-1", "committed", limit=5)
    client.force_login(users.jyj_clerk)

    response = client.post(
        reverse("catalogs:edit", args=["service", item.pk]),
        {"name": item.name, "organization": district.jyj.pk, "mode": "committed", "on": "2025-07-01"},
    )

    assert response.status_code == 400
    assert "承诺办事项须写明承诺办结时限（工作日）。" in response.content.decode()
    assert list(ServiceItem.objects.values_list("time_limit_days", "removed_on")) == [(5, None)]


def test_a_removed_item_is_not_corrected(client, users, district):
    from fazhi.catalogs import services

    item = certification(users.justice, district.jyj, "ZM-1")
    services.remove(actor=users.justice, item=item, removed_on=D(2025, 6, 30), reason="取消")
    client.force_login(users.jyj_clerk)
    listing = client.get(reverse("catalogs:list", args=["certification"])).content.decode()

    response = client.post(
        reverse("catalogs:edit", args=["certification", item.pk]), cert_data(item, name="改")
    )

    assert reverse("catalogs:edit", args=["certification", item.pk]) not in listing
    assert response.status_code == 400
    assert "事项“ZM-1 证明ZM-1”已于2025-06-30移出清单，移出日期不能再改动。" in response.content.decode()
    assert list(ListItem.objects.values_list("name", "removed_on")) == [("证明ZM-1", D(2025, 6, 30))]


@pytest.mark.parametrize("kind", ["certification", "commitment", "service"])
def test_the_correction_pages_title_names_the_item_and_its_list_without_a_doubled_word(
    client, users, district, kind
):
    from ...core.web.crawl import check_text, visible_text

    make = {
        "certification": lambda: certification(users.justice, district.jyj, "X-1"),
        "commitment": lambda: commitment(users.justice, district.jyj, "X-1"),
        "service": lambda: service_item(users.justice, district.jyj, "X-1", "committed", limit=5),
    }
    item = make[kind]()
    client.force_login(users.jyj_clerk)

    text, _links = visible_text(client.get(reverse("catalogs:edit", args=[kind, item.pk])).content.decode())

    lists = {"certification": "证明事项清单", "commitment": "告知承诺制事项清单", "service": "政务服务事项"}
    assert f"变更事项：X-1 {item.name}（{lists[kind]}）" in text
    assert [f for f in check_text("", text) if f.kind == "重复词"] == []
