"""Role × transition matrices of the enforcement workflows: a certificate's 注销 (and the 补发换发 that cancels the old
certificate), and a supervision clue's 开始办理 and 办结. One table per workflow says who may; every role of
core.models.Role is in it (users of the shared fixture, plus the enforcement team's clerk)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import clock
from fazhi.core.models import Role
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate, SupervisionClue

from ..conftest import issue

D = dt.date

# Every role of core.models.Role, by the fixture user that holds it (two users where the unit matters).
ROLE_USERS = {
    Role.SYSTEM_ADMIN: ["admin"],
    Role.JUSTICE_ADMIN: ["justice", "other_justice"],
    Role.UNIT_CLERK: ["scj_clerk", "jyj_clerk"],
    Role.LEGAL_ADVISOR: ["advisor"],
    Role.RECONSIDERATION_STAFF: ["reconsideration"],
    Role.ENFORCEMENT_SUPERVISOR: ["supervisor"],
    Role.LEADER: ["leader", "scj_leader"],
}

# 注销 and 补发换发 are the Justice Bureau's (司法局管理员, 执法监督员, system administrator) within its district.
CERTIFICATE_MAY = {
    "admin": True,
    "justice": True,
    "other_justice": False,  # another district's bureau
    "scj_clerk": False,
    "jyj_clerk": False,
    "advisor": False,
    "reconsideration": False,
    "supervisor": True,
    "leader": False,
    "scj_leader": False,
}

# A clue registered for 市场监管局 is handled by that unit, the supervisors and the Justice Bureau.
CLUE_MAY = {
    "admin": True,
    "justice": True,
    "other_justice": False,
    "scj_clerk": True,
    "jyj_clerk": False,
    "advisor": False,
    "reconsideration": False,
    "supervisor": True,
    "leader": False,  # leaders read, never write
    "scj_leader": False,
}


def test_every_role_is_in_the_tables():
    named = {u for users in ROLE_USERS.values() for u in users}
    assert set(ROLE_USERS) == set(Role.values)
    assert named == set(CERTIFICATE_MAY) == set(CLUE_MAY)


def _refused(fn) -> bool:
    try:
        fn()
    except PermissionDenied:
        return True
    return False


@pytest.mark.parametrize("who", sorted(CERTIFICATE_MAY))
def test_certificate_cancel_by_role(users, body, officer, who):
    # given a valid 行政执法证
    clock.freeze(D(2025, 6, 1))
    certificate = issue(users.justice, officer, body, "64030001")
    actor = getattr(users, who)
    # when the role cancels it (调动, today)
    refused = _refused(
        lambda: services.cancel_certificate(
            actor=actor, certificate=certificate, reason="transfer", cancelled_on=D(2025, 6, 1)
        )
    )
    # then only the table's roles may, and a refused attempt changes nothing
    certificate.refresh_from_db()
    assert refused is not CERTIFICATE_MAY[who]
    assert certificate.status == (
        Certificate.Status.CANCELLED if CERTIFICATE_MAY[who] else Certificate.Status.VALID
    )


@pytest.mark.parametrize("who", sorted(CERTIFICATE_MAY))
def test_certificate_reissue_by_role(users, body, officer, who):
    clock.freeze(D(2025, 6, 1))
    certificate = issue(users.justice, officer, body, "64030001")
    actor = getattr(users, who)
    refused = _refused(
        lambda: services.reissue_certificate(
            actor=actor, certificate=certificate, number="64030001B", issued_on=D(2025, 6, 1)
        )
    )
    certificate.refresh_from_db()
    assert refused is not CERTIFICATE_MAY[who]
    assert Certificate.objects.filter(number="64030001B").exists() is CERTIFICATE_MAY[who]


def _clue(users, district) -> SupervisionClue:
    return services.register_clue(
        actor=users.supervisor,
        source=SupervisionClue.Source.COMPLAINT,
        received_on=D(2025, 5, 6),
        organization=district.scj,
        content="执法人员检查时未出示执法证件",
    )


@pytest.mark.parametrize("who", sorted(CLUE_MAY))
def test_clue_start_by_role(users, district, who):
    clock.freeze(D(2025, 6, 1))
    clue = _clue(users, district)
    refused = _refused(lambda: services.start_handling(actor=getattr(users, who), clue=clue))
    clue.refresh_from_db()
    assert refused is not CLUE_MAY[who]
    assert clue.status == (
        SupervisionClue.Status.HANDLING if CLUE_MAY[who] else SupervisionClue.Status.REGISTERED
    )


@pytest.mark.parametrize("who", sorted(CLUE_MAY))
def test_clue_close_by_role(users, district, who):
    clock.freeze(D(2025, 6, 1))
    clue = services.start_handling(actor=users.supervisor, clue=_clue(users, district))
    refused = _refused(
        lambda: services.close_clue(
            actor=getattr(users, who), clue=clue, result="已责成纠正。", handled_on=D(2025, 5, 20)
        )
    )
    clue.refresh_from_db()
    assert refused is not CLUE_MAY[who]
    assert clue.status == (
        SupervisionClue.Status.CLOSED if CLUE_MAY[who] else SupervisionClue.Status.HANDLING
    )
