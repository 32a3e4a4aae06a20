"""Checks over the words of a drafted report: praise after a zero or a falling figure, phrases the report does not
print (上年为0), words that may not stand next to a figure (审结 for cases also ended without a decision), a rate
typed without its parts, and a total stated in the text that differs from the sum of the categories listed after
it (其中……)."""

from __future__ import annotations

import re
from decimal import Decimal

from fazhi.indicators.registry import RATE

from . import figures, spec
from .checks import ERROR, OK, WARNING, Check

NUMBER = r"(\d+(?:\.\d+)?)"
COUNT_UNITS = "件|人次|人|项|个|次|条|名|场次|场|家|卷|学时"


def _wording() -> dict:
    return spec.rules().get("wording", {})


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。；])", text) if s.strip()]


def run_checks(report, workstream_names: dict[str, str]) -> list[Check]:
    """报告用语检查

    The wording checks of a drafted report, after the consistency checks (a platform rule, no statute)."""
    return [
        zero_praise_check(report),
        falling_praise_check(report),
        phrase_check(report),
        typed_rate_check(report),
        category_sum_check(report),
        rate_parts_check(report),
        empty_workstream_check(report, workstream_names),
    ]


def zero_praise_check(report) -> Check:
    """零值不作褒扬表述

    A sentence stating a count of 0 does not go on to praise (取得成效、进一步、持续优化…): a zero is reported as
    a zero (a platform rule of the report's wording)."""
    praise = _wording().get("praise", [])
    pattern = re.compile(r"(?<![\d.])0\s*(?:" + COUNT_UNITS + r")")
    items = []
    for block in report.blocks:
        for sentence in _sentences(block.text):
            match = pattern.search(sentence)
            if not match:
                continue
            after = sentence[match.end() :]
            words = [w for w in praise if w in after]
            if words:
                items.append(f"“{sentence.strip()}”：0之后有褒扬表述“{'、'.join(words)}”")
    name = "零值不作褒扬表述"
    if items:
        return Check(name, ERROR, f"{len(items)}处在0之后使用了褒扬表述。", items)
    return Check(name, OK, "未发现0之后的褒扬表述。")


def falling_praise_check(report) -> Check:
    """下降不作褒扬表述

    A sentence saying a figure fell (同比下降) does not praise in the same breath; the office says why it fell."""
    praise = _wording().get("praise", [])
    items = []
    for block in report.blocks:
        for sentence in _sentences(block.text):
            at = sentence.find("同比下降")
            if at < 0:
                continue
            words = [w for w in praise if w in sentence[at:]]
            if words:
                items.append(f"“{sentence.strip()}”：下降之后有褒扬表述“{'、'.join(words)}”，请说明下降原因")
    name = "下降不作褒扬表述"
    if items:
        return Check(name, WARNING, f"{len(items)}处在下降之后使用了褒扬表述。", items)
    return Check(name, OK, "未发现下降之后的褒扬表述。")


def phrase_check(report) -> Check:
    """禁用表述

    Phrases the report does not print (上年为0: a first-year figure is stated without comparison), and words that
    may not stand next to a figure: 审结 of reconsideration cases, which also end without a decision, so they are
    办结 —《行政复议法》第七十三条“当事人经调解达成协议的，行政复议机关应当制作行政复议调解书”；第四十一条“行政
    复议期间有下列情形之一的，行政复议机关决定终止行政复议：（一）申请人撤回行政复议申请，行政复议机构准予撤回”."""
    items = []
    texts = [b.text for b in report.blocks]
    for phrase in _wording().get("forbidden", []):
        items += [f"“{phrase}”出现在：{t[:60]}" for t in texts if phrase in t]
    for rule in _wording().get("not_next_to", []):
        for raw in (b.text for b in report.template):
            for code in rule["codes"]:
                if code not in report.results:
                    continue
                names = [re.escape("{" + code + "}")]
                if re.search(re.escape(rule["word"]) + r"[^，。；{]{0,6}(?:" + "|".join(names) + ")", raw):
                    items.append(
                        f"“{rule['word']}”用于{report.results[code].indicator.name}（{code}），应为“{rule['instead']}”："
                        f"{rule['reason']}"
                    )
    name = "禁用表述"
    if items:
        return Check(name, ERROR, f"{len(items)}处使用了不应使用的表述。", items)
    return Check(name, OK, "未发现不应使用的表述。")


def typed_rate_check(report) -> Check:
    """比率列明分子分母

    A rate typed in the text (合格率90%) is printed without its numerator and denominator; rates come from
    placeholders, which print them (95%（19/20）)."""
    pattern = re.compile(r"([率比])\s*(?:达到|为|达)?\s*" + NUMBER + r"\s*[%％](?!（)")
    items = []
    for block in report.template:
        masked = figures.PLACEHOLDER.sub("§", block.text)
        for m in pattern.finditer(masked):
            start = max(0, m.start() - 8)
            items.append(f"“{masked[start : m.end()]}”：比率{m.group(2)}%未列分子、分母")
    name = "比率列明分子分母"
    if items:
        return Check(name, ERROR, f"{len(items)}处手写比率未列分子、分母。", items)
    return Check(name, OK, "正文中的比率均由占位符给出，并列明分子、分母。")


def category_sum_check(report) -> Check:
    """分项之和不超过总数

    Where the text states a total and then its categories (收到51件，其中当面申请20件、邮寄申请10件……), the
    categories do not add up to more than the total; both numbers are shown."""
    pattern = re.compile(NUMBER + r"\s*(" + COUNT_UNITS + r")[^。；其]{0,4}其中([^。；]*)")
    items = []
    for block in report.blocks:
        for m in pattern.finditer(block.text):
            total, unit, clause = Decimal(m.group(1)), m.group(2), m.group(3)
            parts = [Decimal(x) for x in re.findall(NUMBER + r"\s*" + re.escape(unit) + r"(?![/）])", clause)]
            if len(parts) >= 2 and sum(parts) > total:
                items.append(
                    f"“{m.group(0)[:80]}”：总数{figures.number(total)}{unit}，分项之和{figures.number(sum(parts))}{unit}"
                )
    name = "分项之和不超过总数"
    if items:
        return Check(name, ERROR, f"{len(items)}处分项之和大于所述总数。", items)
    return Check(name, OK, "正文中所列分项之和均不超过总数。")


def rate_parts_check(report) -> Check:
    """比率与其分子分母指标一致

    A rate's numerator and denominator equal the registered counts it is made of (rules.toml [[rate_parts]])."""
    items, bad = [], []
    for rule in spec.rules().get("rate_parts", []):
        rate = report.results.get(rule["rate"])
        if rate is None or rate.indicator.kind != RATE:
            bad.append(f"比率指标未登记：{rule['rate']}")
            continue
        for part in ("numerator", "denominator"):
            code = rule.get(part)
            if code is None:
                continue
            if code not in report.results:
                bad.append(
                    f"{rate.indicator.name}的{'分子' if part == 'numerator' else '分母'}指标未登记：{code}"
                )
                continue
            own = getattr(rate.figure, part)
            other = report.results[code].figure.value
            line = (
                f"{rate.indicator.name}的{'分子' if part == 'numerator' else '分母'}{figures.number(own)}，"
                f"{report.results[code].indicator.name}{figures.number(other)}"
            )
            if (own or 0) != (other or 0):
                bad.append(line + "，不一致")
            else:
                items.append(line)
    name = "比率与其分子分母指标一致"
    if bad:
        return Check(name, ERROR, f"{len(bad)}处比率与其组成指标不一致。", bad + items)
    return Check(name, OK, f"{len(items)}处比率的分子、分母与组成指标一致。", items)


def empty_workstream_check(report, names: dict[str, str]) -> Check:
    """无记录条线须说明

    A workstream whose figures are all 0 for the year is not printed as zeros until the office says whether the
    work really did not happen or its records are not kept on the platform."""
    unresolved = [w for w, kind in report.empty_workstreams.items() if not kind]
    stated = [w for w, kind in report.empty_workstreams.items() if kind]
    name = "无记录条线须说明"
    if unresolved:
        return Check(
            name,
            ERROR,
            f"{len(unresolved)}个工作条线本年度全部指标为0，请说明是“确无此项工作”还是“未在平台登记”。",
            [f"{names.get(w, w)}：本年度全部指标为0，尚未说明" for w in unresolved],
        )
    return Check(
        name,
        OK,
        "各工作条线本年度均有记录。" if not stated else f"{len(stated)}个全部为0的工作条线已说明。",
        [f"{names.get(w, w)}（{w}）：已说明" for w in stated],
    )
