"""The rules of hearing the parties (听取意见) and of hearings (听证) in a reconsideration case (行政复议法第四十九条
至第五十一条): who sits, how long before the notice, the record, and that what happened is not dated after today."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core.rules import validate_happened

from . import clocks


def officer_names(officers: str) -> list[str]:
    """听证员名单：一个字段中以顿号或逗号分隔的听证员姓名。"""
    return [n.strip() for n in officers.replace("，", "、").replace(",", "、").split("、") if n.strip()]


def validate_opinion(case, opinion) -> None:
    """听取意见：受理后听取，日期不早于受理日期，且已经发生。

    《中华人民共和国行政复议法》第四十九条：“适用普通程序审理的行政复议案件，行政复议机构应当当面或者通过互联网、
    电话等方式听取当事人的意见，并将听取的意见记录在案。”"""
    if case.accepted_on and opinion.heard_on and opinion.heard_on < case.accepted_on:
        raise ValidationError({"heard_on": "听取意见日期不能早于受理日期。"})
    validate_happened(opinion, "heard_on")


def validate_hearing_notice(*, notified_on: dt.date, scheduled_on: dt.date) -> None:
    """听证通知：于举行听证的五个工作日前书面通知当事人。

    《中华人民共和国行政复议法》第五十一条：“行政复议机构组织听证的，应当于举行听证的五日前将听证的时间、地点和
    拟听证事项书面通知当事人。”第八十八条：“五日”指工作日。"""
    due = clocks.HEARING_NOTICE_PERIOD.from_(notified_on).due
    if scheduled_on < due:
        raise ValidationError(
            {
                "scheduled_on": f"听证应于通知五个工作日后举行，最早为{due:%Y年%m月%d日}（行政复议法第五十一条）。"
            }
        )


def validate_hearing(hearing) -> None:
    """听证的组成与日期：两名以上听证员；举行日期不早于通知的听证日期；通知与举行已经发生。

    《中华人民共和国行政复议法》第五十条第三款：“听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，
    一名记录员制作听证笔录。”"""
    errors: dict[str, list[str]] = {}
    if len(officer_names(hearing.officers)) < 2:
        errors["officers"] = ["听证员至少二人（行政复议法第五十条）。"]
    if hearing.held_on and hearing.scheduled_on and hearing.held_on < hearing.scheduled_on:
        errors["held_on"] = ["听证举行日期不能早于通知的听证日期。"]
    try:
        validate_happened(hearing, "notified_on", "held_on")
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def validate_hearing_record(*, record: str) -> None:
    """听证笔录：举行听证的，由记录员制作听证笔录（第五十条第三款）；第六十一条：“经过听证的行政复议案件，行政复议机关应当根据听证笔录、审查认定的事实和证据，
    依照本法作出行政复议决定。”"""
    if not record.strip():
        raise ValidationError({"record": "请填写听证笔录要点。"})
