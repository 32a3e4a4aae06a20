"""The rules of enforcement training (执法培训)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core.rules import validate_happened


def validate_session(session) -> None:
    """执法培训：学时大于0，培训日期不晚于今天（登记的是已举办的培训）。

    执法培训和学时为本地做法（domain/statutes.md 未列全国性条文）；已发生的事项不能晚于今天（core.rules）。"""
    if session.hours is not None and session.hours <= 0:
        raise ValidationError({"hours": "学时应大于0。"})
    validate_happened(session, "held_on")
