"""Rank, median and outliers of the city's comparison annex (rules/comparison.py)."""

from __future__ import annotations

from decimal import Decimal

from fazhi.reports.rules import comparison


def test_ranks_share_a_place_and_skip_the_next():
    assert comparison.ranks({"甲": 5, "乙": 5, "丙": 3, "丁": None}) == {"甲": 1, "乙": 1, "丙": 3}


def test_median_of_odd_and_even_counts_ignores_missing_values():
    assert comparison.median([3, 1, 2]) == Decimal("2.0")
    assert comparison.median([2, 5, None]) == Decimal("3.5")
    assert comparison.median([None]) is None


def test_an_outlier_lies_beyond_one_and_a_half_interquartile_ranges():
    values = {"甲": 1, "乙": 2, "丙": 3, "丁": 4, "戊": 100}
    bounds = comparison.fences(list(values.values()))
    # Q1 = 2, Q3 = 4, IQR = 2: the fences are −1 and 7
    assert (bounds.q1, bounds.q3, bounds.low, bounds.high) == (
        Decimal("2.0"),
        Decimal("4.0"),
        Decimal("-1.0"),
        Decimal("7.0"),
    )
    assert comparison.outliers(values) == {"戊": "偏高"}
    assert comparison.outliers({"甲": -50, "乙": 10, "丙": 11, "丁": 12, "戊": 13}) == {"甲": "偏低"}


def test_two_districts_never_make_an_outlier_and_one_has_no_fences():
    assert comparison.outliers({"东区": 2, "西区": 500}) == {}
    assert comparison.fences([7]) is None
