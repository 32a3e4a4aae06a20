"""How a city's report compares its districts figure by figure: rank, median and outliers (platform rules: no
regulation fixes them, so they are stated here plainly and printed under the annex's table)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

OUTLIER_FACTOR = Decimal("1.5")
METHOD = (
    "名次按数值从高到低排列，数值相同名次相同；中位数为各区数值排序后居中的数（偶数个取中间两数的平均）；"
    "四分位数按线性插值（含端点）计算，数值低于第一四分位数减1.5倍四分位距、或高于第三四分位数加1.5倍四分位距的，"
    "列为异常值；无数据的区不参加排名和计算。"
)


def _q(value) -> Decimal:
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def ranks(values: dict[str, object]) -> dict[str, int]:
    """区际排名

    1 for the highest value, equal values share a rank and the next rank skips (1, 1, 3); no value, no rank."""
    present = {k: Decimal(v) for k, v in values.items() if v is not None}
    return {k: 1 + sum(1 for other in present.values() if other > v) for k, v in present.items()}


def median(values: list) -> Decimal | None:
    """中位数

    The middle value, the mean of the two middle ones for an even count; None without values."""
    data = sorted(Decimal(v) for v in values if v is not None)
    if not data:
        return None
    mid = len(data) // 2
    return _q(data[mid] if len(data) % 2 else (data[mid - 1] + data[mid]) / 2)


def quartiles(values: list) -> tuple[Decimal, Decimal] | None:
    """四分位数

    The first and third quartiles by linear interpolation between closest ranks, ends included (Excel's
    QUARTILE.INC); None with fewer than two values."""
    data = sorted(Decimal(v) for v in values if v is not None)
    if len(data) < 2:
        return None

    def at(p: Decimal) -> Decimal:
        pos = p * (len(data) - 1)
        low = int(pos)
        high = min(low + 1, len(data) - 1)
        return data[low] + (data[high] - data[low]) * (pos - low)

    return at(Decimal("0.25")), at(Decimal("0.75"))


@dataclass(frozen=True)
class Fences:
    q1: Decimal
    q3: Decimal
    low: Decimal
    high: Decimal


def fences(values: list) -> Fences | None:
    """区际异常值

    Beyond 1.5 interquartile ranges below the first quartile or above the third (Tukey's fences)."""
    q = quartiles(values)
    if q is None:
        return None
    q1, q3 = q
    iqr = q3 - q1
    return Fences(_q(q1), _q(q3), _q(q1 - OUTLIER_FACTOR * iqr), _q(q3 + OUTLIER_FACTOR * iqr))


def outliers(values: dict[str, object]) -> dict[str, str]:
    """异常值的区

    The districts whose value lies outside the fences (a platform rule): name -> "偏高" / "偏低"."""
    bounds = fences(list(values.values()))
    if bounds is None:
        return {}
    out = {}
    for name, value in values.items():
        if value is None:
            continue
        if Decimal(value) > bounds.high:
            out[name] = "偏高"
        elif Decimal(value) < bounds.low:
            out[name] = "偏低"
    return out
