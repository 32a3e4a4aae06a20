"""Every way into the lists refuses the same bad input with the same Chinese message and changes nothing: the
service, the ledger import, the API, the staff page and admin all reach one rule of rules/lists.py."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.catalogs import services
from fazhi.catalogs.models import ListItem, ServiceItem
from fazhi.core.io import ledgers

from ..conftest import D, certification

pytestmark = pytest.mark.django_db

CERTIFICATION_HEADERS = [
    "事项编码",
    "证明名称",
    "设定依据",
    "索要单位代码",
    "开具单位",
    "列入日期",
    "移出日期",
    "移出原因",
]
COMMITMENT_HEADERS = [
    "事项编码",
    "事项名称",
    "设定依据",
    "实施单位代码",
    "核查方式",
    "不实承诺的处理",
    "列入日期",
]
SERVICE_HEADERS = ["事项编码", "事项名称", "实施单位代码", "办理方式", "承诺办结时限（工作日）", "列入日期"]
BASIS = "《中华人民共和国教师法》第十四条"


def imported(actor, code, headers, rows) -> list[tuple[int, str, str]]:
    wb = Workbook()
    wb.active.append(headers)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    result = ledgers.run_import(
        code, content=out.getvalue(), filename="清单.xlsx", actor=actor, dry_run=False
    )
    return [(e.row, e.column, e.message) for e in result.errors]


def refused(response, status: int, message: str) -> bool:
    return response.status_code == status and message in response.content.decode()


def cert_row(code="ZM-1", added="2024-03-01", removed=None, reason=None):
    return [code, f"证明{code}", BASIS, "T-JYJ", "户籍所在地公安派出所", added, removed, reason]


def state(item) -> tuple:
    item.refresh_from_db()
    return item.removed_on, item.removal_reason


def test_a_removal_states_its_reason(client, users, district):
    # given an item of the education bureau's certification list
    item = certification(users.justice, district.jyj, "ZM-1")
    message = "请写明移出原因，如 取消该证明事项、改为告知承诺制。"
    # when it is removed without a reason on every path, then refused with one message
    with pytest.raises(ValidationError) as exc:
        services.remove(actor=users.justice, item=item, removed_on=D(2025, 6, 30), reason=" ")
    assert exc.value.message_dict == {"removal_reason": [message]}
    row = cert_row(removed="2025-06-30", reason=None)
    assert imported(users.justice, "catalogs_certification", CERTIFICATION_HEADERS, [row]) == [
        (2, "移出原因", message)
    ]
    client.force_login(users.justice)
    api = client.post(
        f"/api/catalogs/items/{item.pk}/remove/",
        {"removed_on": "2025-06-30", "reason": ""},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"removal_reason": [message]}
    page = client.post(
        f"/catalogs/certification/{item.pk}/remove/", {"removed_on": "2025-06-30", "reason": ""}
    )
    assert refused(page, 400, message)
    admin = client.post(
        f"/admin/catalogs/listitem/{item.pk}/change/", {"removed_on": "2025-06-30", "removal_reason": ""}
    )
    assert refused(admin, 400, message)
    # and the item is still in the list
    assert state(item) == (None, "")


def test_a_removal_comes_after_the_listing(client, users, district):
    item = certification(users.justice, district.jyj, "ZM-1")
    message = "移出日期（2024-02-01）应晚于列入日期（2024-03-01）。"
    with pytest.raises(ValidationError) as exc:
        services.remove(actor=users.justice, item=item, removed_on=D(2024, 2, 1), reason="取消")
    assert exc.value.message_dict == {"removed_on": [message]}
    row = cert_row(removed="2024-02-01", reason="取消")
    assert imported(users.justice, "catalogs_certification", CERTIFICATION_HEADERS, [row]) == [
        (2, "移出日期", message)
    ]
    client.force_login(users.justice)
    api = client.post(
        f"/api/catalogs/items/{item.pk}/remove/",
        {"removed_on": "2024-02-01", "reason": "取消"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"removed_on": [message]}
    page = client.post(
        f"/catalogs/certification/{item.pk}/remove/", {"removed_on": "2024-02-01", "reason": "取消"}
    )
    assert refused(page, 400, message)
    admin = client.post(
        f"/admin/catalogs/listitem/{item.pk}/change/", {"removed_on": "2024-02-01", "removal_reason": "取消"}
    )
    assert refused(admin, 400, message)
    assert state(item) == (None, "")


def test_an_item_removed_once_stays_removed(client, users, district):
    item = certification(users.justice, district.jyj, "ZM-1")
    services.remove(actor=users.justice, item=item, removed_on=D(2025, 6, 30), reason="取消")
    message = "事项“ZM-1 证明ZM-1”已于2025-06-30移出清单，移出日期不能再改动。"
    with pytest.raises(ValidationError) as exc:
        services.remove(actor=users.justice, item=item, removed_on=D(2025, 7, 1), reason="再次")
    assert exc.value.message_dict == {"removed_on": [message]}
    row = cert_row(removed="2025-07-01", reason="再次")
    assert imported(users.justice, "catalogs_certification", CERTIFICATION_HEADERS, [row]) == [
        (2, "移出日期", message)
    ]
    client.force_login(users.justice)
    api = client.post(
        f"/api/catalogs/items/{item.pk}/remove/",
        {"removed_on": "2025-07-01", "reason": "再次"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"removed_on": [message]}
    page = client.post(
        f"/catalogs/certification/{item.pk}/remove/", {"removed_on": "2025-07-01", "reason": "再次"}
    )
    assert refused(page, 400, message)
    # the correction page (变更) removes the old version first, so the same rule refuses it
    correction = {"name": "证明ZM-1", "basis": BASIS, "organization": district.jyj.pk, "on": "2025-07-01"}
    page = client.post(f"/catalogs/certification/{item.pk}/edit/", {**correction, "reason": "再次"})
    assert refused(page, 400, message)
    # admin: a removed item's removal is read-only there (rules.frozen_fields), so a change changes nothing
    client.post(
        f"/admin/catalogs/listitem/{item.pk}/change/", {"removed_on": "2025-07-01", "removal_reason": "再次"}
    )
    assert state(item) == (D(2025, 6, 30), "取消")


def test_two_versions_of_one_item_are_never_in_force_on_the_same_day(client, users, district):
    certification(users.justice, district.jyj, "ZM-1")
    message = (
        "事项“ZM-1”自2024-03-01列入的版本与自2025-03-01列入的版本在同一时间都在清单内："
        "须先将前一版本的移出日期定为不晚于2025-03-01。"
    )
    with pytest.raises(ValidationError) as exc:
        certification(users.justice, district.jyj, "ZM-1", added_on=D(2025, 3, 1))
    assert exc.value.message_dict == {"code": [message]}
    row = cert_row(added="2025-03-01")
    assert imported(users.justice, "catalogs_certification", CERTIFICATION_HEADERS, [row]) == [
        (2, "事项编码", message)
    ]
    client.force_login(users.justice)
    form = {"code": "ZM-1", "name": "证明ZM-1", "basis": BASIS, "issuer": "派出所", "added_on": "2025-03-01"}
    api = client.post(
        "/api/catalogs/items/",
        {**form, "catalog": "certification", "organization": "T-JYJ"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"code": [message]}
    page = client.post("/catalogs/certification/add/", {**form, "organization": district.jyj.pk})
    assert refused(page, 400, message)
    admin = client.post(
        "/admin/catalogs/listitem/add/", {**form, "catalog": "certification", "organization": district.jyj.pk}
    )
    assert refused(admin, 400, message)
    assert ListItem.objects.count() == 1


def test_a_commitment_item_states_how_the_commitment_is_verified(client, users, district):
    message = "告知承诺制事项须写明核查方式（书面、网络、实地或公示核查）。"
    form = {
        "code": "CN-1",
        "name": "食品经营许可",
        "basis": "《中华人民共和国食品安全法》第三十五条",
        "false_commitment": "撤销许可",
        "added_on": "2024-03-01",
    }
    with pytest.raises(ValidationError) as exc:
        services.add_item(
            actor=users.justice,
            catalog="commitment",
            code="CN-1",
            name="食品经营许可",
            basis=form["basis"],
            organization=district.scj,
            added_on=D(2024, 3, 1),
            false_commitment="撤销许可",
        )
    assert exc.value.message_dict == {"verification": [message]}
    row = ["CN-1", "食品经营许可", form["basis"], "T-SCJ", None, "撤销许可", "2024-03-01"]
    assert imported(users.justice, "catalogs_commitment", COMMITMENT_HEADERS, [row]) == [
        (2, "核查方式", message)
    ]
    client.force_login(users.justice)
    api = client.post(
        "/api/catalogs/items/",
        {**form, "catalog": "commitment", "organization": "T-SCJ"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"verification": [message]}
    assert refused(
        client.post("/catalogs/commitment/add/", {**form, "organization": district.scj.pk}), 400, message
    )
    admin = client.post(
        "/admin/catalogs/listitem/add/", {**form, "catalog": "commitment", "organization": district.scj.pk}
    )
    assert refused(admin, 400, message)
    assert not ListItem.objects.exists()


def test_a_committed_service_item_states_its_time_limit(client, users, district):
    message = "承诺办事项须写明承诺办结时限（工作日）。"
    form = {"code": "FW-1", "name": "个体工商户设立登记", "mode": "committed", "added_on": "2024-01-01"}
    with pytest.raises(ValidationError) as exc:
        services.add_service_item(
            actor=users.justice,
            code="FW-1",
            name="个体工商户设立登记",
            organization=district.scj,
            mode="committed",
            added_on=D(2024, 1, 1),
        )
    assert exc.value.message_dict == {"time_limit_days": [message]}
    row = ["FW-1", "个体工商户设立登记", "T-SCJ", "承诺办", None, "2024-01-01"]
    assert imported(users.justice, "catalogs_service_items", SERVICE_HEADERS, [row]) == [
        (2, "承诺办结时限（工作日）", message)
    ]
    client.force_login(users.justice)
    api = client.post(
        "/api/catalogs/service-items/", {**form, "organization": "T-SCJ"}, content_type="application/json"
    )
    assert api.status_code == 400 and api.json() == {"time_limit_days": [message]}
    assert refused(
        client.post("/catalogs/service/add/", {**form, "organization": district.scj.pk}), 400, message
    )
    admin = client.post("/admin/catalogs/serviceitem/add/", {**form, "organization": district.scj.pk})
    assert refused(admin, 400, message)
    assert not ServiceItem.objects.exists()


def test_an_item_code_has_no_slash(client, users, district):
    message = "事项编码不能包含“/”。"
    with pytest.raises(ValidationError) as exc:
        certification(users.justice, district.jyj, "ZM/1")
    assert exc.value.message_dict == {"code": [message]}
    assert imported(
        users.justice, "catalogs_certification", CERTIFICATION_HEADERS, [cert_row(code="ZM/1")]
    ) == [(2, "事项编码", message)]
    client.force_login(users.justice)
    form = {"code": "ZM/1", "name": "证明", "basis": BASIS, "issuer": "派出所", "added_on": "2024-03-01"}
    api = client.post(
        "/api/catalogs/items/",
        {**form, "catalog": "certification", "organization": "T-JYJ"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"code": [message]}
    assert refused(
        client.post("/catalogs/certification/add/", {**form, "organization": district.jyj.pk}), 400, message
    )
    admin = client.post(
        "/admin/catalogs/listitem/add/", {**form, "catalog": "certification", "organization": district.jyj.pk}
    )
    assert refused(admin, 400, message)
    assert not ListItem.objects.exists()
