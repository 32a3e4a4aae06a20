"""What the litigation ledgers share: units looked up by code, and the note on columns the workflow sets."""

from __future__ import annotations

from fazhi.core.io.ledgers import CellError
from fazhi.core.models import Organization

READ_ONLY = "仅导出供查阅，导入时忽略（由办理流程登记）"


def organizations(codes: set[str]) -> dict[str, Organization]:
    return {o.code: o for o in Organization.objects.filter(code__in=codes)}


def unit(ctx: dict, code: str, header: str) -> Organization:
    found = ctx["orgs"].get(code)
    if found is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return found
