"""The legal advisors as pages (no admin needed): the directory with search and export, a unit registering an
advisor, recording its attendances and reviews, and the advisor giving its opinion; each through the services, each
refusal in Chinese with nothing changed, and nobody reaching an advisor outside its scope."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from fazhi.core import clock
from fazhi.core.models import AuditEvent
from fazhi.decisions import services
from fazhi.decisions.models import AdvisorAttendance, AdvisorReview, LegalAdvisor

from ..conftest import retain_firm

D = dt.date


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2024, 7, 1))


@pytest.fixture
def advisor(users, district):
    return retain_firm(users, district, district.jyj)


@pytest.fixture
def scj_advisor(users, district):
    return services.create_advisor(
        actor=users.scj_clerk,
        name="市场局法律顾问王某",
        kind=LegalAdvisor.Kind.PERSON,
        organization=district.scj,
        contract_start=D(2024, 1, 1),
        contract_end=D(2024, 12, 31),
    )


def test_the_directory_lists_what_each_role_may_see_and_exports_it(client, users, advisor, scj_advisor):
    client.force_login(
        users.jyj_clerk
    )  # served by the district's law firm, not by the market bureau's advisor
    html = client.get("/decisions/advisors/").content.decode()
    assert "宁夏明理律师事务所" in html and "市场局法律顾问王某" not in html
    assert client.get(f"/decisions/advisors/{scj_advisor.pk}/").status_code == 404
    client.force_login(users.justice)
    response = client.get("/decisions/advisors/", {"q": "王某", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if any(r)]
    assert [(r[0], r[1], r[2], r[6]) for r in rows] == [
        ("市场局法律顾问王某", "个人", "测试区市场监督管理局", "是")
    ]
    client.force_login(users.leader)
    html = client.get("/decisions/advisors/").content.decode()
    assert "登记法律顾问</h2>" not in html and "/decisions/advisors/new/" not in html


def test_a_unit_registers_an_advisor_and_a_bad_period_is_refused_in_chinese(client, users, district):
    client.force_login(users.scj_clerk)
    data = {
        "name": "张律师",
        "kind": "person",
        "organization": district.scj.pk,
        "units_served": [district.scj.pk, district.team.pk],
        "contract_start": "2024-06-01",
        "contract_end": "2024-05-31",
    }
    response = client.post("/decisions/advisors/new/", data)
    assert response.status_code == 400 and "聘期结束日期不能早于开始日期。" in response.content.decode()
    assert not LegalAdvisor.objects.filter(name="张律师").exists()
    data["contract_end"] = "2025-05-31"
    response = client.post("/decisions/advisors/new/", data)
    advisor = LegalAdvisor.objects.get(name="张律师")
    assert response.status_code == 302 and response["Location"] == f"/decisions/advisors/{advisor.pk}/"
    assert sorted(advisor.units_served.values_list("code", flat=True)) == ["T-SCJ", "T-SCJ-ZD"]
    event = (
        AuditEvent.objects.filter(model_label="decisions.legaladvisor", object_id=str(advisor.pk))
        .order_by("seq")
        .last()
    )
    assert event.changes["units_served"] == [[], ["T-SCJ", "T-SCJ-ZD"]]
    # another unit cannot be named as the retaining unit, and leaders and advisors register nothing
    data["organization"] = district.jyj.pk
    assert client.post("/decisions/advisors/new/", {**data, "name": "李律师"}).status_code == 400
    for user in (users.leader, users.advisor):
        client.force_login(user)
        assert client.post("/decisions/advisors/new/", {**data, "name": "李律师"}).status_code in (400, 403)
    assert not LegalAdvisor.objects.filter(name="李律师").exists()


def test_attendance_review_and_the_advisors_opinion(client, users, district, advisor):
    client.force_login(users.justice)
    base = f"/decisions/advisors/{advisor.pk}/"
    response = client.post(
        f"{base}attendances/",
        {
            "organization": district.root.pk,
            "meeting_kind": "executive",
            "meeting_name": "第5次常务会议",
            "held_on": "2023-12-01",
        },
    )
    assert response.status_code == 400 and "会议日期不在宁夏明理律师事务所的聘期" in response.content.decode()
    response = client.post(
        f"{base}attendances/",
        {
            "organization": district.root.pk,
            "meeting_kind": "executive",
            "meeting_name": "第5次常务会议",
            "held_on": "2024-06-12",
        },
    )
    assert response.status_code == 302
    assert AdvisorAttendance.objects.get(advisor=advisor).meeting_name == "第5次常务会议"
    response = client.post(
        f"{base}reviews/",
        {
            "organization": district.root.pk,
            "subject": "校舍租赁合同",
            "subject_kind": "contract",
            "received_on": "2024-06-03",
        },
    )
    assert response.status_code == 302
    review = AdvisorReview.objects.get(advisor=advisor)

    client.force_login(users.advisor)  # the advisor sees its work and gives its opinion on the page
    html = client.get(base).content.decode()
    assert "校舍租赁合同" in html and "出具审查意见" in html and "<summary>登记审查事项" not in html
    url = f"{base}reviews/{review.pk}/complete/"
    response = client.post(url, {"opinion": "", "completed_on": "2024-06-10"})
    assert response.status_code == 400 and "出具意见时须填写审查意见。" in response.content.decode()
    response = client.post(
        url,
        {
            "opinion": "合同第七条违约责任约定不明，建议修改。",
            "completed_on": "2024-06-10",
            "adopted": "true",
        },
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.completed_on, review.adopted, review.days_taken) == (D(2024, 6, 10), True, 7)
    assert "用时7日" in client.get(base).content.decode()
    # a clerk of a unit the advisor does not serve cannot reach it
    client.force_login(users.scj_clerk)
    assert client.post(url, {"opinion": "x", "completed_on": "2024-06-11"}).status_code == 404


# Corrections (更正) of what a unit recorded of an advisor's work -------------------------------------------------


def _updates(record) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=AuditEvent.Action.UPDATE, model_label=record._meta.label_lower, object_id=str(record.pk)
        )
    )


MEETING = {"meeting_kind": "executive", "meeting_name": "第5次常务会议", "held_on": "2024-06-12"}
CONTRACT = {"subject": "校舍租赁合同", "subject_kind": "contract", "received_on": "2024-06-03"}


@pytest.fixture
def work(client, users, district, advisor):
    """A meeting the firm attended and a contract it reviewed, both recorded by the Justice Bureau on its page."""
    client.force_login(users.justice)
    for slot, values in (("attendances", MEETING), ("reviews", CONTRACT)):
        sent = {"organization": district.root.pk, **values}
        assert client.post(f"/decisions/advisors/{advisor.pk}/{slot}/", sent).status_code == 302
    client.logout()
    return AdvisorAttendance.objects.get(advisor=advisor), AdvisorReview.objects.get(advisor=advisor)


def _edit_urls(advisor, attendance, review) -> tuple[str, str]:
    base = f"/decisions/advisors/{advisor.pk}/"
    return f"{base}attendances/{attendance.pk}/edit/", f"{base}reviews/{review.pk}/edit/"


def test_the_recording_unit_corrects_an_attendance_and_a_review(client, users, district, advisor, work):
    attendance, review = work
    attendance_url, review_url = _edit_urls(advisor, attendance, review)
    client.force_login(users.justice)
    page = client.get(f"/decisions/advisors/{advisor.pk}/").content.decode()
    assert f'href="{attendance_url}"' in page and f'href="{review_url}"' in page
    assert 'value="第5次常务会议"' in client.get(attendance_url).content.decode()

    root = district.root.pk
    response = client.post(
        attendance_url,
        {"organization": root, **MEETING, "meeting_kind": "special", "meeting_name": "校舍安全专题会议"},
    )
    assert response.status_code == 302 and response["Location"] == f"/decisions/advisors/{advisor.pk}/"
    attendance.refresh_from_db()
    assert (attendance.meeting_kind, attendance.meeting_name) == ("special", "校舍安全专题会议")
    (event,) = _updates(attendance)
    assert event.actor == users.justice and event.changes == {
        "meeting_kind": ["executive", "special"],
        "meeting_name": ["第5次常务会议", "校舍安全专题会议"],
    }

    response = client.post(
        review_url,
        {"organization": root, **CONTRACT, "subject": "校舍租赁合同（二稿）", "received_on": "2024-06-04"},
    )
    assert response.status_code == 302
    review.refresh_from_db()
    assert (review.subject, review.received_on) == ("校舍租赁合同（二稿）", D(2024, 6, 4))
    (event,) = _updates(review)
    assert event.changes == {
        "subject": ["校舍租赁合同", "校舍租赁合同（二稿）"],
        "received_on": ["2024-06-03", "2024-06-04"],
    }


def test_an_advisors_work_is_not_corrected_by_others_nor_wrongly(client, users, district, advisor, work):
    attendance, review = work
    attendance_url, review_url = _edit_urls(advisor, attendance, review)
    sent = {"organization": district.root.pk, **MEETING, "meeting_name": "改名"}
    # a clerk of a unit the advisor does not serve does not reach them
    client.force_login(users.scj_clerk)
    assert client.get(attendance_url).status_code == 404
    assert client.post(attendance_url, sent).status_code == 404
    assert client.get(review_url).status_code == 404
    # a leader sees no link and is refused; so is the advisor itself, who gives opinions, not records
    for who in (users.leader, users.advisor):
        client.force_login(who)
        page = client.get(f"/decisions/advisors/{advisor.pk}/")
        assert page.status_code == 200 and "/edit/" not in page.content.decode().split('id="attendances"')[1]
        assert client.post(attendance_url, sent).status_code == 403
        assert client.post(review_url, {"subject": "改名"}).status_code == 403
    # the recording unit dating the meeting outside the contract is refused by the rule of recording it
    client.force_login(users.justice)
    response = client.post(attendance_url, {**sent, "held_on": "2023-12-01"})
    assert response.status_code == 400 and "会议日期不在宁夏明理律师事务所的聘期" in response.content.decode()
    # and a review received after its opinion was given
    services.complete_advisor_review(
        actor=users.advisor, review=review, opinion="建议修改第七条。", completed_on=D(2024, 6, 10)
    )
    response = client.post(
        review_url, {"organization": district.root.pk, **CONTRACT, "received_on": "2024-06-11"}
    )
    assert response.status_code == 400 and "出具意见日期不能早于收到日期。" in response.content.decode()
    attendance.refresh_from_db()
    review.refresh_from_db()
    assert (attendance.meeting_name, attendance.held_on) == ("第5次常务会议", D(2024, 6, 12))
    assert review.received_on == D(2024, 6, 3)
    assert not _updates(attendance)
    assert [e.changes for e in _updates(review)] == [
        {
            "opinion": ["", "建议修改第七条。"],
            "completed_on": [None, "2024-06-10"],
        }
    ]
