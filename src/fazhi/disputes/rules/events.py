"""事项：期限计算器的输入。Reads the calculator's JSON input (`{"procedure", "events": [...]}`) and turns a stored case
into the same list of events, so the case pages and the calculator run one implementation (rules/timeline.py).

《中华人民共和国行政复议法》第八十八条第一款：“行政复议期间的计算和行政复议文书的送达，本法没有规定的，依照《中华人民
共和国民事诉讼法》关于期间、送达的规定执行。”"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from .timeline import EVENTS, Event, Timeline, run

PROCEDURES = ("ordinary", "simplified")


def _date(value, where: str) -> dt.date:
    if not isinstance(value, str):
        raise ValidationError(f"{where}：日期应写作 YYYY-MM-DD。")
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError(f"{where}：“{value}”不是有效日期（YYYY-MM-DD）。") from exc


def _int(value, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(f"{where}应为整数。")
    return value


def parse(data) -> tuple[str, list[Event]]:
    """The calculator's input: a dict with procedure ("ordinary"|"simplified") and events ([{event, on, ...}]).
    Bad input raises ValidationError with the place and what is wrong, in Chinese."""
    if not isinstance(data, dict):
        raise ValidationError('输入应为 JSON 对象：{"procedure": ..., "events": [...]}。')
    procedure = data.get("procedure", "ordinary")
    if procedure not in PROCEDURES:
        raise ValidationError("procedure 应为 ordinary（普通程序）或 simplified（简易程序）。")
    items = data.get("events")
    if not isinstance(items, list) or not items:
        raise ValidationError("events 应为非空的事项列表。")
    events = []
    for i, item in enumerate(items):
        where = f"第{i + 1}个事项"
        if not isinstance(item, dict):
            raise ValidationError(f'{where}应为对象：{{"event": ..., "on": "YYYY-MM-DD"}}。')
        name = item.get("event")
        if name not in EVENTS:
            raise ValidationError(f"{where}：未知的事项“{name}”，应为 {'、'.join(EVENTS)} 之一。")
        events.append(
            Event(
                event=name,
                on=_date(item.get("on"), where),
                ground=_int(item.get("ground"), f"{where}的 ground"),
                days=_int(item.get("days"), f"{where}的 days"),
                reason=str(item.get("reason") or ""),
                posted_on=_date(item["posted_on"], where) if item.get("posted_on") else None,
                held_on=_date(item["held_on"], where) if item.get("held_on") else None,
                deemed=bool(item.get("deemed", False)),
                provisional=bool(item.get("provisional", False)),
            )
        )
    return procedure, events


def of_case(case) -> tuple[str, list[Event]]:
    """The events a stored case records, in the order they happened (same day: in the order of the workflow)."""
    procedure = "simplified" if case.converted_on else case.procedure
    seq: list[Event] = [Event("received", case.received_on)]
    if case.supplement_requested_on:
        seq.append(Event("supplement_requested", case.supplement_requested_on))
        if case.supplement_served_on:
            seq.append(
                Event(
                    "supplement_served",
                    case.supplement_served_on,
                    provisional=case.supplement_served_provisional,
                )
            )
        if case.supplement_extension_days:
            seq.append(
                Event(
                    "extended",
                    case.supplement_extended_on,
                    days=case.supplement_extension_days,
                    reason=case.supplement_extension_reason,
                )
            )
    if case.supplement_received_on:
        seq.append(Event("supplement_received", case.supplement_received_on))
    if case.accepted_on:
        seq.append(Event("accepted", case.accepted_on))
    if case.refused_on:
        seq.append(Event("refused", case.refused_on))
    if case.copy_sent_on:
        seq.append(Event("copy_sent", case.copy_sent_on))
        if case.copy_served_on:
            seq.append(Event("copy_served", case.copy_served_on, provisional=case.copy_served_provisional))
    if case.answer_received_on:
        seq.append(Event("answer_received", case.answer_received_on))
    if case.converted_on:
        seq.append(Event("converted", case.converted_on))
    if case.pk:
        for s in case.suspensions.order_by("suspended_on", "pk"):
            seq.append(Event("suspended", s.suspended_on, ground=s.ground))
            if s.resumed_on:
                seq.append(Event("resumed", s.resumed_on))
    if case.extension_days and case.extension_approved_on:
        seq.append(Event("extended", case.extension_approved_on, days=case.extension_days))
    if case.pk:
        for h in case.hearings.order_by("notified_on", "pk"):
            seq.append(Event("hearing_notified", h.notified_on, held_on=h.held_on))
    ending = {
        "withdrawal": "withdrawn",
        "mediation": "mediated",
        "settlement": "terminated",
        "termination": "terminated",
    }
    if case.concluded_on and case.outcome and case.outcome != "refused":
        seq.append(Event(ending.get(case.outcome, "decided"), case.concluded_on))
    seq.sort(key=lambda e: e.on)  # stable: same-day events keep the workflow order above
    return procedure, seq


def as_input(procedure: str, events: list[Event]) -> dict:
    """The calculator's JSON input for these events (what `parse` reads back)."""
    out = []
    for e in events:
        item: dict = {"event": e.event, "on": e.on.isoformat()}
        for name in ("ground", "days"):
            if getattr(e, name) is not None:
                item[name] = getattr(e, name)
        if e.reason:
            item["reason"] = e.reason
        for name in ("posted_on", "held_on"):
            if getattr(e, name):
                item[name] = getattr(e, name).isoformat()
        for name in ("deemed", "provisional"):
            if getattr(e, name):
                item[name] = True
        out.append(item)
    return {"procedure": procedure, "events": out}


def case_timeline(case, *, today: dt.date | None = None) -> Timeline:
    """The case's timeline: its recorded events run by rules/timeline.py."""
    procedure, events = of_case(case)
    return run(procedure, events, today=today)


def refusal_of(case, extra: Event) -> str:
    """Why the law refuses `extra` on this case ("" if it does not): the case's events with `extra` put in its
    place by date (after the events of the same day) are run, and the refusal of `extra`, if any, is returned."""
    procedure, events = of_case(case)
    events.append(extra)
    events.sort(key=lambda e: e.on)  # stable: same-day events keep the workflow order, extra last
    index = next(i for i, e in enumerate(events) if e is extra)
    timeline = run(procedure, events)
    return next((r.reason for r in timeline.refused if r.index == index), "")
