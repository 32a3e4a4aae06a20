"""The rules of the task ledger's periodic circular (通报): its period has ended, in order."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core.rules import validate_date_happened

FORMATS = ("docx", "xlsx")


def validate_period(start: dt.date, end: dt.date) -> None:
    """通报期间：截止日期不早于起始日期，且不晚于今天

    本地任务分工方案：定期通报任务进展；通报的是已发生的进展，期间截止日期不能晚于今天（core.rules）。"""
    if end < start:
        raise ValidationError("通报期间的截止日期不能早于起始日期。")
    validate_date_happened(end, "通报期间截止日期", "end")


def validate_format(fmt: str) -> None:
    """通报文件格式：.docx 或 .xlsx。"""
    if fmt not in FORMATS:
        raise ValidationError("通报只能生成 .docx 或 .xlsx 文件。")
