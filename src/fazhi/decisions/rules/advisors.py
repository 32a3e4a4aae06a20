"""Rules of legal advisors (法律顾问): their contract period, their attendances at meetings and their reviews."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core.rules import validate_happened

__all__ = ["validate_advisor", "validate_advisor_review", "validate_attendance"]


def validate_advisor(advisor) -> None:
    """法律顾问的聘期：结束不早于开始。

    《重大行政决策程序暂行条例》第二十八条：“……在合法性审查过程中，应当组织法律顾问、公职律师提出法律意见。”（聘期为本地
    聘用合同约定。）"""
    if advisor.contract_start and advisor.contract_end and advisor.contract_end < advisor.contract_start:
        raise ValidationError({"contract_end": "聘期结束日期不能早于开始日期。"})


def validate_attendance(attendance) -> None:
    """列席会议：会议已召开，且在法律顾问的聘期内。

    《重大行政决策程序暂行条例》第二十八条（同上）。"""
    validate_happened(attendance, "held_on")
    advisor = attendance.advisor if attendance.advisor_id else None
    if advisor and attendance.held_on and not advisor.serves_on(attendance.held_on):
        raise ValidationError(
            {
                "held_on": f"会议日期不在{advisor}的聘期（{advisor.contract_start}至{advisor.contract_end}）内。"
            }
        )


def validate_advisor_review(review) -> None:
    """法律顾问审查：收到、出具意见的日期已发生，出具意见不早于收到，出具意见须写明意见。

    《重大行政决策程序暂行条例》第二十八条（同上）。"""
    validate_happened(review, "received_on", "completed_on")
    errors = {}
    if review.completed_on and review.received_on and review.completed_on < review.received_on:
        errors["completed_on"] = "出具意见日期不能早于收到日期。"
    if review.completed_on and not review.opinion.strip():
        errors["opinion"] = "出具意见时须填写审查意见。"
    if errors:
        raise ValidationError(errors)
