"""What the review ledgers share: unit lookups by code, and calling a rule of rules/ so that its refusal lands on the
cell it is about with the rule's own message."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core.io.ledgers import CellError
from fazhi.core.models import Organization

BOOL_HELP = "填“是”或“否”"


def organizations(codes) -> dict[str, Organization]:
    return {o.code: o for o in Organization.objects.filter(code__in=set(codes))}


def checked(rule, *args, column: str, **kwargs) -> None:
    """Call a rule of rules/ and report its refusal, with the same message, on the cell it is about."""
    try:
        rule(*args, **kwargs)
    except ValidationError as exc:
        raise CellError("；".join(exc.messages), column=column) from exc


def unit_of(ctx: dict, code: str, header: str) -> Organization:
    found = ctx["orgs"].get(code)
    if found is None:
        raise CellError(f"单位代码“{code}”不存在。", column=header)
    return found
