"""The rules of enterprise contact points (涉企行政执法监督联系点)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core import ids
from fazhi.core.rules import validate_happened

CLOSED = "closed"  # ContactPoint.Status.CLOSED
BASIS = "《法治政府建设实施纲要（2021—2025年）》：完善行政执法监督机制，建立涉企行政执法监督联系点"


def validate_contact_point(point) -> None:
    """涉企行政执法监督联系点：统一社会信用代码有效；撤销的须写明撤销日期且不早于设立日期；设立、撤销日期不晚于今天。

    《法治政府建设实施纲要（2021—2025年）》：完善行政执法监督机制，建立涉企行政执法监督联系点（原文待核实，本地做法）。"""
    errors = {}
    try:
        point.credit_code = ids.validate_credit_code(point.credit_code)
    except ValidationError as exc:
        errors["credit_code"] = exc.messages
    if point.status == CLOSED:
        if point.closed_on is None:
            errors["closed_on"] = "撤销联系点须写明撤销日期。"
        elif point.established_on and point.closed_on < point.established_on:
            errors["closed_on"] = "撤销日期不能早于设立日期。"
    elif point.closed_on is not None:
        errors["closed_on"] = "运行中的联系点不应填写撤销日期。"
    if errors:
        raise ValidationError(errors)
    validate_happened(point, "established_on", "closed_on")
