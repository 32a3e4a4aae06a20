"""Statutory periods over the Chinese working-day calendar (民事诉讼法第八十五条, 行政复议法第八十八条), pinned on the
real 2024–2026 schedules, with the administrator's overrides, the 2027 gap and the regional layer."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fazhi.core import calendar
from fazhi.core.models import CalendarDay, CalendarYear, Setting

pytestmark = pytest.mark.django_db

D = dt.date


def _due(start: dt.date, amount: int, unit: str) -> dt.date:
    return calendar.compute(start, amount, unit).due


# --- The start day is not counted ---------------------------------------------------------------------------


def test_start_day_is_not_counted():
    # given Monday 2024-03-04, an ordinary week
    start = D(2024, 3, 4)
    # when a one-day period runs from it, by calendar days and by working days
    # then the period ends the next day, not on the start day itself
    assert _due(start, 1, calendar.CALENDAR) == D(2024, 3, 5)
    assert _due(start, 1, calendar.WORKING) == D(2024, 3, 5)


def test_calendar_day_period_ending_on_an_ordinary_weekend_ends_on_monday():
    # given Friday 2024-03-01
    # when a one-day period runs from it, its last day is Saturday
    deadline = calendar.add_calendar_days(D(2024, 3, 1), 1)
    # then it ends on the first working day after, Monday, and keeps the nominal end
    assert deadline.due == D(2024, 3, 4)
    assert deadline.nominal_end == D(2024, 3, 2)
    assert deadline.skipped == [("2024-03-02", "周末"), ("2024-03-03", "周末")]


def test_negative_periods_are_refused():
    # given / when a negative period / then ValueError with a Chinese reason
    with pytest.raises(ValueError, match="不能为负数"):
        calendar.add_working_days(D(2024, 3, 4), -1)
    with pytest.raises(ValueError, match="不能为负数"):
        calendar.add_calendar_days(D(2024, 3, 4), -1)
    with pytest.raises(ValueError, match="不能为负数"):
        calendar.add_months(D(2024, 3, 4), -1)


# --- Working-day periods: skip weekends and holidays, count 调休 days -----------------------------------------


def test_working_day_period_counts_the_make_up_sunday_before_national_day_2024():
    # given Friday 2024-09-27; 09-28 is an ordinary Saturday, 09-29 (Sun) a make-up working day, 10-01..07 国庆节
    # when five working days run from it
    deadline = calendar.add_working_days(D(2024, 9, 27), 5)
    # then 09-29, 09-30, 10-08, 10-09, 10-10 are counted
    assert deadline.due == D(2024, 10, 10)
    assert deadline.makeup_counted == [("2024-09-29", "国庆节调休上班")]
    assert [d for d, _ in deadline.skipped] == ["2024-09-28"] + [f"2024-10-0{i}" for i in range(1, 8)]


def test_working_day_period_counts_the_make_up_saturday_after_national_day_2024():
    # given Thursday 2024-10-10; 2024-10-12 (Sat) is a make-up working day
    # when two working days run from it
    # then Friday 10-11 and Saturday 10-12 are counted
    assert _due(D(2024, 10, 10), 2, calendar.WORKING) == D(2024, 10, 12)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # 2025 春节: 01-28..02-04 off, 01-26 (Sun) and 02-08 (Sat) worked
        (D(2025, 1, 24), 1, D(2025, 1, 26)),
        (D(2025, 1, 24), 5, D(2025, 2, 7)),
        (D(2025, 1, 27), 1, D(2025, 2, 5)),
        (D(2025, 2, 7), 1, D(2025, 2, 8)),
        # 2025 国庆节 and 中秋节: 10-01..08 off, 09-28 (Sun) and 10-11 (Sat) worked
        (D(2025, 9, 26), 1, D(2025, 9, 28)),
        (D(2025, 9, 30), 1, D(2025, 10, 9)),
        (D(2025, 10, 10), 1, D(2025, 10, 11)),
        # 2026 元旦: 01-01..03 off, 01-04 (Sun) worked
        (D(2025, 12, 31), 1, D(2026, 1, 4)),
        # 2026 春节: 02-15..23 off, 02-14 (Sat) and 02-28 (Sat) worked
        (D(2026, 2, 13), 1, D(2026, 2, 14)),
        (D(2026, 2, 13), 2, D(2026, 2, 24)),
        (D(2026, 2, 27), 1, D(2026, 2, 28)),
        # 2026 国庆节: 10-01..07 off, 09-20 (Sun) and 10-10 (Sat) worked
        (D(2026, 9, 18), 1, D(2026, 9, 20)),
        (D(2026, 9, 30), 1, D(2026, 10, 8)),
        (D(2026, 10, 9), 1, D(2026, 10, 10)),
    ],
)
def test_working_day_period_follows_the_official_2025_and_2026_schedules(start, days, due):
    # given a start next to a Spring Festival, National Day or New Year of the official schedule
    # when the working-day period runs
    # then it skips the holiday and counts the make-up working day
    assert _due(start, days, calendar.WORKING) == due


def test_working_day_period_skips_holidays_by_name():
    # given Monday 2025-01-27, the day before the 2025 Spring Festival
    # when one working day runs from it
    deadline = calendar.add_working_days(D(2025, 1, 27), 1)
    # then the eight days of 春节 are skipped by name
    assert deadline.skipped == [(f"2025-{d:%m-%d}", "春节") for d in _days(D(2025, 1, 28), D(2025, 2, 4))]


def test_zero_working_days_is_the_start_day():
    # given / when a period of no working days / then it ends on the start day
    assert _due(D(2024, 3, 4), 0, calendar.WORKING) == D(2024, 3, 4)


# --- Calendar-day periods: a last day on a rest day moves, a make-up working day does not ------------------------


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (D(2024, 9, 23), 10, D(2024, 10, 8)),  # 10-03, inside 2024 国庆节
        (D(2025, 1, 20), 10, D(2025, 2, 5)),  # 01-30, inside 2025 春节
        (D(2025, 9, 25), 10, D(2025, 10, 9)),  # 10-05, inside 2025 国庆节
        (D(2026, 2, 6), 10, D(2026, 2, 24)),  # 02-16, inside 2026 春节
        (D(2026, 9, 21), 15, D(2026, 10, 8)),  # 10-06, inside 2026 国庆节
    ],
)
def test_calendar_day_period_ending_inside_a_holiday_ends_on_the_first_working_day_after_it(start, days, due):
    # given a period whose last day falls inside Spring Festival or National Day
    # when it is computed
    deadline = calendar.add_calendar_days(start, days)
    # then it ends on the first working day after the holiday
    assert deadline.nominal_end == start + dt.timedelta(days=days)
    assert deadline.due == due


def test_calendar_day_period_moved_off_spring_festival_2024_can_end_on_a_make_up_sunday():
    # given 2024-02-01; ten days later is 02-11, inside 春节 (02-10..17), and 02-18 (Sun) is worked
    # when the ten-day period is computed
    # then it ends on Sunday 02-18, not on Monday 02-19
    assert _due(D(2024, 2, 1), 10, calendar.CALENDAR) == D(2024, 2, 18)


@pytest.mark.parametrize(
    "start",
    [
        D(2024, 9, 19),  # -> 2024-09-29 (Sun)
        D(2024, 10, 2),  # -> 2024-10-12 (Sat)
        D(2025, 1, 16),  # -> 2025-01-26 (Sun)
        D(2025, 1, 29),  # -> 2025-02-08 (Sat)
        D(2025, 9, 18),  # -> 2025-09-28 (Sun)
        D(2025, 10, 1),  # -> 2025-10-11 (Sat)
        D(2026, 2, 4),  # -> 2026-02-14 (Sat)
        D(2026, 9, 10),  # -> 2026-09-20 (Sun)
    ],
)
def test_calendar_day_period_ending_on_a_make_up_working_day_does_not_move(start):
    # given a ten-day period whose last day is a weekend day the State Council made a working day
    # when it is computed
    deadline = calendar.add_calendar_days(start, 10)
    # then it ends on that weekend day
    assert deadline.due == start + dt.timedelta(days=10)
    assert deadline.due.weekday() >= 5
    assert deadline.skipped == []


def test_zero_calendar_days_on_a_holiday_still_moves_to_the_next_working_day():
    # given National Day 2024-10-05 / when a period of no days runs from it / then it ends on 10-08
    assert _due(D(2024, 10, 5), 0, calendar.CALENDAR) == D(2024, 10, 8)


# --- Month periods: the same day N months later, clamped to month end, then off a rest day -----------------------


@pytest.mark.parametrize(
    ("start", "months", "due"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year: clamped to 02-29 (Thu)
        (D(2023, 12, 31), 2, D(2024, 2, 29)),  # across a year
        (D(2025, 1, 31), 1, D(2025, 2, 28)),  # common year: 02-28 (Fri)
        (D(2024, 3, 31), 1, D(2024, 4, 30)),  # 30-day month
        (D(2024, 3, 15), 12, D(2025, 3, 17)),  # 2025-03-15 is a Saturday
    ],
)
def test_month_period_ends_on_the_same_day_clamped_to_month_end(start, months, due):
    # given a start day / when N months run / then the same day N months later, the month's last day where it has none
    assert _due(start, months, calendar.MONTHS) == due


def test_month_period_clamped_to_a_sunday_moves_to_monday():
    # given 2025-10-31 / when one month runs, November has no 31st and its 30th is a Sunday
    deadline = calendar.add_months(D(2025, 10, 31), 1)
    # then the last day is 11-30, moved to Monday 12-01
    assert deadline.nominal_end == D(2025, 11, 30)
    assert deadline.due == D(2025, 12, 1)


def test_month_period_clamped_to_a_make_up_saturday_does_not_move():
    # given 2026-01-31 / when one month runs, it is clamped to 2026-02-28, a Saturday worked after 春节
    # then it ends there
    assert _due(D(2026, 1, 31), 1, calendar.MONTHS) == D(2026, 2, 28)


def test_month_period_ending_on_a_holiday_moves_past_it():
    # given 2024-09-01 / when one month runs, 10-01 is 国庆节 / then it ends on 10-08
    assert _due(D(2024, 9, 1), 1, calendar.MONTHS) == D(2024, 10, 8)
    # and 2026-01-16 + 1 month is 02-16, inside 2026 春节, so 02-24
    assert _due(D(2026, 1, 16), 1, calendar.MONTHS) == D(2026, 2, 24)


# --- Received times: the date in Asia/Shanghai -------------------------------------------------------------------


def test_aware_datetime_counts_from_its_date_in_shanghai():
    # given an application received at 01:00 on 2024-09-27 in Beijing, i.e. 17:00 UTC on 09-26 (regression: it was
    # counted from the UTC date, one working day early, and missed the date-keyed overrides)
    received = dt.datetime(2024, 9, 26, 17, 0, tzinfo=dt.UTC)
    # when five working days run from it
    deadline = calendar.add_working_days(received, 5)
    # then it counts from 2024-09-27 and ends on 2024-10-10, a date
    assert deadline.start == D(2024, 9, 27)
    assert deadline.due == D(2024, 10, 10)
    assert type(deadline.due) is dt.date


def test_naive_datetime_is_refused():
    # given a datetime without time zone / when a period runs from it / then ValueError, rather than a guess
    with pytest.raises(ValueError, match="时区"):
        calendar.add_calendar_days(dt.datetime(2024, 9, 27, 9, 0), 5)


# --- Administrator overrides ---------------------------------------------------------------------------------


def test_national_override_makes_a_working_day_a_rest_day():
    # given Tuesday 2024-03-05 entered as a national rest day
    CalendarDay.objects.create(date=D(2024, 3, 5), kind=CalendarDay.Kind.REST, name="临时休息日")
    # when periods of one day run from Monday 2024-03-04
    working = calendar.add_working_days(D(2024, 3, 4), 1)
    calendar_days = calendar.add_calendar_days(D(2024, 3, 4), 1)
    # then both skip it by its name
    assert working.due == calendar_days.due == D(2024, 3, 6)
    assert working.skipped == [("2024-03-05", "临时休息日")]
    assert calendar.is_working_day(D(2024, 3, 5)) is False


def test_national_override_makes_a_package_holiday_a_working_day():
    # given 2024-10-05 (a 国庆节 Saturday in the package) entered as a working day
    CalendarDay.objects.create(date=D(2024, 10, 5), kind=CalendarDay.Kind.WORK, name="补班")
    # when one working day runs from 2024-09-30
    deadline = calendar.add_working_days(D(2024, 9, 30), 1)
    # then the entry wins over the package, and the day is named as a counted make-up day
    assert deadline.due == D(2024, 10, 5)
    assert deadline.makeup_counted == [("2024-10-05", "补班")]


def test_package_names_make_up_working_days():
    # given / when / then the package's make-up Saturday is a working day named after its holiday
    info = calendar.day_info(D(2024, 10, 12))
    assert info.working is True
    assert info.name == "国庆节调休上班"
    assert info.known is True


def test_deadline_reaching_2027_is_provisional_until_the_2027_schedule_is_entered():
    # given nothing entered for 2027 (the package stops at 2026)
    start = D(2026, 12, 25)  # Friday; seven days later is Friday 2027-01-01
    # when a seven-day period runs into 2027
    before = calendar.add_calendar_days(start, 7)
    # then it is computed from weekends only and says plainly that it is provisional, naming 2027
    assert before.due == D(2027, 1, 1)
    assert before.provisional is True
    assert "2027年" in before.provisional_reason
    assert "【暂定】" in before.explain()

    # given the administrator enters 元旦 2027 and marks the 2027 schedule as entered
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.REST, name="元旦")
    CalendarYear.objects.create(year=2027, source="国务院办公厅关于2027年部分节假日安排的通知")
    # when the deadline is recomputed
    after = calendar.add_calendar_days(start, 7)
    # then it uses the entered day, moving past 元旦 and the weekend, and is no longer provisional
    assert after.due == D(2027, 1, 4)
    assert after.skipped[0] == ("2027-01-01", "元旦")
    assert after.provisional is False
    assert after.provisional_reason == ""
    assert "【暂定】" not in after.explain()


def test_entered_2027_days_without_the_year_marked_complete_stay_provisional():
    # given 元旦 2027 entered but the year not marked as entered
    CalendarDay.objects.create(date=D(2027, 1, 1), kind=CalendarDay.Kind.REST, name="元旦")
    # when a working-day period runs onto it from Thursday 2026-12-31
    deadline = calendar.add_working_days(D(2026, 12, 31), 1)
    # then the entered day is used, and the deadline is still provisional
    assert deadline.due == D(2027, 1, 4)
    assert deadline.provisional is True
    assert "2027年" in deadline.provisional_reason


def test_entered_2027_make_up_working_day_is_counted():
    # given a 2027 schedule with Saturday 2027-02-20 as a make-up working day
    CalendarYear.objects.create(year=2027, source="通知")
    CalendarDay.objects.create(date=D(2027, 2, 20), kind=CalendarDay.Kind.WORK, name="春节调休上班")
    # when one working day runs from Friday 2027-02-19
    deadline = calendar.add_working_days(D(2027, 2, 19), 1)
    # then it ends on that Saturday, not provisional
    assert deadline.due == D(2027, 2, 20)
    assert deadline.provisional is False


def test_missing_years_lists_years_neither_the_package_nor_an_administrator_knows():
    # given 2027 not entered / then it is missing; given it entered / then not
    assert calendar.missing_years(range(2025, 2029)) == [2027, 2028]
    CalendarYear.objects.create(year=2027, source="通知")
    assert calendar.missing_years(range(2025, 2029)) == [2028]


# --- Regional days off ---------------------------------------------------------------------------------------


def _ningxia(*, extend: bool) -> None:
    Setting.objects.create(key="calendar.region", value="宁夏")
    Setting.objects.create(key="calendar.regional_days_extend_periods", value=extend)
    # 2024 开斋节 in Ningxia: Wednesday 2024-04-10
    CalendarDay.objects.create(date=D(2024, 4, 10), region="宁夏", kind=CalendarDay.Kind.REST, name="开斋节")


def test_regional_day_off_extends_periods_when_the_setting_says_so():
    # given Ningxia's 开斋节 entered and regional days set to extend periods
    _ningxia(extend=True)
    # when a calendar-day period ends on it and a working-day period runs over it
    calendar_days = calendar.add_calendar_days(D(2024, 4, 9), 1)
    working = calendar.add_working_days(D(2024, 4, 8), 2)
    # then both move past it, naming it
    assert calendar_days.due == D(2024, 4, 11)
    assert calendar_days.skipped == [("2024-04-10", "开斋节")]
    assert working.due == D(2024, 4, 11)
    assert working.skipped == [("2024-04-10", "开斋节")]
    assert calendar.day_info(D(2024, 4, 10)).regional is True


def test_regional_day_off_does_not_extend_periods_when_the_setting_is_off():
    # given Ningxia's 开斋节 entered but regional days set not to extend periods
    _ningxia(extend=False)
    # when the same periods run / then the day counts like any working day
    assert _due(D(2024, 4, 9), 1, calendar.CALENDAR) == D(2024, 4, 10)
    assert _due(D(2024, 4, 8), 2, calendar.WORKING) == D(2024, 4, 10)


def test_regional_day_off_of_another_region_is_ignored():
    # given Ningxia's 开斋节 entered, but this platform's region is 甘肃
    _ningxia(extend=True)
    Setting.objects.filter(key="calendar.region").update(value="甘肃")
    # when a period ends on the day / then it does not move
    assert _due(D(2024, 4, 9), 1, calendar.CALENDAR) == D(2024, 4, 10)


# --- Deadline.explain() --------------------------------------------------------------------------------------


def test_explain_names_start_period_rule_and_skipped_holidays():
    # given a five-working-day period under a named rule across National Day 2024
    deadline = calendar.add_working_days(D(2024, 9, 27), 5, rule="行政复议法第三十条")
    # when it explains itself
    text = deadline.explain()
    # then the rule, the start, the period, the holidays passed over and the due date are all there
    assert text.startswith("依据行政复议法第三十条；")
    assert "自2024年09月27日起算（当日不计入）" in text
    assert "期间5个工作日" in text
    assert "跳过休息日8天（周末、国庆节）" in text
    assert "截止日为2024年10月10日" in text
    assert "【暂定】" not in text


def test_explain_names_the_make_up_working_days_counted():
    # given five working days from 2024-09-27, counting Sunday 09-29, and two from 2024-10-10, counting Saturday 10-12
    # when they explain themselves / then each names the make-up day it counted
    assert "计入调休上班日2024年09月29日" in calendar.add_working_days(D(2024, 9, 27), 5).explain()
    assert "计入调休上班日2024年10月12日" in calendar.add_working_days(D(2024, 10, 10), 2).explain()
    # and several are listed together
    text = calendar.add_working_days(D(2024, 9, 27), 9).explain()
    assert "计入调休上班日2024年09月29日、2024年10月12日" in text
    # and a period that counts none says nothing of them
    assert "调休" not in calendar.add_working_days(D(2024, 3, 4), 3).explain()


def test_explain_of_a_moved_calendar_day_period_names_the_holiday():
    # given a ten-day period from 2025-01-20 ending inside 春节
    text = calendar.add_calendar_days(D(2025, 1, 20), 10).explain()
    # then the explanation says the last day was a rest day of 春节 and moved
    assert "期间届满日2025年01月30日为休息日（春节），顺延至其后第一个工作日" in text
    assert "截止日为2025年02月05日" in text


def test_explain_of_a_clamped_month_period_says_so():
    # given one month from 2025-10-31 / when it explains itself / then it names the month-end rule and the move
    text = calendar.add_months(D(2025, 10, 31), 1).explain()
    assert "期间1个月" in text
    assert "届满月无对应日，以月末日2025年11月30日为期间最后一日" in text
    assert "顺延" in text
    assert "截止日为2025年12月01日" in text


def test_explain_marks_a_provisional_deadline():
    # given a working-day period into 2027 with nothing entered / then 【暂定】 and the year
    text = calendar.add_working_days(D(2026, 12, 28), 5).explain()
    assert "【暂定】2027年" in text


def test_as_dict_carries_the_explanation_and_the_make_up_days():
    # given / when / then the stored form keeps how the deadline was computed
    data = calendar.add_working_days(D(2024, 9, 27), 5, rule="r").as_dict()
    assert data["due"] == "2024-10-10"
    assert data["makeup_counted"] == [("2024-09-29", "国庆节调休上班")]
    assert data["explanation"].startswith("依据r")


# --- Properties ----------------------------------------------------------------------------------------------

PROPERTY = settings(
    deadline=None, max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
starts = st.dates(min_value=D(2004, 1, 1), max_value=D(2026, 10, 31))
periods = st.integers(min_value=0, max_value=60)


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _official_working(day: dt.date) -> bool:
    # An oracle independent of core.calendar: the package where it knows the year, weekends only beyond.
    return chinese_calendar.is_workday(day) if day.year <= 2026 else day.weekday() < 5


@PROPERTY
@given(start=starts, days=st.integers(min_value=1, max_value=60))
def test_working_day_deadline_falls_on_a_working_day_after_exactly_n_working_days(start, days):
    # given any start and a period of at least one working day
    # when the deadline is computed
    due = _due(start, days, calendar.WORKING)
    # then it is a working day, and exactly n working days lie after the start up to it
    assert _official_working(due)
    assert sum(_official_working(d) for d in _days(start + dt.timedelta(days=1), due)) == days


@PROPERTY
@given(start=starts, days=periods, more=periods)
def test_longer_working_day_period_never_ends_earlier(start, days, more):
    # given working-day periods of n, n + 1 and n + 1 + more days from the same start
    shorter, next_one, longer = (_due(start, n, calendar.WORKING) for n in (days, days + 1, days + 1 + more))
    # then each longer one ends no earlier (adjacent periods too, where a slip would first show)
    assert shorter <= next_one <= longer


@PROPERTY
@given(start=starts, days=periods, more=periods)
def test_longer_calendar_day_period_never_ends_earlier(start, days, more):
    # given calendar-day periods of n, n + 1 and n + 1 + more days from the same start
    shorter, next_one, longer = (_due(start, n, calendar.CALENDAR) for n in (days, days + 1, days + 1 + more))
    # then each longer one ends no earlier (adjacent periods too, where a slip would first show)
    assert shorter <= next_one <= longer


@PROPERTY
@given(start=starts, days=periods)
def test_calendar_day_deadline_is_never_before_start_plus_n_and_is_the_first_working_day_from_there(
    start, days
):
    # given any start and period
    # when the calendar-day deadline is computed
    due = _due(start, days, calendar.CALENDAR)
    # then it is not before start + n, and every day from start + n up to it but itself is a rest day
    nominal = start + dt.timedelta(days=days)
    assert due >= nominal
    assert _official_working(due)
    assert not any(_official_working(d) for d in _days(nominal, due - dt.timedelta(days=1)))
