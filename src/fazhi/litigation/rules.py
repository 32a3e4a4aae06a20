"""The statutory rules of administrative litigation (行政诉讼法 2017, 法释〔2018〕1号): the defence period, who
counts as the agency head appearing in court, and what each judgment or ruling means for the figures (won, lost,
to be performed), each citing its article."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.core import calendar
from fazhi.core.workflow import rule

DEFENCE_DAYS = 15
"""行政诉讼法第六十七条：被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，
并提出答辩状。期间按第一百零一条适用民事诉讼法第八十五条计算（起算日不计入，届满日为法定休假日的顺延）。"""
DEFENCE_RULE = "行政诉讼法第六十七条（收到起诉状副本之日起十五日内提交答辩状及证据）"
DUE_WARNING_DAYS = 5


def defence_deadline(served_on: dt.date) -> calendar.Deadline:
    """第六十七条: fifteen calendar days from service of the complaint, the day of service not counted."""
    return calendar.add_calendar_days(served_on, DEFENCE_DAYS, rule=DEFENCE_RULE)


# Outcomes -----------------------------------------------------------------------------------------------------

WON, LOST, WITHDRAWN, MEDIATED, OTHER = "won", "lost", "withdrawn", "mediated", "other"
RESULT_LABELS = {
    WON: "胜诉",
    LOST: "败诉",
    WITHDRAWN: "撤诉",
    MEDIATED: "调解",
    OTHER: "其他",
}


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    result: str  # WON, LOST, WITHDRAWN, MEDIATED, OTHER: for the loss rate
    performance: bool  # the effective judgment obliges the agency to act (重新作出, 履行, 给付, 赔偿…)
    is_judgment: bool  # 判决 (after a hearing) rather than 裁定 or 调解书
    article: str


OUTCOMES = [
    Outcome("dismissed", "判决驳回原告诉讼请求", WON, False, True, "行政诉讼法第六十九条"),
    Outcome("upheld", "驳回上诉、维持原判", WON, False, True, "行政诉讼法第八十九条第一款第（一）项"),
    Outcome("suit_rejected", "裁定驳回起诉", WON, False, False, "法释〔2018〕1号第六十九条"),
    Outcome("revoked", "判决撤销或部分撤销（含责令重新作出）", LOST, True, True, "行政诉讼法第七十条"),
    Outcome("perform", "判决履行法定职责", LOST, True, True, "行政诉讼法第七十二条"),
    Outcome("payment", "判决给付", LOST, True, True, "行政诉讼法第七十三条"),
    Outcome("illegal", "判决确认违法", LOST, True, True, "行政诉讼法第七十四条、第七十六条"),
    Outcome("void", "判决确认无效", LOST, True, True, "行政诉讼法第七十五条"),
    Outcome("varied", "判决变更", LOST, True, True, "行政诉讼法第七十七条"),
    Outcome("reversed", "二审改判（行政机关败诉）", LOST, True, True, "行政诉讼法第八十九条第一款第（二）项"),
    Outcome("withdrawn", "裁定准许撤诉", WITHDRAWN, False, False, "行政诉讼法第六十二条"),
    Outcome("mediated", "调解结案", MEDIATED, True, False, "行政诉讼法第六十条"),
    Outcome("remanded", "裁定发回重审", OTHER, False, False, "行政诉讼法第八十九条第一款第（三）、（四）项"),
]
BY_CODE = {o.code: o for o in OUTCOMES}
OUTCOME_CHOICES = [(o.code, o.label) for o in OUTCOMES]
LOST_OUTCOMES = [o.code for o in OUTCOMES if o.result == LOST]
PERFORMANCE_OUTCOMES = [o.code for o in OUTCOMES if o.performance]
JUDGMENTS = [o.code for o in OUTCOMES if o.is_judgment]


def outcome(code: str) -> Outcome | None:
    return BY_CODE.get(code)


# Transition conditions ----------------------------------------------------------------------------------------


HEARING_BEFORE_JUDGMENT = (
    "一审作出判决前须登记开庭情况及行政机关负责人出庭应诉情况（行政诉讼法第三条第三款；"
    "法释〔2018〕1号第一百二十八至一百三十二条）；未开庭即结案的，应为撤诉、驳回起诉等裁定或调解。"
)


def hearing_recorded_for(lawsuit, outcome_code: str) -> bool:
    """A first-instance judgment (判决) comes after a court session; rulings and mediation may come without one."""
    if outcome_code not in JUDGMENTS or lawsuit.instance != "first":
        return True
    return lawsuit.hearings.exists()


@rule("该裁判结果使行政机关负有履行义务，生效后应进入“待履行”，履行完毕后结案。")
def needs_performance(lawsuit) -> bool:
    return lawsuit.outcome in PERFORMANCE_OUTCOMES


@rule("该裁判结果不使行政机关负有履行义务，生效即结案。")
def needs_no_performance(lawsuit) -> bool:
    return lawsuit.outcome not in PERFORMANCE_OUTCOMES
