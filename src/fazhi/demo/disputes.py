"""The reconsideration demo of 澄湖区: 51 applications in 2024 (46 closed, 5 carried into 2025, as in the seed
report) and 40 in 2025, walked through the services with their real dates (supplements, refusals, deemed
acceptance, suspensions, extensions, hearings, every outcome), plus open 2026 cases near and past their clocks so
the 工作台 warns."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock, ids
from fazhi.core.models import Organization, User
from fazhi.demo.management.commands.demo import REGION
from fazhi.demo.registry import step
from fazhi.disputes import services
from fazhi.disputes.models import Outcome, ReconsiderationCase
from fazhi.disputes.rules import clocks as periods
from fazhi.enforcement.services import handle_demo_clue

D = dt.timedelta
RESPONDENTS = ["CH-SCJ", "CH-SCJ-ZD", "CH-ZRZY", "CH-GA", "CH-JYJ", "CH-LHZ", "CH-BSX", "CH-HBJD"]
ACTS = {
    "CH-SCJ": "行政处罚决定（销售过期食品）",
    "CH-SCJ-ZD": "行政处罚决定（虚假广告）",
    "CH-ZRZY": "责令退还非法占用土地决定",
    "CH-GA": "治安管理处罚决定",
    "CH-JYJ": "政府信息公开答复",
    "CH-LHZ": "限期拆除违法建筑决定",
    "CH-BSX": "不予发放种粮补贴的答复",
    "CH-HBJD": "信息公开申请答复",
}
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
CHANNELS = [
    ReconsiderationCase.Channel.IN_PERSON,
    ReconsiderationCase.Channel.ONLINE,
    ReconsiderationCase.Channel.MAIL,
    ReconsiderationCase.Channel.IN_PERSON,
    ReconsiderationCase.Channel.ONLINE,
]
# Ending of each closed case, in turn (counts per 46: upheld 22, dismiss 4, corrections 9, refused 4,
# withdrawn 3, mediation 2, settlement 2).
ENDINGS = (
    ["uphold"] * 6
    + ["revoke", "refused", "dismiss", "confirm_illegal", "withdrawn", "uphold", "mediation"]
    + ["uphold"] * 4
    + ["change", "settlement", "refused", "uphold", "revoke", "dismiss", "withdrawn"]
    + ["uphold"] * 4
    + ["order_performance", "partial_revoke", "refused", "mediation", "uphold", "dismiss"]
    + ["uphold"] * 3
    + ["confirm_invalid", "settlement", "refused", "withdrawn", "revoke", "dismiss", "uphold", "uphold"]
)


def _applicant(year: int, n: int) -> dict:
    if n % 7 == 3:
        return {
            "applicant_kind": ReconsiderationCase.ApplicantKind.ORGANIZATION,
            "applicant_name": f"澄湖{SURNAMES[n % len(SURNAMES)]}氏商贸有限公司",
            "applicant_id_code": ids.make_credit_code(f"91{REGION}MA{year % 100:02d}{n:05d}"),
        }
    birth = dt.date(1960 + n % 35, 1 + n % 12, 1 + n % 27)
    return {
        "applicant_kind": ReconsiderationCase.ApplicantKind.PERSON,
        "applicant_name": f"{SURNAMES[n % len(SURNAMES)]}某{n}",
        "applicant_id_code": ids.make_id_number(REGION, birth, (year % 10) * 100 + n % 100),
    }


def _register(actor, office, units, received: dt.date, n: int, **extra) -> ReconsiderationCase:
    code = RESPONDENTS[n % len(RESPONDENTS)]
    fields = {
        "channel": CHANNELS[n % len(CHANNELS)],
        "received_on": received,
        "respondent": units[code],
        "contested_act": ACTS[code],
        "act_date": received - D(days=15 + n % 30),
        "request": "请求撤销被申请人作出的行政行为",
        "facts": "申请人认为被申请人认定事实不清、适用依据错误。",
        "agent": "陶明理（澄湖明理律师事务所律师）" if n % 5 == 0 else "",
        "procedure": ReconsiderationCase.Procedure.SIMPLIFIED
        if n % 6 == 1
        else ReconsiderationCase.Procedure.ORDINARY,
        **_applicant(received.year, n),
    }
    fields.update(extra)
    return services.register_case(actor=actor, organization=office, **fields)


def _review(actor, case: ReconsiderationCase, n: int, accepted: dt.date) -> None:
    services.accept(actor=actor, case=case, on=accepted)
    services.send_copy(actor=actor, case=case, on=accepted + D(days=2))
    services.record_answer(actor=actor, case=case, on=accepted + D(days=9))
    services.record_opinion(
        actor=actor,
        case=case,
        heard_on=accepted + D(days=14),
        method=["in_person", "phone", "online"][n % 3],
        with_whom=f"申请人{case.applicant_name}、被申请人法制机构负责人",
        summary="双方陈述意见，已记录在卷。",
    )
    if n % 13 == 5:
        notified = accepted + D(days=15)
        on = periods.HEARING_NOTICE_PERIOD.from_(notified).due
        hearing = services.schedule_hearing(
            actor=actor,
            case=case,
            notified_on=notified,
            scheduled_on=on,
            presiding="褚雅静",
            officers="卫思远、蒋正平",
            clerk="华小满",
        )
        services.hold_hearing(
            actor=actor,
            hearing=hearing,
            held_on=on,
            attendees="申请人及其代理人、被申请人负责人",
            record="双方围绕事实认定和法律适用进行了质证和辩论。",
        )


def _finish(
    actor,
    case: ReconsiderationCase,
    n: int,
    ending: str,
    start: dt.date,
    today: dt.date,
    ended_on: dt.date | None = None,
) -> None:
    """Walk a registered case to its ending, concluding `start` + about five weeks (or on `ended_on`)."""
    if ending == "refused":
        services.refuse(
            actor=actor,
            case=case,
            on=start + D(days=1),
            reason="申请人不服的行为属于信访答复，不属于行政复议范围。",
        )
        ended = start + D(days=1)
    elif ending == "withdrawn":
        services.withdraw(
            actor=actor, case=case, on=start + D(days=2), reason="申请人与被申请人沟通后主动撤回申请。"
        )
        ended = start + D(days=2)
    else:
        accepted = start + D(days=2)
        extended = (
            n % 19 == 4 and case.procedure == ReconsiderationCase.Procedure.ORDINARY and ended_on is None
        )
        _review(actor, case, n, accepted)
        if n % 17 == 2 and ended_on is None:
            services.suspend(
                actor=actor,
                case=case,
                on=accepted + D(days=18),
                ground=7,
                reason="案件涉及的法律适用问题需要有权机关作出解释",
            )
            services.resume(actor=actor, case=case, on=accepted + D(days=30))
        if extended:
            services.extend(
                actor=actor,
                case=case,
                days=30,
                approved_by="陈守正",
                approved_on=accepted + D(days=50),
                reason="案情复杂，需进一步调查取证",
            )
        ended = accepted + D(days=28 + n % 20)
        if case.procedure == ReconsiderationCase.Procedure.SIMPLIFIED:
            ended = accepted + D(days=20 + n % 8)
        if n % 13 == 5 or n % 17 == 2:
            ended = max(ended, accepted + D(days=45))
        if extended:
            ended = accepted + D(days=70)
        ended = ended_on or ended
        if ending == "mediation":
            services.mediate(
                actor=actor,
                case=case,
                on=ended,
                summary="经调解，被申请人变更处罚金额，双方达成调解协议。",
                corrected=True,
            )
        elif ending == "settlement":
            services.terminate(
                actor=actor,
                case=case,
                on=ended,
                reason="双方自愿达成和解，申请人撤回申请。",
                settled=True,
                corrected=n % 2 == 0,
            )
        else:
            if (
                ending == "dismiss"
            ):  # 第六十九条: only a claim that the respondent failed to act can be dismissed
                services.update_case(actor=actor, case=case, nonperformance=True)
            _record_reasoning(actor, case, ending)
            services.decide(
                actor=actor,
                case=case,
                on=ended,
                outcome=ending,
                approval="head" if n % 3 else "collective",
                approved_by="分管副区长" if n % 3 else "区人民政府常务会议",
                approved_on=ended,
                summary="被申请人作出的行政行为"
                + (
                    "认定事实清楚、证据确凿、适用依据正确、程序合法、内容适当。"
                    if ending in ("uphold", "dismiss")
                    else "认定事实不清、证据不足。"
                ),
            )
            if ending in ("revoke", "confirm_illegal") and n % 2 == 0:
                clue = services.open_supervision_clue(actor=actor, case=case, on=ended + D(days=3))
                handle_demo_clue(actor, clue, today)
    if ended + D(days=10) <= today:
        services.close(actor=actor, case=case, on=ended + D(days=10))


def _record_reasoning(actor, case, ending: str) -> str:
    """The record a decision document is written from: the respondent's answer, the facts found, the basis."""
    upheld = ending in ("uphold", "dismiss")
    services.record_review(
        actor=actor,
        case=case,
        respondent_statement="被申请人认为其作出的行政行为认定事实清楚、证据确凿、程序合法，请求予以维持。",
        findings="经审理查明，被申请人"
        + (
            "已依法调查取证并告知申请人陈述、申辩的权利。"
            if upheld
            else "未充分调查取证，现场检查笔录无当事人签字。"
        ),
        legal_basis="《中华人民共和国行政处罚法》第四十条、第四十四条",
    )
    return ending


def _year(actor, office, units, year: int, count: int, carried: int, today: dt.date) -> int:
    """`count` applications spread over the year; the last `carried` conclude the year after."""
    for i in range(count):
        n = year * 7 + i
        received = dt.date(year, 1, 8) + D(days=i * (340 // count))
        if i >= count - carried:
            received = dt.date(year, 12, 8 + (i - (count - carried)) * 3)
        case = _register(actor, office, units, received, n)
        services.record_platform_entry(
            actor=actor, case=case, on=received + D(days=2), number=f"QG{year}{i + 1:05d}"
        )
        if i % 11 == 6:
            services.request_supplement(
                actor=actor, case=case, on=received + D(days=1), items="被申请复议的行政处罚决定书复印件"
            )
            services.receive_supplement(actor=actor, case=case, on=received + D(days=6))
            received = received + D(days=6)
        if i % 23 == 9:
            exam = case.clocks.get(kind="examination")
            services.deem_accepted(actor=actor, case=case, on=exam.due_on + D(days=1))
            services.send_copy(actor=actor, case=case, on=exam.due_on + D(days=2))
            services.record_opinion(
                actor=actor, case=case, heard_on=exam.due_on + D(days=10), method="phone", with_whom="申请人"
            )
            services.decide(
                actor=actor,
                case=case,
                on=exam.due_on + D(days=40),
                outcome=_record_reasoning(actor, case, Outcome.UPHOLD),
                summary="被申请人的行为合法适当。",
                approval="head",
                approved_by="分管副区长",
                approved_on=exam.due_on + D(days=40),
            )
            services.close(actor=actor, case=case, on=exam.due_on + D(days=50))
            continue
        ending = "uphold" if i >= count - carried else ENDINGS[(year + i) % len(ENDINGS)]
        _finish(actor, case, n, ending, received, today)
    return count


def _open_cases(actor, office, units, today: dt.date) -> int:
    """2026 cases in every open state, near and past their clocks relative to today."""
    made = 0
    # closed 2026 cases so that 2026 has figures too
    for i in range(8):
        case = _register(actor, office, units, dt.date(2026, 1, 12) + D(days=i * 30), 9000 + i)
        _finish(
            actor,
            case,
            9000 + i,
            ["uphold", "revoke", "uphold", "dismiss", "withdrawn", "uphold", "mediation", "uphold"][i],
            case.received_on,
            today,
        )
        made += 1
    # concluded in the last days, not yet archived: one of each ending
    for i, ending in enumerate(["refused", "withdrawn", "uphold", "mediation", "settlement"]):
        start = today - D(days=3 if ending in ("refused", "withdrawn") else 30)
        case = _register(
            actor, office, units, start, 9200 + i * 6, procedure=ReconsiderationCase.Procedure.ORDINARY
        )
        _finish(actor, case, 9200 + i * 6, ending, start, today, ended_on=today - D(days=2))
        made += 1
    # received, examination period ending in the next days / already ended without decision
    _register(actor, office, units, today - D(days=4), 9101)
    _register(actor, office, units, today - D(days=12), 9102)
    # supplementing, the applicant's period running
    case = _register(actor, office, units, today - D(days=8), 9103)
    services.request_supplement(
        actor=actor, case=case, on=today - D(days=7), items="申请人身份证明及委托书原件"
    )
    # accepted, copy to the respondent due soon
    case = _register(actor, office, units, today - D(days=7), 9104)
    services.accept(actor=actor, case=case, on=today - D(days=5))
    # reviewing: answer overdue; decision due within days; decision overdue
    for offset, n in ((20, 9105), (58, 9106), (75, 9107)):
        case = _register(
            actor,
            office,
            units,
            today - D(days=offset + 3),
            n,
            procedure=ReconsiderationCase.Procedure.ORDINARY,
        )
        services.accept(actor=actor, case=case, on=today - D(days=offset))
        services.send_copy(actor=actor, case=case, on=today - D(days=offset - 2))
    # suspended (clock stopped) and extended
    case = _register(
        actor, office, units, today - D(days=100), 9108, procedure=ReconsiderationCase.Procedure.ORDINARY
    )
    services.accept(actor=actor, case=case, on=today - D(days=98))
    services.send_copy(actor=actor, case=case, on=today - D(days=96))
    services.suspend(
        actor=actor,
        case=case,
        on=today - D(days=70),
        ground=1,
        reason="申请人死亡，需要等待其近亲属表明是否参加行政复议",
    )
    case = _register(
        actor, office, units, today - D(days=80), 9109, procedure=ReconsiderationCase.Procedure.ORDINARY
    )
    services.accept(actor=actor, case=case, on=today - D(days=78))
    services.send_copy(actor=actor, case=case, on=today - D(days=76))
    services.record_answer(actor=actor, case=case, on=today - D(days=66))
    services.extend(
        actor=actor,
        case=case,
        days=30,
        approved_by="陈守正",
        approved_on=today - D(days=25),
        reason="案情复杂，需要现场勘验",
    )
    return made + 9


@step
def reconsideration_demo(admin: User, stdout) -> int:
    if ReconsiderationCase.objects.filter(docket_year=2024).exists():
        return 0
    units = {o.code: o for o in Organization.objects.filter(code__startswith="CH")}
    if "CH-SFJ" not in units:
        return 0
    actor = User.objects.filter(username="fuyi", is_active=True).first() or admin
    today = clock.today()
    made = _year(actor, units["CH-SFJ"], units, 2024, 51, 5, today)
    made += _year(actor, units["CH-SFJ"], units, 2025, 40, 3, today)
    made += _open_cases(actor, units["CH-SFJ"], units, today)
    stdout.write(f"行政复议：{made}件")
    return made
