"""Rules of demonstration creation (法治政府建设示范创建): who moves a project, that its stages happen in order and
have happened, that a recorded stage is never undone. Pure functions; the model's transitions and clean(), the
services, the ledger, the pages, admin and API all reach them. The 纲要 is not in domain/laws: check its wording."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.core.exceptions import ValidationError

from fazhi.core import access
from fazhi.core import rules as core_rules
from fazhi.core.models import Role, User

OUTLINE = "法治政府建设实施纲要（2021—2025年）"
"""法治政府建设实施纲要。"""
DEMONSTRATION_BASIS = f"《{OUTLINE}》：“深入推进法治政府建设示范创建活动，以创建促提升、以示范带发展”"
"""示范创建的依据。"""

# The steps of the workflow (the model's transitions) with their Chinese names.
TRANSITIONS = {"shortlist": "入围", "pass_review": "通过书面评审", "name_project": "命名"}
"""示范创建流程的步骤（入围、通过书面评审、命名）。"""

STAGE_DATES = [
    ("applied_on", "申报日期"),
    ("shortlisted_on", "入围日期"),
    ("review_passed_on", "书面评审通过日期"),
    ("named_on", "命名日期"),
]
"""示范创建各阶段的日期，依次发生。"""

# The stage a project is at, from the last stage date it has (the ledger's historical rows).
STAGE_BY_DATE = [
    ("named_on", "named"),
    ("review_passed_on", "review_passed"),
    ("shortlisted_on", "shortlisted"),
]
"""按最后一个阶段日期确定所处阶段。"""
APPLIED = "applied"
"""申报阶段。"""


def may_advance_project(user: User, project) -> bool:
    """推进示范创建阶段的权限

    The Justice Bureau (依法治区办) organises the applications and follows the reviews (DEMONSTRATION_BASIS), so only its
    administrators (and system administrators) record that a project was shortlisted, passed review or was named;
    the units that applied see their projects. Which district's projects: core.access (run_transition checks
    CHANGE)."""
    return access.has_role(user, Role.JUSTICE_ADMIN)


def validate_stage_dates(project) -> None:
    """示范创建阶段日期

    The stages happen in order (申报 → 入围 → 书面评审通过 → 命名), so a later stage's date is not before an
    earlier one's; and each is a stage that has happened, so none is after today (core.rules.validate_happened:
    “尚未发生的事项不能登记”)."""
    core_rules.validate_happened(project, *(name for name, _ in STAGE_DATES))
    previous = None
    for name, label in STAGE_DATES:
        value = getattr(project, name)
        if value is None:
            continue
        if previous is not None and value < previous[0]:
            raise ValidationError({name: f"{label}（{value}）不能早于{previous[1]}（{previous[0]}）。"})
        previous = (value, label)


def validate_stage_path(project) -> None:
    """示范创建阶段顺序

    A project reaches 书面评审通过 and 命名 only after 入围 (the workflow: 入围 from 申报, 通过书面评审 from 入围,
    命名 from 入围 or 书面评审通过), so a historical row with a later stage names its 入围 date too."""
    if project.shortlisted_on is None:
        if project.review_passed_on is not None:
            raise ValidationError({"shortlisted_on": "通过书面评审的项目须先填写入围日期。"})
        if project.named_on is not None:
            raise ValidationError({"shortlisted_on": "命名的项目须先入围，请填写入围日期。"})


def stage_from_dates(dates: Mapping[str, dt.date | None]) -> str:
    """示范创建项目所处阶段

    The stage of the last stage date a (historical) project has."""
    for name, stage in STAGE_BY_DATE:
        if dates.get(name) is not None:
            return stage
    return APPLIED


def validate_stages_kept(before, after) -> None:
    """已记录的阶段不能倒退

    Stages only move forward: a stage date once recorded (the 申报日期 included) is neither changed nor cleared;
    a later stage may be added."""
    for name, label in STAGE_DATES:
        old = getattr(before, name)
        if old is not None and getattr(after, name) != old:
            raise ValidationError({name: f"已记录的{label}（{old}）不能改动或清空：阶段只能向前。"})


def validate_transition_date(transition: str, on) -> None:
    """示范创建阶段须有日期

    A step of the workflow is one of TRANSITIONS and names the day it happened."""
    if transition not in TRANSITIONS:
        raise ValidationError(
            f"示范创建项目没有“{transition}”这一步；可选：{'、'.join(TRANSITIONS.values())}。"
        )
    if on is None:
        raise ValidationError({"on": f"请填写{TRANSITIONS[transition]}日期。"})
