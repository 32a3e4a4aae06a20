"""Role × transition matrices, each asserted from one table: the rectification item's workflow (待整改 → 整改中 →
已整改 → 已销号 → 已巩固, 退回整改, 回头看重新整改) and who may report a task's progress. The item belongs to the
market bureau (T-SCJ); the task is led by T-SCJ with T-JYJ co-operating."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from fazhi.core import clock
from fazhi.core.models import Role
from fazhi.oversight import services
from fazhi.oversight.models import ProgressReport, RectificationItem
from fazhi.oversight.services import task_plans as tasks

from ..conftest import upload

D = dt.date
S = RectificationItem.Status

# Every role of core.models.Role, by the test user holding it (two for unit clerks and leaders: of the responsible
# unit and of another unit; two for the justice bureau: of this district and of another district).
USERS = {
    "admin": Role.SYSTEM_ADMIN,
    "justice": Role.JUSTICE_ADMIN,
    "other_justice": Role.JUSTICE_ADMIN,
    "scj_clerk": Role.UNIT_CLERK,
    "jyj_clerk": Role.UNIT_CLERK,
    "advisor": Role.LEGAL_ADVISOR,
    "reconsideration": Role.RECONSIDERATION_STAFF,
    "supervisor": Role.ENFORCEMENT_SUPERVISOR,
    "leader": Role.LEADER,
    "scj_leader": Role.LEADER,
}
RECTIFIERS = {
    "admin",
    "justice",
    "scj_clerk",
}  # the responsible unit, or the supervising office on its behalf
OFFICE = {"admin", "justice"}  # the supervising office of the district: never the responsible unit itself
# transition: (the state it leaves, who may take it, the state it reaches)
ITEM_MATRIX = {
    "start": (S.PENDING, RECTIFIERS, S.IN_PROGRESS),
    "rectify": (S.IN_PROGRESS, RECTIFIERS, S.RECTIFIED),
    "send_back": (S.RECTIFIED, OFFICE, S.IN_PROGRESS),
    "sign_off": (S.RECTIFIED, OFFICE, S.SIGNED_OFF),
    "consolidate": (S.SIGNED_OFF, OFFICE, S.CONSOLIDATED),
    "reopen": (S.SIGNED_OFF, OFFICE, S.IN_PROGRESS),
}
REPORTERS = {"admin", "justice", "scj_clerk", "jyj_clerk"}  # the lead unit, a co-operating unit, the office


@pytest.fixture(autouse=True)
def today():
    clock.freeze(D(2024, 8, 20))


def test_every_role_is_in_the_tables():
    assert set(USERS.values()) == set(Role.values)


def _bring_to(item, state, admin):
    """Move the item to `state` as the system administrator."""
    if state == S.PENDING:
        return item
    services.start(actor=admin, item=item)
    services.add_evidence(actor=admin, item=item, file=upload())
    if state == S.IN_PROGRESS:
        return item
    services.rectify(actor=admin, item=item, rectification="已整改", rectified_on=D(2024, 8, 1))
    if state == S.RECTIFIED:
        return item
    services.sign_off(actor=admin, item=item, signed_off_on=D(2024, 8, 5))
    return item


def _take(name, actor, item):
    on = D(2024, 8, 10)
    return {
        "start": lambda: services.start(actor=actor, item=item),
        "rectify": lambda: services.rectify(actor=actor, item=item, rectification="已整改", rectified_on=on),
        "send_back": lambda: services.send_back(actor=actor, item=item, note="佐证不足"),
        "sign_off": lambda: services.sign_off(actor=actor, item=item, signed_off_on=on),
        "consolidate": lambda: services.consolidate(actor=actor, item=item, checked_on=on, note="未反弹"),
        "reopen": lambda: services.reopen(actor=actor, item=item, checked_on=on, note="问题反弹"),
    }[name]()


@pytest.mark.parametrize("name", list(ITEM_MATRIX))
@pytest.mark.parametrize("who", list(USERS))
def test_rectification_item_transition_by_role(users, item, who, name):
    # given an item in the state the transition leaves
    source, allowed, target = ITEM_MATRIX[name]
    item = _bring_to(item, source, users.admin)
    actor = getattr(users, who)
    # when the user takes the transition
    if who in allowed:
        _take(name, actor, item)
        # then it reaches its state
        assert RectificationItem.objects.get(pk=item.pk).status == target
    else:
        # then it is refused and the item stays where it was
        with pytest.raises(PermissionDenied):
            _take(name, actor, item)
        assert RectificationItem.objects.get(pk=item.pk).status == source


@pytest.fixture
def task(users, district):
    plan = tasks.create_plan(
        actor=users.justice, title="提升工程", year=2024, organization=district.sfj, issued_on=D(2024, 3, 1)
    )
    return tasks.add_task(
        actor=users.justice,
        plan=plan,
        number="1",
        title="清理文件",
        lead_unit=district.scj,
        co_units=[district.jyj],
        deadline=D(2024, 12, 31),
    )


@pytest.mark.parametrize("who", list(USERS))
def test_progress_report_by_role(users, task, who):
    # given a task led by T-SCJ with T-JYJ co-operating; when a user reports 50%
    actor = getattr(users, who)

    def report():
        return tasks.report_progress(
            actor=actor, task=task, reported_on=D(2024, 8, 1), text="推进中", percent=50
        )

    if who in REPORTERS:
        report()
        assert ProgressReport.objects.filter(task=task).count() == 1
    else:
        with pytest.raises(PermissionDenied):
            report()
        assert ProgressReport.objects.filter(task=task).count() == 0
