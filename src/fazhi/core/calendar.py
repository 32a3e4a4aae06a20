"""Statutory periods over the Chinese working-day calendar.

Rules (domain/statutes.md): the day a period starts from is not counted (民事诉讼法第八十五条); a calendar-day
period whose last day is a rest day ends on the next working day; working-day periods skip weekends and legal
holidays and count make-up working days (调休). Holiday data comes from the `chinese-calendar` package, overridden
and extended by CalendarDay rows an administrator enters; a year with neither is computed from weekends only and
the deadline says it is provisional.
"""

from __future__ import annotations

import calendar as _stdcal
import contextlib
import contextvars
import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import chinese_calendar

from . import config
from .models import CalendarDay, CalendarYear

CALENDAR = "calendar"
WORKING = "working"
MONTHS = "months"
UNIT_NAMES = {CALENDAR: "日", WORKING: "个工作日", MONTHS: "个月"}
STATUTORY_TZ = ZoneInfo("Asia/Shanghai")
_MAX_DAYS = 100 * 366  # no statutory period runs a century; past this dates overflow or the loop crawls
_TOO_LONG = "期间过长，超出可计算的范围（不超过一百年）。"

HOLIDAY_NAMES = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利70周年纪念日",
}


def package_years() -> set[int]:
    return {d.year for d in chinese_calendar.holidays}


_PACKAGE_YEARS = package_years()


@dataclass(frozen=True)
class DayInfo:
    date: dt.date
    working: bool
    known: bool  # the year's official schedule is known (package or an administrator's entry)
    name: str = ""  # holiday or make-up day name
    regional: bool = False


class CalendarData:
    """The calendar for a span of years: the package, then national overrides, then the region's days off."""

    def __init__(self, years: set[int]):
        self.years = frozenset(years)
        region = config.get("calendar.region")
        self.regional_extends = bool(region) and config.get("calendar.regional_days_extend_periods")
        regions = [""] + ([region] if self.regional_extends else [])
        self.overrides: dict[tuple[dt.date, str], tuple[str, str]] = {
            (row.date, row.region): (row.kind, row.name)
            for row in CalendarDay.objects.filter(date__year__in=years, region__in=regions)
        }
        self.region = region
        self.entered_years = set(CalendarYear.objects.filter(region="").values_list("year", flat=True))

    def known(self, year: int) -> bool:
        return year in _PACKAGE_YEARS or year in self.entered_years

    def day(self, date: dt.date) -> DayInfo:
        known = self.known(date.year)
        national = self.overrides.get((date, ""))
        if national:
            working, name = national[0] == "work", national[1]
        elif date.year in _PACKAGE_YEARS:
            working = chinese_calendar.is_workday(date)
            on_holiday, holiday = chinese_calendar.get_holiday_detail(date)
            name = HOLIDAY_NAMES.get(holiday, holiday or "") if holiday else ""
            if working and date.weekday() >= 5:
                name = f"{name}调休上班" if name else "调休上班"
        else:
            working, name = date.weekday() < 5, ""
        if self.regional_extends and working:
            regional = self.overrides.get((date, self.region))
            if regional and regional[0] == "rest":
                return DayInfo(date, False, known, regional[1], regional=True)
        return DayInfo(date, working, known, name)


# The calendar of the current `reused()` block: one for every deadline computed in it (see reused).
_reused: contextvars.ContextVar[list | None] = contextvars.ContextVar("calendar_reused", default=None)


@contextlib.contextmanager
def reused():
    """Within this block, deadlines share one calendar (grown to the years they need) instead of building one each:
    a page computing the deadlines of many rows (the 工作台) reads the calendar-region setting and the holiday rows
    a few times, not once per row. Calendar entries made inside the block are not seen by it."""
    token = _reused.set([]) if _reused.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _reused.reset(token)


def _data(years: set[int]) -> CalendarData:
    held = _reused.get()
    if held is None:
        return CalendarData(years)
    if not held or not years <= held[0].years:
        # grown to the years asked so far and the year after them: the next deadline seldom needs another build
        wanted = set(years) | (held[0].years if held else set())
        held[:] = [CalendarData(wanted | {max(wanted) + 1})]
    return held[0]


def _years_for(start: dt.date, span_days: int) -> set[int]:
    return set(range(start.year, (start + dt.timedelta(days=span_days + 60)).year + 1))


def as_statutory_date(value: dt.date | dt.datetime) -> dt.date:
    """The date in Asia/Shanghai a period counts from; a datetime would miss the date-keyed overrides and, in UTC,
    fall on the day before for anything received before 08:00."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("起算时间须带时区（或直接给出日期）。")
        return value.astimezone(STATUTORY_TZ).date()
    return value


def is_working_day(date: dt.date) -> bool:
    date = as_statutory_date(date)
    return _data({date.year}).day(date).working


def day_info(date: dt.date) -> DayInfo:
    date = as_statutory_date(date)
    return _data({date.year}).day(date)


@dataclass
class Deadline:
    """A computed deadline that can explain itself: the start, the period, the rule, the days skipped."""

    start: dt.date
    amount: int
    unit: str
    due: dt.date
    rule: str = ""
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (date, why) of rest days passed over
    nominal_end: dt.date | None = None  # calendar/month periods: the last day before moving off a rest day
    provisional: bool = False
    provisional_reason: str = ""
    makeup_counted: list[tuple[str, str]] = field(
        default_factory=list
    )  # working periods: (date, name) of 调休 days

    def explain(self) -> str:
        parts = [f"自{self.start:%Y年%m月%d日}起算（当日不计入），期间{self.amount}{UNIT_NAMES[self.unit]}"]
        if self.rule:
            parts.insert(0, f"依据{self.rule}")
        if self.unit == WORKING and self.skipped:
            parts.append(f"跳过休息日{len(self.skipped)}天（{self._skipped_text()}）")
        if self.unit == WORKING and self.makeup_counted:
            dates = "、".join(f"{dt.date.fromisoformat(d):%Y年%m月%d日}" for d, _ in self.makeup_counted)
            parts.append(f"计入调休上班日{dates}")
        if self.unit == MONTHS and self.nominal_end and self.nominal_end.day < self.start.day:
            parts.append(f"届满月无对应日，以月末日{self.nominal_end:%Y年%m月%d日}为期间最后一日")
        if self.nominal_end and self.nominal_end != self.due:
            parts.append(
                f"期间届满日{self.nominal_end:%Y年%m月%d日}为休息日（{self._skipped_text()}），顺延至其后第一个工作日"
            )
        parts.append(f"截止日为{self.due:%Y年%m月%d日}")
        text = "；".join(parts) + "。"
        if self.provisional:
            text += f"【暂定】{self.provisional_reason}"
        return text

    def _skipped_text(self) -> str:
        names = []
        for _, why in self.skipped:
            if why not in names:
                names.append(why)
        return "、".join(names)

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "amount": self.amount,
            "unit": self.unit,
            "due": self.due.isoformat(),
            "rule": self.rule,
            "skipped": self.skipped,
            "nominal_end": self.nominal_end.isoformat() if self.nominal_end else None,
            "provisional": self.provisional,
            "provisional_reason": self.provisional_reason,
            "makeup_counted": self.makeup_counted,
            "explanation": self.explain(),
        }


def _rest_reason(info: DayInfo) -> str:
    if info.name:
        return info.name
    return "周末" if info.date.weekday() >= 5 else "休息日"


def _mark_provisional(deadline: Deadline, data: CalendarData, first: dt.date, last: dt.date) -> Deadline:
    missing = sorted({y for y in range(first.year, last.year + 1) if not data.known(y)})
    if missing:
        years = "、".join(f"{y}年" for y in missing)
        deadline.provisional = True
        deadline.provisional_reason = (
            f"{years}的节假日安排尚未公布或未录入，期限仅按周末推算，"
            f"请系统管理员在“节假日安排”中录入后重新计算。"
        )
    return deadline


def _move_off_rest_day(deadline: Deadline, data: CalendarData) -> Deadline:
    day = data.day(deadline.due)
    deadline.nominal_end = deadline.due
    while not day.working:
        deadline.skipped.append((day.date.isoformat(), _rest_reason(day)))
        day = data.day(day.date + dt.timedelta(days=1))
    deadline.due = day.date
    return deadline


def add_calendar_days(start: dt.date, days: int, *, rule: str = "") -> Deadline:
    """N calendar days after `start` (start not counted); a last day on a rest day moves to the next working day."""
    start = as_statutory_date(start)
    if days < 0:
        raise ValueError("期间天数不能为负数。")
    if days > _MAX_DAYS:
        raise ValueError(_TOO_LONG)
    data = _data(_years_for(start, days))
    deadline = Deadline(start, days, CALENDAR, start + dt.timedelta(days=days), rule)
    _move_off_rest_day(deadline, data)
    return _mark_provisional(deadline, data, start + dt.timedelta(days=1), deadline.due)


def add_working_days(start: dt.date, days: int, *, rule: str = "") -> Deadline:
    """The N-th working day after `start`: weekends and holidays skipped, make-up working days counted."""
    start = as_statutory_date(start)
    if days < 0:
        raise ValueError("期间天数不能为负数。")
    if days > _MAX_DAYS // 2:
        raise ValueError(_TOO_LONG)
    data = _data(_years_for(start, days * 2 + 30))
    current, counted, skipped, makeup = start, 0, [], []
    while counted < days:
        current += dt.timedelta(days=1)
        info = data.day(current)
        if info.working:
            counted += 1
            if current.weekday() >= 5:
                makeup.append((current.isoformat(), info.name or "调休上班"))
        else:
            skipped.append((current.isoformat(), _rest_reason(info)))
    deadline = Deadline(start, days, WORKING, current, rule, skipped, makeup_counted=makeup)
    return _mark_provisional(deadline, data, start + dt.timedelta(days=1), current)


def add_months_to_date(start: dt.date, months: int) -> dt.date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(start.day, _stdcal.monthrange(year, month)[1]))


def add_months(start: dt.date, months: int, *, rule: str = "") -> Deadline:
    """The same day N months later (the month's last day where it has none); then off a rest day as above."""
    start = as_statutory_date(start)
    if months < 0:
        raise ValueError("期间月数不能为负数。")
    if months > _MAX_DAYS // 31:
        raise ValueError(_TOO_LONG)
    try:
        end = add_months_to_date(start, months)
    except ValueError as exc:  # past 9999-12-31
        raise OverflowError(str(exc)) from exc
    data = _data(_years_for(start, (end - start).days))
    deadline = Deadline(start, months, MONTHS, end, rule)
    _move_off_rest_day(deadline, data)
    return _mark_provisional(deadline, data, start + dt.timedelta(days=1), deadline.due)


def compute(start: dt.date, amount: int, unit: str, *, rule: str = "") -> Deadline:
    functions = {CALENDAR: add_calendar_days, WORKING: add_working_days, MONTHS: add_months}
    if unit not in functions:
        raise ValueError(f"未知的期间单位：{unit}")
    return functions[unit](start, amount, rule=rule)


def missing_years(years: range) -> list[int]:
    data_years = CalendarData(set(years))
    return [y for y in years if not data_years.known(y)]
