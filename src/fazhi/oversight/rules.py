"""The rules of 督察整改 and the task ledger: the rectification period and the escalation threshold (local settings),
who signs items off (the supervising office, never the responsible unit itself) and what must be true first."""

from __future__ import annotations

import datetime as dt

from fazhi.core import access, calendar, config
from fazhi.core.models import Role

PERIOD_AMOUNT = config.define(
    "oversight.rectification_period_amount",
    name="整改期限（数量）",
    default=3,
    help="整改事项自交办之日起（当日不计入）的整改期限数量，单位见“整改期限（单位）”。",
    basis="《法治政府建设与责任落实督察工作规定》第二十六条：督察对象应当按照督察意见限期整改；具体期限各地自定。",
)
PERIOD_UNIT = config.define(
    "oversight.rectification_period_unit",
    name="整改期限（单位）",
    default=calendar.MONTHS,
    help="months（个月）、working（个工作日）或 calendar（日）。",
    basis="本地做法，可按督察整改通知调整。",
)
ESCALATION_DAYS = config.define(
    "oversight.escalation_overdue_days",
    name="挂牌督办的逾期天数",
    default=30,
    help="整改事项超过整改期限此日数仍未整改完成的，可由督察机构挂牌督办。",
    basis="本地做法（未经核实）。",
)
PERIOD_RULE = (
    "《法治政府建设与责任落实督察工作规定》第二十六条（限期整改；期限为本地配置项 "
    "oversight.rectification_period_amount / oversight.rectification_period_unit）"
)
BASIS_SIGN_OFF = "《法治政府建设与责任落实督察工作规定》第二十六条、第二十七条：整改情况由督察机构审核销号"


def rectification_deadline(opened_on: dt.date) -> calendar.Deadline:
    """整改期限: the configured period after the day the item was opened (first day not counted)."""
    unit = config.get(PERIOD_UNIT.key)
    return calendar.compute(opened_on, config.get(PERIOD_AMOUNT.key), unit, rule=PERIOD_RULE)


def escalation_threshold() -> int:
    return config.get(ESCALATION_DAYS.key)


def is_supervising_office(item, user) -> bool:
    """销号、巩固、回头看、挂牌督办 are the supervising office's (司法局、依法治区办 with the 司法局管理员 role): never the
    responsible unit's own — a unit does not sign off its own rectification."""
    if not access.has_role(user, Role.JUSTICE_ADMIN):
        return False
    if user.is_superuser or user.role == Role.SYSTEM_ADMIN:
        return True
    return user.organization is not None and user.organization.pk != item.organization_id


def may_rectify(item, user) -> bool:
    """整改 is the responsible unit's work (or the supervising office's on its behalf): whoever may change the item."""
    return access.may_change(item, user)
