"""批量申请销号 and 批量销号 on the rectification ledger: each ticked item goes through its service; an item a rule
refuses is named with the rule's message, the others are done, and nothing else changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.oversight import services
from fazhi.oversight.models import RectificationItem
from fazhi.oversight.services import inspections
from tests.oversight.conftest import upload

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def items(users, district, inspection):
    clock.freeze(D(2024, 6, 20))
    made = []
    for text in ("案卷未归档", "执法文书不规范", "未公示执法信息"):
        finding = inspections.add_finding(
            actor=users.justice, inspection=inspection, organization=district.scj, text=text, measures="整改"
        )
        made.append(services.item_of(finding))
    services.add_evidence(actor=users.scj_clerk, item=made[0], file=upload())
    return made


def test_a_unit_asks_for_sign_off_of_many_items_and_those_without_evidence_are_named(client, users, items):
    client.force_login(users.scj_clerk)
    html = client.get(reverse("oversight:items")).content.decode()
    assert 'id="batch-rectify"' in html and 'id="batch-sign-off"' not in html
    response = client.post(
        reverse("oversight:batch", args=["rectify"]),
        {"ids": [i.pk for i in items], "rectification": "已完成归档整理", "rectified_on": "2024-06-20"},
        follow=True,
    )
    html = response.content.decode()
    assert "已申请销号1项，2项未申请销号。" in html
    for item in items[1:]:
        assert f"{item}：" in html
    assert html.count("并附至少一份佐证材料（《法治政府建设与责任落实督察工作规定》第二十六条）") == 2
    statuses = dict(RectificationItem.objects.values_list("pk", "status"))
    assert [statuses[i.pk] for i in items] == ["rectified", "pending", "pending"]


def test_the_supervising_office_signs_off_many_items_and_a_pending_one_is_refused(client, users, items):
    services.rectify(
        actor=users.scj_clerk, item=items[0], rectification="已完成", rectified_on=D(2024, 6, 20)
    )
    client.force_login(users.justice)
    response = client.post(
        reverse("oversight:batch", args=["sign_off"]),
        {"ids": [items[0].pk, items[1].pk], "signed_off_on": "2024-06-20", "note": "同意销号"},
        follow=True,
    )
    html = response.content.decode()
    assert "已销号1项，1项未销号。" in html
    statuses = dict(RectificationItem.objects.values_list("pk", "status"))
    assert [statuses[i.pk] for i in items] == ["signed_off", "pending", "pending"]


def test_a_unit_may_not_sign_off_and_bad_batches_are_refused_with_400(client, users, items):
    services.rectify(
        actor=users.scj_clerk, item=items[0], rectification="已完成", rectified_on=D(2024, 6, 20)
    )
    client.force_login(users.scj_clerk)
    response = client.post(
        reverse("oversight:batch", args=["sign_off"]),
        {"ids": [items[0].pk], "signed_off_on": "2024-06-20"},
        follow=True,
    )
    assert "已销号0项，1项未销号。" in response.content.decode()
    response = client.post(reverse("oversight:batch", args=["rectify"]), {"rectified_on": "2024-06-20"})
    assert response.status_code == 400 and "请先勾选要办理的记录。" in response.content.decode()
    response = client.post(
        reverse("oversight:batch", args=["rectify"]), {"ids": ["x"], "rectified_on": "2024-06-20"}
    )
    assert response.status_code == 400
    assert client.post(reverse("oversight:batch", args=["delete"]), {"ids": [items[0].pk]}).status_code == 404
    assert RectificationItem.objects.get(pk=items[0].pk).status == "rectified"
