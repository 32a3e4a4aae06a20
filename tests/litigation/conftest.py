"""Litigation test data: a lawsuit against the education bureau, served on 20 September 2024, its head, a plaintiff
with a valid ID number, and a helper that takes a lawsuit to its judgment."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core import ids
from fazhi.litigation import services
from tests import factories

PLAINTIFF_ID = ids.make_id_number("640303", dt.date(1980, 5, 4), 17)
COMPANY_CODE = ids.make_credit_code("91640303MA0000001")


def lawsuit_fields(district, **overrides) -> dict:
    fields = {
        "court": "测试区人民法院",
        "case_number": "（2024）宁0303行初12号",
        "instance": "first",
        "plaintiff_kind": "person",
        "plaintiff_name": "张三",
        "plaintiff_id_number": PLAINTIFF_ID,
        "defendant": district.jyj,
        "responsible_department": district.jyj,
        "cause": "政府信息公开",
        "contested_act": "不予公开告知书",
        "filed_on": dt.date(2024, 9, 16),
        "served_on": dt.date(2024, 9, 20),
    }
    return {**fields, **overrides}


@pytest.fixture
def head(district):
    return factories.person(district.jyj, name="许局长", position="局长", is_principal_leader=True)


@pytest.fixture
def lawsuit(users, district):
    return services.register_lawsuit(actor=users.reconsideration, **lawsuit_fields(district))


def judge(
    actor, lawsuit, head, outcome: str, *, judged_on=dt.date(2024, 12, 2), hearing_on=dt.date(2024, 11, 12)
):
    """Defence, one hearing with the head present, then the judgment `outcome`."""
    services.submit_defence(
        actor=actor, lawsuit=lawsuit, submitted_on=lawsuit.served_on + dt.timedelta(days=10)
    )
    services.record_hearing(actor=actor, lawsuit=lawsuit, held_on=hearing_on, head_appeared=True, head=head)
    return services.record_judgment(actor=actor, lawsuit=lawsuit, outcome=outcome, judged_on=judged_on)
