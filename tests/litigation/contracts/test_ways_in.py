"""Every rule of a lawsuit and a liaison meeting, sent through each way in (service, ledger import, API, page, admin):
the same bad input is refused everywhere with the same Chinese message, and nothing changes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import Workbook

from fazhi.core import clock
from fazhi.core.io import ledgers
from fazhi.core.rules import happened_message
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.models import SupervisionClue
from fazhi.litigation import services
from fazhi.litigation.models import Hearing, Lawsuit, LiaisonMeeting
from fazhi.litigation.rules.lawsuits import not_a_defendant, not_a_department, unknown_reconsideration
from tests.disputes.conftest import accepted, register

from ..conftest import PLAINTIFF_ID, lawsuit_fields

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 30)
TOMORROW = dt.date(2025, 7, 1)
LAWSUIT_HEAD = [
    "案号",
    "受理法院",
    "审级",
    "原告类型",
    "原告",
    "原告证件号码",
    "被告单位代码",
    "主管部门代码",
]
LAWSUIT_HEAD += ["复议案号", "案由", "立案日期", "送达日期"]
MEETING_HEAD = ["会议日期", "类型", "会议名称", "召集单位代码", "参会单位及人员", "议题"]


@pytest.fixture(autouse=True)
def _today():
    clock.freeze(TODAY)


def _xlsx(rows: list[list]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(ledger: str, rows: list[list], actor) -> list[str]:
    result = ledgers.run_import(ledger, content=_xlsx(rows), filename="t.xlsx", actor=actor, dry_run=False)
    assert not result.ok
    return [e.message for e in result.errors]


def _service_messages(call) -> list[str]:
    with pytest.raises(ValidationError) as refused:
        call()
    return refused.value.messages


def _lawsuit_row(district, *, reconsideration="", filed_on="2025-06-20", served_on="2025-06-25") -> list:
    return [
        "（2025）宁0303行初30号",
        "测试区人民法院",
        "一审",
        "自然人",
        "张三",
        PLAINTIFF_ID,
        district.jyj.code,
        district.jyj.code,
        reconsideration,
        "政府信息公开",
        filed_on,
        served_on,
    ]


def _lawsuit_api(district, **overrides) -> dict:
    return {
        "court": "测试区人民法院",
        "case_number": "（2025）宁0303行初30号",
        "instance": "first",
        "plaintiff_kind": "person",
        "plaintiff_name": "张三",
        "plaintiff_id_number": PLAINTIFF_ID,
        "defendant": district.jyj.code,
        "responsible_department": district.jyj.code,
        "cause": "政府信息公开",
        "filed_on": "2025-06-20",
        "served_on": "2025-06-25",
        **overrides,
    }


def _lawsuit_form(district, **overrides) -> dict:
    return {
        **_lawsuit_api(district),
        "defendant": district.jyj.pk,
        "responsible_department": district.jyj.pk,
    } | (overrides)


def _admin_form(district, **overrides) -> dict:
    return _lawsuit_form(
        district, **{"hearings-TOTAL_FORMS": "0", "hearings-INITIAL_FORMS": "0", **overrides}
    )


# Registration: no event after today ---------------------------------------------------------------------------


def test_validate_lawsuit_refuses_a_service_date_after_today_on_every_way_in(client, users, district):
    # given a complaint said to be served tomorrow
    message = happened_message("起诉状副本送达日期", TODAY)
    fields = lawsuit_fields(district, case_number="（2025）宁0303行初30号", served_on=TOMORROW)
    fields["filed_on"] = dt.date(2025, 6, 20)

    # when it comes through the service, the ledger, the API, the page and admin, then each says the same
    assert _service_messages(lambda: services.register_lawsuit(actor=users.justice, **fields)) == [message]
    errors = _import(
        "litigation_lawsuits", [LAWSUIT_HEAD, _lawsuit_row(district, served_on="2025-07-01")], users.justice
    )
    assert errors == [message]
    client.force_login(users.justice)
    api = client.post(
        "/api/litigation/lawsuits/",
        _lawsuit_api(district, served_on="2025-07-01"),
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"served_on": [message]}
    page = client.post(reverse("litigation:lawsuits"), _lawsuit_form(district, served_on="2025-07-01"))
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:litigation_lawsuit_add"), _admin_form(district, served_on="2025-07-01")
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()
    assert not Lawsuit.objects.exists()


def test_validate_lawsuit_refuses_a_filing_date_after_today_on_every_way_in(client, users, district):
    # given a lawsuit said to be filed tomorrow (and served today)
    message = happened_message("立案日期", TODAY)
    fields = lawsuit_fields(
        district, case_number="（2025）宁0303行初30号", filed_on=TOMORROW, served_on=TODAY
    )

    # when / then
    messages = _service_messages(lambda: services.register_lawsuit(actor=users.justice, **fields))
    assert message in messages
    row = _lawsuit_row(district, filed_on="2025-07-01", served_on="2025-06-30")
    assert message in _import("litigation_lawsuits", [LAWSUIT_HEAD, row], users.justice)
    client.force_login(users.justice)
    api = client.post(
        "/api/litigation/lawsuits/",
        _lawsuit_api(district, filed_on="2025-07-01", served_on="2025-06-30"),
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["filed_on"] == [message]
    page = client.post(
        reverse("litigation:lawsuits"), _lawsuit_form(district, filed_on="2025-07-01", served_on="2025-06-30")
    )
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:litigation_lawsuit_add"),
        _admin_form(district, filed_on="2025-07-01", served_on="2025-06-30"),
    )
    assert message in admin.content.decode()
    assert not Lawsuit.objects.exists()


# The reconsideration case a lawsuit follows -------------------------------------------------------------------


def test_validate_reconsideration_case_refuses_a_case_not_yet_accepted_on_every_way_in(
    client, users, district
):
    # given a reconsideration case only received, not yet accepted or refused
    case = register(users, district)
    message = (
        f"复议案件“{case.docket_number}”尚未受理或作出不予受理决定，不能作为诉讼所经的复议案件"
        "（行政复议法第十条、第三十四条）。"
    )
    fields = lawsuit_fields(district, case_number="（2025）宁0303行初30号", reconsideration=case)
    fields.update(filed_on=dt.date(2025, 6, 20), served_on=dt.date(2025, 6, 25))

    # when it is named through each way in, then each refuses with the same message
    assert _service_messages(lambda: services.register_lawsuit(actor=users.justice, **fields)) == [message]
    row = _lawsuit_row(district, reconsideration=case.docket_number)
    assert _import("litigation_lawsuits", [LAWSUIT_HEAD, row], users.justice) == [message]
    client.force_login(users.justice)
    api = client.post(
        "/api/litigation/lawsuits/",
        _lawsuit_api(district, reconsideration=case.docket_number),
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"reconsideration": [message]}
    page = client.post(
        reverse("litigation:register"), _lawsuit_form(district, reconsideration=case.docket_number)
    )
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:litigation_lawsuit_add"), _admin_form(district, reconsideration=case.pk)
    )
    assert admin.status_code == 400 and message in admin.content.decode()
    assert not Lawsuit.objects.exists()


def test_validate_reconsideration_case_refuses_a_case_the_user_may_not_see(client, users, district):
    # given an accepted reconsideration case, which a clerk of the education bureau may not see
    case = accepted(users, district)
    message = unknown_reconsideration(case.docket_number)
    fields = lawsuit_fields(district, case_number="（2025）宁0303行初30号", reconsideration=case)
    fields.update(filed_on=dt.date(2025, 6, 20), served_on=dt.date(2025, 6, 25))

    # when the clerk names it through the service, the ledger and the API, then each refuses alike
    assert _service_messages(lambda: services.register_lawsuit(actor=users.jyj_clerk, **fields)) == [message]
    row = _lawsuit_row(district, reconsideration=case.docket_number)
    assert _import("litigation_lawsuits", [LAWSUIT_HEAD, row], users.jyj_clerk) == [message]
    client.force_login(users.jyj_clerk)
    api = client.post(
        "/api/litigation/lawsuits/",
        _lawsuit_api(district, reconsideration=case.docket_number),
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"reconsideration": [message]}
    # the page does not offer the case at all: choosing it is refused
    page = client.post(
        reverse("litigation:register"), _lawsuit_form(district, reconsideration=case.docket_number)
    )
    assert page.status_code == 400
    assert not Lawsuit.objects.exists()


def test_validate_reconsideration_case_refuses_the_change_that_names_an_unaccepted_case(
    client, users, district, lawsuit
):
    # given a registered lawsuit and a case only received
    case = register(users, district)
    message = (
        f"复议案件“{case.docket_number}”尚未受理或作出不予受理决定，不能作为诉讼所经的复议案件"
        "（行政复议法第十条、第三十四条）。"
    )
    # when the correction names it through the service and the API, then both refuse
    assert _service_messages(
        lambda: services.update_lawsuit(actor=users.justice, lawsuit=lawsuit, reconsideration=case)
    ) == [message]
    client.force_login(users.justice)
    api = client.patch(
        f"/api/litigation/lawsuits/{lawsuit.pk}/",
        {"reconsideration": case.docket_number},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"reconsideration": [message]}
    lawsuit.refresh_from_db()
    assert lawsuit.reconsideration is None


# Steps: no event after today ------------------------------------------------------------------------------------

HEARING_TODAY = {
    "held_on": TODAY,
    "head_appeared": False,
    "absence_reason": "出差",
    "explanation_sealed": True,
}
HEARING_TODAY["staff"] = "法制科李四"


def _at(users, lawsuit, head, state: str) -> Lawsuit:
    """Walk the registered lawsuit (served 2024-09-20) to `state` with dates in the past."""
    actor = users.justice
    if state in ("defended", "judged", "effective"):
        services.submit_defence(actor=actor, lawsuit=lawsuit, submitted_on=dt.date(2024, 9, 30))
    if state in ("judged", "effective"):
        services.record_hearing(
            actor=actor, lawsuit=lawsuit, held_on=dt.date(2024, 11, 12), head_appeared=True, head=head
        )
        services.record_judgment(
            actor=actor, lawsuit=lawsuit, outcome="revoked", judged_on=dt.date(2024, 12, 2)
        )
    if state == "effective":
        services.mark_effective(actor=actor, lawsuit=lawsuit, effective_on=dt.date(2024, 12, 20))
    lawsuit.refresh_from_db()
    return lawsuit


# (state before, service, its arguments, API action, page url name, page form, field on the model, its label)
STEPS = [
    (
        "served",
        services.submit_defence,
        {"submitted_on": TOMORROW},
        "defence",
        "litigation:defence",
        {"submitted_on": "2025-07-01"},
        "defence_submitted_on",
        "提交答辩日期",
    ),
    (
        "defended",
        services.record_judgment,
        {"outcome": "withdrawn", "judged_on": TOMORROW},
        "judgment",
        "litigation:judgment",
        {"outcome": "withdrawn", "judged_on": "2025-07-01"},
        "judged_on",
        "裁判日期",
    ),
    (
        "judged",
        services.record_appeal,
        {"appealed_on": TOMORROW, "appellant": "张三"},
        "appeal",
        "litigation:appeal",
        {"appealed_on": "2025-07-01", "appellant": "张三"},
        "appealed_on",
        "上诉日期",
    ),
    (
        "judged",
        services.mark_effective,
        {"effective_on": TOMORROW},
        "effective",
        "litigation:effective",
        {"effective_on": "2025-07-01"},
        "effective_on",
        "生效日期",
    ),
    (
        "effective",
        services.record_performance,
        {"performed_on": TOMORROW, "note": "已重新作出答复"},
        "performance",
        "litigation:performance",
        {"performed_on": "2025-07-01", "note": "已重新作出答复"},
        "performed_on",
        "履行日期",
    ),
]


@pytest.mark.parametrize(
    ("state", "service", "arguments", "api_action", "page", "form", "field", "label"),
    STEPS,
    ids=[s[3] for s in STEPS],
)
def test_no_step_of_a_lawsuit_is_dated_after_today(
    client, users, lawsuit, head, state, service, arguments, api_action, page, form, field, label
):
    # given a lawsuit waiting for the step
    lawsuit = _at(users, lawsuit, head, state)
    message = happened_message(label, TODAY)

    # when the step is dated tomorrow through the service, the API and the page
    assert _service_messages(lambda: service(actor=users.justice, lawsuit=lawsuit, **arguments)) == [message]
    client.force_login(users.justice)
    api = client.post(
        f"/api/litigation/lawsuits/{lawsuit.pk}/{api_action}/",
        {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in arguments.items()},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {field: [message]}
    response = client.post(reverse(page, args=[lawsuit.pk]), form)
    assert response.status_code == 400 and message in response.content.decode()

    # then nothing changed
    lawsuit.refresh_from_db()
    assert lawsuit.status == state and getattr(lawsuit, field) is None


def test_validate_hearing_refuses_a_hearing_after_today_on_every_way_in(client, users, lawsuit):
    # given a lawsuit awaiting its defence, and a hearing said to be held tomorrow
    message = happened_message("开庭日期", TODAY)
    hearing = {**HEARING_TODAY, "held_on": TOMORROW}

    # when / then
    assert _service_messages(
        lambda: services.record_hearing(actor=users.justice, lawsuit=lawsuit, **hearing)
    ) == [message]
    client.force_login(users.justice)
    api = client.post(
        f"/api/litigation/lawsuits/{lawsuit.pk}/hearings/",
        {**hearing, "held_on": "2025-07-01"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"held_on": [message]}
    page = client.post(
        reverse("litigation:hearing", args=[lawsuit.pk]),
        {**hearing, "held_on": "2025-07-01", "explanation_sealed": "on"},
    )
    assert page.status_code == 400 and message in page.content.decode()
    assert not Hearing.objects.exists()


def test_validate_meeting_refuses_a_meeting_after_today_on_every_way_in(client, users, district):
    # given a liaison meeting said to be held tomorrow
    message = happened_message("会议日期", TODAY)
    meeting = {
        "held_on": TOMORROW,
        "kind": "court",
        "title": "府院联席会议",
        "organization": district.sfj,
        "participants": "区政府、区法院",
        "topics": "通报案件情况",
    }

    # when it comes through each way in, then each refuses with the same message
    assert _service_messages(lambda: services.record_meeting(actor=users.justice, **meeting)) == [message]
    row = ["2025-07-01", "府院联动", "府院联席会议", district.sfj.code, "区政府、区法院", "通报案件情况"]
    assert _import("litigation_meetings", [MEETING_HEAD, row], users.justice) == [message]
    client.force_login(users.justice)
    payload = {**meeting, "held_on": "2025-07-01", "organization": district.sfj.code}
    api = client.post("/api/litigation/meetings/", payload, content_type="application/json")
    assert api.status_code == 400 and api.json() == {"held_on": [message]}
    page = client.post(reverse("litigation:meetings"), {**payload, "organization": district.sfj.pk})
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:litigation_liaisonmeeting_add"), {**payload, "organization": district.sfj.pk}
    )
    assert message in admin.content.decode()
    assert not LiaisonMeeting.objects.exists()


# Parties: the defendant is a unit of the district; the first instance one the user may see ----------------------


def test_validate_parties_refuses_a_defendant_of_another_district_on_every_way_in(client, users, district):
    # given a lawsuit against a unit of the neighbouring district
    message = f"被告行政机关“{district.other_dept}”不是本区的单位。"
    fields = lawsuit_fields(district, case_number="（2025）宁0303行初30号", defendant=district.other_dept)

    # when it comes through the service, the ledger and the API, then each refuses alike
    assert _service_messages(lambda: services.register_lawsuit(actor=users.justice, **fields)) == [message]
    row = _lawsuit_row(district)
    row[6] = district.other_dept.code
    assert _import("litigation_lawsuits", [LAWSUIT_HEAD, row], users.justice) == [message]
    client.force_login(users.justice)
    api = client.post(
        "/api/litigation/lawsuits/",
        _lawsuit_api(district, defendant=district.other_dept.code),
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"defendant": [message]}
    # the page and admin do not offer the unit at all: choosing it is refused
    page = client.post(
        reverse("litigation:lawsuits"), _lawsuit_form(district, defendant=district.other_dept.pk)
    )
    assert page.status_code == 400
    assert not Lawsuit.objects.exists()


@pytest.mark.parametrize(
    ("name", "column", "refusal"),
    [("defendant", 6, not_a_defendant), ("responsible_department", 7, not_a_department)],
)
def test_validate_parties_refuses_a_court_as_defendant_or_department_on_every_way_in(
    client, users, district, name, column, refusal
):
    # given a lawsuit naming the district's court as the defendant or the responsible department (not an
    # administrative organ, 行政诉讼法第二十六条)
    message = refusal(district.court)
    fields = lawsuit_fields(district, case_number="（2025）宁0303行初30号", **{name: district.court})
    fields.update(filed_on=dt.date(2025, 6, 20), served_on=dt.date(2025, 6, 25))

    # when it comes through the service, the ledger, the API, the page and admin, then each refuses alike
    assert _service_messages(lambda: services.register_lawsuit(actor=users.justice, **fields)) == [message]
    row = _lawsuit_row(district)
    row[column] = district.court.code
    assert _import("litigation_lawsuits", [LAWSUIT_HEAD, row], users.justice) == [message]
    client.force_login(users.justice)
    api = client.post(
        "/api/litigation/lawsuits/",
        _lawsuit_api(district, **{name: district.court.code}),
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {name: [message]}
    page = client.post(reverse("litigation:lawsuits"), _lawsuit_form(district, **{name: district.court.pk}))
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:litigation_lawsuit_add"), _admin_form(district, **{name: district.court.pk})
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()
    assert not Lawsuit.objects.exists()


def test_validate_defendant_refuses_a_court_as_defendant_when_a_lawsuit_is_corrected(
    client, users, district, lawsuit
):
    # given a registered lawsuit against 教育局
    message = not_a_defendant(district.court)

    # when its defendant is changed to the court through the service, the API, the correction page and admin
    assert _service_messages(
        lambda: services.update_lawsuit(actor=users.justice, lawsuit=lawsuit, defendant=district.court)
    ) == [message]
    client.force_login(users.justice)
    api = client.patch(
        f"/api/litigation/lawsuits/{lawsuit.pk}/",
        {"defendant": district.court.code},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"defendant": [message]}
    data = _lawsuit_form(district, defendant=district.court.pk) | {
        "case_number": lawsuit.case_number,
        "filed_on": "2024-09-16",
        "served_on": "2024-09-20",
    }
    page = client.post(reverse("litigation:edit", args=[lawsuit.pk]), data)
    assert page.status_code == 400 and message in page.content.decode()
    admin = client.post(
        reverse("admin:litigation_lawsuit_change", args=[lawsuit.pk]), _admin_form(district) | data
    )
    assert admin.status_code in (200, 400) and message in admin.content.decode()

    # then the lawsuit still names 教育局
    lawsuit.refresh_from_db()
    assert lawsuit.defendant == district.jyj


def test_the_registration_page_offers_only_administrative_organs(client, users, district):
    # given the justice bureau's administrator, who may register lawsuits of any unit of the district
    client.force_login(users.justice)

    # when the registration page is shown
    form = client.get(reverse("litigation:register")).context["form"]

    # then the defendant and department lists hold the government, departments, team and township, not the court
    defendants = {pk for pk, _ in form.fields["defendant"].widget.choices if pk}
    departments = {pk for pk, _ in form.fields["responsible_department"].widget.choices if pk}
    organs = {
        district.root.pk,
        district.sfj.pk,
        district.jyj.pk,
        district.scj.pk,
        district.team.pk,
        district.town.pk,
    }
    assert defendants == organs
    assert departments == organs


def test_validate_parties_refuses_a_first_instance_the_user_may_not_see(client, users, district, lawsuit):
    # given a first-instance lawsuit of 教育局, which a clerk of 市场监管局 may not see
    message = f"一审案号“{lawsuit.case_number}”尚未登记或您无权查看。"
    fields = lawsuit_fields(
        district,
        case_number="（2025）宁03行终3号",
        instance="second",
        first_instance=lawsuit,
        defendant=district.scj,
        responsible_department=district.scj,
    )

    # when the clerk links it through the service, the ledger and the API, then each refuses alike
    assert _service_messages(lambda: services.register_lawsuit(actor=users.scj_clerk, **fields)) == [message]
    head = [*LAWSUIT_HEAD, "一审案号"]
    row = [*_lawsuit_row(district), lawsuit.case_number]
    row[0], row[2], row[6], row[7] = "（2025）宁03行终3号", "二审", district.scj.code, district.scj.code
    assert _import("litigation_lawsuits", [head, row], users.scj_clerk) == [message]
    client.force_login(users.scj_clerk)
    payload = _lawsuit_api(
        district,
        case_number="（2025）宁03行终3号",
        instance="second",
        first_instance=lawsuit.case_number,
        defendant=district.scj.code,
        responsible_department=district.scj.code,
    )
    api = client.post("/api/litigation/lawsuits/", payload, content_type="application/json")
    assert api.status_code == 400 and api.json() == {"first_instance": [message]}
    assert list(Lawsuit.objects.all()) == [lawsuit]


def test_validate_clue_received_refuses_a_clue_received_after_today_on_every_way_in(
    client, users, lawsuit, head
):
    # given a lawsuit the agency lost
    lawsuit = _at(users, lawsuit, head, "judged")
    message = happened_message("受理日期", TODAY)

    # when the clue is said to be received tomorrow through the service, the API and the page
    assert _service_messages(
        lambda: services.open_supervision_clue(actor=users.justice, lawsuit=lawsuit, received_on=TOMORROW)
    ) == [message]
    client.force_login(users.justice)
    api = client.post(
        f"/api/litigation/lawsuits/{lawsuit.pk}/supervision-clue/",
        {"received_on": "2025-07-01"},
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json() == {"received_on": [message]}
    page = client.post(reverse("litigation:clue", args=[lawsuit.pk]), {"received_on": "2025-07-01"})
    assert page.status_code == 400 and message in page.content.decode()

    # then no clue was opened
    assert enforcement_selectors.clue_for(lawsuit) is None


def test_validate_supervision_clue_refuses_a_second_clue_from_the_same_lawsuit_on_every_way_in(
    client, users, district, lawsuit, head
):
    # given a lost lawsuit already turned into a supervision clue
    lawsuit = _at(users, lawsuit, head, "judged")
    clue = services.open_supervision_clue(actor=users.justice, lawsuit=lawsuit, received_on=TODAY)
    message = f"该案已转为执法监督线索（{clue}）。"

    # when a second clue is asked for through the service, the page action and the API action
    assert _service_messages(
        lambda: services.open_supervision_clue(actor=users.justice, lawsuit=lawsuit)
    ) == [message]
    client.force_login(users.justice)
    page = client.post(reverse("litigation:clue", args=[lawsuit.pk]), {"received_on": "2025-06-30"})
    assert page.status_code == 400 and message in page.content.decode()
    api = client.post(
        f"/api/litigation/lawsuits/{lawsuit.pk}/supervision-clue/",
        {"received_on": "2025-06-30"},
        content_type="application/json",
    )
    assert api.status_code == 400 and message in str(api.json())

    # then there is still one clue, the lawsuit's, and the page no longer offers the form
    assert list(SupervisionClue.objects.all()) == [clue]
    assert enforcement_selectors.clue_for(lawsuit) == clue
    assert 'id="clue"' not in client.get(reverse("litigation:detail", args=[lawsuit.pk])).content.decode()
