"""What the decisions ledgers share: looking up units and advisors named in a row."""

from __future__ import annotations

import datetime as dt

from fazhi.core import access
from fazhi.core.io.ledgers import CellError
from fazhi.core.models import Organization

from ..models import LegalAdvisor

YES_NO_UNKNOWN = [("是", "是"), ("否", "否")]
ADOPTED = {"是": True, "否": False, "": None}


def units_by_code() -> dict[str, Organization]:
    return {o.code: o for o in Organization.objects.all()}


def unit_named(ctx: dict, code: str, header: str) -> Organization:
    unit = ctx["orgs"].get(code)
    if unit is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return unit


def advisors_named(names: set[str]) -> dict[str, list[LegalAdvisor]]:
    by_name: dict[str, list[LegalAdvisor]] = {}
    for advisor in LegalAdvisor.objects.filter(name__in=names).select_related("organization"):
        by_name.setdefault(advisor.name, []).append(advisor)
    return by_name


def advisor_named(
    ctx: dict, name: str, unit: Organization, day: dt.date, *, date_header: str
) -> LegalAdvisor:
    """The advisor a row names: of the unit's district, and where one firm holds several contracts, the one in
    force on the row's date."""
    candidates = [a for a in ctx["advisors"].get(name, []) if access.same_district(a.organization, unit)]
    if not candidates:
        raise CellError(f"没有名为“{name}”的法律顾问，请先在法律顾问名录中登记。", column="法律顾问")
    if len(candidates) == 1:
        return candidates[0]
    serving = [a for a in candidates if a.serves_on(day)]
    if len(serving) == 1:
        return serving[0]
    if not serving:
        raise CellError(f"{day}不在任何一位名为“{name}”的法律顾问的聘期内。", column=date_header)
    raise CellError(
        f"名为“{name}”的法律顾问有{len(serving)}位在{day}均在聘期内，无法区分；请在法律顾问名录中区分其名称。",
        column="法律顾问",
    )
