"""The decision rules as pure functions: the decision body a user may name (one rule for the page, admin, API and
service), the least review time, and dates of events that happened."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.decisions import rules
from fazhi.decisions.web.forms import RegisterDecisionForm


def test_decision_body_choices_are_the_district_government_and_the_units_the_user_may_change(users, district):
    # given the education bureau's clerk and the Justice Bureau of another district
    # when their decision bodies are asked for
    # then the clerk gets the district government and their own unit, the other bureau its own district only
    assert list(rules.decision_body_choices(users.jyj_clerk)) == [district.root, district.jyj]
    other = set(rules.decision_body_choices(users.other_justice))
    assert district.other_dept in other and district.root not in other and district.jyj not in other


def test_the_page_offers_exactly_the_decision_body_choices_of_the_rule(users, district):
    # given the registration form of the education bureau's clerk
    form = RegisterDecisionForm(user=users.jyj_clerk)

    # then the units offered are the rule's, and the district government is proposed
    offered = [value for value, _ in form.fields["decision_body"].widget.choices if value]
    assert offered == [district.root.pk, district.jyj.pk]
    assert form.initial["decision_body"] == district.root.pk


def test_validate_decision_body_refuses_a_unit_outside_the_choices(users, district):
    with pytest.raises(ValidationError) as caught:
        rules.validate_decision_body(users.jyj_clerk, district.scj)
    assert caught.value.message_dict == {
        "decision_body": [f"“{district.scj}”不能作为您登记的决策的决策机关：应为本区人民政府或您所在的单位。"]
    }


def test_earliest_review_conclusion_is_seven_working_days_after_submission(db):
    # given a review sent on Tuesday 2024-05-21
    class Review:
        submitted_on = dt.date(2024, 5, 21)

    # when the least review time is computed, then it ends on Thursday 2024-05-30 (第二十六条)
    assert rules.earliest_review_conclusion(Review()).due == dt.date(2024, 5, 30)


def test_comment_period_end_counts_thirty_days_and_moves_off_the_labour_day_holiday(db):
    # given a comment period of 30 days from 2024-04-01, whose nominal end 2024-05-01 is 劳动节
    deadline = rules.comment_period_end(dt.date(2024, 4, 1), 30)

    # then it ends on the first working day after the holiday
    assert (deadline.nominal_end, deadline.due) == (dt.date(2024, 5, 1), dt.date(2024, 5, 6))
