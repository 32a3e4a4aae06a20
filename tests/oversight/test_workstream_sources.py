"""Reconsideration corrections and lost lawsuits open rectification items for the unit concerned; a decision that
corrected nothing and a lawsuit that was not lost cannot, on the service and on the pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.disputes import services as disputes
from fazhi.oversight import services
from fazhi.oversight.models import RectificationItem, SourceKind
from tests.disputes.conftest import accepted
from tests.litigation.conftest import head, judge, lawsuit  # noqa: F401  (fixtures)

D = dt.date
pytestmark = pytest.mark.django_db


def _decide(users, district, outcome: str):
    case = accepted(users, district, received_on=D(2025, 3, 3), accepted_on=D(2025, 3, 4))
    disputes.send_copy(actor=users.reconsideration, case=case, on=D(2025, 3, 6))
    disputes.record_opinion(
        actor=users.reconsideration, case=case, heard_on=D(2025, 3, 20), method="phone", with_whom="申请人"
    )
    return disputes.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 4, 1),
        outcome=outcome,
        summary="…",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 4, 1),
    )


def test_a_correction_opens_an_item_for_the_respondent_and_an_upheld_case_cannot(client, users, district):
    upheld = _decide(users, district, "uphold")
    with pytest.raises(ValidationError, match="只有被纠错"):
        services.open_item(actor=users.justice, source=upheld)
    client.force_login(users.justice)
    assert "建立整改事项" not in client.get(f"/disputes/{upheld.pk}/").content.decode()

    corrected = _decide(users, district, "confirm_illegal")
    assert "建立整改事项" in client.get(f"/disputes/{corrected.pk}/").content.decode()
    item = services.open_item(actor=users.justice, source=corrected, opened_on=D(2025, 4, 2))
    assert (item.source_kind, item.organization) == (SourceKind.RECONSIDERATION, district.scj)
    assert f"/oversight/items/{item.pk}/" in client.get(f"/disputes/{corrected.pk}/").content.decode()
    assert RectificationItem.objects.count() == 1


def test_only_a_lost_lawsuit_opens_an_item(users, district, lawsuit, head):  # noqa: F811
    judge(users.reconsideration, lawsuit, head, "dismissed")
    with pytest.raises(ValidationError, match="只有败诉"):
        services.open_item(actor=users.justice, source=lawsuit)
    assert not RectificationItem.objects.exists()


def test_a_lost_lawsuit_opens_an_item_for_the_responsible_department(users, district, lawsuit, head):  # noqa: F811
    judge(users.reconsideration, lawsuit, head, "revoked")
    item = services.open_item(actor=users.justice, source=lawsuit, opened_on=D(2024, 12, 5))
    assert (item.source_kind, item.organization) == (SourceKind.LITIGATION, district.jyj)


def _api(user):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_corrected_case_is_named_by_its_docket_number_through_the_api(users, district):
    corrected = _decide(users, district, "revoke")
    api = _api(users.justice)

    response = api.post(
        "/api/oversight/items/",
        {"source": corrected.docket_number, "opened_on": "2025-04-02", "measures": "重新作出"},
        format="json",
    )

    assert response.status_code == 201, response.data
    assert response.data["source_kind"] == SourceKind.RECONSIDERATION
    assert response.data["source_name"] == corrected.docket_number
    assert RectificationItem.objects.get().source == corrected


def test_a_lost_lawsuit_is_named_by_its_case_number_and_an_unknown_name_says_how(
    users,
    district,
    lawsuit,  # noqa: F811
    head,  # noqa: F811
):
    judge(users.reconsideration, lawsuit, head, "revoked")
    api = _api(users.justice)

    wrong = api.post("/api/oversight/items/", {"source": "（2024）宁0303行初99号"}, format="json")
    made = api.post(
        "/api/oversight/items/",
        {"source": "（2024）宁0303行初12号", "opened_on": "2024-12-05"},
        format="json",
    )

    assert wrong.status_code == 400
    assert "没有找到问题来源“（2024）宁0303行初99号”" in str(wrong.data["source"])
    assert "行政诉讼败诉填“案号" in str(wrong.data["source"])
    assert made.status_code == 201, made.data
    assert made.data["source_name"] == "（2024）宁0303行初12号"
    assert not RectificationItem.objects.exclude(pk=made.data["id"]).exists()


def test_a_judicial_recommendation_is_named_by_its_number_and_opens_an_item_of_kind_other(
    users,
    district,
    lawsuit,  # noqa: F811
):
    from fazhi.litigation import services as litigation

    litigation.record_recommendation(
        actor=users.reconsideration,
        lawsuit=lawsuit,
        ground="judicial_other",
        issuer="澄湖区人民法院",
        number="澄法司建〔2025〕3号",
        content="被告送达程序不规范，建议完善。",
        received_on=D(2025, 3, 10),
    )

    made = _api(users.justice).post(
        "/api/oversight/items/",
        {"source": "澄法司建〔2025〕3号", "opened_on": "2025-03-12", "measures": "完善送达程序"},
        format="json",
    )

    assert made.status_code == 201, made.data
    assert made.data["source_kind"] == SourceKind.OTHER
    assert made.data["source_name"] == "澄法司建〔2025〕3号"
    from fazhi.oversight import links

    item = RectificationItem.objects.get()
    assert item.organization == lawsuit.responsible_department
    assert (
        links.describe(item.source) == "司法建议：澄湖区人民法院澄法司建〔2025〕3号（（2024）宁0303行初12号）"
    )
