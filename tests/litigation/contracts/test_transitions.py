"""Who may take each step of a lawsuit: every role of core.models.Role (and the same role in another unit or
district) against every transition, from one table. A refusal is a PermissionDenied and leaves the lawsuit as it was."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core.models import Role
from fazhi.litigation import services
from fazhi.litigation.models import Lawsuit

from ..conftest import lawsuit_fields

pytestmark = pytest.mark.django_db

# The users of tests/conftest.py: name -> role. The lawsuit's responsible department is 教育局 (jyj).
ROLES = {
    "admin": Role.SYSTEM_ADMIN,
    "justice": Role.JUSTICE_ADMIN,
    "other_justice": Role.JUSTICE_ADMIN,  # another district
    "jyj_clerk": Role.UNIT_CLERK,  # the responsible department
    "scj_clerk": Role.UNIT_CLERK,  # another department
    "advisor": Role.LEGAL_ADVISOR,
    "reconsideration": Role.RECONSIDERATION_STAFF,
    "supervisor": Role.ENFORCEMENT_SUPERVISOR,
    "leader": Role.LEADER,
    "scj_leader": Role.LEADER,
}
MAY = {"admin", "justice", "jyj_clerk", "reconsideration"}

# transition -> (state before, state after, who may take it)
MATRIX = {
    "submit_defence": ("served", "defended", MAY),
    "record_hearing": ("defended", "defended", MAY),
    "record_judgment": ("defended", "judged", MAY),
    "appeal": ("judged", "appealed", MAY),
    "take_effect": ("judged", "effective", MAY),
    "conclude": ("judged", "closed", MAY),
    "perform": ("effective", "closed", MAY),
}


def test_every_role_of_the_platform_is_in_the_table():
    assert set(ROLES.values()) == set(Role.values)


def _walk(actor, lawsuit: Lawsuit, head, state: str, outcome: str) -> Lawsuit:
    if state != "served":
        services.submit_defence(actor=actor, lawsuit=lawsuit, submitted_on=dt.date(2024, 9, 30))
    if state in ("judged", "effective"):
        services.record_hearing(
            actor=actor, lawsuit=lawsuit, held_on=dt.date(2024, 11, 12), head_appeared=True, head=head
        )
        services.record_judgment(
            actor=actor, lawsuit=lawsuit, outcome=outcome, judged_on=dt.date(2024, 12, 2)
        )
    if state == "effective":
        services.mark_effective(actor=actor, lawsuit=lawsuit, effective_on=dt.date(2024, 12, 20))
    lawsuit.refresh_from_db()
    return lawsuit


def _take(name: str, actor, lawsuit: Lawsuit, head) -> None:
    steps = {
        "submit_defence": lambda: services.submit_defence(
            actor=actor, lawsuit=lawsuit, submitted_on=dt.date(2024, 9, 30)
        ),
        "record_hearing": lambda: services.record_hearing(
            actor=actor, lawsuit=lawsuit, held_on=dt.date(2024, 11, 12), head_appeared=True, head=head
        ),
        "record_judgment": lambda: services.record_judgment(
            actor=actor, lawsuit=lawsuit, outcome="withdrawn", judged_on=dt.date(2024, 12, 2)
        ),
        "appeal": lambda: services.record_appeal(
            actor=actor, lawsuit=lawsuit, appealed_on=dt.date(2024, 12, 10), appellant="张三"
        ),
        "take_effect": lambda: services.mark_effective(
            actor=actor, lawsuit=lawsuit, effective_on=dt.date(2024, 12, 20)
        ),
        "conclude": lambda: services.mark_effective(
            actor=actor, lawsuit=lawsuit, effective_on=dt.date(2024, 12, 20)
        ),
        "perform": lambda: services.record_performance(
            actor=actor, lawsuit=lawsuit, performed_on=dt.date(2025, 1, 10), note="已重新作出答复"
        ),
    }
    steps[name]()


@pytest.mark.parametrize("transition", list(MATRIX))
def test_who_may_take_each_step_of_a_lawsuit(users, district, head, transition):
    before, after, allowed = MATRIX[transition]
    # conclude follows a judgment that obliges nothing; every other step a judgment the agency lost
    outcome = "dismissed" if transition == "conclude" else "revoked"
    for index, name in enumerate(ROLES):
        # given a lawsuit of 教育局 waiting for the step
        lawsuit = services.register_lawsuit(
            actor=users.admin, **lawsuit_fields(district, case_number=f"（2024）宁0303行初{100 + index}号")
        )
        lawsuit = _walk(users.admin, lawsuit, head, before, outcome)
        hearings = lawsuit.hearings.count()
        actor = getattr(users, name)

        # when the user takes it
        if name in allowed:
            _take(transition, actor, lawsuit, head)
            # then it moves
            lawsuit.refresh_from_db()
            assert lawsuit.status == after, (name, transition)
        else:
            with pytest.raises(PermissionDenied):
                _take(transition, actor, lawsuit, head)
            # then nothing changed
            lawsuit.refresh_from_db()
            assert (lawsuit.status, lawsuit.hearings.count()) == (before, hearings), (name, transition)
