"""Rules every workstream shares: an event that has happened cannot be dated after today."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from . import access, clock
from .models import Role


def happened_message(label: str, today: dt.date | None = None) -> str:
    today = today or clock.today()
    return f"{label}不能晚于今天（{today.year}年{today.month}月{today.day}日）：尚未发生的事项不能登记。"


def validate_happened(instance: models.Model, *fields: str) -> None:
    """已发生事项的日期不得晚于今天

    An event that has happened (受理、决定、签收、公布、备案…) is not dated after today (Asia/Shanghai).

    Deadlines are computed from these dates and figures count them, so a future date would move a statutory clock
    or count a case that has not yet been decided. Raises one ValidationError naming every offending field."""
    today = clock.today()
    errors = {}
    for name in fields:
        value = getattr(instance, name, None)
        if isinstance(value, dt.datetime):
            value = value.astimezone(clock.SHANGHAI).date()
        if value is not None and value > today:
            label = str(instance._meta.get_field(name).verbose_name)
            errors[name] = happened_message(label, today)
    if errors:
        raise ValidationError(errors)


def validate_date_happened(value: dt.date | None, label: str, field: str | None = None) -> None:
    """已发生事项的日期不得晚于今天（单个日期）

    The same rule for a date that is not (yet) a model field: a transition's or a form's date."""
    if value is not None and value > clock.today():
        message = happened_message(label)
        raise ValidationError({field: message} if field else message)


def validate_token_user(user) -> None:
    """接口令牌只签发给有单位、有角色的非管理员账号

    A machine client's token acts as one login: its unit and role decide what the client may read and change
    (core.access), exactly as for a person. A token is therefore bound to an active login that has a unit and a role
    other than 系统管理员: a token that administers the whole installation would escape every unit scope. (Local
    security rule of the platform — 网络安全等级保护 2.0 三级 “最小权限” — no article to quote.)"""
    if not user.is_active:
        raise ValidationError({"user": "该账号已停用，不能签发接口令牌。"})
    if user.role == Role.SYSTEM_ADMIN or user.is_superuser:
        raise ValidationError({"user": "不能为系统管理员账号签发接口令牌：令牌须绑定到具体单位和角色。"})
    if user.person_id is None or user.person.organization_id is None:
        raise ValidationError({"user": "该账号未关联人员和单位，不能签发接口令牌。"})


REVEAL_REFUSED = "您无权查看该记录的完整个人信息。"


def may_reveal(user, instance: models.Model) -> bool:
    """查看完整的身份证号、电话、住址：只有可以修改该记录的人（其单位范围内的经办人员）才能逐条查看，且每次查看都记入审计

    《中华人民共和国个人信息保护法》第六条：“处理个人信息应当具有明确、合理的目的，并应当与处理目的直接相关，采取对
    个人权益影响最小的方式。”第五十一条：个人信息处理者应当“采取相应的加密、去标识化等安全技术措施”，“合理确定个人信息
    处理的操作权限”。（列表、导出、接口一律脱敏；需要完整号码时逐条查看并留痕。）"""
    return bool(getattr(user, "is_authenticated", False)) and access.can(user, instance, access.CHANGE)
