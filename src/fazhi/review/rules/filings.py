"""The rules of filing normative documents (备案): the filing period (a local setting), the correction the upper
level may order and its period, the dates that must have happened, who enters the upper level's result, and that a
filing is never deleted."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core import access, calendar, config
from fazhi.core.rules import validate_happened

from ._errors import collect

FILING_PERIOD = config.define(
    "review.filing_period_days",
    name="规范性文件报送备案期限（日）",
    default=30,
    help="自公布之日起计算的报送备案期限。",
    basis="各省规定（宁夏：自治区政府令第89号、宁政办发〔2019〕26号，期限未经核实）；默认参照法规规章备案审查条例第四条的30日。",
)

CORRECTION_PERIOD_DAYS = 15
"""法规规章备案审查条例（国务院令第789号）第九条：纠正后十五日内重新报送（期限未经核实，见 domain/statutes.md）。"""
CORRECTION_RULE = f"法规规章备案审查条例第九条（纠正后重新报送，{CORRECTION_PERIOD_DAYS}日）"


def filing_deadline(published_on: dt.date) -> calendar.Deadline:
    """规范性文件报送备案期限。

    《法规规章备案审查条例》第四条：“法规、规章公布后，应当自公布之日起30日内，依照下列规定报送备案”；规范性文件
    的期限由各省规定（本地设置 review.filing_period_days），按日历日计算，期满日为休息日的顺延。"""
    days = config.get(FILING_PERIOD.key)
    return calendar.add_calendar_days(published_on, days, rule=f"规范性文件报送备案期限（{days}日）")


def correction_deadline(filing) -> calendar.Deadline | None:
    """纠正后重新报送期限。

    法规规章备案审查条例（国务院令第789号）第九条：纠正后十五日内重新报送（期限未经核实）。None where no
    correction was ordered."""
    if filing.result != "correction" or filing.result_on is None:
        return None
    return calendar.add_calendar_days(filing.result_on, CORRECTION_PERIOD_DAYS, rule=CORRECTION_RULE)


def correction_late(filing) -> bool | None:
    """逾期纠正：the correction made past its deadline (False while not yet made); None when none was ordered."""
    deadline = correction_deadline(filing)
    if deadline is None:
        return None
    return filing.corrected_on is not None and filing.corrected_on > deadline.due


def may_record_filing_result(user, filing) -> bool:
    """备案审查结果由司法局录入。"""
    return access.is_justice_bureau(filing, user)


FILING_RESULT_REFUSED = "备案审查结果由司法局录入。"


def may_delete_filing(user, filing) -> bool:
    """备案记录不得删除：the filing rates count filings as made."""
    return False


def validate_filing(filing) -> None:
    """备案：报送、结果、纠正已经发生且依次进行；纠正须写明纠正意见；结果须有日期。"""
    errors: dict = {}
    published_on = filing.document.published_on if filing.document_id else None
    if published_on and filing.filed_on and filing.filed_on < published_on:
        errors.setdefault("filed_on", []).append("报送备案日期不能早于文件公布日期。")
    if filing.result == "correction" and not filing.correction_required.strip():
        errors.setdefault("correction_required", []).append("审查结果为纠正的，须填写纠正意见。")
    if filing.result != "pending" and not filing.result_on:
        errors.setdefault("result_on", []).append("请填写审查结果日期。")
    if filing.result_on and filing.filed_on and filing.result_on < filing.filed_on:
        errors.setdefault("result_on", []).append("结果日期不能早于报送备案日期。")
    if filing.corrected_on and filing.result_on and filing.corrected_on < filing.result_on:
        errors.setdefault("corrected_on", []).append("纠正完成日期不能早于审查结果日期。")
    collect(errors, validate_happened, filing, "filed_on", "result_on", "corrected_on")
    if errors:
        raise ValidationError(errors)


def validate_fileable(document) -> None:
    """报送备案：文件已统一编号印发，且登记为须报送备案。"""
    if document.published_on is None:
        raise ValidationError("文件尚未统一编号印发，不能报送备案。")
    if not document.requires_filing:
        raise ValidationError(f"“{document}”登记为无须报送备案的文件。")


def validate_result_open(filing) -> None:
    """备案审查结果只确定一次。"""
    if filing.result != "pending":
        raise ValidationError(f"该备案已有审查结果（{filing.get_result_display()}）。")


def validate_correction_open(filing) -> None:
    """纠正完成只记录一次，且只在审查结果为纠正时记录。"""
    if filing.result != "correction":
        raise ValidationError("备案审查结果不是“纠正”，无须记录纠正。")
    if filing.corrected_on is not None:
        raise ValidationError(f"已于{filing.corrected_on}记录纠正完成。")


FILED_FIELDS = (
    "filed_on",
    "filed_with",
    "has_report",
    "has_text",
    "has_drafting_explanation",
    "has_review_opinion",
    "has_basis",
)
RESULT_FIELDS = ("result", "result_on", "correction_required")
FILED_FIXED_MESSAGE = "备案审查结果已确定，报送备案的信息不能再修改。"


def fixed_filing_fields(user, filing) -> list[str]:
    """备案中不能直接修改的事项：所备案的文件和纠正期限（计算得出）；审查结果确定后的报送信息和结果；非司法局
    不能录入审查结果；纠正完成只在要求纠正后记录一次。"""
    fixed = ["document", "correction_due_on", "correction_due_explanation"]
    if filing.result != "pending":
        fixed += [*FILED_FIELDS, *RESULT_FIELDS]
    elif not may_record_filing_result(user, filing):
        fixed += RESULT_FIELDS
    if filing.result != "correction" or filing.corrected_on is not None:
        fixed.append("corrected_on")
    return fixed


def validate_filing_change(filing, data: dict) -> None:
    """修改报送信息：审查结果确定后不能修改。"""
    if filing.result != "pending" and any(name in data for name in FILED_FIELDS):
        raise ValidationError(FILED_FIXED_MESSAGE)
    unknown = [name for name in data if name not in FILED_FIELDS]
    if unknown:
        raise ValidationError("审查结果、纠正完成分别由司法局录入、在纠正后记录，不能在此修改。")
