"""`fazhi deadline`: a statutory deadline from the command line, with Chinese errors for bad input."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _run(*args: str) -> list[str]:
    out = io.StringIO()
    call_command("deadline", *args, stdout=out)
    return out.getvalue().splitlines()


def _error(*args: str) -> str:
    with pytest.raises(CommandError) as exc:
        _run(*args)
    message = str(exc.value)
    assert re.search(r"[\u4e00-\u9fff]", message), f"not a Chinese message: {message}"
    return message


def test_working_day_deadline_counts_the_make_up_sunday():
    # given / when five working days from 2024-09-27 / then 2024-10-10, alone on the line
    assert _run("--from", "2024-09-27", "--days", "5", "--working") == ["2024-10-10"]


def test_calendar_day_deadline_moves_off_national_day():
    # given / when ten calendar days from 2024-09-23, with and without --calendar / then 10-03 moves to 10-08
    assert _run("--from", "2024-09-23", "--days", "10", "--calendar") == ["2024-10-08"]
    assert _run("--from", "2024-09-23", "--days", "10") == ["2024-10-08"]


def test_month_deadline_is_clamped_to_month_end():
    # given / when one month from 2024-01-31 / then 2024-02-29
    assert _run("--from", "2024-01-31", "--months", "1") == ["2024-02-29"]


def test_explain_prints_how_the_deadline_was_computed():
    # given / when --explain / then the second line explains, naming the make-up day counted
    due, text = _run("--from", "2024-09-27", "--days", "5", "--working", "--explain")
    assert due == "2024-10-10"
    assert "计入调休上班日2024年09月29日" in text
    assert "国庆节" in text


def test_deadline_into_2027_prints_provisional_and_why():
    # given nothing entered for 2027 / when a period runs into it
    lines = _run("--from", "2026-12-25", "--days", "7")
    # then the date is marked provisional and the explanation names 2027
    assert lines[0] == "2027-01-01 provisional（暂定）"
    assert "【暂定】2027年" in lines[1]


def test_bad_start_date_is_a_chinese_error():
    # given / when / then
    assert "不是有效日期" in _error("--from", "2024-02-30", "--days", "5")
    assert "不是有效日期" in _error("--from", "yesterday", "--days", "5")


def test_missing_start_date_is_a_chinese_error():
    # given / when no --from / then a Chinese error rather than argparse's English one
    assert "--from" in _error("--days", "5")


def test_both_days_and_months_is_a_chinese_error():
    # given / when / then
    assert "--days 或 --months 之一" in _error("--from", "2024-09-27", "--days", "5", "--months", "1")


def test_neither_days_nor_months_is_a_chinese_error():
    # given / when / then
    assert "--days 或 --months 之一" in _error("--from", "2024-09-27")


def test_months_with_working_is_a_chinese_error():
    # given / when / then
    assert "--working" in _error("--from", "2024-09-27", "--months", "1", "--working")


def test_non_integer_or_negative_period_is_a_chinese_error():
    # given / when / then
    assert "不是整数" in _error("--from", "2024-09-27", "--days", "five")
    assert "不是整数" in _error("--from", "2024-09-27", "--months", "1.5")
    assert "不能为负数" in _error("--from", "2024-09-27", "--days", "-1")


def test_absurdly_long_period_is_a_chinese_error():
    # given / when a period beyond any statute / then a Chinese error, not an OverflowError
    assert "期间过长" in _error("--from", "2024-09-27", "--days", "99999999")
    assert "期间过长" in _error("--from", "2024-09-27", "--months", "99999999")
    # and one that runs past 9999-12-31
    assert "日期范围" in _error("--from", "9999-12-01", "--days", "60")
    assert "日期范围" in _error("--from", "9999-12-01", "--months", "1")
