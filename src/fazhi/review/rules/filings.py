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

CONGRESS_FILING_PERIOD = config.define(
    "review.congress_filing_period_days",
    name="报送区人大常委会备案期限（日）",
    default=30,
    help="区人民政府制定的规范性文件报送本级人大常委会备案的期限，自公布之日起计算。",
    basis="监督法第四十条：审查程序由省级人大常委会作出具体规定（宁夏的规定需本地核对）；默认30日。",
)
CORRECTION_PERIOD = config.define(
    "review.correction_refiling_days",
    name="纠正后重新报送备案期限（日）",
    default=15,
    help="备案审查要求纠正的，自审查结果之日起计算的纠正后重新报送期限。",
    basis=(
        "需本地核对：规范性文件纠正后重新报送的期限由各省规定。《法规规章备案审查条例》第九条是暂缓办理备案登记，"
        "不是纠正期限；其第二十一条规定规章制定机关自接到纠正通知之日起30日内报送处理情况（仅适用于规章）。"
    ),
)
CORRECTION_PERIOD_DAYS = 15
"""The default of the local setting review.correction_refiling_days (需本地核对)."""
CORRECTION_RULE = "纠正后重新报送备案期限（本地设置，需本地核对）"


def correction_period_days() -> int:
    """纠正后重新报送备案期限（日）：本地设置 review.correction_refiling_days。"""
    return config.get(CORRECTION_PERIOD.key)


def correction_rule() -> str:
    return f"纠正后重新报送备案期限（{correction_period_days()}日，本地设置，需本地核对）"


def filing_deadline(published_on: dt.date) -> calendar.Deadline:
    """规范性文件报送备案期限。

    《法规规章备案审查条例》第四条：“法规、规章公布后，应当自公布之日起30日内，依照下列规定报送备案”；规范性文件
    的期限由各省规定（本地设置 review.filing_period_days），按日历日计算，期满日为休息日的顺延。"""
    days = config.get(FILING_PERIOD.key)
    return calendar.add_calendar_days(published_on, days, rule=f"规范性文件报送备案期限（{days}日）")


def congress_filing_deadline(published_on: dt.date) -> calendar.Deadline:
    """报送本级人大常委会备案期限。

    《各级人民代表大会常务委员会监督法》第三十九条：“县级以上地方各级人民代表大会常务委员会对……本级人民政府、
    监察委员会、人民法院、人民检察院制定的规范性文件，经审查，认为有下列不适当的情形之一的，有权予以撤销”；第四十条：
    审查、撤销的程序“由省、自治区、直辖市的人民代表大会常务委员会参照《中华人民共和国立法法》和全国人民代表大会
    常务委员会的有关决定，作出具体规定”。The period is therefore a local setting (review.congress_filing_period_days,
    需本地核对)."""
    days = config.get(CONGRESS_FILING_PERIOD.key)
    return calendar.add_calendar_days(
        published_on, days, rule=f"报送区人大常委会备案期限（{days}日，本地设置，需本地核对）"
    )


def filing_deadline_for(body: str, published_on: dt.date) -> calendar.Deadline:
    """The filing period of the receiving body: the government's (filing_deadline) or the standing committee's."""
    if body == "congress":
        return congress_filing_deadline(published_on)
    return filing_deadline(published_on)


def correction_deadline(filing) -> calendar.Deadline | None:
    """纠正后重新报送期限。

    No national article fixes it for normative documents: it is the local setting review.correction_refiling_days
    (需本地核对). 《法规规章备案审查条例》第九条 concerns registering a filing (“符合第二条规定但不符合第八条第二款、第三款、
    第四款规定的，暂缓办理备案登记”), not a correction; 第二十一条 (“规章的制定机关应当自接到本条例第十八条、第十九条、
    第二十条规定的通知之日起30日内，将处理情况报国务院备案审查工作机构”) applies to rules only. None where no
    correction was ordered."""
    if filing.result != "correction" or filing.result_on is None:
        return None
    return calendar.add_calendar_days(filing.result_on, correction_period_days(), rule=correction_rule())


def validate_body(document, body: str, filed_with: str) -> None:
    """备案机关：向人大常委会备案的，只有本级人民政府制定的规范性文件（监督法第三十九条）；同一备案机关只报送一次。

    《各级人民代表大会常务委员会监督法》第三十九条：本级人大常委会审查“本级人民政府、监察委员会、人民法院、人民检察院
    制定的规范性文件”。A department's document is filed with the government, not with the standing committee."""
    if body not in ("government", "congress"):
        raise ValidationError(
            {"body": "备案机关类别应为上一级人民政府（或本级人民政府）或本级人民代表大会常务委员会。"}
        )
    if body == "congress" and document.organization.kind != "district_government":
        raise ValidationError(
            {
                "body": "只有区人民政府制定的规范性文件报送区人大常委会备案"
                "（监督法第三十九条：本级人民政府制定的规范性文件）。"
            }
        )
    if not filed_with.strip():
        raise ValidationError({"filed_with": "请填写备案机关，如 吴忠市人民政府。"})
    if document.filings.filter(body=body).exists():
        raise ValidationError(f"“{document}”已向{dict(BODY_LABELS)[body]}报送备案。")


BODY_LABELS = (("government", "上一级人民政府（或本级人民政府）"), ("congress", "本级人民代表大会常务委员会"))


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


FILED_FIELDS = ("filed_on", "filed_with")
"""What the filing unit may correct while the result is pending; the materials are files (add_filing_material)."""
RESULT_FIELDS = ("result", "result_on", "correction_required")
FILED_FIXED_MESSAGE = "备案审查结果已确定，报送备案的信息不能再修改。"


def fixed_filing_fields(user, filing) -> list[str]:
    """备案中不能直接修改的事项：所备案的文件和纠正期限（计算得出）；审查结果确定后的报送信息和结果；非司法局
    不能录入审查结果；纠正完成只在要求纠正后记录一次。"""
    fixed = [
        "document",
        "body",
        "due_on",
        "due_explanation",
        "correction_due_on",
        "correction_due_explanation",
    ]
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
        raise ValidationError(
            "审查结果、纠正完成分别由司法局录入、在纠正后记录；备案材料须上传文件；这些不能在此修改。"
        )
