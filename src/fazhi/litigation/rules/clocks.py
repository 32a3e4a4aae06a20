"""诉讼期限（答辩期、上诉期）: the clocks of a lawsuit and the deadline calculator, one implementation.

`timeline(events)` takes the events of a lawsuit (complaint served, judgment or ruling served, appealed, second-instance
judgment served) and gives the clocks they start, with the events it refuses and why; `lawsuit_events(lawsuit)` reads
those events off a registered lawsuit, so the lawsuit page, the API, the 工作台 and `fazhi litigation timeline` show
the same clocks.

Periods are counted as 行政诉讼法第一百零一条 sends them to 民事诉讼法 (2023) 第八十五条:
“期间以时、日、月、年计算。期间开始的时和日，不计算在期间内。期间届满的最后一日是法定休假日的，以法定休假日后的
第一日为期间届满的日期。期间不包括在途时间，诉讼文书在期满前交邮的，不算过期。”
The service date is the day the document was received: 民事诉讼法第八十七条第二款“受送达人在送达回证上的签收日期为
送达日期”；第九十一条“邮寄送达的，以回执上注明的收件日期为送达日期”；第九十条第二款（电子送达）“以送达信息到达受送达人
特定系统的日期为送达日期”。So every clock starts from the service (receipt) date the clerk records, never from the
date the court issued the document; and an appeal posted before the due date is in time (第八十五条第四款), so the
appeal date recorded is the day it was filed or posted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fazhi.core import calendar

DEFENCE, APPEAL = "defence", "appeal"
JUDGMENT, RULING = "judgment", "ruling"
COMPLAINT_SERVED, JUDGMENT_SERVED, APPEALED, APPEAL_JUDGMENT_SERVED = (
    "complaint_served",
    "judgment_served",
    "appealed",
    "appeal_judgment_served",
)
EVENTS = (COMPLAINT_SERVED, JUDGMENT_SERVED, APPEALED, APPEAL_JUDGMENT_SERVED)
EVENT_LABELS = {
    COMPLAINT_SERVED: "收到起诉状副本",
    JUDGMENT_SERVED: "一审判决书、裁定书送达",
    APPEALED: "提起上诉",
    APPEAL_JUDGMENT_SERVED: "二审判决书、裁定书送达",
}


@dataclass(frozen=True)
class Period:
    """A statutory period of the litigation: days and the article it comes from."""

    days: int
    rule: str

    def from_(self, start: dt.date) -> calendar.Deadline:
        return calendar.add_calendar_days(start, self.days, rule=self.rule)


DEFENCE_PERIOD = Period(15, "行政诉讼法第六十七条（收到起诉状副本之日起十五日内提交答辩状及证据）")
"""答辩期：十五日。

《中华人民共和国行政诉讼法》第六十七条第一款（条文未收入 domain/laws/，据 domain/statutes.md 与公布文本）：“人民法院应当
在立案之日起五日内，将起诉状副本发送被告。被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所
依据的规范性文件，并提出答辩状。”期间按第一百零一条适用民事诉讼法第八十五条计算。"""

APPEAL_JUDGMENT = Period(15, "行政诉讼法第八十五条（判决书送达之日起十五日内上诉）")
APPEAL_RULING = Period(10, "行政诉讼法第八十五条（裁定书送达之日起十日内上诉）")
"""上诉期：判决十五日，裁定十日。

《中华人民共和国行政诉讼法》第八十五条（条文未收入 domain/laws/，据公布文本，待核）：“当事人不服人民法院第一审判决的，
有权在判决书送达之日起十五日内向上一级人民法院提起上诉。当事人不服人民法院第一审裁定的，有权在裁定书送达之日起十日内
向上一级人民法院提起上诉。逾期不提起上诉的，人民法院的第一审判决或者裁定发生法律效力。”期间按第一百零一条适用民事诉讼法
第八十五条计算（送达当日不计入；届满日为法定休假日的顺延；期满前交邮的不算过期）。本平台计算的是被告行政机关自己的上诉期
（自本机关收到裁判文书之日起算）；原告的上诉期自其收到之日起算，可能不同。"""

APPEAL_PERIODS = {JUDGMENT: APPEAL_JUDGMENT, RULING: APPEAL_RULING}
KIND_LABELS = {JUDGMENT: "判决", RULING: "裁定"}


@dataclass
class Clock:
    kind: str  # DEFENCE or APPEAL
    deadline: calendar.Deadline
    note: str = ""

    @property
    def start(self) -> dt.date:
        return self.deadline.start

    @property
    def due(self) -> dt.date:
        return self.deadline.due

    @property
    def provisional(self) -> bool:
        return self.deadline.provisional

    @property
    def label(self) -> str:
        return {DEFENCE: "答辩期限", APPEAL: "上诉期限"}[self.kind]

    @property
    def explanation(self) -> str:
        return self.deadline.explain() + (self.note or "")

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "start": self.start.isoformat(),
            "due": self.due.isoformat(),
            "provisional": self.provisional,
            "explanation": self.explanation,
        }


@dataclass
class Refusal:
    index: int
    event: str
    reason: str

    def as_dict(self) -> dict:
        return {"index": self.index, "event": self.event, "reason": self.reason}


@dataclass
class Timeline:
    clocks: list[Clock] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)

    def clock(self, kind: str) -> Clock | None:
        return next((c for c in self.clocks if c.kind == kind), None)

    def as_dict(self) -> dict:
        return {
            "clocks": [c.as_dict() for c in self.clocks],
            "refused": [r.as_dict() for r in self.refused],
        }


def _date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def timeline(events: list) -> Timeline:
    """期限计算（答辩期、上诉期）。

    《中华人民共和国行政诉讼法》第六十七条：被告“应当在收到起诉状副本之日起十五日内”提交答辩状；第八十五条：“在判决书
    送达之日起十五日内”“在裁定书送达之日起十日内”上诉，“逾期不提起上诉的，人民法院的第一审判决或者裁定发生法律效力”；
    《中华人民共和国民事诉讼法》第八十五条（经行政诉讼法第一百零一条适用）：“期间开始的时和日，不计算在期间内”；“诉讼文书
    在期满前交邮的，不算过期”。

    Events are taken in the order given; an event is refused (and starts nothing) when it is not one of EVENTS, has no
    valid date, comes before an earlier event, repeats a service already recorded, or cannot happen yet: an appeal with
    no judgment or ruling served, an appeal after the appeal period ran out (the first-instance decision then took
    effect), a second-instance judgment with no appeal."""
    result = Timeline()
    last: dt.date | None = None
    appeal: Clock | None = None
    appealed = False

    def refuse(index: int, name: str, reason: str) -> None:
        result.refused.append(Refusal(index, name, reason))

    for index, raw in enumerate(events if isinstance(events, list) else []):
        item = raw if isinstance(raw, dict) else {}
        name = item.get("event")
        name = name if isinstance(name, str) else ""
        if name not in EVENTS:
            refuse(index, name, f"未知事件“{name}”；可用事件：{'、'.join(EVENTS)}。")
            continue
        on = _date(item.get("on"))
        if on is None:
            refuse(index, name, "日期缺失或格式不正确，应为 YYYY-MM-DD。")
            continue
        if last is not None and on < last:
            refuse(
                index, name, f"{EVENT_LABELS[name]}日期{on:%Y年%m月%d日}早于前一事件（{last:%Y年%m月%d日}）。"
            )
            continue
        if name == COMPLAINT_SERVED:
            if result.clock(DEFENCE):
                refuse(index, name, "已登记起诉状副本送达，答辩期只起算一次。")
                continue
            result.clocks.append(Clock(DEFENCE, DEFENCE_PERIOD.from_(on)))
        elif name == JUDGMENT_SERVED:
            kind = item.get("kind")
            if kind not in APPEAL_PERIODS:
                refuse(index, name, "请注明送达的是判决（judgment）还是裁定（ruling）。")
                continue
            if appeal is not None:
                refuse(index, name, "已登记一审裁判文书送达，上诉期只起算一次。")
                continue
            appeal = Clock(APPEAL, APPEAL_PERIODS[kind].from_(on), note=f"（一审{KIND_LABELS[kind]}）")
            result.clocks.append(appeal)
        elif name == APPEALED:
            if appeal is None:
                refuse(index, name, "尚无一审判决书或裁定书送达，不能上诉（行政诉讼法第八十五条）。")
                continue
            if appealed:
                refuse(index, name, "已登记上诉。")
                continue
            if on > appeal.due:
                refuse(
                    index,
                    name,
                    f"上诉期限已于{appeal.due:%Y年%m月%d日}届满，逾期不提起上诉的，一审裁判发生法律效力"
                    "（行政诉讼法第八十五条；期满前交邮的不算过期，请以交邮日期登记）。",
                )
                continue
            appealed = True
            appeal.note += f"已于{on:%Y年%m月%d日}上诉。"
        else:  # APPEAL_JUDGMENT_SERVED
            if appeal is not None and not appealed:
                refuse(index, name, "一审裁判未上诉，不能登记二审裁判送达。")
                continue
        last = on
    return result


def appeal_kind(outcome) -> str | None:
    """上诉期适用的文书：判决十五日、裁定十日；调解书、准许撤诉和二审裁判不能上诉。

    《中华人民共和国行政诉讼法》第八十五条：“当事人不服人民法院第一审判决的……十五日内……不服人民法院第一审裁定的……
    十日内向上一级人民法院提起上诉。”调解书经双方签收即发生法律效力（第一百零一条适用民事诉讼法第一百条），准许撤诉的裁定
    不损害当事人的上诉利益，故不计算上诉期。`outcome` is a rules.lawsuits.Outcome (or None)."""
    if outcome is None or not outcome.appealable:
        return None
    return JUDGMENT if outcome.is_judgment else RULING


def lawsuit_events(lawsuit, outcome) -> list[dict]:
    """The calculator's events read off a lawsuit (its outcome rule passed in): complaint served; for a first
    instance, the judgment or ruling served and the appeal; for a second instance, its judgment served."""
    events = [{"event": COMPLAINT_SERVED, "on": lawsuit.served_on.isoformat()}]
    served = lawsuit.judgment_served_on
    if served is None:
        return events
    if lawsuit.instance == "first":
        kind = appeal_kind(outcome)
        if kind is None:
            return events
        events.append({"event": JUDGMENT_SERVED, "kind": kind, "on": served.isoformat()})
        if lawsuit.appealed_on:
            events.append({"event": APPEALED, "on": lawsuit.appealed_on.isoformat()})
    elif lawsuit.instance == "second":
        events.append({"event": APPEAL_JUDGMENT_SERVED, "on": served.isoformat()})
    return events
