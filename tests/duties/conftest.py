"""Duties test data: principal leaders of the education bureau and the township, the party committee and the
government of the test district."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.core.models import OrganizationKind
from fazhi.duties import services
from tests import factories

D = dt.date


@pytest.fixture
def leaders(district):
    return {
        "jyj": factories.person(district.jyj, name="许志诚", position="局长", is_principal_leader=True),
        "town": factories.person(district.town, name="严春晖", position="镇长", is_principal_leader=True),
        "scj": factories.person(district.scj, name="沈立新", position="局长", is_principal_leader=True),
    }


@pytest.fixture
def party(district):
    return factories.org(
        "T-QW", parent=district.root, kind=OrganizationKind.PARTY_COMMITTEE, name="中共测试区委员会"
    )


def record(actor, kind, held_on, unit, **fields):
    fields.setdefault("topic", "学习贯彻习近平法治思想")
    return services.record_activity(actor=actor, kind=kind, held_on=held_on, organization=unit, **fields)
