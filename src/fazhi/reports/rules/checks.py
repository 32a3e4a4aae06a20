"""Consistency checks run before a report is issued, each listing what it found: identities between figures
(办结 + 结转 = 收到), rates within 0–100% with their numerator and denominator, numbers typed in the narrative that
contradict the computed figure, figures whose records lack data, placeholders naming no indicator."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from fazhi.indicators.registry import RATE, REGISTRY

from . import figures, spec

OK, WARNING, ERROR, SKIPPED = "ok", "warning", "error", "skipped"
STATUS_LABELS = {OK: "通过", WARNING: "提示", ERROR: "不一致", SKIPPED: "未检查"}
MEASURE_WORDS = "件|人次|人|项|个|次|条|名|场|家|年|学时"
INCOMPLETE_EXAMPLES = 5


@dataclass
class Check:
    name: str
    status: str
    found: str
    items: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "status": self.status,
            "status_label": self.status_label,
            "found": self.found,
            "items": self.items,
        }


def run_checks(report) -> list[Check]:
    """印发前检查

    Every consistency check of a report, in the order the page shows them (a platform rule: no statute fixes
    them; issuing is refused while one of them finds an error)."""
    return [
        *identity_checks(report),
        rate_check(report),
        narrative_check(report),
        incomplete_check(report),
        placeholder_check(report),
    ]


def errors(checks: list[Check]) -> list[Check]:
    """The checks that refuse issuing."""
    return [c for c in checks if c.status == ERROR]


def _value(report, code):
    value = report.results[code].figure.value
    return Decimal(0) if value is None else Decimal(value)


def identity_checks(report) -> list[Check]:
    """指标间恒等关系

    The identities of content/rules.toml (e.g. 收到 = 办结 + 结转) hold between the computed figures."""
    out = []
    for rule in spec.rules().get("identities", []):
        codes = [*rule["left"], *rule["right"]]
        missing = [c for c in codes if c not in report.results]
        if missing:
            out.append(Check(rule["name"], ERROR, f"恒等关系引用了未登记的指标：{'、'.join(missing)}。"))
            continue

        def side(cs):
            return " + ".join(
                f"{report.results[c].indicator.name}{figures.number(_value(report, c))}{report.results[c].indicator.unit}"
                for c in cs
            )

        left = sum((_value(report, c) for c in rule["left"]), Decimal(0))
        right = sum((_value(report, c) for c in rule["right"]), Decimal(0))
        found = f"{side(rule['left'])} = {figures.number(left)}；{side(rule['right'])} = {figures.number(right)}。"
        if left == right:
            out.append(Check(rule["name"], OK, found))
        else:
            out.append(Check(rule["name"], ERROR, f"两边不相等：{found}", [found]))
    return out


def rate_check(report) -> Check:
    """各项比率在0–100%之间

    A rate is within 0–100% and its numerator does not exceed its denominator."""
    items, bad, empty = [], [], []
    for result in report.results.values():
        if result.indicator.kind != RATE:
            continue
        f = result.figure
        line = (
            f"{result.indicator.name}：{figures.with_unit(f.value, '%')}"
            f"（分子{figures.number(f.numerator)} / 分母{figures.number(f.denominator)}）"
        )
        if f.value is None:
            empty.append(line + "，无分母，不计算")
        elif not (0 <= Decimal(f.value) <= 100) or (
            f.numerator is not None and f.denominator is not None and f.numerator > f.denominator
        ):
            bad.append(line + "，超出0–100%")
        items.append(line)
    name = "各项比率在0–100%之间"
    if bad:
        return Check(name, ERROR, f"{len(bad)}项比率超出范围。", bad + items)
    found = f"{len(items)}项比率均在0–100%之间"
    if empty:
        found += f"，其中{len(empty)}项本年无分母"
    return Check(name, OK, found + "。", items)


def _patterns(report):
    """(indicator code, alias, compiled pattern) for every computed indicator."""
    out = []
    for code, result in report.results.items():
        unit = result.indicator.unit
        units = (
            "%|％"
            if unit == "%"
            else (MEASURE_WORDS if unit in MEASURE_WORDS.split("|") else re.escape(unit))
        )
        for alias in spec.aliases(result.indicator):
            pattern = re.compile(
                re.escape(alias) + r"[^，。；：§\d]{0,4}?\s*(\d+(?:\.\d+)?)\s*(" + units + ")"
            )
            out.append((code, alias, pattern))
    return out


def narrative_check(report) -> Check:
    """正文手写数字与计算值一致

    A number typed next to an indicator's name and unit in a placeholder-free part of the text must equal the
    computed figure; where several indicators' names end at the same number, the longest name is meant."""
    patterns = _patterns(report)
    found_numbers: dict[tuple[int, tuple[int, int]], tuple[int, str, str, str]] = {}
    texts = [b.text for b in report.template]
    for index, text in enumerate(texts):
        masked = figures.PLACEHOLDER.sub("§", text)
        for code, alias, pattern in patterns:
            for m in pattern.finditer(masked):
                key = (index, m.span(1))
                if key not in found_numbers or len(alias) > found_numbers[key][0]:
                    found_numbers[key] = (len(alias), code, m.group(0), m.group(1))
    contradictions, typed = [], []
    for _alias_len, code, snippet, typed_number in found_numbers.values():
        result = report.results[code]
        computed = result.figure.value
        try:
            same = computed is not None and Decimal(typed_number) == Decimal(computed)
        except InvalidOperation:
            same = False
        unit = result.indicator.unit
        line = (
            f"“{snippet}”：正文写{typed_number}，{result.indicator.name}的计算值为"
            f"{figures.with_unit(computed, unit)}（{code}）"
        )
        (typed if same else contradictions).append(line + ("，建议改为占位符" if same else ""))
    name = "正文手写数字与计算值一致"
    if contradictions:
        return Check(name, ERROR, f"{len(contradictions)}处手写数字与计算值不符。", contradictions + typed)
    if typed:
        return Check(name, WARNING, f"{len(typed)}处手写数字与计算值相符，建议改为占位符。", typed)
    return Check(name, OK, "正文中未发现与指标名称、单位相邻的手写数字。")


def incomplete_check(report) -> Check:
    """指标所依据的记录完整

    No figure rests on records that lack the data it counts."""
    items = []
    for code, result in report.results.items():
        qs = result.figure.incomplete
        if qs is None:
            continue
        count = qs.count()
        if not count:
            continue
        examples = "、".join(str(r) for r in qs[:INCOMPLETE_EXAMPLES])
        note = result.figure.incomplete_note or "缺少数据"
        items.append(f"{result.indicator.name}（{code}）：{count}条记录{note}，如：{examples}")
    name = "指标所依据的记录完整"
    if items:
        return Check(name, ERROR, f"{len(items)}项指标的记录不完整，数值可能偏低。", items)
    return Check(name, OK, "各项指标所依据的记录均完整。")


def placeholder_check(report) -> Check:
    """正文占位符均为已登记指标

    Every {placeholder} of the text names a registered indicator."""
    name = "正文占位符均为已登记指标"
    unknown = sorted(report.unknown_placeholders)
    if unknown:
        return Check(
            name,
            ERROR,
            f"{len(unknown)}个占位符未对应已登记指标，正文中已标出。",
            [f"{{{u}}}" + ("（代码已登记，但该项不可用）" if u in REGISTRY else "") for u in unknown],
        )
    return Check(name, OK, "正文中的占位符均对应已登记指标。")
