"""The rules of demonstration creation as pure functions: the stage a historical row is at, that a recorded stage is
never undone, that a step names its day."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import clock
from fazhi.duties.models import DemonstrationProject
from fazhi.duties.rules import demonstration as rules

D = dt.date


def project(**dates):
    fields = {"applied_on": D(2024, 3, 1), "shortlisted_on": None, "review_passed_on": None, "named_on": None}
    return SimpleNamespace(**(fields | dates))


def test_stage_from_dates_is_the_stage_of_the_last_date():
    assert rules.stage_from_dates(vars(project())) == "applied"
    assert rules.stage_from_dates(vars(project(shortlisted_on=D(2024, 6, 1)))) == "shortlisted"
    assert (
        rules.stage_from_dates(vars(project(shortlisted_on=D(2024, 6, 1), named_on=D(2024, 11, 1))))
        == "named"
    )


def test_validate_stages_kept_refuses_a_changed_or_cleared_stage_date():
    before = project(shortlisted_on=D(2024, 6, 1))
    rules.validate_stages_kept(before, project(shortlisted_on=D(2024, 6, 1), named_on=D(2024, 11, 1)))
    with pytest.raises(ValidationError) as exc:
        rules.validate_stages_kept(before, project())
    assert exc.value.message_dict == {
        "shortlisted_on": ["已记录的入围日期（2024-06-01）不能改动或清空：阶段只能向前。"]
    }


def test_validate_stage_dates_refuses_a_stage_after_today_and_out_of_order():
    clock.freeze(D(2025, 6, 30))
    with pytest.raises(ValidationError) as exc:
        rules.validate_stage_dates(
            DemonstrationProject(applied_on=D(2024, 3, 1), shortlisted_on=D(2025, 7, 1))
        )
    assert exc.value.message_dict == {
        "shortlisted_on": ["入围日期不能晚于今天（2025年6月30日）：尚未发生的事项不能登记。"]
    }
    with pytest.raises(ValidationError, match=r"入围日期（2024-02-01）不能早于申报日期（2024-03-01）"):
        rules.validate_stage_dates(
            DemonstrationProject(applied_on=D(2024, 3, 1), shortlisted_on=D(2024, 2, 1))
        )


def test_validate_transition_date_names_the_step_and_its_day():
    with pytest.raises(ValidationError, match="没有“apply”这一步；可选：入围、通过书面评审、命名"):
        rules.validate_transition_date("apply", D(2024, 6, 1))
    with pytest.raises(ValidationError) as exc:
        rules.validate_transition_date("shortlist", None)
    assert exc.value.message_dict == {"on": ["请填写入围日期。"]}
