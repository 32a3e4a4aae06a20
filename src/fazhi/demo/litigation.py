"""Demo records of 行政应诉 in 澄湖区: more lawsuits in 2024 than in 2025 (so the year-on-year change is negative),
cases in every state, open ones in 2026 near and past their defence deadline and an effective judgment awaiting
performance (so the 工作台 warns), lost cases with a supervision clue, and two liaison meetings a year."""

from __future__ import annotations

import datetime as dt

from fazhi.core import clock, ids
from fazhi.core.models import Organization, Person, User
from fazhi.demo.management.commands.demo import REGION
from fazhi.demo.registry import step
from fazhi.enforcement.services import handle_demo_clue
from fazhi.litigation import selectors, services
from fazhi.litigation.models import Lawsuit

D = dt.date
COURT = "澄湖区人民法院"
APPEAL_COURT = "澄州市中级人民法院"

# served, number, plaintiff (kind, name), defendant, department, cause, steps
# steps: "defence", "hearing" (head appears) or "absent", ("judge", outcome) (the judgment served on the agency the
# next day), "effective" (the day after the appeal period ran out), "perform", "appeal" (by the plaintiff),
# "appeal_agency", "clue", "head_request", ("recommendation", ground, replied)
CLOSED_WON = ["defence", "hearing", ("judge", "dismissed"), "effective"]
CLOSED_LOST = ["defence", "hearing", ("judge", "revoked"), "effective", "perform"]
LAWSUITS = [
    (
        D(2024, 1, 15),
        "（2024）澄0102行初1号",
        "person",
        "赵志强",
        "CH-ZRZY",
        "CH-ZRZY",
        "土地行政征收",
        CLOSED_WON,
    ),
    (
        D(2024, 2, 26),
        "（2024）澄0102行初3号",
        "org",
        "澄湖区鑫源建材有限公司",
        "CH-SCJ",
        "CH-SCJ",
        "行政处罚",
        CLOSED_LOST + ["clue"],
    ),
    (D(2024, 3, 18), "（2024）澄0102行初5号", "person", "钱丽华", "CH", "CH-ZRZY", "行政复议", CLOSED_WON),
    (
        D(2024, 4, 8),
        "（2024）澄0102行初8号",
        "person",
        "孙建国",
        "CH-LHZ",
        "CH-LHZ",
        "强制拆除",
        ["defence", ("judge", "withdrawn"), "effective"],
    ),
    (
        D(2024, 5, 13),
        "（2024）澄0102行初11号",
        "person",
        "李秀英",
        "CH-JYJ",
        "CH-JYJ",
        "政府信息公开",
        ["defence", "hearing", ("judge", "perform"), "effective", "perform"],
    ),
    (
        D(2024, 6, 3),
        "（2024）澄0102行初14号",
        "org",
        "澄湖区明达物流有限公司",
        "CH-SCJ",
        "CH-SCJ",
        "行政许可",
        CLOSED_WON,
    ),
    (
        D(2024, 7, 1),
        "（2024）澄0102行初17号",
        "person",
        "周国平",
        "CH-ZRZY",
        "CH-ZRZY",
        "土地行政登记",
        ["defence", "hearing", ("judge", "dismissed"), "appeal"],
    ),
    (
        D(2024, 8, 12),
        "（2024）澄0102行初20号",
        "person",
        "吴春燕",
        "CH",
        "CH-ZRZY",
        "房屋征收补偿",
        ["defence", "hearing", ("judge", "mediated"), "effective", "perform"],
    ),
    (D(2024, 9, 9), "（2024）澄0102行初23号", "person", "郑海涛", "CH-LHZ", "CH-LHZ", "行政处罚", CLOSED_WON),
    (
        D(2024, 10, 14),
        "（2024）澄0102行初26号",
        "org",
        "澄湖区绿源农业合作社",
        "CH-ZRZY",
        "CH-ZRZY",
        "行政协议",
        ["defence", "hearing", ("judge", "illegal"), "effective", "perform"],
    ),
    (
        D(2024, 11, 4),
        "（2024）澄0102行初29号",
        "person",
        "王德明",
        "CH-JYJ",
        "CH-JYJ",
        "行政给付",
        ["defence", ("judge", "suit_rejected"), "effective"],
    ),
    (
        D(2024, 12, 2),
        "（2024）澄0102行初31号",
        "person",
        "冯晓东",
        "CH-SCJ",
        "CH-SCJ",
        "行政处罚",
        CLOSED_WON,
    ),
    (
        D(2025, 1, 6),
        "（2025）澄01行终2号",
        "person",
        "周国平",
        "CH-ZRZY",
        "CH-ZRZY",
        "土地行政登记",
        ["defence", "hearing", ("judge", "upheld"), "effective"],
    ),
    (
        D(2025, 3, 10),
        "（2025）澄0102行初2号",
        "person",
        "陈美玲",
        "CH-ZRZY",
        "CH-ZRZY",
        "土地行政征收",
        CLOSED_WON,
    ),
    (
        D(2025, 4, 21),
        "（2025）澄0102行初6号",
        "org",
        "澄湖区恒通运输有限公司",
        "CH-SCJ",
        "CH-SCJ",
        "行政处罚",
        CLOSED_LOST + ["clue"],
    ),
    (
        D(2025, 6, 16),
        "（2025）澄0102行初9号",
        "person",
        "褚建华",
        "CH-LHZ",
        "CH-LHZ",
        "行政强制",
        ["defence", ("judge", "withdrawn"), "effective"],
    ),
    (
        D(2025, 8, 4),
        "（2025）澄0102行初13号",
        "person",
        "卫红梅",
        "CH-JYJ",
        "CH-JYJ",
        "政府信息公开",
        CLOSED_WON,
    ),
    (
        D(2025, 5, 12),
        "（2025）澄0102行初8号",
        "org",
        "澄湖区宏达置业有限公司",
        "CH-ZRZY",
        "CH-ZRZY",
        "土地行政处罚",
        ["defence", "hearing", ("judge", "revoked"), "appeal_agency"],
    ),
    (
        D(2025, 9, 1),
        "（2025）澄01行终7号",
        "org",
        "澄湖区宏达置业有限公司",
        "CH-ZRZY",
        "CH-ZRZY",
        "土地行政处罚",
        ["defence", "hearing", ("judge", "upheld"), "effective", ("recommendation", "judicial_other", True)],
    ),
    (
        D(2025, 9, 22),
        "（2025）澄0102行初16号",
        "person",
        "蒋文涛",
        "CH",
        "CH-ZRZY",
        "行政复议",
        ["defence", "hearing", ("judge", "dismissed"), "appeal"],
    ),
    (
        D(2025, 11, 3),
        "（2025）澄0102行初19号",
        "org",
        "澄湖区康达医药连锁有限公司",
        "CH-SCJ",
        "CH-SCJ",
        "行政处罚",
        CLOSED_WON,
    ),
    # 2026: open cases for the 工作台
    (
        D(2026, 5, 11),
        "（2026）澄0102行初4号",
        "person",
        "沈玉兰",
        "CH-ZRZY",
        "CH-ZRZY",
        "房屋征收补偿",
        [
            "defence",
            "hearing",
            ("judge", "perform"),
            "effective",
            ("recommendation", "public_interest", False),
        ],
    ),
    (
        D(2026, 8, 3),
        "（2026）澄0102行初9号",
        "person",
        "韩立新",
        "CH-SCJ",
        "CH-SCJ",
        "行政处罚",
        ["defence", "absent", ("judge", "dismissed")],
    ),
    (
        D(2026, 9, 14),
        "（2026）澄0102行初12号",
        "org",
        "澄湖区顺丰餐饮管理有限公司",
        "CH-SCJ",
        "CH-SCJ",
        "行政许可",
        ["defence", "hearing"],
    ),
    (
        D(2026, 10, 28),
        "（2026）澄0102行初15号",
        "person",
        "杨小雨",
        "CH-LHZ",
        "CH-LHZ",
        "行政强制",
        ["head_request"],
    ),
    (D(2026, 11, 13), "（2026）澄0102行初17号", "person", "朱国强", "CH-ZRZY", "CH-ZRZY", "土地行政登记", []),
]
RECOMMENDATION_NUMBERS = {
    "judicial_other": "澄中法建〔2025〕3号",
    "public_interest": "澄湖检行公建〔2026〕5号",
}
RECOMMENDATION_TEXT = {
    "judicial_other": "建议规范土地行政处罚案件的调查取证和法制审核程序，避免同类案件再次败诉。",
    "public_interest": "建议依法履行房屋征收补偿安置监管职责，督促落实补偿款专户管理。",
}
HEADS = {"CH-ZRZY": "秦文博", "CH-SCJ": "沈立新", "CH-JYJ": "许志诚", "CH": "吴立群", "CH-LHZ": "严春晖"}
MEETINGS = [
    (D(2024, 4, 25), "court", "2024年行政争议化解府院联席会议"),
    (D(2024, 10, 17), "procuratorate", "行政检察监督与行政执法衔接府检座谈会"),
    (D(2025, 4, 24), "court", "2025年行政争议化解府院联席会议"),
    (D(2025, 11, 20), "court", "行政机关败诉案件分析府院专题会议"),
    (D(2026, 6, 18), "procuratorate", "2026年府检联动工作推进会"),
]
TOPICS = {
    "court": (
        "区政府、区人民法院、区司法局及主要被诉部门负责人",
        "通报行政诉讼案件审理情况，分析败诉原因，研究行政争议实质性化解",
    ),
    "procuratorate": (
        "区政府、区人民检察院、区司法局及主要执法部门负责人",
        "行政检察监督线索移送，行政执法与检察监督衔接",
    ),
}


def _plaintiff(kind: str, index: int) -> tuple[str, str]:
    if kind == "person":
        return "person", ids.make_id_number(
            REGION, D(1960, 3, 1) + dt.timedelta(days=613 * index), 300 + index
        )
    return "organization", ids.make_credit_code(f"91{REGION}MA{index:07d}")


def _walk(admin: User, lawsuit: Lawsuit, steps: list, unit: dict) -> None:
    served = lawsuit.served_on
    for item in steps:
        if item == "defence":
            services.submit_defence(actor=admin, lawsuit=lawsuit, submitted_on=served + dt.timedelta(days=9))
        elif item == "hearing":
            head = Person.objects.get(name=HEADS[lawsuit.defendant.code], organization__code__startswith="CH")
            services.record_hearing(
                actor=admin,
                lawsuit=lawsuit,
                held_on=served + dt.timedelta(days=45),
                head_appeared=True,
                head=head,
                staff="法规科工作人员",
                lawyer="澄湖明理律师事务所 陶明理",
            )
        elif item == "absent":
            services.record_hearing(
                actor=admin,
                lawsuit=lawsuit,
                held_on=served + dt.timedelta(days=45),
                head_appeared=False,
                absence_reason="负责人参加全区防汛抢险紧急调度，无法出庭",
                explanation_sealed=True,
                staff="法规科科员 韩雨桐",
            )
        elif isinstance(item, tuple) and item[0] == "judge":
            judged = served + dt.timedelta(days=75)
            services.record_judgment(
                actor=admin, lawsuit=lawsuit, outcome=item[1], judged_on=judged, summary=""
            )
            services.record_judgment_service(
                actor=admin, lawsuit=lawsuit, served_on=judged + dt.timedelta(days=1)
            )
        elif isinstance(item, tuple) and item[0] == "recommendation":
            received = (lawsuit.judged_on or served) + dt.timedelta(days=40)
            recommendation = services.record_recommendation(
                actor=admin,
                lawsuit=lawsuit,
                ground=item[1],
                issuer="澄湖区人民检察院" if item[1] == "public_interest" else COURT,
                number=RECOMMENDATION_NUMBERS[item[1]],
                content=RECOMMENDATION_TEXT[item[1]],
                received_on=received,
            )
            if item[2]:
                services.record_reply(
                    actor=admin,
                    recommendation=recommendation,
                    replied_on=received + dt.timedelta(days=20),
                    reply="已组织专题整改，完善土地执法案件法制审核流程，并书面回复。",
                )
        elif item == "head_request":
            services.record_head_request(
                actor=admin, lawsuit=lawsuit, requested_on=served + dt.timedelta(days=7)
            )
        elif item == "effective":
            current = Lawsuit.objects.get(pk=lawsuit.pk)
            judged = current.judged_on
            appeal = selectors.lawsuit_clocks(current).clock("appeal")
            effective_on = appeal.due + dt.timedelta(days=1) if appeal else judged + dt.timedelta(days=16)
            services.mark_effective(
                actor=admin,
                lawsuit=lawsuit,
                effective_on=effective_on,
                performance_due=effective_on + dt.timedelta(days=90),
            )
        elif item == "perform":
            current = Lawsuit.objects.get(pk=lawsuit.pk)
            services.record_performance(
                actor=admin,
                lawsuit=lawsuit,
                performed_on=current.effective_on + dt.timedelta(days=30),
                note="已按生效裁判重新作出行政行为并书面告知原告。",
            )
        elif item == "appeal":
            services.record_appeal(
                actor=admin,
                lawsuit=lawsuit,
                appealed_on=served + dt.timedelta(days=85),
                appellant=lawsuit.plaintiff_name,
            )
        elif item == "appeal_agency":
            services.record_appeal(
                actor=admin,
                lawsuit=lawsuit,
                appealed_on=served + dt.timedelta(days=85),
                appellant=lawsuit.defendant.name,
            )
        elif item == "clue":
            current = Lawsuit.objects.get(pk=lawsuit.pk)
            clue = services.open_supervision_clue(
                actor=admin, lawsuit=lawsuit, received_on=current.judged_on + dt.timedelta(days=20)
            )
            handle_demo_clue(admin, clue, clock.today())
        lawsuit.refresh_from_db()


@step
def litigation_demo(admin: User, stdout) -> int:
    if Lawsuit.objects.filter(case_number=LAWSUITS[0][1]).exists():
        return 0
    unit = {o.code: o for o in Organization.objects.filter(code__startswith="CH")}
    created = 0
    by_number: dict[str, Lawsuit] = {}
    for index, (served, number, kind, name, defendant, department, cause, steps) in enumerate(
        LAWSUITS, start=1
    ):
        plaintiff_kind, id_number = _plaintiff(kind, index)
        second = "行终" in number
        first = next((s for s in by_number.values() if s.plaintiff_name == name), None) if second else None
        lawsuit = services.register_lawsuit(
            actor=admin,
            court=APPEAL_COURT if second else COURT,
            case_number=number,
            instance=Lawsuit.Instance.SECOND if second else Lawsuit.Instance.FIRST,
            first_instance=first,
            plaintiff_kind=plaintiff_kind,
            plaintiff_name=name,
            plaintiff_id_number=id_number,
            defendant=unit[defendant],
            responsible_department=unit[department],
            cause=cause,
            contested_act=f"{unit[defendant].name}作出的{cause}行为",
            filed_on=served - dt.timedelta(days=4),
            served_on=served,
        )
        by_number[number] = lawsuit
        _walk(admin, lawsuit, steps, unit)
        created += 1
    for held_on, kind, title in MEETINGS:
        participants, topics = TOPICS[kind]
        services.record_meeting(
            actor=admin,
            held_on=held_on,
            kind=kind,
            title=title,
            organization=unit["CH-SFJ"],
            participants=participants,
            topics=topics,
            outcomes="形成会议纪要，明确行政争议化解分工。",
        )
        created += 1
    return created
