"""The rules of a lawsuit on their own: the defence deadline, the reconsideration case a lawsuit may follow, and the
dates of events that have happened."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.disputes import services as disputes_services
from fazhi.litigation.models import Lawsuit
from fazhi.litigation.rules import lawsuits as rules
from tests.disputes.conftest import accepted, register

pytestmark = pytest.mark.django_db


def test_defence_deadline_is_fifteen_days_after_service_not_counting_the_day_of_service():
    # given a complaint served on Friday 20 September 2024; day 15 is 5 October, in the National Day holiday
    deadline = rules.defence_deadline(dt.date(2024, 9, 20))
    # then the deadline moves to the next working day
    assert deadline.due == dt.date(2024, 10, 8)


def test_validate_reconsideration_case_accepts_an_accepted_case_and_a_refused_one(users, district):
    # given a case accepted and a case refused acceptance (行政复议法第三十四条)
    taken = accepted(users, district)
    refused = disputes_services.refuse(
        actor=users.reconsideration,
        case=register(users, district),
        on=dt.date(2025, 3, 5),
        reason="超过申请期限",
    )
    # then both may be followed by a lawsuit
    rules.validate_reconsideration_case(users.reconsideration, taken)
    rules.validate_reconsideration_case(users.reconsideration, refused)
    rules.validate_reconsideration_case(users.reconsideration, None)


def test_validate_reconsideration_case_refuses_a_case_received_only(users, district):
    case = register(users, district)
    with pytest.raises(ValidationError) as refused:
        rules.validate_reconsideration_case(users.reconsideration, case)
    assert refused.value.message_dict == {
        "reconsideration": [
            f"复议案件“{case.docket_number}”尚未受理或作出不予受理决定，不能作为诉讼所经的复议案件"
            "（行政复议法第十条、第三十四条）。"
        ]
    }


def test_validate_reconsideration_case_refuses_a_case_of_another_district(users, district):
    # given a case the district's reconsideration staff see, and the Justice Bureau of another district
    case = accepted(users, district)
    with pytest.raises(ValidationError) as refused:
        rules.validate_reconsideration_case(users.other_justice, case)
    assert refused.value.message_dict == {
        "reconsideration": [f"复议案号“{case.docket_number}”不存在或您无权查看。"]
    }


def test_validate_lawsuit_names_every_event_dated_after_today(district):
    # given today is 30 June 2025 and a lawsuit whose filing and service are dated tomorrow
    clock.freeze(dt.date(2025, 6, 30))
    lawsuit = Lawsuit(
        plaintiff_kind="organization",
        plaintiff_id_number="",
        instance="first",
        filed_on=dt.date(2025, 7, 1),
        served_on=dt.date(2025, 7, 1),
        judged_on=None,
    )
    with pytest.raises(ValidationError) as refused:
        rules.validate_lawsuit(lawsuit)
    errors = refused.value.message_dict
    assert errors["filed_on"] == ["立案日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"]
    assert errors["served_on"] == [
        "起诉状副本送达日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"
    ]
