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
    """The year-on-year phrase: counts in percent of last year, rates in points; none when either year has no
    figure or last year was 0 (a first-year figure is not compared with a zero)."""
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
        return ""  # no "上年为0": a first-year figure is stated without a comparison
    change = abs(result.change)
    if change == 0:
        return f"同比{direction}不足0.1%"
    return f"同比{direction}{number(change)}%"


def rate_with_parts(figure) -> str:
    """A rate as the report prints it: always with its numerator and denominator, 95%（19/20）; a rate without a
    denominator is said to have none instead of a dash."""
    if figure.value is None:
        return "无（本年度无统计基数）"
    if figure.numerator is None or figure.denominator is None:
        return with_unit(figure.value, "%")
    return f"{number(figure.value)}%（{number(figure.numerator)}/{number(figure.denominator)}）"


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
    if attribute == "" and result.indicator.kind == RATE:
        return rate_with_parts(result.figure)
    if attribute == "":
        return with_unit(result.figure.value, unit)
    if attribute == "value":
        return number(result.figure.value)
    if attribute == "change":
        return change_phrase(result)
    if attribute == "previous":
        return with_unit(result.previous.value, unit)
    return number(getattr(result.figure, attribute))


NO_RECORDS = "（本年度无平台记录）"


def fill(
    text: str,
    results: dict[str, Result],
    words: dict[str, str],
    unknown: set[str] | None = None,
    absent: frozenset[str] = frozenset(),
) -> str:
    """The text with its placeholders filled; an unknown placeholder is marked in the text and collected; a figure
    of a workstream the office said has no records on the platform (`absent`) is said to have none, not 0."""

    def one(match: re.Match) -> str:
        name = match.group(1)
        if name in words:
            return words[name]
        target = resolve(name)
        if target is None or target[0] not in results:
            if unknown is not None:
                unknown.add(name)
            return f"【未登记指标：{name}】"
        if target[0] in absent:
            return "" if target[1] == "change" else NO_RECORDS
        return render_value(results[target[0]], target[1])

    return tidy(PLACEHOLDER.sub(one, zero_sentences(text, results, absent)))


SENTENCE = re.compile(r"[^。；]*[。；]?")


def zero_sentences(text: str, results: dict[str, Result], absent: frozenset[str] = frozenset()) -> str:
    """A sentence whose counts are all 0 (and whose rates have no base) is said plainly (全年某某为0。), so no praise
    follows a zero."""
    out = []
    for sentence in SENTENCE.findall(text):
        if not sentence:
            continue
        targets = [resolve(m) for m in PLACEHOLDER.findall(sentence)]
        targets = [t for t in targets if t is not None and t[0] in results and t[0] not in absent]
        shown = [t for t in targets if t[1] in ("", "value")]
        counts = [t for t in shown if results[t[0]].indicator.kind != RATE]
        rates = [t for t in shown if results[t[0]].indicator.kind == RATE]
        if (
            counts
            and all(results[c].figure.value == 0 for c, _ in counts)
            and all(results[c].figure.value is None for c, _ in rates)
        ):
            names = "、".join(dict.fromkeys(results[c].indicator.name for c, _ in counts))
            end = sentence[-1] if sentence[-1] in "。；" else ""
            out.append(f"全年{names}{'均' if len(counts) > 1 else ''}为0{end or '。'}")
        else:
            out.append(sentence)
    return "".join(out)


def tidy(text: str) -> str:
    """Punctuation left by an empty phrase: "，，" → "，", "，。" → "。"."""
    text = re.sub(r"，(?:\s*，)+", "，", text)
    return re.sub(r"，\s*([。；])", r"\1", text)


def ordinal_list(items: list[str]) -> str:
    """一是…。二是…。"""
    return "".join(
        f"{ORDINALS[i] if i < 10 else i + 1}是{item.rstrip('。')}。" for i, item in enumerate(items)
    )
