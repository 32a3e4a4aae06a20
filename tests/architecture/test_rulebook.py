"""`fazhi rules`: every rule, period and setting with its Chinese name, article, place and the ways in that call it."""

from __future__ import annotations

import json
from io import StringIO

from django.core.management import call_command


def _rules() -> dict[str, dict]:
    out = StringIO()
    call_command("rules", "--json", stdout=out)
    return {r["code"]: r for r in json.loads(out.getvalue())}


def _one(rules: dict[str, dict], suffix: str) -> dict:
    found = [r for code, r in rules.items() if code.endswith(suffix)]
    assert len(found) == 1, (suffix, [r["code"] for r in found])
    return found[0]


def test_a_statutory_period_is_listed_with_its_article_and_place():
    period = _one(_rules(), ".ACCEPTANCE_EXAMINATION")
    assert period["kind"] == "period"
    assert period["article"].startswith("《中华人民共和国行政复议法》第三十条")
    assert period["module"].startswith("fazhi/disputes/rules")
    assert period["line"] > 0


def test_a_local_setting_is_listed_as_a_setting():
    setting = _rules()["disputes.docket_format"]
    assert setting["kind"] == "setting"
    assert setting["name"] == "行政复议案号格式"


def test_the_shared_date_rule_is_listed_with_the_ways_in_that_call_it():
    rule = _rules()["core.rules.validate_date_happened"]
    assert rule["name"] == "已发生事项的日期不得晚于今天（单个日期）"
    assert rule["module"] == "fazhi/core/rules.py"


def test_the_text_listing_names_every_rule_and_the_total():
    out = StringIO()
    call_command("rules", "--app", "disputes", stdout=out)
    text = out.getvalue()
    assert "依据：《中华人民共和国行政复议法》第三十条" in text
    assert text.rstrip().endswith("条。")


def test_a_rule_reached_through_another_rule_lists_the_ways_in_of_its_caller():
    # The advisor-level permission sits behind the transition adapter and may_review_current_level.
    rule = _rules()["review.rules.reviews.may_give_advisor_opinion"]
    assert {"model", "service", "web"} <= set(rule["ways_in"])
    assert rule["article"] == "《重大行政决策程序暂行条例》第二十八条"


def test_every_rule_function_is_reached_by_some_way_in():
    unreached = [
        r["code"] for r in _rules().values() if r["kind"] in ("function", "condition") and not r["ways_in"]
    ]
    assert len(unreached) <= 4, unreached  # a handful of helpers used only by tests; see `fazhi rules --json`
