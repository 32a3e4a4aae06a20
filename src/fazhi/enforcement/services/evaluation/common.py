"""What every change of case-file evaluation shares: only the evaluator organizes and scores, and numbers typed
as text are read as decimals."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import User

from ...rules import evaluation as rules


def require_evaluator(actor: User, what: str) -> None:
    """Evaluation is organized and scored by the Justice Bureau or enforcement supervisors, not the evaluated unit."""
    if not rules.may_evaluate(actor):
        raise PermissionDenied(f"{what}由司法局（执法监督机构）办理。")


def _decimal(value, label: str) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError(f"{label}“{value}”不是数字。") from exc
