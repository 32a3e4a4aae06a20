"""Catalog test data: a certification item of the education bureau in force since 2024-03-01."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.catalogs import services

D = dt.date
ISSUED = D(2024, 3, 1)
SERVICE_START = D(2024, 1, 1)


def certification(actor, unit, code, *, added_on=ISSUED, name=None, **fields):
    return services.add_item(
        actor=actor,
        catalog="certification",
        code=code,
        name=name or f"证明{code}",
        basis="《中华人民共和国教师法》第十四条",
        organization=unit,
        added_on=added_on,
        issuer=fields.pop("issuer", "户籍所在地公安派出所"),
        **fields,
    )


def commitment(actor, unit, code, *, added_on=ISSUED, name=None, verification="书面核查"):
    return services.add_item(
        actor=actor,
        catalog="commitment",
        code=code,
        name=name or f"承诺事项{code}",
        basis="《中华人民共和国食品安全法》第三十五条",
        organization=unit,
        added_on=added_on,
        verification=verification,
        false_commitment="撤销许可并记入信用记录",
    )


def service_item(actor, unit, code, mode, *, added_on=SERVICE_START, limit=None):
    return services.add_service_item(
        actor=actor,
        code=code,
        name=f"服务事项{code}",
        organization=unit,
        mode=mode,
        added_on=added_on,
        time_limit_days=limit,
    )


@pytest.fixture
def history(users, district):
    """ZM-1 in force throughout; ZM-2 removed on 2025-06-30; ZM-3 added on 2025-01-15."""
    kept = certification(users.justice, district.jyj, "ZM-1", name="无犯罪记录证明")
    removed = certification(users.justice, district.jyj, "ZM-2", name="学历证明")
    services.remove(actor=users.justice, item=removed, removed_on=D(2025, 6, 30), reason="改为部门间核验")
    added = certification(users.justice, district.scj, "ZM-3", name="健康证明", added_on=D(2025, 1, 15))
    return kept, removed, added
