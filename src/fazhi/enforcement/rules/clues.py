"""The rules of supervision clues (执法监督线索): the handling period (a local setting), who may move a clue, and what a
registered, handled and closed clue must be."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core import access, calendar, config
from fazhi.core.rules import validate_happened

HANDLING_DAYS = config.define(
    "enforcement.clue_handling_days",
    name="执法监督线索办理期限（工作日）",
    default=15,
    help="自受理之日起（当日不计入）此数个工作日内办结执法监督线索。",
    basis="本地做法（未经核实），可按本地区12345热线工单和执法监督办理规定调整。",
)
HOTLINE_CATEGORIES = config.define(
    "enforcement.hotline_categories",
    name="纳入执法监督的12345工单诉求分类",
    default=["行政执法"],
    help="12345热线平台推送的工单，诉求分类在此列表中的（或平台标明“涉及行政执法”的），登记为执法监督线索；其余工单不登记。",
    basis="本地做法（未经核实）：12345工单中哪些属于行政执法监督范围，由本地区12345热线与司法局的对接规定确定。",
)
HANDLING_RULE = "执法监督线索办理期限（本地规定，设置“执法监督线索办理期限（工作日）”）"
DUE_WARNING_DAYS = 5

HANDLING = "handling"  # SupervisionClue.Status.HANDLING
CLOSED = "closed"  # SupervisionClue.Status.CLOSED


def handling_deadline(received_on: dt.date) -> calendar.Deadline:
    """执法监督线索办理期限：自受理之日起（当日不计入）配置的工作日数内办结（配置项 enforcement.clue_handling_days）。

    本地做法（未经核实）：12345热线工单和执法监督线索的办理时限由本地区规定。"""
    return calendar.add_working_days(received_on, config.get(HANDLING_DAYS.key), rule=HANDLING_RULE)


def may_handle_clue(instance, user) -> bool:
    """办理执法监督线索（开始办理、记录办理过程、办结）：能修改该线索的用户 — 承办单位、执法监督员、司法局管理员。

    本地做法：线索由承办单位办理，执法监督机构督办。Also the transition permission of SupervisionClue.start/close."""
    return access.may_change(instance, user)


def is_handling(clue) -> bool:
    """线索办理中：只有办理中的线索可以记录办理过程、可以办结（办结的流程状态来源即办理中）。

    本地做法（执法监督线索办理规定）：线索登记后开始办理，办理过程逐次记录，办结时写明结果。"""
    return clue.status == HANDLING


def validate_clue(clue) -> None:
    """执法监督线索：办结的须写明办理结果和办结日期；未办结的不填；办结日期不早于受理日期；受理、办结日期不晚于今天。

    本地做法（12345热线工单和执法监督办理规定）；已发生的事项不能晚于今天（core.rules）。"""
    errors = {}
    if clue.status == CLOSED:
        if not (clue.result or "").strip():
            errors["result"] = "办结线索须写明办理结果。"
        if clue.handled_on is None:
            errors["handled_on"] = "办结线索须写明办结日期。"
    elif clue.result or clue.handled_on:
        errors["handled_on"] = "未办结的线索不应填写办理结果或办结日期。"
    if clue.handled_on and clue.received_on and clue.handled_on < clue.received_on:
        errors["handled_on"] = "办结日期不能早于受理日期。"
    if errors:
        raise ValidationError(errors)
    validate_happened(clue, "received_on", "handled_on")


def validate_clue_origin(clue, origin, registration) -> None:
    """移送而来的线索：来源记录须是登记为线索来源的记录（enforcement.origins，如行政复议案件、行政诉讼案件），线索来源须与
    该记录登记的来源一致（复议案件移送的为“行政复议结果”，诉讼案件转来的为“行政诉讼结果”）；每条记录只移送一次（数据库唯一约束
    enforcement_clue_one_per_origin）。`registration` is origins.registration_of(origin): None when the record's
    model is not registered.

    本地做法（执法监督线索办理规定）：行政复议纠错、行政诉讼败诉的案件移送执法监督，线索写明其来源案件，便于办理和回查。"""
    if registration is None:
        raise ValidationError(f"“{origin._meta.verbose_name}”不是可移送执法监督线索的来源记录。")
    if registration.kind != clue.source:
        labels = dict(clue._meta.get_field("source").choices)
        raise ValidationError(
            {
                "source": f"由{origin._meta.verbose_name}移送的线索，线索来源应为“{labels.get(registration.kind)}”，"
                f"不能登记为“{labels.get(clue.source, clue.source)}”。"
            }
        )


def validate_step(step) -> None:
    """线索办理过程：只能记录在办理中的线索上，日期不早于受理日期、不晚于今天。

    本地做法（执法监督线索办理规定）；已发生的事项不能晚于今天（core.rules）。"""
    clue = step.clue
    if step.pk is None and not is_handling(clue):
        raise ValidationError(
            f"线索处于“{clue.get_status_display()}”状态，只有办理中的线索可以记录办理过程。"
        )
    if step.on is not None and step.on < clue.received_on:
        raise ValidationError({"on": "办理日期不能早于线索受理日期。"})
    validate_happened(step, "on")


def hotline_order_in_scope(*, category: str, about_enforcement: bool) -> bool:
    """12345工单是否属于行政执法监督范围：平台标明“涉及行政执法”的，或诉求分类在设置“纳入执法监督的12345工单诉求分类”中的。

    本地做法（未经核实）：12345热线平台与司法局对接时约定的范围；分类列表为本地设置。"""
    return about_enforcement or category.strip() in config.get(HOTLINE_CATEGORIES.key)


# The kinds of unit that can handle (承办) a supervision clue: the district government and its departments, the
# townships and subdistricts, and the enforcement bodies; never a court, a procuratorate, a party organ or another
# body (a law firm, an association).
HANDLING_UNIT_KINDS = (
    "district_government",
    "department",
    "township",
    "subdistrict",
    "enforcement_body",
    "public_security",
)
NOT_HANDLING_UNIT = "“{unit}”不是行政机关或行政执法机构，不能承办执法监督线索；请交办区政府工作部门、乡镇（街道）或行政执法机构。"


def may_handle_clues(organization) -> bool:
    """线索承办单位：区（县）人民政府、政府工作部门（含公安机关）、乡镇、街道和行政执法机构可以承办执法监督线索；法院、检察院等
    政法单位、党委及其工作机关和其他单位不承办。

    本地做法（执法监督线索办理规定）：执法监督机构把线索交办有关行政机关或执法机构核查处理，不限于司法局本身。"""
    return organization is not None and organization.kind in HANDLING_UNIT_KINDS


def validate_handling_unit(clue) -> None:
    """线索承办单位须是可以承办线索的单位（may_handle_clues）。"""
    if clue.organization_id and not may_handle_clues(clue.organization):
        raise ValidationError({"organization": NOT_HANDLING_UNIT.format(unit=clue.organization)})


def may_assign(clue) -> bool:
    """交办（改变承办单位）：只有已登记、尚未开始办理的线索可以交办或改交其他单位。

    本地做法（执法监督线索办理规定）：线索登记后交办承办单位，开始办理后由承办单位办结。"""
    return clue.status == "registered"


NOT_ASSIGNABLE = "线索处于“{state}”状态，只有已登记、尚未开始办理的线索可以交办。"
