"""The rules of a reconsideration case from receipt to closing (行政复议法, 2023 revision, in force 2024-01-01): who
handles it, which outcomes correct the contested act, what each step requires, the order of its dates and that an
event that has happened is not dated after today. Pure functions and constants; models, services, ledgers, forms,
admin and API all call these."""

from __future__ import annotations

import datetime as dt
import re

from django.apps import apps
from django.core.exceptions import ValidationError

from fazhi.core import access, config, ids
from fazhi.core.models import OrganizationKind, Role
from fazhi.core.rules import validate_date_happened, validate_happened
from fazhi.core.workflow import rule
from fazhi.enforcement import selectors as enforcement_selectors

from .grounds import BAD_GROUND, GROUNDS

LAW = "《中华人民共和国行政复议法》"

DOCKET_FORMAT = config.define(
    "disputes.docket_format",
    name="行政复议案号格式",
    default="澄复〔{year}〕{seq}号",
    help="案号格式，{year} 为收到申请的年度，{seq} 为当年顺序号（不补零、不跳号），如 澄复〔2025〕12号。",
    basis="各地复议机构自定（本地做法，须经本地核实）。",
)
MEDIATION_COUNTS_AS_CORRECTION = config.define(
    "disputes.mediation_counts_as_correction",
    name="调解、和解纠正计入纠错率",
    default=False,
    help="为真时，经调解、和解纠正了被申请行为的案件计入纠错率的分子，调解、和解结案的案件计入分母。",
    basis="行政复议法第六十三至六十七条所列决定计入纠错；调解、和解是否计入各地做法不一（须经本地核实），故作配置。",
)

# Outcomes (values of models.Outcome) -----------------------------------------------------------------------

CORRECTIONS = (
    "change",
    "revoke",
    "partial_revoke",
    "confirm_illegal",
    "order_performance",
    "confirm_invalid",
)
"""纠错决定：变更、撤销、部分撤销、确认违法、责令履行、确认无效。

《中华人民共和国行政复议法》第六十三条至第六十七条：行政复议机关决定变更、撤销或者部分撤销、确认违法、
责令被申请人在一定期限内履行、确认该行政行为无效。"""

DECISIONS = (*CORRECTIONS, "uphold", "dismiss")
"""行政复议决定：纠错决定，以及维持（第六十八条）、驳回行政复议请求（第六十九条）。"""

WITHOUT_MERITS = ("mediation", "settlement", "termination", "withdrawal", "refused", "reject_application")
"""未作实体决定而办结的方式：调解、和解、终止、撤回、不予受理、驳回申请（第三十三条）。"""

AGREEMENTS = ("mediation", "settlement")
"""调解（第七十三条）与和解（第七十四条）。"""

OUTCOME_ARTICLES = {
    "change": "第六十三条",
    "revoke": "第六十四条",
    "partial_revoke": "第六十四条",
    "confirm_illegal": "第六十五条",
    "order_performance": "第六十六条",
    "confirm_invalid": "第六十七条",
    "uphold": "第六十八条",
    "dismiss": "第六十九条",
    "reject_application": "第三十三条",
    "mediation": "第七十三条",
    "termination": "第四十一条",
    "settlement": "第七十四条",
}
"""每种复议决定所依据的条文。"""

MAX_EXTENSION_DAYS = 30
"""延长审理期限的上限：三十日。

《中华人民共和国行政复议法》第六十二条：“……但是延长期限最多不得超过三十日。”"""

ARTICLE_62_EXTENSION = "延长审理期限应为1至30日：延长期限最多不得超过三十日（行政复议法第六十二条）。"
OFFICE_ONLY = "行政复议案件由行政复议机构（复议工作人员）办理。"


def docket_number(year: int, seq: int) -> str:
    """案号：按本机构的案号格式（设置 disputes.docket_format）编号，如 澄复〔2025〕12号。"""
    return config.get(DOCKET_FORMAT.key).format(year=year, seq=seq)


def docket_seq_of(number: str, year: int) -> int | None:
    """The sequence number of a 案号 given before the platform, if it is of this office's format for the year
    (设置 disputes.docket_format), else None: such a number is kept as issued and reserves its place in the year's
    sequence."""
    for digits in re.findall(r"\d+", number):
        seq = int(digits)
        if seq > 0 and docket_number(year, seq) == number:
            return seq
    return None


def bad_historic_docket(number: str, year: int) -> str:
    return f"案号“{number}”不是本机构{year}年的案号格式（如 {docket_number(year, 1)}）；平台启用前的案号须按收到年度编号。"


def mediation_counts() -> bool:
    """调解、和解纠正是否计入纠错率（本地设置 disputes.mediation_counts_as_correction）。"""
    return bool(config.get(MEDIATION_COUNTS_AS_CORRECTION.key))


def is_correction(outcome: str, corrected_by_agreement: bool = False) -> bool:
    """纠错：决定纠正了被申请的行政行为，或者调解、和解中被申请人纠正了它（第六十三至六十七条）。"""
    return outcome in CORRECTIONS or corrected_by_agreement


# Who handles cases ----------------------------------------------------------------------------------------


def may_handle_cases(user) -> bool:
    """复议机构办案：复议工作人员或司法局管理员（系统管理员亦可）。

    《中华人民共和国行政复议法》第四条：“县级以上各级人民政府以及其他依照本法履行行政复议职责的行政机关是
    行政复议机关。行政复议机关办理行政复议事项的机构是行政复议机构。”"""
    return access.has_role(user, Role.RECONSIDERATION_STAFF, Role.JUSTICE_ADMIN)


def may_export_full_id(user) -> bool:
    """导出完整证件号码：只有行政复议机构（办案人员、司法局管理员）为录入全国行政复议工作平台导出时给出完整号码；
    其他角色（执法监督员、领导等）导出的证件号码一律脱敏。

    《中华人民共和国个人信息保护法》第六条：“处理个人信息应当具有明确、合理的目的，并应当与处理目的直接相关，采取对
    个人权益影响最小的方式。”（全国平台录入需要完整号码；其他用途不需要。）"""
    return may_handle_cases(user)


def may_register(user) -> bool:
    """登记行政复议申请：复议机构的人员，且其范围内可以新建案件（第四条、第二十二条）。"""
    model = apps.get_model("disputes", "ReconsiderationCase")  # by name: the models import these rules
    return may_handle_cases(user) and access.scope_kind(user, model, access.CHANGE) != access.NONE


def may_handle(case, user) -> bool:
    """办理本案（流程权限）：复议机构的人员，且可以修改本案（第四条）。"""
    return may_handle_cases(user) and access.can(user, case, access.CHANGE)


def may_delete_case(user, case) -> bool:
    """行政复议案件不删除：登记有误的以更正或撤回处理，案件及其审计记录保留（本平台规则，不是法条）。"""
    return False


# The application --------------------------------------------------------------------------------------------


def normalized_applicant_id(kind: str, code: str) -> str:
    """申请人证件号码：自然人为身份证号，法人或其他组织为统一社会信用代码，校验后规范写法。

    《中华人民共和国行政复议法》第二十二条：“口头申请的，行政复议机关应当当场记录申请人的基本情况、行政复议请求、
    申请行政复议的主要事实、理由和时间。”"""
    try:
        if kind == "person":
            return ids.validate_id_number(code)
        if kind == "organization":
            return ids.validate_credit_code(code)
    except ValidationError as exc:
        raise ValidationError({"applicant_id_code": exc.messages}) from exc
    return code


# The kinds of unit that are administrative organs under the deciding government (a government is one only when it is
# a lower-level government, never the installation's top unit).
RESPONDENT_KINDS = {
    OrganizationKind.DEPARTMENT,
    OrganizationKind.PUBLIC_SECURITY,
    OrganizationKind.TOWNSHIP,
    OrganizationKind.SUBDISTRICT,
    OrganizationKind.ENFORCEMENT_BODY,
}


def may_be_respondent(organization) -> bool:
    """Whether the unit is an administrative organ whose acts this government's reconsideration reviews: a
    government department (公安机关 included), a township or subdistrict, an enforcement body, or a lower-level
    government — never a court, procuratorate, party organ or other unit, nor the top government itself."""
    if organization is None:
        return False
    if organization.kind == OrganizationKind.DISTRICT_GOVERNMENT:
        return organization.parent_id is not None
    return organization.kind in RESPONDENT_KINDS


def validate_respondent(user, respondent) -> None:
    """被申请人：本区（县）的行政机关（复议机构管辖本级人民政府工作部门及下级人民政府）；法院、检察院，党委及其工作机关和
    其他单位不是行政机关，本级人民政府本身也不由本机关复议。

    《中华人民共和国行政复议法》第二十四条：“县级以上地方各级人民政府管辖下列行政复议案件：（一）对本级人民政府
    工作部门作出的行政行为不服的；（二）对下一级人民政府作出的行政行为不服的；（三）对本级人民政府依法设立的派出机关
    作出的行政行为不服的；（四）对本级人民政府或者其工作部门管理的法律、法规、规章授权的组织作出的行政行为不服的。”"""
    if respondent is not None and not access.in_same_district(user, respondent):
        raise ValidationError({"respondent": "被申请人应为本区（县）的行政机关。"})
    if respondent is not None and not may_be_respondent(respondent):
        raise ValidationError(
            {
                "respondent": f"“{respondent}”不是本级人民政府工作部门、下一级人民政府或行政执法机构，"
                "不能作为被申请人（行政复议法第二十四条）。"
            }
        )


def validate_received_in_docket_year(received_on: dt.date | None, docket_year: int | None) -> None:
    """案号年度不变：案号按收到年度编号，更正收到日期不能跨年（本地案号规则）。"""
    if received_on and docket_year and received_on.year != docket_year:
        raise ValidationError({"received_on": f"案号属于{docket_year}年，收到日期不能改到其他年度。"})


HAPPENED_FIELDS = (
    "act_date",
    "known_on",
    "approved_on",
    "committee_consulted_on",
    "received_on",
    "supplement_requested_on",
    "supplement_served_on",
    "supplement_extended_on",
    "supplement_received_on",
    "accepted_on",
    "refused_on",
    "copy_sent_on",
    "copy_served_on",
    "answer_received_on",
    "converted_on",
    "extension_approved_on",
    "concluded_on",
    "closed_on",
    "platform_entered_on",
)
"""已经发生的事项的日期（作出、收到、补正、受理、不予受理、发送、答复、转换、批准延期、办结、归档、录入平台）。"""

ORDER = (
    ("act_date", "received_on", "行政行为作出日期不能晚于收到申请日期。", "act_date"),
    ("act_date", "known_on", "知道行政行为之日不能早于行政行为作出日期。", "known_on"),
    ("known_on", "received_on", "知道行政行为之日不能晚于收到申请日期。", "known_on"),
    ("received_on", "supplement_requested_on", "补正通知日期不能早于收到申请日期。", None),
    ("supplement_requested_on", "supplement_received_on", "收到补正材料日期不能早于补正通知日期。", None),
    ("received_on", "accepted_on", "受理日期不能早于收到申请日期。", None),
    ("received_on", "refused_on", "不予受理决定日期不能早于收到申请日期。", None),
    ("supplement_requested_on", "supplement_served_on", "补正通知送达日期不能早于补正通知日期。", None),
    ("accepted_on", "copy_sent_on", "发送申请书副本日期不能早于受理日期。", None),
    ("copy_sent_on", "copy_served_on", "被申请人收到副本日期不能早于发送日期。", None),
    ("copy_sent_on", "answer_received_on", "收到答复日期不能早于发送申请书副本日期。", None),
    ("accepted_on", "converted_on", "转为普通程序日期不能早于受理日期。", None),
    ("accepted_on", "extension_approved_on", "延期批准日期不能早于受理日期。", None),
    ("received_on", "concluded_on", "办结日期不能早于收到申请日期。", None),
    ("accepted_on", "concluded_on", "办结日期不能早于受理日期。", None),
    ("concluded_on", "closed_on", "结案归档日期不能早于办结日期。", None),
    ("received_on", "platform_entered_on", "录入平台日期不能早于收到申请日期。", None),
)


def validate_dates(case) -> None:
    """案件日期的先后：作出 ≤ 收到 ≤ 补正通知 ≤ 收到补正；收到 ≤ 受理 ≤ 发送副本 ≤ 收到答复；受理 ≤ 办结 ≤ 归档；
    且每个已经发生的事项不晚于今天。

    《中华人民共和国行政复议法》第三十条、第三十一条、第四十八条：审查、补正、发送副本与答复的期限均自前一事项
    之日起算，日期颠倒或尚未发生则期限无从计算。"""
    errors: dict[str, list[str]] = {}
    for earlier, later, message, key in ORDER:
        a, b = getattr(case, earlier), getattr(case, later)
        if a and b and b < a:
            errors.setdefault(key or later, []).append(message)
    try:
        validate_happened(case, *HAPPENED_FIELDS)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


def validate_event_on(case, field: str, on: dt.date | None) -> None:
    """已经发生的事项不晚于今天：一个步骤的日期（存入 `field`）不能是将来的日期（core.rules.validate_date_happened）。

    受理、补正、发送副本、决定、结案等是已经发生的事项；期限自这些日期起算（《中华人民共和国行政复议法》第三十条、
    第四十八条、第六十二条），将来的日期会推动期限和统计数字。"""
    validate_date_happened(on, str(case._meta.get_field(field).verbose_name), field)


# Steps ------------------------------------------------------------------------------------------------------


def validate_supplement_request(*, on: dt.date, items: str, examination_due: dt.date | None) -> None:
    """补正通知：在五日审查期限内书面通知，一次性载明需要补正的事项。

    《中华人民共和国行政复议法》第三十一条：“行政复议机关应当自收到申请之日起五日内书面通知申请人补正。补正通知
    应当一次性载明需要补正的事项。”"""
    if not items.strip():
        raise ValidationError({"supplement_items": "请写明需要补正的材料（行政复议法第三十一条）。"})
    if examination_due and on > examination_due:
        raise ValidationError(
            {
                "supplement_requested_on": f"补正通知应在受理审查期限（{examination_due:%Y年%m月%d日}）内发出"
                "（行政复议法第三十一条）。"
            }
        )


def validate_procedure(procedure: str) -> None:
    """审理程序：普通程序或简易程序（第五十三条、第五十四条）。"""
    if procedure and procedure not in ("ordinary", "simplified"):
        raise ValidationError({"procedure": "审理程序应为普通程序或简易程序。"})


def validate_deemed_acceptance(case, *, examination_due: dt.date | None, on: dt.date) -> None:
    """视为受理：审查期限届满、未作出不予受理决定的，自届满之日起视为受理。

    《中华人民共和国行政复议法》第三十条第三款：“行政复议申请的审查期限届满，行政复议机关未作出不予受理决定的，
    审查期限届满之日起视为受理。”"""
    if case.status != "received" or examination_due is None or examination_due >= on:
        raise ValidationError("受理审查期限尚未届满，不能视为受理（行政复议法第三十条）。")


def validate_refusal(*, on: dt.date, reason: str, examination_due: dt.date | None) -> None:
    """不予受理：在审查期限内决定并说明理由；期限届满即视为受理，不能再不予受理。

    《中华人民共和国行政复议法》第三十条第二款：“对不符合前款规定的行政复议申请，行政复议机关应当在审查期限内
    决定不予受理并说明理由。”"""
    if not reason.strip():
        raise ValidationError({"refusal_reason": "不予受理须说明理由（行政复议法第三十条）。"})
    if examination_due and on > examination_due:
        raise ValidationError(
            {
                "refused_on": f"受理审查期限已于{examination_due:%Y年%m月%d日}届满，依行政复议法第三十条视为受理，"
                "不能再作出不予受理决定。"
            }
        )


def validate_answer(case) -> None:
    """登记被申请人答复：受理并发送副本后、办结前（第四十八条：被申请人自收到副本之日起十日内提出书面答复）。"""
    if case.status not in ("reviewing", "suspended"):
        raise ValidationError("只有审理中的案件可以登记被申请人答复。")


def validate_conversion(case, *, reason: str) -> None:
    """简易程序转为普通程序：受理后、办结前，经复议机构负责人批准。

    《中华人民共和国行政复议法》第五十五条：“适用简易程序审理的行政复议案件，行政复议机构认为不宜适用简易程序的，
    经行政复议机构的负责人批准，可以转为普通程序审理。”"""
    if case.procedure != "simplified":
        raise ValidationError("该案件不是简易程序，无需转换。")
    if case.status not in ("accepted", "reviewing", "suspended"):
        raise ValidationError("只有受理后、办结前的案件可以转换审理程序。")
    if not reason.strip():
        raise ValidationError(
            {"conversion_reason": "请写明转为普通程序的理由及批准人（行政复议法第五十五条）。"}
        )


def validate_suspension(case, *, on: dt.date, ground: int | None) -> None:
    """中止审理：写明第三十九条第一款所列情形之一（第1至10项），中止日期不早于受理日期。

    《中华人民共和国行政复议法》第三十九条：“行政复议期间有下列情形之一的，行政复议中止：（一）作为申请人的公民
    死亡，其近亲属尚未确定是否参加行政复议；……（十）需要中止行政复议的其他情形。……行政复议机关中止、恢复行政
    复议案件的审理，应当书面告知当事人。”（十项原文见 rules/timeline.py 的 GROUNDS。）"""
    if ground not in GROUNDS:
        raise ValidationError({"ground": BAD_GROUND})
    if case.accepted_on and on < case.accepted_on:
        raise ValidationError({"suspended_on": "中止日期不能早于受理日期。"})


def validate_suspension_dates(suspension) -> None:
    """中止与恢复的日期：恢复不早于中止，且都已经发生（第三十九条）。"""
    if suspension.resumed_on and suspension.suspended_on and suspension.resumed_on < suspension.suspended_on:
        raise ValidationError({"resumed_on": "恢复审理日期不能早于中止日期。"})
    validate_happened(suspension, "suspended_on", "resumed_on")


def validate_extension_days(days: int) -> None:
    """延长审理期限最多三十日。

    《中华人民共和国行政复议法》第六十二条：“情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机构的负责人
    批准，可以适当延长，并书面告知当事人；但是延长期限最多不得超过三十日。”"""
    if not 0 < days <= MAX_EXTENSION_DAYS:
        raise ValidationError({"extension_days": ARTICLE_62_EXTENSION})


def validate_extension(
    *, days: int, approved_by: str, approved_on: dt.date, reason: str, decision_due: dt.date | None
) -> None:
    """延期审理：一次，经复议机构负责人批准并写明理由，最多三十日，且在审理期限届满前批准。

    《中华人民共和国行政复议法》第六十二条：“情况复杂，不能在规定期限内作出行政复议决定的，经行政复议机构的负责人
    批准，可以适当延长，并书面告知当事人；但是延长期限最多不得超过三十日。”"""
    validate_extension_days(days)
    if not approved_by.strip() or not reason.strip():
        raise ValidationError("延期审理须经行政复议机构负责人批准并写明理由（行政复议法第六十二条）。")
    if decision_due and approved_on > decision_due:
        raise ValidationError(
            {"extension_approved_on": f"审理期限已于{decision_due:%Y年%m月%d日}届满，不能再批准延期。"}
        )


def validate_decision(*, outcome: str) -> None:
    """复议决定的种类：变更、撤销、部分撤销、确认违法、责令履行、确认无效、维持或驳回（第六十三至六十九条）。"""
    if outcome not in DECISIONS:
        raise ValidationError(
            {
                "outcome": "复议决定应为变更、撤销、部分撤销、确认违法、责令履行、确认无效、维持或驳回复议请求。"
            }
        )


def validate_termination(*, reason: str) -> None:
    """终止行政复议须写明理由。

    《中华人民共和国行政复议法》第四十一条：“行政复议期间有下列情形之一的，行政复议机关决定终止行政复议：
    （一）申请人撤回行政复议申请，行政复议机构准予撤回……”"""
    if not reason.strip():
        raise ValidationError({"conclusion": "终止行政复议须写明理由（行政复议法第四十一条）。"})


def validate_in_review(case, what: str) -> None:
    """审理中的事项（听取意见、听证）：受理后、办结前（第四十九条至第五十一条）。"""
    if case.status not in ("accepted", "reviewing", "suspended"):
        raise ValidationError(f"只有受理后、办结前的案件可以{what}。")


def may_refer_clue(case) -> bool:
    """可以移送执法监督线索：纠错决定，且尚未移送（第六十三至六十七条、第七十六条）。"""
    return case.outcome in CORRECTIONS and enforcement_selectors.clue_for(case) is None


def validate_clue_referral(case) -> None:
    """移送执法监督线索：只有纠错决定可以移送，且只移送一次。

    《中华人民共和国行政复议法》第七十六条：“行政复议机关在办理行政复议案件过程中，发现被申请人或者其他下级行政机关
    的有关行政行为违法或者不当的，可以向其制发行政复议意见书。”"""
    clue = enforcement_selectors.clue_for(case)  # unscoped: one clue per case, whoever asks
    if clue is not None:
        raise ValidationError(f"该案件已移送执法监督线索（{clue}）。")
    if case.outcome not in CORRECTIONS:
        raise ValidationError(outcome_is_correction.message)


# Transition conditions --------------------------------------------------------------------------------------


@rule(
    "普通程序审理的案件，须听取当事人意见，或者记录因当事人原因不能听取意见的理由后书面审理（行政复议法第四十九条）。"
)
def opinions_heard_or_excused(case) -> bool:
    """听取意见或书面审理。

    《中华人民共和国行政复议法》第四十九条：“适用普通程序审理的行政复议案件，行政复议机构应当当面或者通过互联网、
    电话等方式听取当事人的意见，并将听取的意见记录在案。因当事人原因不能听取意见的，可以书面审理。”"""
    if case.procedure != "ordinary":
        return True
    if case.opinions_not_heard_reason.strip():
        return True
    return case.opinions.exists() or case.hearings.filter(held_on__isnull=False).exists()


@rule("审理期限只能延长一次（行政复议法第六十二条）。")
def not_yet_extended(case) -> bool:
    """审理期限只延长一次（第六十二条：“可以适当延长……延长期限最多不得超过三十日”）。"""
    return not case.extension_days


@rule("只有纠错决定（变更、撤销、确认违法、责令履行、确认无效）可以移送执法监督线索。")
def outcome_is_correction(case) -> bool:
    """纠错决定（第六十三至六十七条）。"""
    return case.outcome in CORRECTIONS
