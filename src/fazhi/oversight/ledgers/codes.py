"""Unit codes in ledger cells: several codes in one cell separated by "、", looked up once per file."""

from __future__ import annotations

from fazhi.core.io.ledgers import CellError
from fazhi.core.models import Organization

SEP = "、"


def codes(text: str) -> list[str]:
    return [c.strip() for c in (text or "").replace(",", SEP).replace("，", SEP).split(SEP) if c.strip()]


def orgs(rows, *keys) -> dict[str, Organization]:
    wanted = set()
    for r in rows:
        for k in keys:
            wanted |= set(codes(r.get(k, "")))
    return {o.code: o for o in Organization.objects.filter(code__in=wanted)}


def org(ctx, code: str, header: str) -> Organization:
    unit = ctx["orgs"].get(code)
    if unit is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return unit
