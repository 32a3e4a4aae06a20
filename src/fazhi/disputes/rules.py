"""The statutory rules of administrative reconsideration (行政复议法, 2023 revision, in force 2024-01-01): the
periods each clock counts, with the article it comes from, and the local settings (docket format, whether
mediation counts as correction)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fazhi.core import calendar, config
from fazhi.core.workflow import rule

LAW = "《中华人民共和国行政复议法》"

DOCKET_FORMAT = config.define(
    "disputes.docket_format",
    name="行政复议案号格式",
    default="澄复〔{year}〕{seq}号",
    help="案号格式，{year} 为收到申请的年度，{seq} 为当年顺序号（不补零、不跳号），如 澄复〔2025〕12号。",
    basis="各地复议机构自定（本地做法）。",
)
MEDIATION_COUNTS_AS_CORRECTION = config.define(
    "disputes.mediation_counts_as_correction",
    name="调解、和解纠正计入纠错率",
    default=False,
    help="为真时，经调解、和解纠正了被申请行为的案件计入纠错率的分子，调解、和解结案的案件计入分母。",
    basis="行政复议法第六十三至六十七条所列决定计入纠错；调解、和解是否计入各地做法不一（未经核实），故作配置。",
)


@dataclass(frozen=True)
class Period:
    """A statutory period: amount, unit (core.calendar) and the article it comes from."""

    amount: int
    unit: str
    rule: str

    def from_(self, start: dt.date) -> calendar.Deadline:
        return calendar.compute(start, self.amount, self.unit, rule=self.rule)


ACCEPTANCE_EXAMINATION = Period(5, calendar.WORKING, f"{LAW}第三十条、第八十八条（五日内审查，工作日）")
"""第三十条：行政复议机关收到申请后，应当在五日内进行审查，决定受理或不予受理；审查期限届满未作出不予受理决定的，
审查期限届满之日起视为受理。第八十八条：“五日”指工作日。"""

SUPPLEMENT_PERIOD = Period(10, calendar.WORKING, f"{LAW}第三十一条、第八十八条（申请人十日内补正，工作日）")
"""第三十一条：申请材料不齐全的，应当自收到申请之日起五日内书面通知补正；申请人应当自收到补正通知之日起十日内补正，
无正当理由逾期不补正的，视为放弃行政复议申请。"""

COPY_ORDINARY = Period(
    7, calendar.WORKING, f"{LAW}第四十八条、第八十八条（受理之日起七日内发送答复通知，工作日）"
)
"""第四十八条：普通程序，行政复议机构应当自受理之日起七日内，将申请书副本发送被申请人。"""

ANSWER_ORDINARY = Period(
    10, calendar.WORKING, f"{LAW}第四十八条、第八十八条（被申请人十日内提出书面答复，工作日）"
)
"""第四十八条：被申请人应当自收到申请书副本之日起十日内，提出书面答复，并提交作出行政行为的证据、依据。"""

COPY_SIMPLIFIED = Period(3, calendar.WORKING, f"{LAW}第五十四条、第八十八条（简易程序三日内发送，工作日）")
"""第五十四条：简易程序，自受理之日起三日内将申请书副本发送被申请人。"""

ANSWER_SIMPLIFIED = Period(5, calendar.WORKING, f"{LAW}第五十四条、第八十八条（简易程序五日内答复，工作日）")
"""第五十四条：被申请人自收到申请书副本之日起五日内提出书面答复。"""

DECISION_ORDINARY = Period(60, calendar.CALENDAR, f"{LAW}第六十二条（受理之日起六十日内作出决定）")
"""第六十二条：行政复议机关应当自受理申请之日起六十日内作出行政复议决定；情况复杂的，经行政复议机构负责人批准，
可以适当延长，并书面告知当事人，延长期限最多不超过三十日。"""

DECISION_SIMPLIFIED = Period(30, calendar.CALENDAR, f"{LAW}第六十二条（简易程序三十日内作出决定）")
"""第六十二条第二款：适用简易程序审理的，应当自受理申请之日起三十日内作出决定。"""

MAX_EXTENSION_DAYS = 30
"""第六十二条：延长期限最多不超过三十日，且只能延长一次。"""

HEARING_NOTICE = Period(5, calendar.WORKING, f"{LAW}第五十一条；司规〔2024〕1号（听证五个工作日前通知）")
"""第五十一条：行政复议机构应当于举行听证的五日前将听证的时间、地点和拟听证事项书面通知当事人。"""

DUE_WARNING_DAYS = 5
"""工作台提前提醒的天数（自然日）。"""


def docket_number(year: int, seq: int) -> str:
    """The office's case number (setting disputes.docket_format), e.g. 澄复〔2025〕12号."""
    return config.get(DOCKET_FORMAT.key).format(year=year, seq=seq)


def mediation_counts() -> bool:
    return bool(config.get(MEDIATION_COUNTS_AS_CORRECTION.key))


# Transition conditions --------------------------------------------------------------------------------------


@rule(
    "普通程序审理的案件，须听取当事人意见，或者记录因当事人原因不能听取意见的理由后书面审理（行政复议法第四十九条）。"
)
def opinions_heard_or_excused(case) -> bool:
    if case.procedure != case.Procedure.ORDINARY:
        return True
    if case.opinions_not_heard_reason.strip():
        return True
    return case.opinions.exists() or case.hearings.filter(held_on__isnull=False).exists()


@rule("审理期限只能延长一次（行政复议法第六十二条）。")
def not_yet_extended(case) -> bool:
    return not case.extension_days


@rule("只有纠错决定（变更、撤销、确认违法、责令履行、确认无效）可以移送执法监督线索。")
def outcome_is_correction(case) -> bool:
    from .models import CORRECTIONS

    return case.outcome in CORRECTIONS
