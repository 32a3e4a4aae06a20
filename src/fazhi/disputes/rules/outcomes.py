"""The deciding body and the outcomes of the 2023 law: who decides (行政复议机关, a setting separate from the office
that handles the case), the court a party may sue in, the application deadline (第二十条、第二十一条), 驳回申请
(第三十三条), the committee's consultation (第五十二条), the head's approval or collective discussion (第六十一条),
驳回复议请求 only for non-performance claims (第六十九条), 调解书 (第七十三条), 终止 (第四十一条) and 行政复议意见书
with its 60-day reply (第七十六条), 抄告 (第七十九条). Pure functions, constants and settings; services, the ledger,
admin, API and pages call these and give their messages."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError

from fazhi.core import calendar, clock, config

LAW = "《中华人民共和国行政复议法》"
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"

# The deciding body and the court ------------------------------------------------------------------------------

AUTHORITY = config.define(
    "disputes.authority_name",
    name="行政复议机关",
    default="澄湖区人民政府",
    help="以其名义作出行政复议决定、加盖印章的行政复议机关（本级人民政府），区别于办理案件的行政复议机构（司法局）。"
    "所有复议文书以本机关名义制发，并注明承办的行政复议机构。",
    basis="行政复议法第四条：县级以上各级人民政府是行政复议机关，其办理行政复议事项的机构是行政复议机构；"
    "第六十一条：以行政复议机关的名义作出行政复议决定；第七十五条：加盖行政复议机关印章。",
)
COURT_CO_DEFENDANT = config.define(
    "disputes.court_with_original_agency",
    name="不服维持决定的管辖法院",
    default="澄湖区人民法院",
    help="复议决定维持原行政行为或驳回复议请求的，作出原行政行为的机关和复议机关为共同被告，以原机关确定级别管辖；"
    "告知诉权时写明的人民法院。",
    basis="行政诉讼法第二十六条第二款；最高人民法院关于适用《行政诉讼法》的解释第一百三十三条、第一百三十四条"
    "第三款（以作出原行政行为的行政机关确定案件的级别管辖）；有集中管辖的，按本地规定（须经本地核实）。",
)
COURT_AUTHORITY_DEFENDANT = config.define(
    "disputes.court_against_authority",
    name="复议机关作被告的管辖法院",
    default="澄州市中级人民法院",
    help="复议机关改变原行政行为、不予受理或驳回申请的，复议机关是被告；告知诉权时写明的人民法院。",
    basis="行政诉讼法第二十六条第二款、第十五条第一项（对县级以上地方人民政府所作的行政行为提起诉讼的案件由中级"
    "人民法院管辖）；有集中管辖的，按本地规定（须经本地核实）。",
)

SUIT_PERIOD_DAYS = 15
"""不服复议决定起诉的期限：十五日。

《中华人民共和国行政诉讼法》第四十五条：“公民、法人或者其他组织不服复议决定的，可以在收到复议决定书之日起十五日内
向人民法院提起诉讼。复议机关逾期不作决定的，申请人可以在复议期满之日起十五日内向人民法院提起诉讼。法律另有规定的
除外。”"""

UPHOLDING = ("uphold", "dismiss")
"""“复议机关决定维持原行政行为”，包括驳回复议请求（解释第一百三十三条）；以不符合受理条件驳回申请的除外。"""


def authority_name() -> str:
    """行政复议机关的名称（设置 disputes.authority_name）：复议决定以其名义作出并加盖其印章（第四条、第六十一条、第七十五条）。"""
    return str(config.get(AUTHORITY.key))


def litigation_court(outcome: str) -> str:
    """告知诉权的人民法院：维持或驳回复议请求的，复议机关与原机关为共同被告，以原机关确定级别管辖；改变原行政行为、
    不予受理或驳回申请的，复议机关为被告。

    《中华人民共和国行政诉讼法》第二十六条第二款：“经复议的案件，复议机关决定维持原行政行为的，作出原行政行为的行政机关
    和复议机关是共同被告；复议机关改变原行政行为的，复议机关是被告。”最高人民法院关于适用《行政诉讼法》的解释第一百三十
    四条第三款：“复议机关作共同被告的案件，以作出原行政行为的行政机关确定案件的级别管辖。”"""
    key = COURT_CO_DEFENDANT.key if outcome in UPHOLDING else COURT_AUTHORITY_DEFENDANT.key
    return str(config.get(key))


def suit_notice(outcome: str) -> str:
    """告知诉权（行政诉讼法第四十五条）：收到决定书之日起十五日内，向哪一人民法院起诉。"""
    return (
        f"申请人如不服本决定，可以自收到本决定书之日起十五日内，依照{LITIGATION_LAW}第四十五条的规定，"
        f"向{litigation_court(outcome)}提起行政诉讼。"
    )


# The application deadline ---------------------------------------------------------------------------------------

APPLICATION_PERIOD_DAYS = 60
OUTER_LIMIT_YEARS = 5
OUTER_LIMIT_YEARS_REAL_PROPERTY = 20


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _beyond_outer_limit(case) -> bool:
    years = OUTER_LIMIT_YEARS_REAL_PROPERTY if case.real_property else OUTER_LIMIT_YEARS
    return case.received_on > _add_years(case.act_date, years)


def late_application(case) -> str:
    """申请期限：自知道或者应当知道行政行为之日起六十日内申请；自行政行为作出之日起超过五年（不动产二十年）的不予受理。
    超过期限的申请标为不予受理的事由（返回说明，未超过返回空字符串）。

    《中华人民共和国行政复议法》第二十条第一款：“公民、法人或者其他组织认为行政行为侵犯其合法权益的，可以自知道或者应当
    知道该行政行为之日起六十日内提出行政复议申请；但是法律规定的申请期限超过六十日的除外。”第二十一条：“因不动产提出的
    行政复议申请自行政行为作出之日起超过二十年，其他行政复议申请自行政行为作出之日起超过五年的，行政复议机关不予受理。”
    （第二十条第二款因不可抗力或者其他正当理由耽误的期限不计算在内，由办案人员审查。）"""
    received, act_date = case.received_on, case.act_date
    if not received or not act_date:
        return ""
    if _beyond_outer_limit(case):
        kind = (
            "因不动产提出的申请自行政行为作出之日起超过二十年"
            if case.real_property
            else ("自行政行为作出之日起超过五年")
        )
        return f"申请{kind}，依行政复议法第二十一条应不予受理。"
    known = case.known_on or act_date
    due = calendar.add_calendar_days(known, APPLICATION_PERIOD_DAYS).due
    if received > due:
        since = "知道或者应当知道该行政行为" if case.known_on else "行政行为作出（未登记知道之日）"
        return (
            f"申请已超过申请期限：自{since}之日{known:%Y年%m月%d日}起六十日，于{due:%Y年%m月%d日}届满，"
            f"{received:%Y年%m月%d日}才收到申请（行政复议法第二十条）。如无正当理由耽误，应不予受理。"
        )
    return ""


def late_applications(cases) -> dict[int, str]:
    """late_application of each case, by id, for a list (the API's page): the sixty-day periods of all the cases are
    counted on one calendar, built once for the years from the earliest to the latest period, instead of a calendar
    grown (three statements each time) whenever a case's period falls in a year the ones before did not need. The
    same text as late_application case by case."""
    cases = list(cases)
    starts = [
        c.known_on or c.act_date for c in cases if c.received_on and c.act_date and not _beyond_outer_limit(c)
    ]
    with calendar.reused():
        if starts:
            first, last = min(starts), max(starts)
            calendar.add_calendar_days(first, (last - first).days + APPLICATION_PERIOD_DAYS)
        return {c.pk: late_application(c) for c in cases}


# 驳回申请 (第三十三条) ------------------------------------------------------------------------------------------


def validate_rejection(case, *, reason: str) -> None:
    """驳回申请：受理后发现申请不符合第三十条第一款规定的受理条件，决定驳回申请并说明理由。

    《中华人民共和国行政复议法》第三十三条：“行政复议机关受理行政复议申请后，发现该行政复议申请不符合本法第三十条第一款
    规定的，应当决定驳回申请并说明理由。”"""
    if case.status not in ("accepted", "reviewing", "suspended"):
        raise ValidationError("只有已受理、尚未办结的案件可以决定驳回申请（行政复议法第三十三条）。")
    if not reason.strip():
        raise ValidationError({"conclusion": ARTICLE_33_REASON})


ARTICLE_33_REASON = (
    "驳回申请须说明理由：受理后发现申请不符合第三十条第一款规定的哪一项受理条件（行政复议法第三十三条）。"
)

# 驳回复议请求 (第六十九条) ---------------------------------------------------------------------------------------

ARTICLE_69_DISMISSAL = (
    "驳回行政复议请求只适用于申请人认为被申请人不履行法定职责、而被申请人没有相应法定职责或者在受理前已经履行的案件"
    "（行政复议法第六十九条）；对行政行为不服的，行为合法应决定维持（第六十八条）。"
)


def validate_dismissal(case, *, outcome: str) -> None:
    """驳回复议请求：只适用于申请人认为被申请人不履行法定职责的案件。

    《中华人民共和国行政复议法》第六十九条：“行政复议机关受理申请人认为被申请人不履行法定职责的行政复议申请后，发现被申请人
    没有相应法定职责或者在受理前已经履行法定职责的，决定驳回申请人的行政复议请求。”"""
    if outcome == "dismiss" and not case.nonperformance:
        raise ValidationError({"outcome": ARTICLE_69_DISMISSAL})


# 负责人同意或者集体讨论通过 (第六十一条) -----------------------------------------------------------------------

APPROVALS = {"head": "行政复议机关负责人同意", "collective": "行政复议机关集体讨论通过"}
ARTICLE_61_APPROVAL = (
    "行政复议决定须经行政复议机关的负责人同意或者集体讨论通过，请记录同意的负责人或者通过的会议及其日期"
    "（行政复议法第六十一条）。"
)
ARTICLE_61_APPROVAL_DATE = "负责人同意或者集体讨论通过的日期不能晚于决定日期（行政复议法第六十一条）。"


def validate_approval(*, approval: str, approved_by: str, approved_on: dt.date | None, on: dt.date) -> None:
    """负责人同意或者集体讨论通过：行政复议机构提出意见，经行政复议机关的负责人同意或者集体讨论通过后，以行政复议机关的名义
    作出决定；记录方式、负责人或会议、日期，日期不晚于决定日期。

    《中华人民共和国行政复议法》第六十一条第一款：“行政复议机关依照本法审理行政复议案件，由行政复议机构对行政行为进行审查，
    提出意见，经行政复议机关的负责人同意或者集体讨论通过后，以行政复议机关的名义作出行政复议决定。”"""
    if approval not in APPROVALS or not approved_by.strip() or approved_on is None:
        raise ValidationError({"approval": ARTICLE_61_APPROVAL})
    if approved_on > on:
        raise ValidationError({"approved_on": ARTICLE_61_APPROVAL_DATE})


# 行政复议委员会咨询意见 (第五十二条) ----------------------------------------------------------------------------

COMMITTEE_GROUNDS = {
    1: "案情重大、疑难、复杂",
    2: "专业性、技术性较强",
    3: "本法第二十四条第二款规定的行政复议案件",
    4: "行政复议机构认为有必要",
}
COMMITTEE_GROUND_CHOICES = [(k, f"第（{k}）项 {v}") for k, v in COMMITTEE_GROUNDS.items()]
"""行政复议法第五十二条第二款所列应当提请行政复议委员会提出咨询意见的情形（第1至4项）。"""

ARTICLE_52_COMMITTEE = "本案属于应当提请行政复议委员会提出咨询意见的情形，请先记录委员会的咨询意见及其日期（行政复议法第五十二条）。"
BAD_COMMITTEE_GROUND = "请选择行政复议法第五十二条第二款所列的情形（第1至4项）。"


def validate_committee_record(*, ground: int | None, on: dt.date | None, opinion: str) -> None:
    """记录行政复议委员会的咨询意见：属于第五十二条第二款所列情形之一，写明日期和意见。

    《中华人民共和国行政复议法》第五十二条第二款、第三款：“审理行政复议案件涉及下列情形之一的，行政复议机构应当提请行政
    复议委员会提出咨询意见：（一）案情重大、疑难、复杂；（二）专业性、技术性较强；（三）本法第二十四条第二款规定的行政
    复议案件；（四）行政复议机构认为有必要。行政复议机构应当记录行政复议委员会的咨询意见。”"""
    if ground not in COMMITTEE_GROUNDS:
        raise ValidationError({"committee_ground": BAD_COMMITTEE_GROUND})
    if on is None or not opinion.strip():
        raise ValidationError({"committee_opinion": ARTICLE_52_COMMITTEE})


def validate_committee_consulted(case) -> None:
    """作出决定前：属于第五十二条第二款情形的案件，须已记录委员会的咨询意见（第六十一条第三款：“提请行政复议委员会提出咨询
    意见的行政复议案件，行政复议机关应当将咨询意见作为作出行政复议决定的重要参考依据。”）。"""
    if case.committee_ground and not (case.committee_consulted_on and case.committee_opinion.strip()):
        raise ValidationError({"committee_opinion": ARTICLE_52_COMMITTEE})


# 行政复议意见书 (第七十六条) --------------------------------------------------------------------------------------

OPINION_LETTER_REPLY_DAYS = 60
ARTICLE_76_LETTER = "行政复议意见书须写明发现的违法或者不当的行政行为及纠正意见（行政复议法第七十六条）。"


def validate_opinion_letter(*, issued_on: dt.date, content: str, addressee) -> None:
    """行政复议意见书：向被申请人或者其他下级行政机关制发，写明违法或者不当的行政行为及纠正意见。

    《中华人民共和国行政复议法》第七十六条：“行政复议机关在办理行政复议案件过程中，发现被申请人或者其他下级行政机关的有关
    行政行为违法或者不当的，可以向其制发行政复议意见书。有关机关应当自收到行政复议意见书之日起六十日内，将纠正相关违法或者
    不当行政行为的情况报送行政复议机关。”"""
    if addressee is None:
        raise ValidationError({"addressee": "请选择收到意见书的行政机关（行政复议法第七十六条）。"})
    if not content.strip():
        raise ValidationError({"content": ARTICLE_76_LETTER})


def letter_reply_due(*, issued_on: dt.date, served_on: dt.date | None) -> calendar.Deadline:
    """意见书的报送期限：自收到意见书之日起六十日（日历日，届满日为休息日的顺延，民事诉讼法第八十五条经第八十八条适用）；
    未登记收到日期的，暂以制发日期起算（第七十六条）。"""
    return calendar.add_calendar_days(
        served_on or issued_on, OPINION_LETTER_REPLY_DAYS, rule="行政复议法第七十六条"
    )


def letter_overdue(letter, today: dt.date | None = None) -> bool:
    """意见书逾期未报送纠正情况（第七十六条）。"""
    today = today or clock.today()
    due = letter_reply_due(issued_on=letter.issued_on, served_on=letter.served_on).due
    return letter.replied_on is None and due < today


# 抄告 (第七十九条第二款) ---------------------------------------------------------------------------------------


def copy_report_to(case) -> str:
    """抄告：以本级政府工作部门为被申请人的，发生法律效力的决定书、意见书同时抄告被申请人的上一级主管部门（填写的单位）。

    《中华人民共和国行政复议法》第七十九条第二款：“县级以上地方各级人民政府办理以本级人民政府工作部门为被申请人的行政复议
    案件，应当将发生法律效力的行政复议决定书、意见书同时抄告被申请人的上一级主管部门。”"""
    return case.copy_report_to.strip()
