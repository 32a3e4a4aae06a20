"""Recording that a case was entered on the national reconsideration platform (全国行政复议工作平台)."""

from __future__ import annotations

import datetime as dt

from fazhi.core.models import User

from ..models import ReconsiderationCase
from ..rules import platform as rules
from .cases import require_office, update_case_fields


def record_platform_entry(
    *, actor: User, case: ReconsiderationCase, on: dt.date, number: str = ""
) -> ReconsiderationCase:
    """The day the case was entered on the national reconsideration platform (全国行政复议工作平台)."""
    require_office(actor)
    rules.validate_platform_entry(case, on=on)
    return update_case_fields(
        actor=actor, case=case, data={"platform_entered_on": on, "platform_number": number.strip()}
    )
