"""The rules of a lawsuit (行政诉讼法 2017, 法释〔2018〕1号): the defence period, the registration checks (plaintiff,
instance, dates in order, no event after today, the reconsideration case it follows), who counts as the agency head
appearing in court, who may take each step, and what each judgment or ruling means for the figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access, calendar, ids
from fazhi.core.models import OrganizationKind, User
from fazhi.core.rules import validate_date_happened, validate_happened
from fazhi.core.workflow import rule
from fazhi.disputes import selectors as disputes_selectors
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.enforcement.selectors import SupervisionClue

from . import clocks

DEFENCE_DAYS = 15
"""行政诉讼法第六十七条：被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，
并提出答辩状。期间按第一百零一条适用民事诉讼法第八十五条计算（起算日不计入，届满日为法定休假日的顺延）。"""
DEFENCE_RULE = clocks.DEFENCE_PERIOD.rule
DUE_WARNING_DAYS = 5


def defence_deadline(served_on: dt.date) -> calendar.Deadline:
    """答辩期限。

    《中华人民共和国行政诉讼法》第六十七条（据 domain/statutes.md）：被告应当在收到起诉状副本之日起十五日内向人民法院
    提交作出行政行为的证据和所依据的规范性文件，并提出答辩状。第一百零一条适用《中华人民共和国民事诉讼法》第八十五条：
    “期间以时、日、月、年计算。期间开始的时和日，不计算在期间内。”"""
    return clocks.DEFENCE_PERIOD.from_(served_on)


# Outcomes -----------------------------------------------------------------------------------------------------

WON, LOST, WITHDRAWN, MEDIATED, OTHER = "won", "lost", "withdrawn", "mediated", "other"
CARRIED = "carried"  # 驳回上诉、维持原判: the result of the decision upheld
RESULT_LABELS = {
    WON: "胜诉",
    LOST: "败诉",
    WITHDRAWN: "撤诉",
    MEDIATED: "调解",
    OTHER: "其他",
}
RESULT_CHOICES = list(RESULT_LABELS.items())


@dataclass(frozen=True)
class Outcome:
    code: str
    label: str
    result: str  # WON, LOST, WITHDRAWN, MEDIATED, OTHER, or CARRIED (the upheld decision's result)
    performance: bool  # the effective judgment obliges the agency to act (重新作出, 履行, 给付, 赔偿…)
    is_judgment: bool  # 判决 (after a hearing) rather than 裁定 or 调解书
    article: str
    appealable: bool = True  # a first-instance decision a party may appeal (行政诉讼法第八十五条)
    appellate: bool = False  # given only by a second instance or a retrial (行政诉讼法第八十九条)


OUTCOMES = [
    Outcome("dismissed", "判决驳回原告诉讼请求", WON, False, True, "行政诉讼法第六十九条"),
    Outcome(
        "upheld",
        "驳回上诉、维持原判",
        CARRIED,
        False,
        True,
        "行政诉讼法第八十九条第一款第（一）项",
        appealable=False,
        appellate=True,
    ),
    Outcome("suit_rejected", "裁定驳回起诉", WON, False, False, "法释〔2018〕1号第六十九条"),
    Outcome("revoked", "判决撤销或部分撤销（含责令重新作出）", LOST, True, True, "行政诉讼法第七十条"),
    Outcome("perform", "判决履行法定职责", LOST, True, True, "行政诉讼法第七十二条"),
    Outcome("payment", "判决给付", LOST, True, True, "行政诉讼法第七十三条"),
    Outcome("illegal", "判决确认违法", LOST, True, True, "行政诉讼法第七十四条、第七十六条"),
    Outcome("void", "判决确认无效", LOST, True, True, "行政诉讼法第七十五条"),
    Outcome("varied", "判决变更", LOST, True, True, "行政诉讼法第七十七条"),
    Outcome(
        "reversed",
        "二审改判（行政机关败诉）",
        LOST,
        True,
        True,
        "行政诉讼法第八十九条第一款第（二）项",
        appealable=False,
        appellate=True,
    ),
    Outcome(
        "reversed_won",
        "二审改判（行政机关胜诉）",
        WON,
        False,
        True,
        "行政诉讼法第八十九条第一款第（二）项",
        appealable=False,
        appellate=True,
    ),
    Outcome("withdrawn", "裁定准许撤诉", WITHDRAWN, False, False, "行政诉讼法第六十二条", appealable=False),
    Outcome("mediated", "调解结案", MEDIATED, True, False, "行政诉讼法第六十条", appealable=False),
    Outcome(
        "remanded",
        "裁定发回重审",
        OTHER,
        False,
        False,
        "行政诉讼法第八十九条第一款第（三）、（四）项",
        appealable=False,
        appellate=True,
    ),
]
BY_CODE = {o.code: o for o in OUTCOMES}
OUTCOME_CHOICES = [(o.code, o.label) for o in OUTCOMES]
JUDGMENTS = [o.code for o in OUTCOMES if o.is_judgment]
APPELLATE = [o.code for o in OUTCOMES if o.appellate]


def outcome(code: str) -> Outcome | None:
    return BY_CODE.get(code)


UPHELD_WITHOUT_FIRST = "驳回上诉、维持原判的，须先登记原一审案件的裁判结果：生效结果即原判的结果（行政诉讼法第八十九条第一款第（一）项）。"


def effective_result(lawsuit, outcome_code: str) -> tuple[str, bool]:
    """生效裁判的胜败诉及履行义务。

    《中华人民共和国行政诉讼法》第八十九条第一款（条文未收入 domain/laws/，据公布文本，待核）：“人民法院审理上诉案件，
    按照下列情形，分别处理：（一）原判决、裁定认定事实清楚，适用法律、法规正确的，判决或者裁定驳回上诉，维持原判决、
    裁定；（二）原判决、裁定认定事实错误或者适用法律、法规错误的，依法改判、撤销或者变更；……”第九十四条：“当事人必须
    履行人民法院发生法律效力的判决、裁定、调解书。”
    So 驳回上诉、维持原判 carries the first instance's result and its duty to perform: an agency that lost at first
    instance and whose appeal was dismissed has lost, and must perform; 改判 decides for or against the agency as the
    new judgment says. Returns (result, must_perform)."""
    rule_ = BY_CODE[outcome_code]
    if rule_.result != CARRIED:
        return rule_.result, rule_.performance
    first = lawsuit.first_instance
    if first is None or not first.result:
        raise ValidationError({"outcome": UPHELD_WITHOUT_FIRST})
    return first.result, first.must_perform


# Transition conditions ----------------------------------------------------------------------------------------


HEARING_BEFORE_JUDGMENT = (
    "一审作出判决前须登记开庭情况及行政机关负责人出庭应诉情况（行政诉讼法第三条第三款；"
    "法释〔2018〕1号第一百二十八至一百三十二条）；未开庭即结案的，应为撤诉、驳回起诉等裁定或调解。"
)


def hearing_recorded_for(lawsuit, outcome_code: str) -> bool:
    """一审判决前须已开庭。

    《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百三十二条：“行政机关负责人和行政机关相应的工作人员
    均不出庭，仅委托律师出庭的……人民法院应当记录在案和在裁判文书中载明”。判决在开庭之后作出；裁定、调解可不开庭。"""
    if outcome_code not in JUDGMENTS or lawsuit.instance != "first":
        return True
    return lawsuit.hearings.exists()


@rule("该裁判结果使行政机关负有履行义务，生效后应进入“待履行”，履行完毕后结案。")
def needs_performance(lawsuit) -> bool:
    """生效裁判须履行。

    《中华人民共和国行政诉讼法》第九十四条（据 domain/statutes.md）：当事人必须履行人民法院发生法律效力的判决、裁定、调解书。"""
    return lawsuit.must_perform


@rule("该裁判结果不使行政机关负有履行义务，生效即结案。")
def needs_no_performance(lawsuit) -> bool:
    """生效即结案。

    《中华人民共和国行政诉讼法》第六十九条（据 domain/statutes.md）：驳回原告诉讼请求的判决不使被告负有履行义务。"""
    return not lawsuit.must_perform


def validate_defence(*, submitted_on: dt.date | None) -> None:
    """提交答辩的登记。

    《中华人民共和国行政诉讼法》第六十七条（据 domain/statutes.md）：被告应当在收到起诉状副本之日起十五日内提交答辩状；
    提交日期为已发生的事项，不能晚于今天。"""
    if submitted_on is None:
        raise ValidationError({"defence_submitted_on": "请填写提交答辩日期。"})
    validate_date_happened(submitted_on, "提交答辩日期", "defence_submitted_on")


def validate_appeal(*, appealed_on: dt.date | None, appellant: str) -> None:
    """上诉的登记。

    《中华人民共和国行政诉讼法》第八十五条（条文未收入 domain/laws/，待核）：当事人不服人民法院第一审判决的，有权在判决书
    送达之日起十五日内向上一级人民法院提起上诉。上诉日期为已发生的事项，不能晚于今天。"""
    if appealed_on is None:
        raise ValidationError({"appealed_on": "请填写上诉日期。"})
    if not (appellant or "").strip():
        raise ValidationError({"appellant": "请填写上诉人。"})
    validate_date_happened(appealed_on, "上诉日期", "appealed_on")


def validate_performance(*, performed_on: dt.date | None, performance_note: str) -> None:
    """履行生效裁判的登记。

    《中华人民共和国行政诉讼法》第九十四条（据 domain/statutes.md）：当事人必须履行人民法院发生法律效力的判决、裁定、调解书；
    履行日期为已发生的事项，不能晚于今天。"""
    if performed_on is None:
        raise ValidationError({"performed_on": "请填写履行日期。"})
    if not (performance_note or "").strip():
        raise ValidationError({"performance_note": "请写明履行情况（如已重新作出行政行为、已支付款项）。"})
    validate_date_happened(performed_on, "履行日期", "performed_on")


def validate_judgment(lawsuit, *, outcome: str, judged_on: dt.date | None) -> None:
    """登记裁判结果的条件。

    《中华人民共和国行政诉讼法》第三条第三款（据 domain/statutes.md）：被诉行政机关负责人应当出庭应诉；一审判决前须已登记开庭。
    裁判日期为已发生的事项，不能晚于今天。"""
    if outcome not in BY_CODE:
        raise ValidationError({"outcome": "请选择裁判结果。"})
    if judged_on is None:
        raise ValidationError({"judged_on": "请填写裁判日期。"})
    validate_date_happened(judged_on, "裁判日期", "judged_on")
    if not hearing_recorded_for(lawsuit, outcome):
        raise ValidationError(HEARING_BEFORE_JUDGMENT)
    if (outcome in APPELLATE) != (lawsuit.instance != "first"):
        raise ValidationError(
            {
                "outcome": f"“{BY_CODE[outcome].label}”"
                + (
                    "只适用于二审、再审案件（行政诉讼法第八十九条）。"
                    if outcome in APPELLATE
                    else "不是二审、再审的裁判结果。"
                )
            }
        )
    effective_result(lawsuit, outcome)


def validate_judgment_served(lawsuit, *, served_on: dt.date | None) -> None:
    """裁判文书送达日期。

    《中华人民共和国民事诉讼法》第八十七条第二款（经行政诉讼法第一百零一条适用）：“受送达人在送达回证上的签收日期为
    送达日期。”第九十一条：“邮寄送达的，以回执上注明的收件日期为送达日期。”上诉期自送达之日起算（行政诉讼法第八十五条），
    送达为已发生的事项，不能晚于今天，也不能早于裁判日期。"""
    if served_on is None:
        raise ValidationError({"judgment_served_on": "请填写裁判文书送达（签收）日期。"})
    validate_date_happened(served_on, "裁判文书送达日期", "judgment_served_on")
    if lawsuit.judged_on and served_on < lawsuit.judged_on:
        raise ValidationError({"judgment_served_on": "裁判文书送达日期不能早于裁判日期。"})


def validate_effect(lawsuit, *, effective_on: dt.date | None, performance_due: dt.date | None = None) -> None:
    """裁判生效的登记。

    《中华人民共和国行政诉讼法》第九十四条（据 domain/statutes.md）：当事人必须履行人民法院发生法律效力的判决、裁定、调解书。
    生效日期为已发生的事项，不能晚于今天；履行期限由生效裁判确定，可在今后，但不能早于生效日期。"""
    if effective_on is None:
        raise ValidationError({"effective_on": "请填写生效日期。"})
    validate_date_happened(effective_on, "生效日期", "effective_on")
    if lawsuit.must_perform and performance_due and performance_due < effective_on:
        raise ValidationError({"performance_due": "履行期限不能早于生效日期。"})


# Registration -------------------------------------------------------------------------------------------------

LAWSUIT_EVENT_DATES = (
    "filed_on",
    "served_on",
    "defence_submitted_on",
    "judged_on",
    "judgment_served_on",
    "appealed_on",
    "head_requested_on",
    "effective_on",
    "performed_on",
)


def validate_lawsuit(lawsuit) -> None:
    """行政应诉案件的登记规则（原告证件、审级关联、日期先后、已发生事项不晚于今天）。

    《中华人民共和国行政诉讼法》第六十七条（据 domain/statutes.md）：被告在收到起诉状副本之日起十五日内提交答辩状——
    送达、答辩、裁判、生效、履行依次发生，均为已发生的事项，不能晚于今天。Model.clean() calls this, so the service,
    the transitions (run_transition validates), the ledger, admin and the API all apply it."""
    errors: dict[str, str] = {}
    number = (lawsuit.plaintiff_id_number or "").strip()
    try:
        if lawsuit.plaintiff_kind == "person":
            lawsuit.plaintiff_id_number = ids.validate_id_number(number)
        elif lawsuit.plaintiff_kind == "organization":
            lawsuit.plaintiff_id_number = ids.validate_credit_code(number)
    except ValidationError as exc:
        errors["plaintiff_id_number"] = exc.messages[0]
    if lawsuit.instance == "first" and lawsuit.first_instance_id:
        errors["first_instance"] = "一审案件不应关联其他一审案件。"
    if lawsuit.instance != "first":
        first = lawsuit.first_instance
        if first is None:
            errors["first_instance"] = f"{lawsuit.get_instance_display()}案件须关联原一审案件。"
        elif first.instance != "first":
            errors["first_instance"] = f"“{first}”不是一审案件。"
        elif first.pk == lawsuit.pk:
            errors["first_instance"] = "不能关联本案自身。"
    if lawsuit.filed_on and lawsuit.served_on and lawsuit.served_on < lawsuit.filed_on:
        errors["served_on"] = "送达日期不能早于立案日期。"
    if (
        lawsuit.defence_submitted_on
        and lawsuit.served_on
        and lawsuit.defence_submitted_on < lawsuit.served_on
    ):
        errors["defence_submitted_on"] = "提交答辩日期不能早于起诉状副本送达日期。"
    if lawsuit.judged_on and lawsuit.served_on and lawsuit.judged_on < lawsuit.served_on:
        errors["judged_on"] = "裁判日期不能早于起诉状副本送达日期。"
    if lawsuit.effective_on and lawsuit.judged_on and lawsuit.effective_on < lawsuit.judged_on:
        errors["effective_on"] = "生效日期不能早于裁判日期。"
    if lawsuit.appealed_on and lawsuit.judged_on and lawsuit.appealed_on < lawsuit.judged_on:
        errors["appealed_on"] = "上诉日期不能早于裁判日期。"
    if lawsuit.judgment_served_on and lawsuit.judged_on and lawsuit.judgment_served_on < lawsuit.judged_on:
        errors["judgment_served_on"] = "裁判文书送达日期不能早于裁判日期。"
    if lawsuit.performed_on and lawsuit.effective_on and lawsuit.performed_on < lawsuit.effective_on:
        errors["performed_on"] = "履行日期不能早于生效日期。"
    try:
        validate_happened(lawsuit, *LAWSUIT_EVENT_DATES)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages[0])
    if errors:
        raise ValidationError(errors)


def unknown_first_instance(case_number: str) -> str:
    """The refusal for a first-instance case number the user cannot see (or that is not registered)."""
    return f"一审案号“{case_number}”尚未登记或您无权查看。"


# The kinds of unit that are administrative organs (or bodies authorised by law to exercise administrative powers):
# a government at any level of the district, its departments (公安机关 included), townships, subdistricts and
# enforcement bodies — never a court, a procuratorate, a party organ or another unit (core.OrganizationKind).
DEFENDANT_KINDS = {
    OrganizationKind.DISTRICT_GOVERNMENT,
    OrganizationKind.DEPARTMENT,
    OrganizationKind.PUBLIC_SECURITY,
    OrganizationKind.TOWNSHIP,
    OrganizationKind.SUBDISTRICT,
    OrganizationKind.ENFORCEMENT_BODY,
}


def may_be_defendant(organization) -> bool:
    """可以作为被告（及主管部门）的单位：行政机关或法律、法规、规章授权的组织（行政诉讼法第二条、第二十六条）。

    An administrative organ or a body authorised by law — never a court or procuratorate (the 政法单位 of
    core.POLITICAL_LEGAL_KINDS other than 公安机关), a party organ or another unit. The district government itself may be
    sued. The page, admin and selectors offer only these units (selectors.defendant_choices)."""
    if organization is None:
        return False
    return organization.kind in DEFENDANT_KINDS


def not_a_defendant(organization) -> str:
    return (
        f"“{organization}”不是行政机关或法律、法规、规章授权的组织，不能作为被告（行政诉讼法第二条、第二十六条，"
        "法释〔2018〕1号第二十条、第二十四条）。"
    )


def not_a_department(organization) -> str:
    return f"“{organization}”不是行政机关，不能作为被诉行政行为的主管部门（行政诉讼法第二十六条）。"


def validate_defendant(user: User, defendant) -> None:
    """被告：本区的行政机关或者法律、法规、规章授权的组织；法院、检察院，党委及其工作机关和其他单位不能作为被告。

    《中华人民共和国行政诉讼法》第二十六条第一款：“公民、法人或者其他组织直接向人民法院提起诉讼的，作出行政行为的
    行政机关是被告。”第二条第二款：“前款所称行政行为，包括法律、法规、规章授权的组织作出的行政行为。”（行政诉讼法
    全文不在 domain/laws：两款条文已与公开发布的法律文本核对，仍需对照官方文本复核；下引司法解释见 domain/laws。）
    《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第二十条第一款：“行政机关组建并赋予行政管理职能但不具有
    独立承担法律责任能力的机构，以自己的名义作出行政行为，当事人不服提起诉讼的，应当以组建该机构的行政机关为被告。”
    第二十四条第三款：“当事人对高等学校等事业单位以及律师协会、注册会计师协会等行业协会依据法律、法规、规章的授权实施的
    行政行为不服提起诉讼的，以该事业单位、行业协会为被告。”——本平台登记本区行政机关应诉的案件，被告须为本区的行政机关。"""
    if defendant is None:
        return
    if not access.in_same_district(user, defendant):
        raise ValidationError({"defendant": f"被告行政机关“{defendant}”不是本区的单位。"})
    if not may_be_defendant(defendant):
        raise ValidationError({"defendant": not_a_defendant(defendant)})


def validate_responsible_department(department) -> None:
    """主管部门：被诉行政行为的主管（原承办或牵头）部门，是作出行政行为的行政机关（或其组建的机构）。

    《中华人民共和国行政诉讼法》第二十六条第一款：“公民、法人或者其他组织直接向人民法院提起诉讼的，作出行政行为的
    行政机关是被告。”——主管部门与被告同为行政机关（may_be_defendant）；法院、检察院、党委及其工作机关不主管行政行为。"""
    if department is not None and not may_be_defendant(department):
        raise ValidationError({"responsible_department": not_a_department(department)})


def validate_parties(user: User, *, defendant=None, first_instance=None, responsible_department=None) -> None:
    """被告、主管部门与原审案件。

    被告须为本区的行政机关（validate_defendant，行政诉讼法第二十六条）；主管部门为行政机关
    （validate_responsible_department）；二审、再审案件关联的原一审案件须是用户可查看的已登记案件。"""
    errors: dict[str, list[str]] = {}
    for check in (
        lambda: validate_defendant(user, defendant),
        lambda: validate_responsible_department(responsible_department),
    ):
        try:
            check()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, messages)
    if first_instance is not None and (first_instance.pk or 0) > 0 and not access.can(user, first_instance):
        errors["first_instance"] = [unknown_first_instance(first_instance.case_number)]
    if errors:
        raise ValidationError(errors)


def unknown_reconsideration(docket_number: str) -> str:
    """The refusal for a reconsideration docket number the user cannot see (or that does not exist)."""
    return f"复议案号“{docket_number}”不存在或您无权查看。"


def validate_reconsideration_case(user: User, case) -> None:
    """诉讼所经的行政复议案件。

    《中华人民共和国行政复议法》第十条：“公民、法人或者其他组织对行政复议决定不服的，可以依照《中华人民共和国行政诉讼法》
    的规定向人民法院提起行政诉讼”；第三十四条：“行政复议机关决定不予受理、驳回申请或者受理后超过行政复议期限不作答复的，
    ……可以自收到决定书之日起或者行政复议期限届满之日起十五日内，依法向人民法院提起行政诉讼。”
    So the case a lawsuit follows is one the user may see, of the user's district, and already accepted or refused
    (a case still awaiting acceptance or supplement has no reconsideration to follow)."""
    if case is None:
        return
    if not disputes_selectors.cases_for(user).filter(pk=case.pk).exists() or not access.in_same_district(
        user, case.organization
    ):
        raise ValidationError({"reconsideration": unknown_reconsideration(case.docket_number)})
    if case.accepted_on is None and case.refused_on is None:
        raise ValidationError(
            {
                "reconsideration": f"复议案件“{case.docket_number}”尚未受理或作出不予受理决定，不能作为诉讼所经的复议案件"
                "（行政复议法第十条、第三十四条）。"
            }
        )


# Hearings -----------------------------------------------------------------------------------------------------


def validate_hearing(hearing) -> None:
    """行政机关负责人出庭应诉。

    《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百二十八条：“行政诉讼法第三条第三款规定的行政机关负责人，
    包括行政机关的正职、副职负责人以及其他参与分管的负责人。”第一百三十二条：仅委托律师出庭的，不视为出庭应诉。
    开庭日期为已发生的事项，不能晚于今天。"""
    errors: dict[str, str] = {}
    if hearing.head_appeared:
        if hearing.head_id is None:
            errors["head"] = "负责人出庭的，须填写出庭的负责人。"
        elif hearing.lawsuit_id and not hearing.head.organization.path.startswith(
            hearing.lawsuit.defendant.path
        ):
            errors["head"] = f"{hearing.head}不是被告行政机关（{hearing.lawsuit.defendant}）的人员。"
        if hearing.absence_reason.strip():
            errors["absence_reason"] = "负责人已出庭的，不应填写未出庭原因。"
    else:
        if hearing.head_id is not None:
            errors["head"] = "负责人未出庭的，不应填写出庭负责人。"
        if not hearing.absence_reason.strip():
            errors["absence_reason"] = "负责人未出庭的，须写明原因（法释〔2018〕1号第一百三十二条）。"
        if not hearing.explanation_sealed:
            errors["explanation_sealed"] = "负责人未出庭的，须向法院提交加盖行政机关印章的书面说明。"
        if not hearing.staff.strip():
            errors["staff"] = "负责人不能出庭的，应委托相应的工作人员出庭；仅委托律师出庭的，不视为出庭应诉。"
    if hearing.lawsuit_id and hearing.held_on and hearing.held_on < hearing.lawsuit.served_on:
        errors["held_on"] = "开庭日期不能早于起诉状副本送达日期。"
    try:
        validate_happened(hearing, "held_on")
    except ValidationError as exc:
        errors.setdefault("held_on", exc.message_dict["held_on"][0])
    if errors:
        raise ValidationError(errors)


def may_record_hearing(lawsuit) -> bool:
    """可以登记开庭：答辩前后、裁判之前。

    《中华人民共和国行政诉讼法》第三条第三款（据 domain/statutes.md）：被诉行政机关负责人应当出庭应诉——开庭在裁判之前。"""
    return lawsuit.status in ("served", "defended")


# Who may take the steps ---------------------------------------------------------------------------------------


def may_handle_lawsuit(lawsuit, user: User) -> bool:
    """办理应诉案件的权限。

    《中华人民共和国行政诉讼法》第三条第三款（据 domain/statutes.md）：被诉行政机关负责人应当出庭应诉——由主管部门
    （及司法局、复议工作人员）办理；领导只阅不改，法律顾问不办理应诉案件。Every transition's permission."""
    return access.may_change(lawsuit, user)


def may_delete_lawsuit(user: User, lawsuit) -> bool:
    """行政应诉案件不删除。

    《中华人民共和国行政诉讼法》第三条第三款（据 domain/statutes.md）：负责人出庭应诉情况由人民法院记录在案——案件、开庭及
    裁判的登记是年度出庭率、败诉率、履行率的依据，登记有误的更正，不删除。"""
    return False


def validate_clue_received(received_on: dt.date) -> None:
    """败诉案件转执法监督线索的受理日期不晚于今天。

    《中华人民共和国行政诉讼法》第七十条（据 domain/statutes.md 第六十九至七十七条）：判决撤销、确认违法等即行政机关败诉；
    败诉案件转为执法监督线索，线索的受理为已发生的事项，不能晚于今天。"""
    validate_date_happened(received_on, "受理日期", "received_on")


def validate_supervision_clue(lawsuit) -> None:
    """败诉案件转执法监督线索。

    《中华人民共和国行政诉讼法》第七十条、第七十二条至第七十七条（据 domain/statutes.md）：判决撤销、履行、给付、确认违法、
    确认无效、变更即行政机关败诉——只有败诉案件转为执法监督线索，每案一次。"""
    if not lawsuit.lost:
        raise ValidationError("只有行政机关败诉的案件可以转为执法监督线索。")
    clue = enforcement_selectors.clue_for(lawsuit)  # unscoped: one clue per lawsuit, whoever asks
    if clue is not None:
        raise ValidationError(f"该案已转为执法监督线索（{clue}）。")


def may_open_supervision_clue(user: User, lawsuit) -> bool:
    """可以将败诉案件转为执法监督线索：案件可办理、败诉未转、且用户可为主管部门登记线索。

    《中华人民共和国行政诉讼法》第七十条（据 domain/statutes.md）：判决撤销的，行政机关败诉；线索由可为该部门登记线索的
    用户（司法局、执法监督员）登记。"""
    try:
        validate_supervision_clue(lawsuit)
        access.check_create(user, SupervisionClue, lawsuit.responsible_department)
    except (ValidationError, PermissionDenied):
        return False
    return may_handle_lawsuit(lawsuit, user)


# The court's written request for the head's appearance ---------------------------------------------------------

HEAD_REQUEST_RULE = "法释〔2018〕1号第一百二十九条第一款"


def validate_head_request(lawsuit, *, requested_on: dt.date | None) -> None:
    """人民法院书面建议行政机关负责人出庭。

    《中华人民共和国行政诉讼法》第三条第三款（据 domain/statutes.md）：“被诉行政机关负责人应当出庭应诉。不能出庭的，应当
    委托行政机关相应的工作人员出庭。”《最高人民法院关于适用〈中华人民共和国行政诉讼法〉的解释》第一百二十九条第一款：
    “涉及重大公共利益、社会高度关注或者可能引发群体性事件等案件以及人民法院书面建议行政机关负责人出庭的案件，被诉行政机关
    负责人应当出庭。”第三款：“行政机关负责人有正当理由不能出庭应诉的，应当向人民法院提交情况说明，并加盖行政机关印章或者
    由该机关主要负责人签字认可。”
    The request is registered before the judgment (while a hearing can still be recorded), dated on or after the
    service of the complaint and not after today."""
    if requested_on is None:
        raise ValidationError({"head_requested_on": "请填写人民法院书面建议负责人出庭的日期。"})
    validate_date_happened(requested_on, "书面建议日期", "head_requested_on")
    if requested_on < lawsuit.served_on:
        raise ValidationError({"head_requested_on": "书面建议日期不能早于起诉状副本送达日期。"})
    if not may_record_hearing(lawsuit):
        raise ValidationError(
            f"案件处于“{lawsuit.get_status_display()}”状态，已裁判，不能再登记人民法院的出庭建议。"
        )


def head_request_pending(lawsuit, hearings) -> bool:
    """法院书面建议负责人出庭而尚未有负责人出庭的开庭：工作台提示（法释〔2018〕1号第一百二十九条第一款：“被诉行政机关
    负责人应当出庭”）。"""
    return bool(lawsuit.head_requested_on) and not any(
        h.head_appeared and h.held_on >= lawsuit.head_requested_on for h in hearings
    )
