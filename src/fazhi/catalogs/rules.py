"""The rules of the public lists: versions of one item never overlap (an item is in a list once on any day), and
the lists are public (政府信息公开条例第二十条：主动公开行政许可等事项的依据、条件、程序及办理时限)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

CERTIFICATION_BASIS = "国务院办公厅关于做好证明事项清理工作的通知（国办发〔2018〕47号）：实行证明事项清单管理"
COMMITMENT_BASIS = (
    "国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见（国办发〔2020〕42号）："
    "明确核查方式和不实承诺的法律责任"
)
SERVICE_BASIS = "优化营商环境条例第三十五条、第三十七条：政务服务事项标准化，推行当场办结、一次办结、限时办结"


def overlaps(versions: Iterable[tuple[dt.date, dt.date | None]]) -> tuple[dt.date, dt.date] | None:
    """The first two versions of one item that are in force on a same day, as their added_on dates, or None.
    `versions` are (added_on, removed_on) with removed_on None while in force."""
    ordered = sorted(versions, key=lambda v: v[0])
    for before, after in zip(ordered, ordered[1:], strict=False):
        if before[1] is None or before[1] > after[0]:
            return before[0], after[0]
    return None


def overlap_message(code: str, first: dt.date, second: dt.date) -> str:
    return (
        f"事项“{code}”自{first}列入的版本与自{second}列入的版本在同一时间都在清单内："
        f"须先将前一版本的移出日期定为不晚于{second}。"
    )
