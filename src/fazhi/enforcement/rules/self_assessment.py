"""The rules of the three systems' self-assessments (三项制度自查评估)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core.rules import validate_happened

BASIS = (
    "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》"
    "（国办发〔2018〕118号）"
)
EDITABLE_FIELDS = {"assessed_on", "findings"}


def validate_self_assessment(assessment) -> None:
    """三项制度自查评估：写明发现的问题及落实情况；自查日期不早于评估年度、不晚于今天。

    《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）。"""
    errors = {}
    if not (assessment.findings or "").strip():
        errors["findings"] = "自查评估须写明发现的问题及落实情况。"
    if assessment.assessed_on and assessment.year and assessment.assessed_on.year < assessment.year:
        errors["assessed_on"] = f"{assessment.year}年度的自查日期不能早于{assessment.year}年。"
    if errors:
        raise ValidationError(errors)
    validate_happened(assessment, "assessed_on")


def validate_changed_fields(fields) -> None:
    """自查评估只能修改自查日期和发现的问题；执法主体、年度或制度有误的删除后重新填报。

    （国办发〔2018〕118号）自查评估按年度、按制度填报。"""
    if set(fields) - EDITABLE_FIELDS:
        raise ValidationError(
            "自查评估只能修改自查日期和发现的问题；执法主体、年度或制度有误的请删除后重新填报。"
        )
