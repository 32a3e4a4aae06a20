"""The rules of the rectification ledger (整改台账): the rectification period and the escalation threshold (local
settings), who rectifies and who signs items off (the supervising office, never the responsible unit itself), the
order of an item's dates, and what must be true before each transition.

The 《法治政府建设与责任落实督察工作规定》 (中共中央办公厅、国务院办公厅2019年印发) is not in domain/laws/: the article
texts quoted here are to be checked against the published text."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from fazhi.core import access, calendar, config
from fazhi.core.models import Role
from fazhi.core.rules import validate_date_happened, validate_happened
from fazhi.core.workflow import rule

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
PERIOD_RULE = "《法治政府建设与责任落实督察工作规定》第二十六条（限期整改；期限为本地设置“整改期限”）"
BASIS_SIGN_OFF = "《法治政府建设与责任落实督察工作规定》第二十六条、第二十七条：整改情况由督察机构审核销号"


BASIS = "《法治政府建设与责任落实督察工作规定》第二十六条：督察对象应当按照督察意见限期整改（条文待与公布文本核对）。"


def rectification_deadline(opened_on: dt.date) -> calendar.Deadline:
    """整改期限

    《法治政府建设与责任落实督察工作规定》第二十六条：限期整改（期限为本地配置项）。The configured period after the
    day the item was opened (first day not counted)."""
    unit = config.get(PERIOD_UNIT.key)
    return calendar.compute(opened_on, config.get(PERIOD_AMOUNT.key), unit, rule=PERIOD_RULE)


def escalation_threshold() -> int:
    """挂牌督办的逾期天数

    本地做法（配置项 oversight.escalation_overdue_days），未经核实。"""
    return config.get(ESCALATION_DAYS.key)


def is_supervising_office(item, user) -> bool:
    """督察机构审核销号

    《法治政府建设与责任落实督察工作规定》第二十六条、第二十七条：整改情况由督察机构审核销号。
    销号、巩固、回头看、挂牌督办 are the supervising office's (司法局、依法治区办 with the 司法局管理员 role): never the
    responsible unit's own — a unit does not sign off its own rectification."""
    if not access.has_role(user, Role.JUSTICE_ADMIN):
        return False
    if user.is_superuser or user.role == Role.SYSTEM_ADMIN:
        return True
    return user.organization is not None and user.organization.pk != item.organization_id


def supervising_office_q(user) -> Q:
    """督察机构审核销号, in the database: the items whose sign-off is `user`'s — the same meaning as
    is_supervising_office (《法治政府建设与责任落实督察工作规定》第二十六条、第二十七条: the supervising office, never the
    responsible unit's own)."""
    if not access.has_role(user, Role.JUSTICE_ADMIN):
        return Q(pk__in=[])
    if user.is_superuser or user.role == Role.SYSTEM_ADMIN:
        return Q()
    if user.organization is None:
        return Q(pk__in=[])
    return ~Q(organization_id=user.organization.pk)


def may_rectify(item, user) -> bool:
    """责任单位整改

    《法治政府建设与责任落实督察工作规定》第二十六条：督察对象应当按照督察意见限期整改。
    整改 is the responsible unit's work (or the supervising office's on its behalf): whoever may change the item."""
    return access.may_change(item, user)


@rule(
    "提交整改完成须写明整改情况，并附至少一份佐证材料（《法治政府建设与责任落实督察工作规定》第二十六条）。"
)
def has_evidence(item) -> bool:
    """整改完成须有整改情况和佐证材料

    《法治政府建设与责任落实督察工作规定》第二十六条：限期整改，整改情况报督察机构。"""
    return bool((item.rectification or "").strip()) and item.evidence.exists()


DATE_LABELS = {
    "opened_on": "交办日期",
    "rectified_on": "整改完成日期",
    "signed_off_on": "销号日期",
    "checked_on": "巩固核查日期",
    "escalated_on": "挂牌督办日期",
}
HAPPENED = tuple(DATE_LABELS)


def validate_item(item) -> None:
    """整改事项的日期先后与必填事项

    《法治政府建设与责任落实督察工作规定》第二十六条：交办、整改、销号依次进行；已发生的事项不能晚于今天。
    Called by RectificationItem.clean(), so the service, the transitions, the ledger and admin all check it."""
    validate_happened(item, *HAPPENED)
    errors = {}
    if item.opened_on and item.deadline and item.deadline < item.opened_on:
        errors["deadline"] = "整改期限不能早于交办日期。"
    if item.rectified_on and item.opened_on and item.rectified_on < item.opened_on:
        errors["rectified_on"] = "整改完成日期不能早于交办日期。"
    if item.signed_off_on and item.rectified_on and item.signed_off_on < item.rectified_on:
        errors["signed_off_on"] = "销号日期不能早于整改完成日期。"
    consolidated = item.status == item.Status.CONSOLIDATED
    if consolidated and item.checked_on and item.signed_off_on and item.checked_on < item.signed_off_on:
        errors["checked_on"] = "核查日期不能早于销号日期。"
    if item.status in item.DONE and item.rectified_on is None:
        errors["rectified_on"] = "已整改的事项须写明整改完成日期。"
    if consolidated and not (item.check_note or "").strip():
        errors["check_note"] = "核查巩固须写明核查情况。"
    if errors:
        raise ValidationError(errors)


def validate_event_date(value: dt.date | None, field: str) -> None:
    """整改事项的某一日期不能晚于今天（在写入记录之前检查：整改完成、销号、核查、挂牌督办）。

    《法治政府建设与责任落实督察工作规定》第二十六条；已发生的事项不能晚于今天（core.rules）。"""
    validate_date_happened(value, DATE_LABELS[field], field)


def validate_send_back(note: str) -> None:
    """退回整改须写明理由

    《法治政府建设与责任落实督察工作规定》第二十六条：整改情况由督察机构审核。"""
    if not (note or "").strip():
        raise ValidationError("退回整改须写明理由。")


def validate_reopen(note: str) -> None:
    """回头看未通过须写明发现的情况

    《法治政府建设与责任落实督察工作规定》第二十六条：督察机构对整改情况跟踪核查。"""
    if not (note or "").strip():
        raise ValidationError({"note": "回头看未通过须写明发现的情况。"})


def validate_plan_change(item, user, *, deadline: dt.date | None) -> None:
    """整改措施和期限只在整改期间修改，整改期限只能由督察机构调整

    《法治政府建设与责任落实督察工作规定》第二十六条：按照督察意见限期整改。"""
    if deadline is not None and deadline != item.deadline and not is_supervising_office(item, user):
        raise PermissionDenied("整改期限只能由督察机构调整。")
    if not item.is_open:
        raise ValidationError("只有待整改或整改中的事项可以修改整改措施和期限。")


def validate_evidence_allowed(item) -> None:
    """佐证材料只在整改期间上传

    《法治政府建设与责任落实督察工作规定》第二十六条。"""
    if not item.is_open:
        raise ValidationError(f"事项处于“{item.get_status_display()}”状态，不能再上传佐证材料。")


def validate_escalation(item, user, on: dt.date) -> None:
    """挂牌督办：由督察机构决定，逾期达到配置的天数，且只挂牌一次

    本地做法（配置项 oversight.escalation_overdue_days），未经核实；挂牌日期不能晚于今天。"""
    validate_event_date(on, "escalated_on")
    if not is_supervising_office(item, user):
        raise PermissionDenied("挂牌督办由督察机构决定，责任单位不能自行挂牌。")
    if item.escalated_on is not None:
        raise ValidationError(f"该事项已于{item.escalated_on:%Y年%m月%d日}挂牌督办。")
    threshold = escalation_threshold()
    days = item.overdue_days(on)
    if days < threshold:
        raise ValidationError(
            f"事项逾期{days}日，未达到挂牌督办的逾期天数（{threshold}日，本地设置“挂牌督办的逾期天数”）。"
        )


def may_escalate(item, user, on: dt.date) -> bool:
    """可以挂牌督办（页面据此显示按钮）：validate_escalation 不拒绝。"""
    try:
        validate_escalation(item, user, on)
    except (ValidationError, PermissionDenied):
        return False
    return True


def given_deadline_explanation(deadline: dt.date) -> str:
    return f"交办时指定整改期限为{deadline:%Y年%m月%d日}。"


def deadline_for(opened_on: dt.date, given: dt.date | None, cache: dict | None = None) -> tuple[dt.date, str]:
    """The deadline of a newly opened item and how it was fixed: the one given, or the configured period (`cache`
    keeps the computed ones by day, for a ledger import of many rows)."""
    if given is not None:
        return given, given_deadline_explanation(given)
    cache = {} if cache is None else cache
    if opened_on not in cache:
        computed = rectification_deadline(opened_on)
        cache[opened_on] = (computed.due, computed.explain())
    return cache[opened_on]
