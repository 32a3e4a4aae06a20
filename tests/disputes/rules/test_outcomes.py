"""The rules of rules/outcomes.py on real dates: the application deadline (第二十条、第二十一条), the court a party is
told of (行政诉讼法第二十六条、第四十五条), the approval record (第六十一条) and the opinion letter's reply (第七十六条)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.models import Setting
from fazhi.disputes.rules import outcomes

D = dt.date


def application(received, act, known=None, real_property=False):
    return SimpleNamespace(received_on=received, act_date=act, known_on=known, real_property=real_property)


@pytest.mark.django_db
def test_the_sixty_days_run_from_the_day_the_applicant_knew():
    # known Thursday 20 March 2025: + 60 days = Monday 19 May 2025; received that day is in time, the next day late
    assert outcomes.late_application(application(D(2025, 5, 19), D(2025, 3, 1), D(2025, 3, 20))) == ""
    late = outcomes.late_application(application(D(2025, 5, 20), D(2025, 3, 1), D(2025, 3, 20)))
    assert "于2025年05月19日届满" in late and "第二十条" in late
    # without a recorded day of knowledge the act's date stands in, and says so
    assert "未登记知道之日" in outcomes.late_application(application(D(2025, 5, 20), D(2025, 3, 20)))
    # a last day on a rest day moves on: known 1 April 2025 + 60 = Saturday 31 May → Tuesday 3 June (端午 to 2 June)
    assert outcomes.late_application(application(D(2025, 6, 3), D(2025, 4, 1), D(2025, 4, 1))) == ""


@pytest.mark.django_db
def test_the_outer_limits_are_five_years_and_twenty_for_real_property():
    # known only recently, but the act is more than five years old: 第二十一条
    old = application(D(2025, 6, 2), D(2020, 6, 1), D(2025, 5, 30))
    assert (
        outcomes.late_application(old)
        == "申请自行政行为作出之日起超过五年，依行政复议法第二十一条应不予受理。"
    )
    assert outcomes.late_application(application(D(2025, 6, 1), D(2020, 6, 1), D(2025, 5, 30))) == ""
    land = application(D(2025, 6, 2), D(2020, 6, 1), D(2025, 5, 30), real_property=True)
    assert outcomes.late_application(land) == ""


@pytest.mark.django_db
def test_the_court_follows_who_is_the_defendant():
    # 维持 and 驳回复议请求: co-defendants, the original agency's level (解释第一百三十四条第三款)
    assert outcomes.litigation_court("uphold") == outcomes.litigation_court("dismiss") == "澄湖区人民法院"
    # a changed act, a refusal or 驳回申请: the authority alone is the defendant
    for outcome in ("revoke", "change", "refused", "reject_application"):
        assert outcomes.litigation_court(outcome) == "澄州市中级人民法院"
    Setting.objects.create(key="disputes.court_against_authority", value="某某铁路运输法院")
    assert "向某某铁路运输法院提起行政诉讼" in outcomes.suit_notice("revoke")
    assert "十五日内" in outcomes.suit_notice("revoke") and "第四十五条" in outcomes.suit_notice("revoke")


def test_the_approval_names_who_agreed_and_when():
    with pytest.raises(ValidationError) as exc:
        outcomes.validate_approval(
            approval="head", approved_by=" ", approved_on=D(2025, 3, 1), on=D(2025, 3, 2)
        )
    assert exc.value.messages == [outcomes.ARTICLE_61_APPROVAL]
    with pytest.raises(ValidationError) as exc:
        outcomes.validate_approval(
            approval="head", approved_by="甲", approved_on=D(2025, 3, 3), on=D(2025, 3, 2)
        )
    assert exc.value.messages == [outcomes.ARTICLE_61_APPROVAL_DATE]
    outcomes.validate_approval(
        approval="collective", approved_by="常务会议", approved_on=D(2025, 3, 2), on=D(2025, 3, 2)
    )


@pytest.mark.django_db
def test_the_letter_reply_runs_sixty_days_from_receipt():
    # received Wednesday 5 March 2025 + 60 days = Sunday 4 May, 劳动节 → Tuesday 6 May
    assert outcomes.letter_reply_due(issued_on=D(2025, 3, 3), served_on=D(2025, 3, 5)).due == D(2025, 5, 6)
    # not yet received: from the day it was issued (3 March + 60 = Friday 2 May, a holiday → 6 May)
    assert outcomes.letter_reply_due(issued_on=D(2025, 3, 3), served_on=None).due == D(2025, 5, 6)
