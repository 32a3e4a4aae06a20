"""中止情形（第三十九条第一款）与第四十一条第（五）项的六十日：rules/cases.py（服务的检查）、rules/timeline.py
（期限计算）和模型的选项共用。

《中华人民共和国行政复议法》第四十一条：“行政复议期间有下列情形之一的，行政复议机关决定终止行政复议：……（五）依照
本法第三十九条第一款第一项、第二项、第四项的规定中止行政复议满六十日，行政复议中止的原因仍未消除。”"""

from __future__ import annotations

import datetime as dt

GROUNDS = {
    1: "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议",
    2: "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人参加行政复议",
    3: "作为申请人的公民下落不明",
    4: "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人",
    5: "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议",
    6: "依照本法规定进行调解、和解，申请人和被申请人同意中止",
    7: "行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认",
    8: "行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结",
    9: "有本法第五十六条或者第五十七条规定的情形",
    10: "需要中止行政复议的其他情形",
}
GROUND_CHOICES = [(k, f"第（{k}）项 {v}") for k, v in GROUNDS.items()]
"""中止情形：《中华人民共和国行政复议法》第三十九条第一款第（一）至（十）项（原文）。"""

NUMERALS = "一二三四五六七八九十"
TERMINATION_GROUNDS = (1, 2, 4)
TERMINATION_AFTER_DAYS = 60
"""第四十一条第（五）项：依第三十九条第一款第一、二、四项中止满六十日、原因仍未消除的，决定终止。"""

BAD_GROUND = "中止须写明第三十九条第一款所列情形之一（第1至10项）。"


def ground_label(ground: int) -> str:
    return f"第三十九条第一款第（{NUMERALS[ground - 1] if ground < 10 else '十'}）项：{GROUNDS[ground]}"


def termination_warning_on(ground: int | None, suspended_on: dt.date) -> dt.date | None:
    """第四十一条第（五）项：依第（一）（二）（四）项中止的，中止满六十日之日；其他情形无此期限。"""
    if ground in TERMINATION_GROUNDS:
        return suspended_on + dt.timedelta(days=TERMINATION_AFTER_DAYS)
    return None


def termination_text(ground: int, suspended_on: dt.date, warn_on: dt.date) -> str:
    """终止提醒：依第三十九条第一款第（一）（二）（四）项中止满六十日（第四十一条第（五）项）的说明。"""
    return (
        f"依{ground_label(ground)}自{suspended_on:%Y年%m月%d日}中止，{warn_on:%Y年%m月%d日}满六十日；中止原因仍未消除的，"
        f"应当决定终止行政复议（《中华人民共和国行政复议法》第四十一条第（五）项）。"
    )
