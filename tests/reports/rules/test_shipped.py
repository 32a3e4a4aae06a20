"""The shipped template and rules name only registered indicators: every placeholder, every identity, every rate's
parts, every problem rule and alias; and the report has the five parts of the regulation."""

from __future__ import annotations

import pytest

from fazhi.indicators.registry import RATE, REGISTRY
from fazhi.reports.rules import figures, spec

WORDS = {"org", "we", "year", "next_year", "problems", "plans", "submissions"}


def _placeholders():
    data = spec.default_template()
    texts = [data["title"], *data.get("intro", [])]
    for section in data["sections"]:
        texts += [section["heading"], *section.get("paragraphs", [])]
        for sub in section.get("subsections", []):
            texts += [sub["heading"], *sub.get("paragraphs", [])]
    return {name for text in texts for name in figures.PLACEHOLDER.findall(text)}


def test_every_placeholder_of_the_shipped_template_names_a_registered_indicator():
    names = _placeholders()
    assert len(names) > 80
    unknown = sorted(n for n in names - WORDS if figures.resolve(n) is None)
    assert unknown == []


@pytest.mark.parametrize("key", ["identities"])
def test_every_identity_names_registered_indicators(key):
    rules = spec.rules()[key]
    assert len(rules) == 8
    missing = [c for r in rules for c in (*r["left"], *r["right"]) if c not in REGISTRY]
    assert missing == []
    assert "enforcement.certificates.review_failed" in REGISTRY


def test_every_problem_rule_names_registered_indicators_and_has_a_cause_and_a_plan():
    for rule in spec.rules()["problems"]:
        assert rule["code"] in REGISTRY, rule["code"]
        assert rule.get("of", rule["code"]) in REGISTRY, rule["of"]
        assert rule["cause"] and rule["plan"]
    assert REGISTRY["disputes.reconsideration.resolution_rate"].kind == RATE


def test_every_rate_part_alias_and_wording_code_is_registered():
    for rule in spec.rules()["rate_parts"]:
        assert REGISTRY[rule["rate"]].kind == RATE
        assert all(rule[p] in REGISTRY for p in ("numerator", "denominator") if p in rule)
    assert all(code in REGISTRY for code in spec.rules()["aliases"])
    assert all(c in REGISTRY for r in spec.rules()["wording"]["not_next_to"] for c in r["codes"])


def test_every_registered_identity_part_family_is_checked():
    """A registered family of parts (code.part under a registered total) is the left side of an identity."""
    covered = {c for r in spec.rules()["identities"] for c in r["left"]}
    families = {
        "enforcement.certificates.cancelled.",
        "enforcement.clues.received.",
        "enforcement.evaluation.files.",
        "review.reviews.final.",
    }
    for prefix in families:
        parts = {c for c in REGISTRY if c.startswith(prefix)}
        assert parts and parts <= covered, prefix


def test_demonstration_projects_are_in_the_template():
    names = _placeholders()
    assert {"duties.demonstration.shortlisted", "duties.demonstration.named"} <= names
    assert "disputes.reconsideration.resolution_rate" in names


def test_the_five_parts_of_the_regulation_in_order():
    headings = [s["heading"] for s in spec.default_template()["sections"]]
    assert [h.split("、")[0] for h in headings] == ["一", "二", "三", "四", "五"]
    assert "主要举措和成效" in headings[0]
    assert "党政主要负责人履行推进法治建设第一责任人职责情况" in headings[1]
    assert "存在的不足和原因" in headings[2]
    assert "主要安排" in headings[3]
    assert headings[4] == "五、其他需要报告的情况"
