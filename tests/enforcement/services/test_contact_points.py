"""Enterprise contact points for enforcement supervision: the enterprise's 统一社会信用代码 is checked, one running
point per enterprise, and the figure counts points running at the year's end."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fazhi.core import ids
from fazhi.enforcement import services
from fazhi.enforcement.models import ContactPoint
from fazhi.indicators.registry import Period, evaluate

D = dt.date
CODE_A = ids.make_credit_code("91640303MA76XY12A")
CODE_B = ids.make_credit_code("91640303MA76XY34B")


def set_up(users, district, code, name, on):
    return services.set_up_contact_point(
        actor=users.justice,
        organization=district.sfj,
        name=name,
        enterprise_name=f"{name}企业",
        credit_code=code,
        established_on=on,
    )


def test_credit_code_is_checked_and_normalized(users, district):
    with pytest.raises(ValidationError, match="统一社会信用代码校验码错误"):
        set_up(users, district, CODE_A[:-1] + ("0" if CODE_A[-1] != "0" else "1"), "甲", D(2024, 3, 1))
    point = set_up(users, district, " " + CODE_A.lower(), "甲", D(2024, 3, 1))
    assert point.credit_code == CODE_A
    assert ContactPoint.objects.count() == 1


def test_one_running_point_per_enterprise(users, district):
    set_up(users, district, CODE_A, "甲", D(2024, 3, 1))
    with pytest.raises(ValidationError, match="该企业已设有运行中的执法监督联系点"):
        set_up(users, district, CODE_A, "甲二", D(2024, 5, 1))


def test_points_running_at_year_end_are_counted(users, district):
    first = set_up(users, district, CODE_A, "甲", D(2024, 3, 1))
    set_up(users, district, CODE_B, "乙", D(2024, 9, 1))
    set_up(users, district, ids.make_credit_code("91640303MA76XY56C"), "丙", D(2025, 2, 1))
    services.close_contact_point(actor=users.justice, point=first, closed_on=D(2025, 6, 30))
    assert evaluate("enforcement.contact_points.active", Period.year(2024)).figure.value == 2
    assert evaluate("enforcement.contact_points.active", Period.year(2025)).figure.value == 2
    assert evaluate("enforcement.contact_points.active", Period.year(2023)).figure.value == 0
    with pytest.raises(ValidationError, match="该联系点已撤销"):
        services.close_contact_point(actor=users.justice, point=first, closed_on=D(2025, 7, 1))


def test_closing_needs_a_date_not_before_set_up(users, district):
    point = set_up(users, district, CODE_A, "甲", D(2024, 3, 1))
    with pytest.raises(ValidationError, match="撤销日期不能早于设立日期"):
        services.close_contact_point(actor=users.justice, point=point, closed_on=D(2024, 2, 1))
    point.refresh_from_db()
    assert point.status == ContactPoint.Status.ACTIVE
