"""The rules of inspections (督察): an inspection that is registered has happened, a finding names a problem of a
unit that was inspected. The 《法治政府建设与责任落实督察工作规定》 is not in domain/laws/: quotations to be checked."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access
from fazhi.core.rules import validate_happened


def validate_inspection(inspection) -> None:
    """督察日期不能晚于今天

    《法治政府建设与责任落实督察工作规定》第十四条：督察可以采取督查、专项督察等方式（条文待核对）；
    登记的督察是已开展的督察，督察日期不能晚于今天。"""
    validate_happened(inspection, "held_on")


def validate_finding(finding, inspected: bool) -> None:
    """督察发现问题须写明问题，问题单位须为被督察单位

    《法治政府建设与责任落实督察工作规定》第二十六条：督察发现的问题，督察对象应当限期整改（条文待核对）。
    `inspected`: whether the finding's unit is one of the inspection's inspected units."""
    if not (finding.text or "").strip():
        raise ValidationError({"text": "须写明发现的问题。"})
    if not inspected:
        raise ValidationError({"organization": f"“{finding.organization}”不是本次督察的被督察单位。"})
    if finding.inspection_id:
        validate_happened(finding.inspection, "held_on")


def validate_units_kept(found_in, units) -> None:
    """发现问题的单位仍是被督察单位

    《法治政府建设与责任落实督察工作规定》第二十六条：督察发现的问题，督察对象应当限期整改（条文待核对）。
    `found_in`: the units of the inspection's findings; each must stay among the inspected `units` (its finding and its
    rectification item name it as inspected)."""
    kept = {u.pk for u in units}
    removed = [u for u in found_in if u.pk not in kept]
    if removed:
        names = "、".join(f"“{u}”" for u in removed)
        raise ValidationError({"units": f"{names}已有本次督察发现的问题，不能从被督察单位中移除。"})


def validate_finding_correction(user, finding) -> None:
    """督察发现的问题由组织督察的单位更正

    《法治政府建设与责任落实督察工作规定》第二十六条：督察发现的问题，督察对象应当限期整改（条文待核对）——问题由督察
    机构记录，被督察单位整改而不改写问题：更正问题描述须能更改该次督察。"""
    if not access.can(user, finding.inspection, access.CHANGE):
        raise PermissionDenied("督察发现的问题由组织督察的单位更正。")
