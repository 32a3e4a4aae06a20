"""The rules of clean-up campaigns (清理): what an outcome requires, the dates that must have happened, which outcome
moves a registered document, and that a decided item or a campaign is never deleted."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core import access
from fazhi.core.rules import validate_happened

from ._errors import collect

DOCUMENT_TRANSITION = {"repeal": "repeal", "declare_invalid": "expire", "amend": "amend"}
"""清理结果为废止、宣布失效、修改的，登记簿中的文件随之废止、失效或标为已修改。"""


def validate_campaign(campaign) -> None:
    """清理：开始日期已经发生；结束日期不早于开始日期（结束日期可为计划日期）；同一组织单位的清理名称不重复（清理文件
    台账以名称识别清理）。"""
    errors: dict = {}
    collect(errors, validate_happened, campaign, "started_on")
    if campaign.ended_on and campaign.started_on and campaign.ended_on < campaign.started_on:
        errors.setdefault("ended_on", []).append("结束日期不能早于开始日期。")
    if campaign.organization_id and campaign.name:
        same = type(campaign).objects.filter(
            organization_id=campaign.organization_id, name=campaign.name.strip()
        )
        if same.exclude(pk=campaign.pk).exists():
            errors.setdefault("name", []).append(f"本单位已有名为“{campaign.name.strip()}”的清理。")
    if errors:
        raise ValidationError(errors)


def validate_item(item) -> None:
    """清理文件：规范性文件从登记簿选择；确定结果须有日期和理由；确定日期已经发生。"""
    errors: dict = {}
    if item.kind == "normative" and not item.document_id:
        errors.setdefault("document", []).append("规范性文件须从文件登记簿中选择。")
    if item.outcome and not item.decided_on:
        errors.setdefault("decided_on", []).append("填写清理结果时须填写确定日期。")
    if item.outcome and item.outcome != "keep" and not item.reason.strip():
        errors.setdefault("reason", []).append("修改、废止或宣布失效的，须写明理由。")
    collect(errors, validate_happened, item, "decided_on")
    if errors:
        raise ValidationError(errors)


def validate_decision_dates(item, decided_on) -> None:
    """确定日期不早于清理开始日期，也不早于文件公布日期。"""
    if decided_on < item.campaign.started_on:
        raise ValidationError({"decided_on": f"确定日期不能早于清理开始日期（{item.campaign.started_on}）。"})
    document = item.document if item.document_id else None
    if document is not None and document.published_on and decided_on < document.published_on:
        raise ValidationError({"decided_on": "确定日期不能早于文件公布日期。"})


def may_delete_campaign(user, campaign) -> bool:
    """清理记录不得删除。"""
    return False


def may_delete_item(user, item) -> bool:
    """已确定清理结果的文件不得删除：the outcome is counted and may have moved the document."""
    return not item.outcome and access.can(user, item, access.CHANGE)


def validate_examinable(document) -> None:
    """只能清理有效的规范性文件。"""
    if document.status != "valid":
        raise ValidationError(
            {"document": f"“{document}”{document.get_status_display()}，只能清理有效的规范性文件。"}
        )


def validate_undecided(item) -> None:
    """清理结果只确定一次。"""
    if item.outcome:
        raise ValidationError(f"“{item}”已确定清理结果（{item.get_outcome_display()}）。")


def validate_document_still_valid(document) -> None:
    """文件已修改、废止或失效的，不能再确定清理结果。"""
    if document.status != "valid":
        raise ValidationError(f"“{document}”已{document.get_status_display()}，不能再确定清理结果。")


def in_campaign_district(unit, campaign) -> bool:
    """清理范围：本次清理组织单位所在地区（同一顶层单位之下）的单位。"""
    return access.same_district(unit, campaign.organization)


def validate_same_district(item, campaign) -> None:
    """清理文件须为本次清理所在地区的单位制定。"""
    if not in_campaign_district(item.issuing_unit, campaign):
        raise ValidationError({"issuing_unit": f"“{item.issuing_unit}”不在“{campaign}”的清理范围内。"})


ITEM_DECISION_FIELDS = ("outcome", "reason", "decided_on")


def fixed_item_fields(item) -> list[str]:
    """清理文件中不能直接修改的事项：所属清理、类别、文件和制定单位；规范性文件的名称和文号以登记簿为准；
    已确定的清理结果。"""
    fixed = ["campaign", "kind", "document", "issuing_unit"]
    if item.kind == "normative":
        fixed += ["title", "document_number"]
    if item.outcome:
        fixed += list(ITEM_DECISION_FIELDS)
    return fixed


def validate_item_change(item, data: dict) -> None:
    """修改清理文件：只能修改未固定的事项；清理结果通过“确定清理结果”办理。"""
    fixed = [n for n in fixed_item_fields(item) if n in data] + [n for n in ITEM_DECISION_FIELDS if n in data]
    if fixed:
        labels = "、".join(dict.fromkeys(str(type(item)._meta.get_field(n).verbose_name) for n in fixed))
        raise ValidationError(f"{labels}不能在此修改（清理结果只确定一次，规范性文件以登记簿为准）。")


def fixed_campaign_fields(campaign) -> list[str]:
    """清理的组织单位不能改变。"""
    return ["organization"]
