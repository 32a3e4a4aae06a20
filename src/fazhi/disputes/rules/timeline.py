"""时间线（期限计算器）：由案件的事项依次推出每个法定期限，并拒绝法律不允许的事项。

The one implementation of a reconsideration case's clocks: a list of events (received, supplement_requested, …,
decided) is run in order; each event either moves the clocks or is refused with the reason, in Chinese. The case
pages (through services/clocks.py, which stores what `of_case` gives), the calculator page on /disputes/ and
`fazhi disputes timeline FILE.json` all call `run`. The periods and their articles are in rules/clocks.py.

《中华人民共和国行政复议法》第三十条第三款：“行政复议申请的审查期限届满，行政复议机关未作出不予受理决定的，审查期限
届满之日起视为受理。”——明示受理晚于审查期限的，受理自审查期限届满之日起生效，作出决定等期限自该日起算。

第三十一条第二款：“申请人应当自收到补正通知之日起十日内提交补正材料。有正当理由不能按期补正的，行政复议机关可以
延长合理的补正期限。无正当理由逾期不补正的，视为申请人放弃行政复议申请，并记录在案。”——补正期限自送达之日起算，
可以说明理由延长，期限届满后才能视为放弃。

第四十八条：“被申请人应当自收到行政复议申请书副本或者行政复议申请笔录复印件之日起十日内，提出书面答复”——答复期限
自被申请人收到副本之日起算。

第八十八条第一款：“行政复议期间的计算和行政复议文书的送达，本法没有规定的，依照《中华人民共和国民事诉讼法》关于
期间、送达的规定执行。”《中华人民共和国民事诉讼法》第八十五条第四款：“期间不包括在途时间，诉讼文书在期满前交邮的，
不算过期。”——补正材料、书面答复以邮寄方式提交的，以交邮日期判断是否逾期（事项的 posted_on）。

第三十九条（中止的十项情形）、第四十一条第（五）项：“依照本法第三十九条第一款第一项、第二项、第四项的规定中止行政
复议满六十日，行政复议中止的原因仍未消除”的，决定终止行政复议。

第五十五条（简易程序转普通程序）、第六十二条（审理期限及延长）：转换程序、中止、延长只能在它们要改变的审理期限届满
之前作出，否则逾期的案件会被记录成按期的案件。"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fazhi.core import calendar

from . import clocks as periods
from .cases import LAW
from .grounds import BAD_GROUND, GROUNDS, termination_text, termination_warning_on

EVENTS = (
    "received",
    "supplement_requested",
    "supplement_served",
    "supplement_received",
    "accepted",
    "refused",
    "copy_sent",
    "copy_served",
    "answer_received",
    "converted",
    "suspended",
    "resumed",
    "extended",
    "hearing_notified",
    "decided",
    "mediated",
    "terminated",
    "withdrawn",
)
"""The events of the calculator's input, in the order a case usually runs."""

ENDINGS = ("decided", "mediated", "terminated", "withdrawn", "refused")
REVIEW = ("accepted", "reviewing", "suspended")


@dataclass
class Event:
    event: str
    on: dt.date
    ground: int | None = None
    days: int | None = None
    reason: str = ""
    posted_on: dt.date | None = None  # 交邮日期 (民事诉讼法第八十五条)
    held_on: dt.date | None = None  # hearing_notified: the day the hearing was held
    deemed: bool = False  # withdrawn: 视为放弃 (第三十一条)
    provisional: bool = False  # served: the service date is not known, the sending date stands in


@dataclass
class Refusal:
    index: int
    event: str
    reason: str


@dataclass
class Timeline:
    procedure: str
    clocks: list[periods.Clock] = field(default_factory=list)
    deemed_accepted_on: dt.date | None = None
    accepted_on: dt.date | None = None
    refused: list[Refusal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def clock(self, kind: str) -> periods.Clock | None:
        return next((c for c in self.clocks if c.kind == kind), None)

    def as_json(self) -> dict:
        return {
            "procedure": self.procedure,
            "clocks": [
                {
                    "kind": c.kind,
                    "start": c.start.isoformat(),
                    "due": c.due.isoformat(),
                    "met_on": c.met_on.isoformat() if c.met_on else None,
                    "provisional": c.provisional,
                    "explanation": c.explanation,
                }
                for c in self.clocks
            ],
            "deemed_accepted_on": self.deemed_accepted_on.isoformat() if self.deemed_accepted_on else None,
            "refused": [{"index": r.index, "event": r.event, "reason": r.reason} for r in self.refused],
            "warnings": self.warnings,
        }


class _Refuse(Exception):
    pass


@dataclass
class _State:
    procedure: str
    status: str = "none"
    received_on: dt.date | None = None
    exam_start: dt.date | None = None
    exam_prefix: str = ""
    exam_met: dt.date | None = None
    supplement_requested_on: dt.date | None = None
    supplement_start: dt.date | None = None
    supplement_provisional: bool = True
    supplement_extra: int = 0
    supplement_reason: str = ""
    supplement_met: dt.date | None = None
    accepted_on: dt.date | None = None
    deemed_on: dt.date | None = None
    copy_sent_on: dt.date | None = None
    answer_start: dt.date | None = None
    answer_provisional: bool = True
    answer_met: dt.date | None = None
    converted_on: dt.date | None = None
    extension_days: int = 0
    extension_on: dt.date | None = None
    suspensions: list[list] = field(default_factory=list)  # [suspended_on, resumed_on, ground]
    hearing: Event | None = None
    ended_on: dt.date | None = None
    last_on: dt.date | None = None

    def exam(self) -> calendar.Deadline:
        return periods.ACCEPTANCE_EXAMINATION.from_(self.exam_start)

    def supplement(self) -> calendar.Deadline:
        p = periods.SUPPLEMENT_PERIOD
        return calendar.compute(self.supplement_start, p.amount + self.supplement_extra, p.unit, rule=p.rule)

    def simplified(self) -> bool:
        return self.procedure == "simplified"

    def decision_period(self) -> periods.Period:
        return periods.DECISION_SIMPLIFIED if self.simplified() else periods.DECISION_ORDINARY

    def suspended_days(self) -> int:
        return sum((r - s).days for s, r, _ in self.suspensions if r)

    def decision(self) -> calendar.Deadline:
        period = self.decision_period()
        amount = period.amount + self.extension_days + self.suspended_days()
        return calendar.add_calendar_days(self.accepted_on, amount, rule=period.rule)


def _date(value: dt.date) -> str:
    return f"{value:%Y年%m月%d日}"


def _deem(st: _State) -> None:
    due = st.exam().due
    st.accepted_on = st.deemed_on = st.exam_met = due
    st.status = "accepted"


def _apply(st: _State, e: Event) -> None:  # noqa: C901 - one branch per event of the law
    kind, on = e.event, e.on
    if kind == "received":
        if st.status != "none":
            raise _Refuse("收到申请只能登记一次，且是第一个事项。")
        st.status, st.received_on, st.exam_start = "received", on, on
        return
    if st.status == "none":
        raise _Refuse("第一个事项应为收到申请（received）。")
    if st.status == "ended":
        raise _Refuse(f"案件已于{_date(st.ended_on)}办结，不能再登记事项。")
    if st.status == "received" and kind not in ("accepted", "refused", "supplement_requested", "withdrawn"):
        if on > st.exam().due:
            _deem(st)  # 第三十条第三款: the examination period ran out without a refusal
    if kind == "supplement_requested":
        exam_due = st.exam().due
        if st.status != "received":
            raise _Refuse("只有收到申请、尚未受理的案件可以通知补正。")
        if on > exam_due:
            raise _Refuse(f"补正通知应在受理审查期限（{_date(exam_due)}）内发出（行政复议法第三十一条）。")
        st.status, st.supplement_requested_on, st.exam_met = "supplementing", on, on
        st.supplement_start, st.supplement_provisional = on, True
        return
    if kind == "supplement_served":
        if st.status != "supplementing":
            raise _Refuse("只有补正中的案件可以登记补正通知送达。")
        if on < st.supplement_requested_on:
            raise _Refuse("补正通知送达日期不能早于补正通知日期。")
        st.supplement_start, st.supplement_provisional = on, e.provisional
        return
    if kind == "supplement_received":
        if st.status != "supplementing":
            raise _Refuse("只有补正中的案件可以登记收到补正材料。")
        st.supplement_met = e.posted_on or on
        st.status, st.exam_start, st.exam_met = "received", on, None
        st.exam_prefix = "收到补正材料后重新起算："
        return
    if kind == "accepted":
        if st.status != "received":
            raise _Refuse("只有收到申请、尚未决定是否受理的案件可以受理。")
        due = st.exam().due
        if on > due:
            _deem(st)
            return
        st.status, st.accepted_on, st.exam_met = "accepted", on, on
        return
    if kind == "refused":
        if st.status != "received":
            raise _Refuse("只有收到申请、尚未受理的案件可以不予受理。")
        due = st.exam().due
        if on > due:
            raise _Refuse(
                f"受理审查期限已于{_date(due)}届满，依行政复议法第三十条视为受理，不能再作出不予受理决定。"
            )
        st.exam_met, st.status, st.ended_on = on, "ended", on
        return
    if kind == "withdrawn":
        if e.deemed:
            if st.status != "supplementing":
                raise _Refuse("只有补正中的申请可以视为放弃（行政复议法第三十一条）。")
            due = st.supplement().due
            if on <= due:
                raise _Refuse(
                    f"补正期限至{_date(due)}届满，届满前不能视为申请人放弃行政复议申请（第三十一条）。"
                )
        st.status, st.ended_on = "ended", on
        return
    if st.status not in REVIEW:
        raise _Refuse("案件尚未受理，不能登记该事项。")
    if kind == "copy_sent":
        if st.copy_sent_on:
            raise _Refuse("申请书副本已经发送。")
        st.copy_sent_on, st.answer_start, st.answer_provisional = on, on, True
        if st.status == "accepted":
            st.status = "reviewing"
        return
    if kind == "copy_served":
        if not st.copy_sent_on:
            raise _Refuse("尚未发送申请书副本，不能登记送达。")
        st.answer_start, st.answer_provisional = on, e.provisional
        return
    if kind == "answer_received":
        if not st.copy_sent_on:
            raise _Refuse("尚未发送申请书副本，不能登记被申请人答复。")
        st.answer_met = e.posted_on or on
        return
    if kind == "hearing_notified":
        st.hearing = e
        return
    due = st.decision().due
    if kind == "converted":
        if not st.simplified():
            raise _Refuse("该案件不是简易程序，无需转换。")
        if st.status != "suspended" and on > due:
            raise _Refuse(
                f"审理期限已于{_date(due)}届满，不能再转为普通程序（行政复议法第五十五条、第六十二条）。"
            )
        st.procedure, st.converted_on = "ordinary", on
        return
    if kind == "suspended":
        if st.status == "suspended":
            raise _Refuse("案件已经中止审理。")
        if e.ground not in GROUNDS:
            raise _Refuse(BAD_GROUND)
        if on > due:
            raise _Refuse(
                f"审理期限已于{_date(due)}届满，不能再中止审理（行政复议法第三十九条、第六十二条）。"
            )
        st.suspensions.append([on, None, e.ground])
        st.status = "suspended"
        return
    if kind == "resumed":
        if st.status != "suspended":
            raise _Refuse("案件未中止审理，不能恢复。")
        st.suspensions[-1][1] = on
        st.status = "reviewing" if st.copy_sent_on else "accepted"
        return
    if kind == "extended":
        if st.status == "suspended":
            raise _Refuse("中止审理期间审理期限停止计算，不能延期。")
        if st.extension_days:
            raise _Refuse("审理期限只能延长一次（行政复议法第六十二条）。")
        if not e.days or not 0 < e.days <= 30:
            raise _Refuse("延长审理期限应为1至30日：延长期限最多不得超过三十日（行政复议法第六十二条）。")
        if on > due:
            raise _Refuse(f"审理期限已于{_date(due)}届满，不能再批准延期。")
        st.extension_days, st.extension_on = e.days, on
        return
    if kind in ("decided", "mediated", "terminated"):
        if kind != "terminated" and st.status == "suspended":
            raise _Refuse("中止审理期间不能作出决定或调解结案，应先恢复审理。")
        st.status, st.ended_on = "ended", on
        return
    raise _Refuse(f"未知的事项：{kind}")


def _extend_supplement(st: _State, e: Event) -> None:
    """补正期限延长（第三十一条第二款：有正当理由不能按期补正的，可以延长合理的补正期限）。"""
    if not e.reason.strip():
        raise _Refuse("延长补正期限须写明申请人不能按期补正的正当理由（行政复议法第三十一条）。")
    if not e.days or e.days < 1:
        raise _Refuse("请填写延长补正期限的天数（至少1个工作日）。")
    due = st.supplement().due
    if e.on > due:
        raise _Refuse(f"补正期限已于{_date(due)}届满，不能再延长。")
    st.supplement_extra += e.days
    st.supplement_reason = e.reason.strip()


def run(procedure: str, events: list[Event], *, today: dt.date | None = None) -> Timeline:
    """Run the events in the order given; refused events change nothing. With `today`, an event dated after today
    is refused, and an application whose examination period ended before today with no decision is deemed
    accepted (第三十条第三款)."""
    st = _State(procedure=procedure)
    timeline = Timeline(procedure=procedure)
    for index, e in enumerate(events):
        try:
            if today is not None and e.on > today:
                raise _Refuse(f"{_date(e.on)}晚于今天，尚未发生的事项不能登记。")
            if st.last_on and e.on < st.last_on:
                raise _Refuse(f"事项日期{_date(e.on)}早于前一事项（{_date(st.last_on)}），请按发生先后排列。")
            if e.event == "extended" and st.status == "supplementing":
                _extend_supplement(st, e)
            else:
                _apply(st, e)
            st.last_on = e.on
        except _Refuse as refusal:
            timeline.refused.append(Refusal(index, e.event, str(refusal)))
    if today is not None and st.status == "received" and st.exam_start and today > st.exam().due:
        _deem(st)
    timeline.procedure = st.procedure
    timeline.accepted_on, timeline.deemed_accepted_on = st.accepted_on, st.deemed_on
    timeline.clocks = _clocks(st)
    timeline.warnings = _warnings(st, today)
    return timeline


def _clock(kind, period, start, met_on, prefix="", provisional_note="") -> periods.Clock:
    deadline = period.from_(start)
    text = prefix + deadline.explain() + provisional_note
    return periods.Clock(
        kind, start, deadline.due, period.rule, text, deadline.provisional or bool(provisional_note), met_on
    )


NOT_SERVED = "【暂定】送达日期尚未登记（或未知），暂按发出日期起算，登记送达日期后重新计算。"


def _clocks(st: _State) -> list[periods.Clock]:
    if st.exam_start is None:
        return []
    ended = st.ended_on
    out = []
    exam = _clock(
        periods.EXAMINATION,
        periods.ACCEPTANCE_EXAMINATION,
        st.exam_start,
        st.exam_met or ended,
        st.exam_prefix,
    )
    if st.deemed_on:
        exam.explanation += (
            f"审查期限届满未作出不予受理决定，依{LAW}第三十条第三款自{_date(st.deemed_on)}起视为受理。"
        )
    out.append(exam)
    if st.supplement_requested_on:
        s = st.supplement()
        text = f"自收到补正通知之日起算（{LAW}第三十一条）。" + s.explain()
        if st.supplement_extra:
            text += (
                f"因{st.supplement_reason}，延长补正期限{st.supplement_extra}个工作日（第三十一条第二款）。"
            )
        if st.supplement_provisional:
            text += NOT_SERVED
        rule = periods.SUPPLEMENT_PERIOD.rule
        met = st.supplement_met or ended
        out.append(
            periods.Clock(
                periods.SUPPLEMENT,
                st.supplement_start,
                s.due,
                rule,
                text,
                s.provisional or st.supplement_provisional,
                met,
            )
        )
    if st.accepted_on:
        copy = periods.COPY_SIMPLIFIED if st.simplified() else periods.COPY_ORDINARY
        answer = periods.ANSWER_SIMPLIFIED if st.simplified() else periods.ANSWER_ORDINARY
        out.append(_clock(periods.COPY, copy, st.accepted_on, st.copy_sent_on or ended))
        if st.copy_sent_on:
            note = NOT_SERVED if st.answer_provisional else ""
            prefix = f"自被申请人收到申请书副本之日起算（{LAW}第四十八条）。"
            out.append(_clock(periods.ANSWER, answer, st.answer_start, st.answer_met or ended, prefix, note))
        out.append(_decision_clock(st))
    if st.hearing is not None:
        h = st.hearing
        deadline = periods.HEARING_NOTICE_PERIOD.from_(h.on)
        text = f"听证应于通知五个工作日后举行，最早可于{_date(deadline.due)}举行。" + deadline.explain()
        rule = periods.HEARING_NOTICE_PERIOD.rule
        out.append(
            periods.Clock(
                periods.HEARING_NOTICE, h.on, deadline.due, rule, text, deadline.provisional, h.held_on
            )
        )
    return out


def _decision_clock(st: _State) -> periods.Clock:
    period = st.decision_period()
    deadline = st.decision()
    finished = [(s, r) for s, r, _ in st.suspensions if r]
    parts = [f"{'简易程序' if st.simplified() else '普通程序'}审理期限{period.amount}日"]
    if st.deemed_on:
        parts.insert(0, f"自审查期限届满之日（{_date(st.deemed_on)}）起视为受理（{LAW}第三十条第三款）；")
    if st.converted_on:
        parts.append(f"（{_date(st.converted_on)}由简易程序转为普通程序，按普通程序计算）")
    if st.extension_days:
        parts.append(f"，于{_date(st.extension_on)}批准延期{st.extension_days}日（{LAW}第六十二条）")
    if finished:
        spans = "、".join(f"{_date(s)}至{_date(r)}" for s, r in finished)
        parts.append(f"，中止期间{st.suspended_days()}日不计入（{spans}；{LAW}第三十九条）")
    amount = period.amount + st.extension_days + st.suspended_days()
    text = "".join(parts) + f"，合计{amount}日。" + deadline.explain()
    running = [s for s, r, _ in st.suspensions if not r]
    if running:
        text += f"【计时停止】自{_date(running[0])}起中止审理，恢复审理后按中止天数顺延。"
    return periods.Clock(
        periods.DECISION, st.accepted_on, deadline.due, deadline.rule, text, deadline.provisional, st.ended_on
    )


def _warnings(st: _State, today: dt.date | None) -> list[str]:
    out = []
    if st.status == "suspended":
        suspended_on, _, ground = st.suspensions[-1]
        warn_on = termination_warning_on(ground, suspended_on)
        if warn_on and (today is None or today >= warn_on):
            out.append(termination_text(ground, suspended_on, warn_on))
    return out


KIND_NAMES = {
    periods.EXAMINATION: "受理审查期限",
    periods.SUPPLEMENT: "申请人补正期限",
    periods.COPY: "发送申请书副本期限",
    periods.ANSWER: "被申请人答复期限",
    periods.DECISION: "作出复议决定期限",
    periods.HEARING_NOTICE: "听证通知期限",
}


def as_text(timeline: Timeline) -> list[str]:
    """The calculator's answer as lines of Chinese text (the page and the command print these)."""
    lines = []
    for c in timeline.clocks:
        state = f"，已于{_date(c.met_on)}完成" if c.met_on else ""
        mark = "（暂定）" if c.provisional else ""
        lines.append(
            f"{KIND_NAMES[c.kind]}：{_date(c.start)}起算，{_date(c.due)}届满{mark}{state}。{c.explanation}"
        )
    if timeline.deemed_accepted_on:
        lines.append(f"视为受理：自{_date(timeline.deemed_accepted_on)}起（第三十条第三款）。")
    for r in timeline.refused:
        lines.append(f"不予登记：第{r.index + 1}个事项（{r.event}）：{r.reason}")
    lines.extend(f"提醒：{w}" for w in timeline.warnings)
    return lines
