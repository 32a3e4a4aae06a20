"""The statutory clocks of a reconsideration case, computed by core.calendar from the case's dates with the article
each comes from (rules.py), and stored on CaseClock rows with their explanation so a page can show how each was
computed. Suspension time is not counted; an approved extension is added once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.core import calendar

from . import rules
from .models import CaseClock, Hearing, ReconsiderationCase

K = CaseClock.Kind


@dataclass
class Clock:
    kind: str
    start: dt.date
    due: dt.date
    rule: str
    explanation: str
    provisional: bool = False
    met_on: dt.date | None = None


def _clock(kind: str, period: rules.Period, start: dt.date, met_on, prefix: str = "") -> Clock:
    deadline = period.from_(start)
    return Clock(
        kind, start, deadline.due, period.rule, prefix + deadline.explain(), deadline.provisional, met_on
    )


def decision_deadline(case: ReconsiderationCase, on: dt.date | None = None) -> tuple[calendar.Deadline, str]:
    """The decision deadline: 60 days (simplified 30) from acceptance, plus the approved extension, plus the days
    of finished suspensions (第三十九条: the clock stops while suspended). Returns the deadline and the words."""
    simplified = case.procedure == case.Procedure.SIMPLIFIED
    period = rules.DECISION_SIMPLIFIED if simplified else rules.DECISION_ORDINARY
    suspensions = list(case.suspensions.all()) if case.pk else []
    finished = [s for s in suspensions if s.resumed_on]
    suspended_days = sum(s.days for s in finished)
    amount = period.amount + case.extension_days + suspended_days
    deadline = calendar.add_calendar_days(case.accepted_on, amount, rule=period.rule)
    parts = [f"{case.get_procedure_display()}审理期限{period.amount}日"]
    if case.converted_on:
        parts.append(f"（{case.converted_on:%Y年%m月%d日}由简易程序转为普通程序，按普通程序计算）")
    if case.extension_days:
        parts.append(
            f"，经{case.extension_approved_by}于{case.extension_approved_on:%Y年%m月%d日}批准延期"
            f"{case.extension_days}日（{rules.LAW}第六十二条）"
        )
    if finished:
        spans = "、".join(f"{s.suspended_on:%Y年%m月%d日}至{s.resumed_on:%Y年%m月%d日}" for s in finished)
        parts.append(f"，中止期间{suspended_days}日不计入（{spans}；{rules.LAW}第三十九条）")
    running = [s for s in suspensions if not s.resumed_on]
    text = "".join(parts) + f"，合计{amount}日。" + deadline.explain()
    if running:
        text += f"【计时停止】自{running[0].suspended_on:%Y年%m月%d日}起中止审理，恢复审理后按中止天数顺延。"
    return deadline, text


def compute(case: ReconsiderationCase) -> list[Clock]:
    """Every clock that applies to the case as it now stands."""
    S = case.Status
    clocks: list[Clock] = []
    ended = case.concluded_on
    start = case.supplement_received_on or case.received_on
    met = case.accepted_on or case.refused_on or ended
    if case.status == S.SUPPLEMENTING:
        met = case.supplement_requested_on
    prefix = "收到补正材料后重新起算：" if case.supplement_received_on else ""
    clocks.append(_clock(K.EXAMINATION, rules.ACCEPTANCE_EXAMINATION, start, met, prefix))
    if case.supplement_requested_on:
        clocks.append(
            _clock(
                K.SUPPLEMENT,
                rules.SUPPLEMENT_PERIOD,
                case.supplement_requested_on,
                case.supplement_received_on or ended,
            )
        )
    if case.accepted_on:
        simplified = case.procedure == case.Procedure.SIMPLIFIED
        copy = rules.COPY_SIMPLIFIED if simplified else rules.COPY_ORDINARY
        answer = rules.ANSWER_SIMPLIFIED if simplified else rules.ANSWER_ORDINARY
        clocks.append(_clock(K.COPY, copy, case.accepted_on, case.copy_sent_on or ended))
        if case.copy_sent_on:
            clocks.append(_clock(K.ANSWER, answer, case.copy_sent_on, case.answer_received_on or ended))
        deadline, text = decision_deadline(case)
        clocks.append(
            Clock(
                K.DECISION, case.accepted_on, deadline.due, deadline.rule, text, deadline.provisional, ended
            )
        )
    hearing = case.hearings.order_by("-scheduled_on", "-pk").first() if case.pk else None
    if hearing is not None:
        clocks.append(hearing_notice_clock(hearing))
    return clocks


def hearing_notice_clock(hearing: Hearing) -> Clock:
    """The earliest lawful hearing date: five working days after the notice (第五十一条)."""
    deadline = rules.HEARING_NOTICE.from_(hearing.notified_on)
    text = f"听证应于通知五个工作日后举行，最早可于{deadline.due:%Y年%m月%d日}举行。" + deadline.explain()
    return Clock(
        K.HEARING_NOTICE,
        hearing.notified_on,
        deadline.due,
        rules.HEARING_NOTICE.rule,
        text,
        deadline.provisional,
        hearing.held_on,
    )


def refresh(case: ReconsiderationCase) -> list[CaseClock]:
    """Recompute and store the case's clocks; clocks that no longer apply are removed."""
    computed = compute(case)
    kinds = [c.kind for c in computed]
    CaseClock.objects.filter(case=case).exclude(kind__in=kinds).delete()
    rows = []
    for c in computed:
        row, _ = CaseClock.objects.update_or_create(
            case=case,
            kind=c.kind,
            defaults={
                "start": c.start,
                "due_on": c.due,
                "rule": c.rule[:200],
                "explanation": c.explanation,
                "provisional": c.provisional,
                "met_on": c.met_on,
            },
        )
        rows.append(row)
    return rows


def stopped(case: ReconsiderationCase, clock: CaseClock) -> bool:
    """The decision clock does not run while the case is suspended."""
    return clock.kind == K.DECISION and case.status == case.Status.SUSPENDED
