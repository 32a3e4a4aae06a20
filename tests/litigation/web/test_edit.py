"""The correction page of a lawsuit (litigation:edit): the owning unit's clerk corrects the registration through
services.update_lawsuit (audit event with the changes), another unit's clerk does not find it, a leader only reads,
and bad input is refused with the service's Chinese message and nothing changed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fazhi.core import audit
from fazhi.core.rules import happened_message
from fazhi.litigation import services
from fazhi.litigation.models import Lawsuit, LiaisonMeeting
from tests.corrections import closed_to, corrects, last_change, refused

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


# A liaison meeting -------------------------------------------------------------------------------------------

MEETING = {
    "kind": "court",
    "title": "府院联席会议",
    "participants": "区政府、区法院",
    "topics": "行政争议化解",
}


@pytest.fixture
def meeting(users, district):
    return services.record_meeting(
        actor=users.jyj_clerk, held_on=dt.date(2025, 4, 24), organization=district.jyj, **MEETING
    )


def _meeting_form(meeting: LiaisonMeeting, **overrides) -> dict:
    data = MEETING | {
        "held_on": meeting.held_on.isoformat(),
        "organization": meeting.organization_id,
        "outcomes": "",
    }
    return data | overrides


def test_the_convening_units_clerk_corrects_a_meeting(client, users, meeting):
    client.force_login(users.jyj_clerk)
    url = reverse("litigation:edit_meeting", args=[meeting.pk])

    corrects(
        client, reverse("litigation:meetings"), url, meeting, _meeting_form(meeting, outcomes="形成会议纪要")
    )

    assert meeting.outcomes == "形成会议纪要"
    assert last_change(meeting)["outcomes"] == ["", "形成会议纪要"]


def test_a_meeting_is_not_found_by_another_unit_and_not_changed_by_a_leader(client, users, meeting):
    url, page = reverse("litigation:edit_meeting", args=[meeting.pk]), reverse("litigation:meetings")
    data = _meeting_form(meeting, title="改名")
    closed_to(client, url, data, meeting, "title", outsider=users.scj_clerk, reader=users.leader, page=page)


def test_a_meeting_moved_after_today_is_refused_with_the_rules_message(client, users, meeting):
    client.force_login(users.jyj_clerk)
    data = _meeting_form(meeting, title="改名", held_on="2999-01-01")
    url = reverse("litigation:edit_meeting", args=[meeting.pk])
    refused(client, url, data, 400, meeting, "title", happened_message("会议日期"))


# A hearing ---------------------------------------------------------------------------------------------------


@pytest.fixture
def hearing(users, lawsuit, head):
    return services.record_hearing(
        actor=users.jyj_clerk, lawsuit=lawsuit, held_on=dt.date(2024, 11, 12), head_appeared=True, head=head
    )


def _hearing_form(hearing, **overrides) -> dict:
    data = {"held_on": hearing.held_on.isoformat(), "head_appeared": "on", "head": hearing.head_id}
    return data | {"absence_reason": "", "staff": "", "lawyer": "", "note": ""} | overrides


def test_the_owning_clerk_corrects_a_hearing_where_the_head_did_not_appear(client, users, lawsuit, hearing):
    # given the hearing recorded as attended by the head; when it is corrected to a sealed absence
    client.force_login(users.jyj_clerk)
    data = _hearing_form(hearing, head_appeared="", head="", absence_reason="公务冲突")
    data |= {"explanation_sealed": "on", "staff": "法规科科长"}
    url = reverse("litigation:edit_hearing", args=[lawsuit.pk, hearing.pk])
    assert url in client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()
    assert client.get(url).status_code == 200
    response = client.post(url, data)

    # then the hearing holds it and the audit trail records the change
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert (hearing.head_appeared, hearing.head, hearing.absence_reason) == (False, None, "公务冲突")
    assert last_change(hearing)["head_appeared"] == [True, False]


def test_a_hearing_is_not_found_by_another_unit_and_not_changed_by_a_leader(client, users, lawsuit, hearing):
    url = reverse("litigation:edit_hearing", args=[lawsuit.pk, hearing.pk])
    data = _hearing_form(hearing, lawyer="某律师")
    page = reverse("litigation:detail", args=[lawsuit.pk])
    closed_to(client, url, data, hearing, "lawyer", outsider=users.scj_clerk, reader=users.leader, page=page)


def test_an_absence_without_its_reason_is_refused_with_the_rules_message(client, users, lawsuit, hearing):
    client.force_login(users.jyj_clerk)
    url = reverse("litigation:edit_hearing", args=[lawsuit.pk, hearing.pk])
    data = _hearing_form(hearing, head_appeared="", head="", explanation_sealed="on", staff="法规科科长")
    message = "负责人未出庭的，须写明原因（法释〔2018〕1号第一百三十二条）。"
    refused(client, url, data, 400, hearing, "head_appeared", message)


# A recommendation --------------------------------------------------------------------------------------------

RECOMMENDATION = {
    "ground": "normative_document",
    "issuer": "测试区人民法院",
    "content": "建议修改规范性文件第五条",
}


@pytest.fixture
def recommendation(users, lawsuit):
    return services.record_recommendation(
        actor=users.jyj_clerk, lawsuit=lawsuit, received_on=dt.date(2025, 3, 3), **RECOMMENDATION
    )


def _recommendation_form(recommendation, **overrides) -> dict:
    return RECOMMENDATION | {"number": "", "received_on": recommendation.received_on.isoformat()} | overrides


def test_the_owning_clerk_corrects_a_recommendation_and_its_reply_deadline(
    client, users, lawsuit, recommendation
):
    client.force_login(users.jyj_clerk)
    url = reverse("litigation:edit_recommendation", args=[lawsuit.pk, recommendation.pk])
    data = _recommendation_form(recommendation, received_on="2025-03-10", number="（2025）宁0303司建1号")

    corrects(client, reverse("litigation:detail", args=[lawsuit.pk]), url, recommendation, data)

    # then the date of receipt and the number are corrected and the sixty days run from the new date
    assert (recommendation.received_on, recommendation.reply_due) == (
        dt.date(2025, 3, 10),
        dt.date(2025, 5, 9),
    )
    assert last_change(recommendation)["number"] == ["", "（2025）宁0303司建1号"]


def test_a_recommendation_is_not_found_by_another_unit_and_not_changed_by_a_leader(
    client, users, lawsuit, recommendation
):
    url = reverse("litigation:edit_recommendation", args=[lawsuit.pk, recommendation.pk])
    data = _recommendation_form(recommendation, issuer="测试区人民检察院")
    page = reverse("litigation:detail", args=[lawsuit.pk])
    closed_to(
        client, url, data, recommendation, "issuer", outsider=users.scj_clerk, reader=users.leader, page=page
    )


def test_a_recommendation_replied_to_is_no_longer_corrected(client, users, lawsuit, recommendation):
    services.record_reply(
        actor=users.jyj_clerk, recommendation=recommendation, replied_on=dt.date(2025, 4, 1), reply="已修改"
    )
    client.force_login(users.jyj_clerk)
    url = reverse("litigation:edit_recommendation", args=[lawsuit.pk, recommendation.pk])
    assert url not in client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()
    data = _recommendation_form(recommendation, issuer="测试区人民检察院")
    refused(
        client, url, data, 400, recommendation, "issuer", "该建议已于2025年04月01日书面回复，不能再更正。"
    )


def test_a_recommendation_received_after_today_is_refused_with_the_rules_message(
    client, users, lawsuit, recommendation
):
    client.force_login(users.jyj_clerk)
    url = reverse("litigation:edit_recommendation", args=[lawsuit.pk, recommendation.pk])
    data = _recommendation_form(recommendation, issuer="测试区人民检察院", received_on="2999-01-01")
    refused(client, url, data, 400, recommendation, "issuer", happened_message("收到日期"))
