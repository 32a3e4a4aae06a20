"""Enforcement test data: the market-supervision enforcement team as a body, officers of it, and a certificate
holder with a passed exam."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import ids
from fazhi.core.models import Role
from fazhi.enforcement import services
from tests import factories


@pytest.fixture
def body(users, district):
    """测试区市场监管执法大队, supervised by the 司法局."""
    return services.register_body(
        actor=users.justice,
        organization=district.team,
        name="测试区市场监管执法大队",
        legal_basis="《市场监督管理行政处罚程序规定》第四条",
        supervision_organ=district.sfj,
    )


@pytest.fixture
def team_clerk(district):
    return factories.user(Role.UNIT_CLERK, district.team, username="team-clerk")


@pytest.fixture
def session(users, district):
    """食品安全执法专题培训 of the 市场监督管理局, 2025-04-18, 4 hours."""
    return services.record_session(
        actor=users.scj_clerk,
        organization=district.scj,
        topic="食品安全执法专题培训",
        held_on=dt.date(2025, 4, 18),
        hours=4,
    )


@pytest.fixture
def clue(users, district):
    """A complaint (乱收费) registered by the supervisor for the 市场监督管理局, received 2024-09-25."""
    return services.register_clue(
        actor=users.supervisor,
        source="complaint",
        received_on=dt.date(2024, 9, 25),
        organization=district.scj,
        content="乱收费",
    )


@pytest.fixture
def officer(district):
    return factories.person(district.team, name="王执法")


def issue(
    actor,
    person,
    body,
    number,
    *,
    issued_on=dt.date(2024, 3, 1),
    valid_until=dt.date(2029, 2, 28),
    exam_on=dt.date(2024, 1, 20),
    kind="enforcement",
):
    """A certificate issued after a passed exam (the exam is recorded first for a 行政执法证)."""
    if kind == "enforcement":
        services.record_exam(actor=actor, person=person, body=body, exam_on=exam_on, score=85)
    return services.issue_certificate(
        actor=actor,
        person=person,
        body=body,
        number=number,
        issued_on=issued_on,
        valid_until=valid_until,
        kind=kind,
    )


@pytest.fixture
def certificate(users, body, officer):
    """王执法's 行政执法证, issued 2024-03-01, valid until 2029-02-28."""
    return issue(users.justice, officer, body, "64030001")


CREDIT_CODE = ids.make_credit_code("91640303MA76XY12A")


@pytest.fixture
def point(users, district):
    """A contact point the Justice Bureau set up on 2024-03-01 at 甲有限公司 (running)."""
    return services.set_up_contact_point(
        actor=users.justice,
        organization=district.sfj,
        name="甲联系点",
        enterprise_name="甲有限公司",
        credit_code=CREDIT_CODE,
        established_on=dt.date(2024, 3, 1),
    )
