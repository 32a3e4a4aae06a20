"""Figures in words: numbers without a trailing .0, and the year-on-year phrase exactly as a report writes it."""

from __future__ import annotations

from decimal import Decimal

from fazhi.indicators.registry import COUNT, RATE, Figure, Indicator, Period, Result
from fazhi.reports.rules import figures


def _result(now, before, kind=COUNT, unit="件"):
    indicator = Indicator("t.x", "测试", unit, "", "", lambda p, s: None, kind)
    return Result(indicator, Period.year(2024), Figure(value=now), Figure(value=before))


def test_count_falling_is_phrased_as_the_seed_writes_it():
    # the seed: 2024年行政应诉案件32件，同比下降59.5% (79 the year before)
    assert figures.change_phrase(_result(32, 79)) == "同比下降59.5%"


def test_count_rising_is_phrased_with_its_percentage():
    assert figures.change_phrase(_result(15, 12)) == "同比上升25%"
    assert figures.change_phrase(_result(52, 49)) == "同比上升6.1%"


def test_unchanged_count_is_level_with_last_year():
    assert figures.change_phrase(_result(46, 46)) == "与上年持平"


def test_no_comparison_and_no_phrase_when_last_year_was_zero():
    assert figures.change_phrase(_result(5, 0)) == ""
    assert figures.change_phrase(_result(0, 0)) == "与上年持平"


def test_rates_change_in_percentage_points():
    r = _result(Decimal("92.5"), Decimal("90.0"), RATE, "%")
    assert figures.change_phrase(r) == "同比上升2.5个百分点"
    assert (
        figures.change_phrase(_result(Decimal("80.0"), Decimal("100.0"), RATE, "%")) == "同比下降20个百分点"
    )


def test_missing_values_give_no_phrase():
    assert figures.change_phrase(_result(None, 3, RATE, "%")) == ""


def test_numbers_are_written_without_a_trailing_zero():
    assert figures.number(Decimal("100.0")) == "100"
    assert figures.number(Decimal("90.5")) == "90.5"
    assert figures.number(52) == "52"
    assert figures.with_unit(None, "%") == "—"
    assert figures.with_unit(Decimal("100.0"), "%") == "100%"


def test_ordinal_list_numbers_the_problems():
    assert figures.ordinal_list(["甲。", "乙"]) == "一是甲。二是乙。"
