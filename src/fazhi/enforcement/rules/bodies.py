"""The rules of enforcement bodies (行政执法主体) and their item lists (行政执法事项清单)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from .certificates import is_certificate_authority

ACTIVE = "active"  # EnforcementBody.Status.ACTIVE


def may_confirm_bodies(user) -> bool:
    """行政执法主体的确认、撤销和所在单位的变更由司法局（执法监督机构）办理。

    《中华人民共和国行政处罚法》第三十九条：“行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。”"""
    return is_certificate_authority(None, user)


def validate_body(body) -> None:
    """行政执法主体：执法监督机关不能是执法主体本身所在单位。

    《中华人民共和国行政处罚法》第三十九条：“行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。”"""
    if body.supervision_organ_id and body.supervision_organ_id == body.organization_id:
        raise ValidationError({"supervision_organ": "执法监督机关不能是执法主体本身所在单位。"})


def validate_power(power) -> None:
    """行政执法事项须写明实施依据。

    《中华人民共和国行政处罚法》第三十九条：“行政处罚的实施机关、立案依据、实施程序和救济渠道等信息应当公示。”"""
    if not (power.legal_basis or "").strip():
        raise ValidationError({"legal_basis": "行政执法事项须写明实施依据。"})


def validate_body_active(body, what: str, field: str | None = None) -> None:
    """已撤销的执法主体不能再增加执法事项、核发证件或提交自查评估。

    《中华人民共和国行政处罚法》第三十九条：“行政处罚的实施机关……应当公示。”撤销的主体不再实施行政执法。"""
    if body.status != ACTIVE:
        message = f"执法主体“{body}”已撤销，不能{what}。"
        raise ValidationError({field: message} if field else message)
