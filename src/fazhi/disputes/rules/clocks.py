"""The statutory periods of a reconsideration case (行政复议法, 2023 revision) with the article each comes from, and
the Clock they give (computed by core.calendar, with its explanation). Which clocks a case has, from which day, is
computed by rules/timeline.py from the case's events (one implementation for the pages and the calculator);
services/clocks.py stores them on CaseClock rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.core import calendar

from .cases import LAW

# Kinds of clock (values of CaseClock.Kind)
EXAMINATION, SUPPLEMENT, COPY, ANSWER, DECISION, HEARING_NOTICE = (
    "examination",
    "supplement",
    "copy",
    "answer",
    "decision",
    "hearing_notice",
)


@dataclass(frozen=True)
class Period:
    """A statutory period: amount, unit (core.calendar) and the article it comes from."""

    amount: int
    unit: str
    rule: str

    def from_(self, start: dt.date) -> calendar.Deadline:
        return calendar.compute(start, self.amount, self.unit, rule=self.rule)


ACCEPTANCE_EXAMINATION = Period(5, calendar.WORKING, f"{LAW}第三十条、第八十八条（五日内审查，工作日）")
"""受理审查期限：五个工作日。

《中华人民共和国行政复议法》第三十条：“行政复议机关收到行政复议申请后，应当在五日内进行审查。”第八十八条：
“本法关于行政复议期间有关‘三日’、‘五日’、‘七日’、‘十日’的规定是指工作日，不含法定休假日。”"""

SUPPLEMENT_PERIOD = Period(10, calendar.WORKING, f"{LAW}第三十一条、第八十八条（申请人十日内补正，工作日）")
"""申请人补正期限：十个工作日。

《中华人民共和国行政复议法》第三十一条：“申请人应当自收到补正通知之日起十日内提交补正材料。……无正当理由逾期
不补正的，视为申请人放弃行政复议申请，并记录在案。”"""

COPY_ORDINARY = Period(
    7, calendar.WORKING, f"{LAW}第四十八条、第八十八条（受理之日起七日内发送答复通知，工作日）"
)
"""发送申请书副本期限（普通程序）：七个工作日。

《中华人民共和国行政复议法》第四十八条：“行政复议机构应当自行政复议申请受理之日起七日内，将行政复议申请书副本
或者行政复议申请笔录复印件发送被申请人。”"""

ANSWER_ORDINARY = Period(
    10, calendar.WORKING, f"{LAW}第四十八条、第八十八条（被申请人十日内提出书面答复，工作日）"
)
"""被申请人答复期限（普通程序）：十个工作日。

《中华人民共和国行政复议法》第四十八条：“被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起
十日内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。”"""

COPY_SIMPLIFIED = Period(3, calendar.WORKING, f"{LAW}第五十四条、第八十八条（简易程序三日内发送，工作日）")
"""发送申请书副本期限（简易程序）：三个工作日。

《中华人民共和国行政复议法》第五十四条：“行政复议机构应当自受理行政复议申请之日起三日内，将行政复议申请书副本
或者行政复议申请笔录复印件发送被申请人。”"""

ANSWER_SIMPLIFIED = Period(5, calendar.WORKING, f"{LAW}第五十四条、第八十八条（简易程序五日内答复，工作日）")
"""被申请人答复期限（简易程序）：五个工作日。

《中华人民共和国行政复议法》第五十四条：“被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起
五日内，提出书面答复。”"""

DECISION_ORDINARY = Period(60, calendar.CALENDAR, f"{LAW}第六十二条（受理之日起六十日内作出决定）")
"""作出复议决定期限（普通程序）：六十日。

《中华人民共和国行政复议法》第六十二条：“适用普通程序审理的行政复议案件，行政复议机关应当自受理申请之日起六十日
内作出行政复议决定……延长期限最多不得超过三十日。”"""

DECISION_SIMPLIFIED = Period(30, calendar.CALENDAR, f"{LAW}第六十二条（简易程序三十日内作出决定）")
"""作出复议决定期限（简易程序）：三十日。

《中华人民共和国行政复议法》第六十二条第二款：“适用简易程序审理的行政复议案件，行政复议机关应当自受理申请之日起
三十日内作出行政复议决定。”"""

HEARING_NOTICE_PERIOD = Period(5, calendar.WORKING, f"{LAW}第五十一条、第八十八条（听证五个工作日前通知）")
"""听证通知期限：举行听证五个工作日前通知。

《中华人民共和国行政复议法》第五十一条：“行政复议机构组织听证的，应当于举行听证的五日前将听证的时间、地点和拟听证
事项书面通知当事人。”"""

DUE_WARNING_DAYS = 5
"""工作台提前提醒的天数（自然日；本平台做法）。"""


@dataclass
class Clock:
    """A clock of a case as computed: its kind, start, due date, rule and explanation."""

    kind: str
    start: dt.date
    due: dt.date
    rule: str
    explanation: str
    provisional: bool = False
    met_on: dt.date | None = None


def hearing_notice_clock(hearing) -> Clock:
    """听证通知期限：最早可以举行听证的日期，通知之日起五个工作日后（第五十一条、第八十八条）。"""
    deadline = HEARING_NOTICE_PERIOD.from_(hearing.notified_on)
    text = f"听证应于通知五个工作日后举行，最早可于{deadline.due:%Y年%m月%d日}举行。" + deadline.explain()
    return Clock(
        HEARING_NOTICE,
        hearing.notified_on,
        deadline.due,
        HEARING_NOTICE_PERIOD.rule,
        text,
        deadline.provisional,
        hearing.held_on,
    )


def stopped(case, clock) -> bool:
    """中止计时：中止审理期间，作出决定的期限停止计算（第三十九条）。"""
    return clock.kind == DECISION and case.status == case.Status.SUSPENDED
