"""Fixtures of the reconsideration tests: a case registered through the service, with a valid applicant."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.disputes import services
from fazhi.disputes.models import ReconsiderationCase
from tests import factories


def register(users, district, *, received_on=dt.date(2025, 3, 3), **fields) -> ReconsiderationCase:
    values = {
        "channel": ReconsiderationCase.Channel.IN_PERSON,
        "received_on": received_on,
        "applicant_kind": ReconsiderationCase.ApplicantKind.PERSON,
        "applicant_name": "张某",
        "applicant_id_code": factories.id_number(),
        "respondent": district.scj,
        "contested_act": "澄市监罚〔2025〕7号行政处罚决定",
        "act_date": received_on - dt.timedelta(days=20),
        "request": "撤销该行政处罚决定",
        "facts": "申请人认为处罚事实不清",
    }
    values.update(fields)
    return services.register_case(actor=users.reconsideration, organization=district.sfj, **values)


def accepted(
    users, district, *, received_on=dt.date(2025, 3, 3), accepted_on=None, **fields
) -> ReconsiderationCase:
    case = register(users, district, received_on=received_on, **fields)
    return services.accept(
        actor=users.reconsideration, case=case, on=accepted_on or received_on + dt.timedelta(days=1)
    )


def clock(case: ReconsiderationCase, kind: str):
    return case.clocks.get(kind=kind)


@pytest.fixture
def make_case(users, district):
    return lambda **kw: register(users, district, **kw)
