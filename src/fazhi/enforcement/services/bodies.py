"""Every change to enforcement bodies (行政执法主体) and their item lists: keyword-only, actor first, one transaction,
the rules of rules/bodies.py, the audit event."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from ..models import EnforcementBody, EnforcementPower
from ..rules import bodies as rules


def _require_authority(actor: User, what: str) -> None:
    if not rules.may_confirm_bodies(actor):
        raise PermissionDenied(f"{what}由司法局（执法监督机构）办理。")


def register_body(
    *,
    actor: User,
    organization: Organization,
    name: str,
    legal_basis: str,
    supervision_organ: Organization | None = None,
) -> EnforcementBody:
    """Record a confirmed enforcement body (行政执法主体资格由司法行政部门审核确认并公告)."""
    _require_authority(actor, "确认行政执法主体")
    body = EnforcementBody(
        organization=organization, name=name, legal_basis=legal_basis, supervision_organ=supervision_organ
    )
    return core_services.create_record(actor=actor, instance=body)


def update_body(*, actor: User, body: EnforcementBody, **fields: Any) -> EnforcementBody:
    if "status" in fields or "organization" in fields:
        _require_authority(actor, "变更执法主体的所在单位或撤销执法主体")
    return core_services.update_record(actor=actor, instance=body, data=fields)


def add_power(
    *, actor: User, body: EnforcementBody, kind: str, name: str, legal_basis: str
) -> EnforcementPower:
    """An item of the body's 行政执法事项清单, entered by the body's own unit or the Justice Bureau."""
    rules.validate_body_active(body, "增加执法事项")
    power = EnforcementPower(body=body, kind=kind, name=name, legal_basis=legal_basis)
    return core_services.create_record(actor=actor, instance=power)


def update_power(*, actor: User, power: EnforcementPower, **fields: Any) -> EnforcementPower:
    """Change an item of the list (its kind, name or basis); the body stays."""
    fields.pop("body", None)
    return core_services.update_record(actor=actor, instance=power, data=fields)
