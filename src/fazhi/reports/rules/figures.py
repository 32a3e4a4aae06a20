"""Figures in words: a value with its unit, the year-on-year phrase (同比下降59.5% / 同比上升x% / 与上年持平), and the
placeholders of the report text ({code}, {code.change} …) filled from computed results."""

from __future__ import annotations

import re
from decimal import Decimal

from fazhi.indicators.registry import RATE, REGISTRY, Result

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")
ATTRIBUTES = ("value", "change", "previous", "numerator", "denominator")
MISSING = "—"
ORDINALS = "一二三四五六七八九十"


def number(value) -> str:
    """A number as the report writes it: 52, 90.5, 100 (no trailing .0)."""
    if value is None:
        return MISSING
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        text = f"{value.quantize(Decimal('0.1')):f}" if value != value.to_integral() else f"{value:.0f}"
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def with_unit(value, unit: str) -> str:
    return MISSING if value is None else f"{number(value)}{unit}"


def change_phrase(result: Result) -> str:
    """The year-on-year phrase: counts in percent of last year (none when last year was 0), rates in points."""
    now, before = result.figure.value, result.previous.value
    if now is None or before is None:
        return ""
    if Decimal(now) == Decimal(before):
        return "与上年持平"
    direction = "上升" if Decimal(now) > Decimal(before) else "下降"
    if result.indicator.kind == RATE:
        points = abs(Decimal(now) - Decimal(before)).quantize(Decimal("0.1"))
        return f"同比{direction}{number(points)}个百分点"
    if Decimal(before) == 0:
        return "上年为0"
    change = abs(result.change)
    if change == 0:
        return f"同比{direction}不足0.1%"
    return f"同比{direction}{number(change)}%"


def resolve(name: str) -> tuple[str, str] | None:
    """(code, attribute) of a placeholder naming an indicator, None when it names none."""
    if name in REGISTRY:
        return name, ""
    code, _, attribute = name.rpartition(".")
    if code in REGISTRY and attribute in ATTRIBUTES:
        return code, attribute
    return None


def render_value(result: Result, attribute: str) -> str:
    unit = result.indicator.unit
    if attribute == "":
        return with_unit(result.figure.value, unit)
    if attribute == "value":
        return number(result.figure.value)
    if attribute == "change":
        return change_phrase(result)
    if attribute == "previous":
        return with_unit(result.previous.value, unit)
    return number(getattr(result.figure, attribute))


def fill(
    text: str, results: dict[str, Result], words: dict[str, str], unknown: set[str] | None = None
) -> str:
    """The text with its placeholders filled; an unknown placeholder is marked in the text and collected."""

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name in words:
            return words[name]
        target = resolve(name)
        if target is None or target[0] not in results:
            if unknown is not None:
                unknown.add(name)
            return f"【未登记指标：{name}】"
        return render_value(results[target[0]], target[1])

    return PLACEHOLDER.sub(one, text)


def ordinal_list(items: list[str]) -> str:
    """一是…。二是…。"""
    return "".join(
        f"{ORDINALS[i] if i < 10 else i + 1}是{item.rstrip('。')}。" for i, item in enumerate(items)
    )
