"""Every way in calls the same rule: the same bad input sent through the service, the ledger import, the API, the
page and (where it has one) the admin add/change page is refused with the same Chinese message, and nothing changes."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.urls import reverse

from fazhi.core import clock, ids
from fazhi.core.io import ledgers, sheets
from fazhi.core.models import AuditEvent
from fazhi.core.rules import happened_message
from fazhi.disputes import services
from fazhi.disputes.models import DocketSequence, Hearing, HearingOpinion, ReconsiderationCase, Suspension
from fazhi.disputes.rules import cases as rules
from fazhi.disputes.rules import outcomes
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.models import SupervisionClue
from fazhi.enforcement.services import register_clue
from tests import factories
from tests.admin_way_in import via_admin

D = dt.date
TODAY = D(2025, 6, 30)
TOMORROW = D(2025, 7, 1)
LEDGER = "disputes_cases"


@pytest.fixture(autouse=True)
def today():
    clock.freeze(TODAY)


# The application through each way in ------------------------------------------------------------------------


def application(district, **changes) -> dict:
    values = {
        "channel": "mail",
        "received_on": D(2025, 6, 2),
        "applicant_kind": "person",
        "applicant_name": "刘某",
        "applicant_id_code": factories.id_number(),
        "respondent": district.scj,
        "contested_act": "澄市监罚〔2025〕9号行政处罚决定",
        "act_date": D(2025, 5, 20),
        "request": "撤销该行政处罚决定",
        "procedure": "ordinary",
    }
    values.update(changes)
    return values


def _text(value) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return getattr(value, "code", value)


def by_service(users, district, values) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        services.register_case(actor=users.reconsideration, organization=district.sfj, **values)
    return exc.value.messages


def by_ledger(users, district, values) -> list[str]:
    ledger = ledgers.get(LEDGER)
    row = {**{k: _text(v) for k, v in values.items()}, "docket_number": "", "organization": "T-SFJ"}
    row["channel"] = dict(ReconsiderationCase.Channel.choices)[row["channel"]]
    row["applicant_kind"] = dict(ReconsiderationCase.ApplicantKind.choices)[row["applicant_kind"]]
    header = [c.header for c in ledger.columns]
    content = sheets.csv_text(header, [[row.get(c.key, "") for c in ledger.columns]]).encode("utf-8-sig")
    result = ledgers.run_import(
        LEDGER, content=content, filename="c.csv", actor=users.reconsideration, dry_run=False
    )
    assert not result.ok and not result.imported
    return [e.message for e in result.errors]


def by_api(client, users, values) -> str:
    client.force_login(users.reconsideration)
    payload = {k: _text(v) for k, v in values.items()}
    response = client.post("/api/reconsideration-cases/", payload, content_type="application/json")
    assert response.status_code == 400, response.content
    return json.dumps(response.json(), ensure_ascii=False)


def by_page(client, users, values) -> str:
    client.force_login(users.reconsideration)
    data = {k: (v.pk if hasattr(v, "pk") else _text(v)) for k, v in values.items()}
    response = client.post("/disputes/register/", data)
    assert response.status_code == 400, response.status_code
    return response.content.decode()


def by_admin(client, users, district, values) -> str:
    client.force_login(users.reconsideration)  # turned away: the admin way in is the administrators'
    data = {k: (v.pk if hasattr(v, "pk") else _text(v)) for k, v in values.items()}
    data.update(
        {
            "organization": district.sfj.pk,
            "applicant_contact": "",
            "agent": "",
            "facts": "",
            "clocks-TOTAL_FORMS": "0",
            "clocks-INITIAL_FORMS": "0",
            "opinions-TOTAL_FORMS": "0",
            "opinions-INITIAL_FORMS": "0",
        }
    )
    response = via_admin(client, users.justice).post(reverse("admin:disputes_reconsiderationcase_add"), data)
    assert response.status_code in (200, 400), (
        response.status_code
    )  # the form again, never a redirect or a 500
    return response.content.decode()


def refused_everywhere(client, users, district, values, message: str, *, admin: bool = True) -> None:
    assert message in by_service(users, district, values)
    assert message in by_ledger(users, district, values)
    assert message in by_api(client, users, values)
    assert message in by_page(client, users, values)
    if admin:
        assert message in by_admin(client, users, district, values)
    assert not ReconsiderationCase.objects.exists()
    assert not DocketSequence.objects.filter(last_seq__gt=0).exists()


def test_validate_dates_refuses_a_receipt_dated_after_today_on_every_way_in(client, users, district):
    # given an application said to be received tomorrow
    values = application(district, received_on=TOMORROW)
    # then every way in refuses it with the one message of core.rules, and no case is registered
    refused_everywhere(client, users, district, values, happened_message("收到申请日期", TODAY))


def test_validate_dates_refuses_an_act_dated_after_the_receipt_on_every_way_in(client, users, district):
    values = application(district, received_on=D(2025, 6, 2), act_date=D(2025, 6, 3))
    refused_everywhere(client, users, district, values, "行政行为作出日期不能晚于收到申请日期。")


def test_normalized_applicant_id_refuses_a_wrong_check_digit_on_every_way_in(client, users, district):
    good = factories.id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        ids.validate_id_number(bad)
    refused_everywhere(
        client, users, district, application(district, applicant_id_code=bad), exc.value.messages[0]
    )


def test_validate_respondent_refuses_a_unit_of_another_district_on_every_way_in(client, users, district):
    # the admin offers only the district's units, so another district's unit is not a choice there at all
    values = application(district, respondent=district.other_dept)
    refused_everywhere(client, users, district, values, "被申请人应为本区（县）的行政机关。", admin=False)


def test_validate_respondent_refuses_the_court_of_the_district_on_every_way_in(client, users, district):
    # the court is a unit of the district but not an administrative organ (行政复议法第二十四条)
    values = application(district, respondent=district.court)
    message = "“测试区人民法院”不是本级人民政府工作部门、下一级人民政府或行政执法机构，不能作为被申请人（行政复议法第二十四条）。"
    refused_everywhere(client, users, district, values, message)


def test_the_registration_page_offers_only_units_that_can_be_a_respondent(client, users, district):
    from tests import factories

    police = factories.org("T-GA", parent=district.root, kind="public_security", name="测试区公安分局")
    client.force_login(users.reconsideration)
    page = client.get("/disputes/register/").content.decode()
    start = page.index('name="respondent"')
    offered = page[start : page.index("</select>", start)]
    assert str(district.scj) in offered and str(district.town) in offered and str(police) in offered
    assert str(district.court) not in offered and f">{district.root}<" not in offered


def test_validate_received_in_docket_year_refuses_moving_a_case_to_another_year(client, users, district):
    # given a case of 2025
    case = services.register_case(
        actor=users.reconsideration, organization=district.sfj, **application(district)
    )
    message = "案号属于2025年，收到日期不能改到其他年度。"
    before = model_to_dict(ReconsiderationCase.objects.get(pk=case.pk))
    # the service
    with pytest.raises(ValidationError) as exc:
        services.update_case(actor=users.reconsideration, case=case, received_on=D(2024, 12, 30))
    assert message in exc.value.messages
    # the ledger (the row names the case by its 案号)
    exported = ledgers.get(LEDGER)
    row = [c.format(case) for c in exported.columns]
    row[[c.key for c in exported.columns].index("received_on")] = "2024-12-30"
    content = sheets.csv_text([c.header for c in exported.columns], [row]).encode("utf-8-sig")
    result = ledgers.run_import(
        LEDGER, content=content, filename="c.csv", actor=users.reconsideration, dry_run=False
    )
    assert message in [e.message for e in result.errors]
    # the admin change page (the Justice Bureau's administrator; reconsideration staff are turned away)
    client.force_login(users.reconsideration)
    data = {k: (v.pk if hasattr(v, "pk") else _text(v)) for k, v in application(district).items()}
    data.update(
        {
            "organization": district.sfj.pk,
            "applicant_id_code": case.applicant_id_code,
            "received_on": "2024-12-30",
            "act_date": "2024-12-01",
            "applicant_contact": "",
            "agent": "",
            "facts": "",
            "clocks-TOTAL_FORMS": "0",
            "clocks-INITIAL_FORMS": "0",
            "opinions-TOTAL_FORMS": "0",
            "opinions-INITIAL_FORMS": "0",
        }
    )
    response = via_admin(client, users.justice).post(
        reverse("admin:disputes_reconsiderationcase_change", args=[case.pk]), data
    )
    assert response.status_code == 400 and message in response.content.decode()
    # nothing changed
    assert model_to_dict(ReconsiderationCase.objects.get(pk=case.pk)) == before


# The steps of a case through each way in ---------------------------------------------------------------------


def _register(users, district, **changes) -> ReconsiderationCase:
    return services.register_case(
        actor=users.reconsideration, organization=district.sfj, **application(district, **changes)
    )


def received(users, district):
    return _register(users, district)


def supplementing(users, district):
    case = received(users, district)
    return services.request_supplement(
        actor=users.reconsideration, case=case, on=D(2025, 6, 3), items="身份证明"
    )


def accepted(users, district):
    case = received(users, district)
    return services.accept(actor=users.reconsideration, case=case, on=D(2025, 6, 3))


def reviewing(users, district):
    case = accepted(users, district)
    return services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 6, 4))


def simplified(users, district):
    case = _register(users, district, procedure="simplified")
    services.accept(actor=users.reconsideration, case=case, on=D(2025, 6, 3))
    return services.send_copy(actor=users.reconsideration, case=case, on=D(2025, 6, 4))


def heard(users, district):
    case = reviewing(users, district)
    services.record_opinion(
        actor=users.reconsideration, case=case, heard_on=D(2025, 6, 10), method="phone", with_whom="申请人"
    )
    return case


def suspended(users, district):
    case = reviewing(users, district)
    return services.suspend(
        actor=users.reconsideration, case=case, on=D(2025, 6, 10), ground=7, reason="等待解释"
    )


def decided(users, district):
    case = heard(users, district)
    return services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 6, 20),
        outcome="uphold",
        summary="合法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 6, 20),
    )


def scheduled(users, district):
    case = reviewing(users, district)
    services.schedule_hearing(
        actor=users.reconsideration,
        case=case,
        notified_on=D(2025, 6, 5),
        scheduled_on=D(2025, 6, 16),
        presiding="甲",
        officers="乙、丙",
        clerk="丁",
    )
    return case


def _hearing(case):
    return case.hearings.get()


F = TOMORROW.isoformat()
# action | state | service call | form/API data | the message
STEPS = [
    ("accept", received, services.accept, {"on": F, "procedure": "ordinary"}, "受理日期"),
    ("refuse", received, services.refuse, {"on": F, "reason": "不属于复议范围"}, "不予受理决定日期"),
    (
        "request_supplement",
        received,
        services.request_supplement,
        {"on": F, "items": "身份证明"},
        "补正通知日期",
    ),
    ("receive_supplement", supplementing, services.receive_supplement, {"on": F}, "收到补正材料日期"),
    ("withdraw", received, services.withdraw, {"on": F, "reason": "撤回"}, "办结日期"),
    ("send_copy", accepted, services.send_copy, {"on": F}, "发送申请书副本日期"),
    ("record_answer", reviewing, services.record_answer, {"on": F}, "收到答复日期"),
    (
        "convert",
        simplified,
        services.convert_to_ordinary,
        {"on": F, "reason": "案情复杂，主任批准"},
        "转为普通程序日期",
    ),
    ("suspend", reviewing, services.suspend, {"on": F, "reason": "等待解释"}, "中止日期"),
    ("resume", suspended, services.resume, {"on": F}, "恢复审理日期"),
    (
        "extend",
        reviewing,
        services.extend,
        {"days": 10, "approved_by": "卫主任", "approved_on": F, "reason": "复杂"},
        "延期批准日期",
    ),
    (
        "decide",
        heard,
        services.decide,
        {
            "on": F,
            "outcome": "uphold",
            "summary": "合法",
            "approval": "head",
            "approved_by": "分管副区长",
            "approved_on": "2025-06-20",
        },
        "办结日期",
    ),
    ("mediate", reviewing, services.mediate, {"on": F, "summary": "调解"}, "办结日期"),
    ("terminate", reviewing, services.terminate, {"on": F, "summary": "和解撤回"}, "办结日期"),
    ("close", decided, services.close, {"on": F}, "结案归档日期"),
    (
        "platform",
        received,
        services.record_platform_entry,
        {"on": F, "number": "QG1"},
        "录入全国行政复议工作平台日期",
    ),
    (
        "opinion",
        reviewing,
        services.record_opinion,
        {"heard_on": F, "method": "phone", "with_whom": "申请人", "summary": ""},
        "听取日期",
    ),
    (
        "hearing",
        reviewing,
        services.schedule_hearing,
        {
            "notified_on": F,
            "scheduled_on": "2025-07-15",
            "presiding": "甲",
            "officers": "乙、丙",
            "clerk": "丁",
        },
        "通知日期",
    ),
    (
        "hold_hearing",
        scheduled,
        services.hold_hearing,
        {"held_on": F, "attendees": "双方", "record": "质证"},
        "实际举行日期",
    ),
]


def _service_kwargs(name: str, case, data: dict) -> dict:
    kwargs = {
        k: (D.fromisoformat(v) if isinstance(v, str) and v[:4].isdigit() and len(v) == 10 else v)
        for k, v in data.items()
    }
    if name == "terminate":
        kwargs["reason"] = kwargs.pop("summary")
    if name == "hold_hearing":
        return {"hearing": _hearing(case), **kwargs}
    return {"case": case, **kwargs}


def state_of(case) -> tuple:
    return (
        model_to_dict(ReconsiderationCase.objects.get(pk=case.pk)),
        Suspension.objects.filter(case=case).count(),
        list(Suspension.objects.filter(case=case).values_list("resumed_on", flat=True)),
        HearingOpinion.objects.filter(case=case).count(),
        list(Hearing.objects.filter(case=case).values_list("notified_on", "held_on")),
        AuditEvent.objects.count(),
    )


@pytest.mark.parametrize(("name", "state", "service", "data", "label"), STEPS, ids=[s[0] for s in STEPS])
def test_validate_event_on_refuses_a_step_dated_after_today_on_every_way_in(
    client, users, district, name, state, service, data, label
):
    # given a case in the state the step starts from
    case = state(users, district)
    before = state_of(case)
    message = happened_message(label, TODAY)
    # the service
    with pytest.raises(ValidationError) as exc:
        service(actor=users.reconsideration, **_service_kwargs(name, case, data))
    assert message in exc.value.messages
    # the page
    client.force_login(users.reconsideration)
    form_data = {f"{name}-{k}": v for k, v in data.items()}
    if name == "hold_hearing":
        form_data[f"{name}-hearing"] = _hearing(case).pk
    response = client.post(f"/disputes/{case.pk}/act/{name}/", form_data)
    assert response.status_code == 400 and message in response.content.decode()
    # the API
    api_data = dict(data, **({"hearing": _hearing(case).pk} if name == "hold_hearing" else {}))
    response = client.post(
        f"/api/reconsideration-cases/{case.pk}/actions/",
        {"name": name, "data": api_data},
        content_type="application/json",
    )
    assert response.status_code == 400 and message in json.dumps(response.json(), ensure_ascii=False)
    # nothing changed
    assert state_of(case) == before


def _refused_step(client, users, case, name: str, data: dict, message: str) -> None:
    service = {"extend": services.extend, "hearing": services.schedule_hearing}[name]
    _refused_everywhere(client, users, case, name, service, data, message)


def test_validate_extension_days_refuses_more_than_thirty_days_on_every_way_in(client, users, district):
    # given a case under review
    case = reviewing(users, district)
    data = {"days": 31, "approved_by": "卫主任", "approved_on": "2025-06-20", "reason": "案情复杂"}
    # then the service, the page and the API refuse with the one message of 第六十二条
    _refused_step(client, users, case, "extend", data, rules.ARTICLE_62_EXTENSION)
    # and so does the model's own validation (admin and ledger reach it through full_clean)
    case.extension_days = 31
    with pytest.raises(ValidationError) as exc:
        case.full_clean(exclude=["status"])
    assert exc.value.message_dict["extension_days"] == [rules.ARTICLE_62_EXTENSION]


def test_validate_hearing_refuses_a_single_officer_on_every_way_in(client, users, district):
    case = reviewing(users, district)
    data = {
        "notified_on": "2025-06-05",
        "scheduled_on": "2025-06-16",
        "presiding": "甲",
        "officers": "乙",
        "clerk": "丁",
    }
    _refused_step(client, users, case, "hearing", data, "听证员至少二人（行政复议法第五十条）。")


def test_validate_hearing_notice_refuses_less_than_five_working_days_on_every_way_in(client, users, district):
    # notice on Thursday 5 June 2025: five working days are 6, 9, 10, 11, 12 June
    case = reviewing(users, district)
    data = {
        "notified_on": "2025-06-05",
        "scheduled_on": "2025-06-11",
        "presiding": "甲",
        "officers": "乙、丙",
        "clerk": "丁",
    }
    _refused_step(
        client,
        users,
        case,
        "hearing",
        data,
        "听证应于通知五个工作日后举行，最早为2025年06月12日（行政复议法第五十一条）。",
    )


# One supervision clue per case ----------------------------------------------------------------------------------


def corrected(users, district):
    case = heard(users, district)
    return services.decide(
        actor=users.reconsideration,
        case=case,
        on=D(2025, 6, 20),
        outcome="confirm_illegal",
        summary="程序违法",
        approval="head",
        approved_by="分管副区长",
        approved_on=D(2025, 6, 20),
    )


def test_validate_clue_referral_refuses_a_second_clue_from_the_same_case_on_every_way_in(
    client, users, district
):
    # given a correction already referred to enforcement as a supervision clue
    case = corrected(users, district)
    clue = services.open_supervision_clue(actor=users.reconsideration, case=case)
    message = f"该案件已移送执法监督线索（{clue}）。"
    before = (state_of(case), SupervisionClue.objects.count())

    # when a second referral is asked for through the service, the page action and the API action
    with pytest.raises(ValidationError) as exc:
        services.open_supervision_clue(actor=users.reconsideration, case=case)
    assert exc.value.messages == [message]
    client.force_login(users.reconsideration)
    page = client.post(f"/disputes/{case.pk}/act/clue/", {})
    assert page.status_code == 400 and message in page.content.decode()
    api = client.post(
        f"/api/reconsideration-cases/{case.pk}/actions/",
        {"name": "clue", "data": {}},
        content_type="application/json",
    )
    assert api.status_code == 400 and message in json.dumps(api.json(), ensure_ascii=False)
    # and even enforcement's own service, asked directly, keeps one clue per case (the database constraint)
    with pytest.raises(ValidationError) as exc:
        register_clue(
            actor=users.reconsideration,
            source=SupervisionClue.Source.RECONSIDERATION,
            received_on=D(2025, 6, 25),
            organization=district.sfj,
            content="再次移送",
            origin=case,
        )
    assert "该记录已移送执法监督线索，每条记录只移送一次。" in exc.value.messages

    # then nothing changed and the page no longer offers the referral
    assert (state_of(case), SupervisionClue.objects.count()) == before
    assert enforcement_selectors.clue_for(case) == clue
    assert (
        f'action="/disputes/{case.pk}/act/clue/"' not in client.get(f"/disputes/{case.pk}/").content.decode()
    )


# The decision: 第六十一条 and 第六十九条 -------------------------------------------------------------------------


def _refused_everywhere(client, users, case, name: str, service, data: dict, message: str) -> None:
    """The service, the page and the API refuse the step with `message`; nothing changes."""
    before = state_of(case)
    kwargs = {
        k: (None if v == "" and (k == "on" or k.endswith("_on")) else v)
        for k, v in _service_kwargs(name, case, data).items()
    }
    with pytest.raises(ValidationError) as exc:
        service(actor=users.reconsideration, **kwargs)
    assert message in exc.value.messages
    client.force_login(users.reconsideration)
    response = client.post(f"/disputes/{case.pk}/act/{name}/", {f"{name}-{k}": v for k, v in data.items()})
    assert response.status_code == 400 and message in response.content.decode()
    response = client.post(
        f"/api/reconsideration-cases/{case.pk}/actions/",
        {"name": name, "data": data},
        content_type="application/json",
    )
    assert response.status_code == 400 and message in json.dumps(response.json(), ensure_ascii=False)
    assert state_of(case) == before


def test_validate_approval_refuses_a_decision_without_the_heads_agreement_on_every_way_in(
    client, users, district
):
    # given a heard case, decided with no record of the head's agreement or a collective discussion
    case = heard(users, district)
    data = {"on": "2025-06-20", "outcome": "uphold", "summary": "合法", "approval": "", "approved_by": ""}
    # then every way in refuses with the one message of 第六十一条
    _refused_everywhere(client, users, case, "decide", services.decide, data, outcomes.ARTICLE_61_APPROVAL)
    # and an agreement dated after the decision is refused too
    late = dict(data, approval="head", approved_by="分管副区长", approved_on="2025-06-25")
    _refused_everywhere(
        client, users, case, "decide", services.decide, late, outcomes.ARTICLE_61_APPROVAL_DATE
    )


def test_validate_dismissal_refuses_dismissing_a_claim_against_an_act_on_every_way_in(
    client, users, district
):
    # given a case against a penalty decision (not a claim that the respondent failed to act)
    case = heard(users, district)
    data = {
        "on": "2025-06-20",
        "outcome": "dismiss",
        "summary": "被申请人已履行",
        "approval": "head",
        "approved_by": "分管副区长",
        "approved_on": "2025-06-20",
    }
    # then 驳回复议请求 is refused everywhere with the message of 第六十九条
    _refused_everywhere(client, users, case, "decide", services.decide, data, outcomes.ARTICLE_69_DISMISSAL)
    # on a non-performance claim the same decision is taken
    services.update_case(actor=users.reconsideration, case=case, nonperformance=True)
    services.decide(actor=users.reconsideration, **_service_kwargs("decide", case, data))
    assert (case.status, case.outcome, case.approved_by) == ("decided", "dismiss", "分管副区长")


def test_validate_committee_consulted_refuses_a_decision_before_the_committees_opinion(
    client, users, district
):
    # given a case recorded as one the committee must be consulted on (第五十二条第二款第一项), opinion not yet in
    case = heard(users, district)
    data = {"ground": 1, "on": "", "opinion": ""}
    _refused_everywhere(
        client,
        users,
        case,
        "committee",
        services.record_committee_opinion,
        data,
        outcomes.ARTICLE_52_COMMITTEE,
    )
    ReconsiderationCase.objects.filter(pk=case.pk).update(committee_ground=1)
    case.refresh_from_db()
    decision = {
        "on": "2025-06-20",
        "outcome": "uphold",
        "summary": "合法",
        "approval": "head",
        "approved_by": "分管副区长",
        "approved_on": "2025-06-20",
    }
    _refused_everywhere(
        client, users, case, "decide", services.decide, decision, outcomes.ARTICLE_52_COMMITTEE
    )
    # once the opinion is recorded, the decision is taken
    services.record_committee_opinion(
        actor=users.reconsideration, case=case, ground=1, on=D(2025, 6, 18), opinion="建议维持"
    )
    services.decide(actor=users.reconsideration, **_service_kwargs("decide", case, decision))
    assert case.status == "decided"


def test_validate_rejection_needs_a_reason_on_every_way_in(client, users, district):
    case = reviewing(users, district)
    data = {
        "on": "2025-06-20",
        "reason": "",
        "approval": "head",
        "approved_by": "甲",
        "approved_on": "2025-06-20",
    }
    _refused_everywhere(
        client,
        users,
        case,
        "reject_application",
        services.reject_application,
        data,
        outcomes.ARTICLE_33_REASON,
    )


def test_late_application_is_flagged_with_one_message_on_every_way_in(client, users, district):
    # given an application received 2 June 2025 on an act the applicant knew of on 20 March 2025:
    # 20 March + 60 days = 19 May 2025, a Monday
    case = _register(users, district, act_date=D(2025, 3, 18), known_on=D(2025, 3, 20))
    message = outcomes.late_application(case)
    assert message == (
        "申请已超过申请期限：自知道或者应当知道该行政行为之日2025年03月20日起六十日，于2025年05月19日届满，"
        "2025年06月02日才收到申请（行政复议法第二十条）。如无正当理由耽误，应不予受理。"
    )
    client.force_login(users.reconsideration)
    assert client.get(f"/api/reconsideration-cases/{case.pk}/").json()["late_application"] == message
    assert message in client.get(f"/disputes/{case.pk}/").content.decode()
    url = reverse("admin:disputes_reconsiderationcase_change", args=[case.pk])
    page = via_admin(client, users.justice).get(url).content.decode()
    assert message in page
    # an application in time carries no flag
    assert outcomes.late_application(_register(users, district, known_on=D(2025, 5, 20))) == ""
