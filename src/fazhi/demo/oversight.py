"""The oversight demo records in 澄湖区: inspections of 2024 and 2025 (two joint inspections and six units through a
political patrol each year) whose findings were all rectified and signed off, most consolidated, one reopened by the
回头看; 2026 inspections with items rectified, under way and overdue (one escalated), items opened from supervision
clues; and task plans of the three years with progress reports, late and unfinished tasks."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from fazhi.core import clock
from fazhi.core.models import Organization, User
from fazhi.demo.registry import step
from fazhi.enforcement import services as clues
from fazhi.enforcement.models import SupervisionClue
from fazhi.oversight import services
from fazhi.oversight.models import Inspection, TaskPlan
from fazhi.oversight.rules import rectification as rules
from fazhi.oversight.services import inspections
from fazhi.oversight.services import task_plans as tasks

D = dt.date
K = Inspection.Kind
MARK = "2024年上半年法治政府建设督查"

# title, kind, held on, organiser, joint organisers, units, findings: (unit, text, outcome)
# outcome: consolidated / signed_off / reopened / rectified / overdue / escalated / open; with the dates of each step
INSPECTIONS = [
    (
        MARK,
        K.SUPERVISION,
        D(2024, 6, 12),
        "CH-ZFB",
        ["CH-YFZQB"],
        ["CH-SCJ", "CH-ZRZY", "CH-LHZ"],
        [
            ("CH-SCJ", "部分行政处罚案卷未载明听证告知", "consolidated"),
            ("CH-ZRZY", "重大执法决定法制审核目录清单未及时更新", "consolidated"),
            ("CH-LHZ", "乡镇综合执法人员未全部持证上岗", "reopened"),
        ],
    ),
    (
        "2024年下半年法治政府建设督查",
        K.SUPERVISION,
        D(2024, 11, 19),
        "CH-ZFB",
        ["CH-YFZQB"],
        ["CH-JYJ", "CH-BSX", "CH-HBJD"],
        [
            ("CH-JYJ", "规范性文件未按规定报送备案", "consolidated"),
            ("CH-BSX", "法律顾问未参与重大合同审查", "signed_off"),
        ],
    ),
    (
        "依托区委第三轮巡察开展法治政府建设督察",
        K.PATROL,
        D(2024, 9, 10),
        "CH-YFZQB",
        [],
        ["CH-JYJ", "CH-SCJ", "CH-ZRZY", "CH-LHZ", "CH-BSX", "CH-HBJD"],
        [
            ("CH-JYJ", "党组理论学习中心组学法计划未落实", "consolidated"),
            ("CH-ZRZY", "行政执法公示信息更新不及时", "consolidated"),
            ("CH-LHZ", "行政复议决定履行情况未跟踪", "consolidated"),
            ("CH-HBJD", "法治宣传教育责任清单未制定", "signed_off"),
        ],
    ),
    (
        "自治区法治督察反馈问题整改",
        K.REGIONAL_FEEDBACK,
        D(2025, 4, 8),
        "CH-YFZQB",
        [],
        ["CH-ZFB", "CH-SCJ"],
        [
            ("CH-ZFB", "重大行政决策事项目录公布不及时", "consolidated"),
            ("CH-SCJ", "涉企行政检查频次偏高", "signed_off"),
        ],
    ),
    (
        "2025年法治政府建设督查",
        K.SUPERVISION,
        D(2025, 6, 18),
        "CH-ZFB",
        ["CH-YFZQB", "CH-SFJ"],
        ["CH-SCJ", "CH-JYJ", "CH-ZRZY", "CH-LHZ"],
        [
            ("CH-SCJ", "行政执法三项制度执行不到位", "consolidated"),
            ("CH-JYJ", "行政规范性文件合法性审核记录不全", "signed_off"),
            ("CH-ZRZY", "行政应诉负责人出庭率偏低", "signed_off"),
        ],
    ),
    (
        "2025年度第二次法治政府建设督查",
        K.RULE_OF_LAW,
        D(2025, 9, 23),
        "CH-YFZQB",
        ["CH-ZFB"],
        ["CH-BSX", "CH-HBJD"],
        [
            ("CH-BSX", "乡镇合法性审查机制未建立", "signed_off"),
        ],
    ),
    (
        "依托区委第五轮巡察开展法治政府建设督察",
        K.PATROL,
        D(2025, 10, 15),
        "CH-YFZQB",
        [],
        ["CH-JYJ", "CH-SCJ", "CH-ZRZY", "CH-LHZ", "CH-BSX", "CH-HBJD"],
        [
            ("CH-SCJ", "行政处罚裁量基准未细化", "signed_off"),
            ("CH-LHZ", "村（社区）法律顾问履职台账缺失", "rectified"),
            ("CH-HBJD", "街道综合执法案卷评查未开展", "signed_off"),
        ],
    ),
    (
        "2026年法治政府建设督查",
        K.SUPERVISION,
        D(2026, 7, 14),
        "CH-ZFB",
        ["CH-YFZQB"],
        ["CH-SCJ", "CH-JYJ", "CH-BSX"],
        [
            ("CH-SCJ", "执法监督线索办理超期", "rectified"),
            ("CH-JYJ", "教育领域涉企检查未纳入统一平台", "escalated"),
            ("CH-BSX", "行政执法人员培训学时不足", "open"),
        ],
    ),
]

PLANS = [
    (
        "法治政府建设八大行动",
        TaskPlan.Kind.ACTIONS,
        2024,
        D(2024, 3, 1),
        [
            # number, title, lead, co-operating units, deadline, completion (date or None), progress (date, percent)
            (
                "1",
                "推进重大行政决策程序规范化",
                "CH-ZFB",
                ["CH-SFJ"],
                D(2024, 10, 31),
                D(2024, 10, 20),
                [(D(2024, 6, 30), 50)],
            ),
            (
                "2",
                "全面落实行政执法三项制度",
                "CH-SFJ",
                ["CH-SCJ", "CH-ZRZY"],
                D(2024, 9, 30),
                D(2024, 9, 12),
                [(D(2024, 6, 30), 60)],
            ),
            (
                "3",
                "开展行政执法案卷评查",
                "CH-SFJ",
                ["CH-SCJ"],
                D(2024, 11, 30),
                D(2024, 11, 28),
                [(D(2024, 8, 31), 40)],
            ),
            (
                "4",
                "规范涉企行政检查",
                "CH-SCJ",
                ["CH-SFJ"],
                D(2024, 8, 31),
                D(2024, 9, 20),
                [(D(2024, 6, 30), 30)],
            ),
            (
                "5",
                "推进乡镇合法性审查全覆盖",
                "CH-LHZ",
                ["CH-SFJ"],
                D(2024, 12, 15),
                D(2024, 12, 10),
                [(D(2024, 9, 30), 70)],
            ),
            ("6", "加强行政复议规范化建设", "CH-SFJ", [], D(2024, 12, 31), D(2024, 12, 31), []),
        ],
    ),
    (
        "提升行政执法质量三年行动2025年度任务",
        TaskPlan.Kind.MULTI_YEAR,
        2025,
        D(2025, 2, 18),
        [
            (
                "1",
                "完成行政执法事项清单动态调整",
                "CH-SFJ",
                ["CH-SCJ", "CH-ZRZY", "CH-LHZ"],
                D(2025, 6, 30),
                D(2025, 6, 25),
                [(D(2025, 4, 30), 60)],
            ),
            (
                "2",
                "开展执法人员全员轮训",
                "CH-SFJ",
                [],
                D(2025, 10, 31),
                D(2025, 10, 15),
                [(D(2025, 7, 31), 55)],
            ),
            (
                "3",
                "建立行政执法监督企业联系点",
                "CH-SCJ",
                ["CH-SFJ"],
                D(2025, 5, 31),
                D(2025, 7, 10),
                [(D(2025, 5, 20), 80)],
            ),
            ("4", "推行非现场执法", "CH-ZRZY", [], D(2025, 9, 30), D(2025, 9, 28), [(D(2025, 6, 30), 40)]),
            (
                "5",
                "开展行政执法突出问题专项整治",
                "CH-JYJ",
                ["CH-SFJ"],
                D(2025, 12, 31),
                None,
                [(D(2025, 11, 30), 70)],
            ),
        ],
    ),
    (
        "法治政府建设提升工程",
        TaskPlan.Kind.PROJECT,
        2026,
        D(2026, 2, 20),
        [
            (
                "1",
                "建设法治政府建设工作平台",
                "CH-SFJ",
                ["CH-ZFB"],
                D(2026, 9, 30),
                D(2026, 9, 18),
                [(D(2026, 6, 30), 60)],
            ),
            (
                "2",
                "开展证明事项告知承诺制评估",
                "CH-SFJ",
                ["CH-SCJ"],
                D(2026, 10, 31),
                None,
                [(D(2026, 8, 31), 50)],
            ),
            (
                "3",
                "完成行政规范性文件全面清理",
                "CH-ZFB",
                ["CH-SFJ"],
                D(2026, 12, 31),
                None,
                [(D(2026, 10, 30), 40)],
            ),
            ("4", "乡镇（街道）执法规范化建设", "CH-LHZ", ["CH-BSX", "CH-HBJD"], D(2026, 12, 31), None, []),
        ],
    ),
]


def _evidence(text: str) -> ContentFile:
    return ContentFile(f"{text}\n（演示数据：整改佐证材料）\n".encode(), name="整改情况报告.txt")


def _advance(admin: User, item, outcome: str, opened: dt.date) -> None:
    """Move an item as far as its outcome says, on dates counted from the day it was opened."""
    if outcome in ("open",):
        return
    if outcome in ("overdue", "escalated"):
        services.start(actor=admin, item=item)
        if outcome == "escalated" and item.overdue_days(clock.today()) >= rules.escalation_threshold():
            services.escalate(actor=admin, item=item)
        return
    rectified_on = min(opened + dt.timedelta(days=45), item.deadline)
    services.rectify(
        actor=admin,
        item=item,
        rectification="已按整改措施完成整改，建立长效机制。",
        rectified_on=rectified_on,
        files=[_evidence(item.measures or "整改报告")],
    )
    if outcome == "rectified":
        return
    services.sign_off(actor=admin, item=item, signed_off_on=rectified_on + dt.timedelta(days=7))
    if outcome == "consolidated":
        services.consolidate(
            actor=admin,
            item=item,
            checked_on=rectified_on + dt.timedelta(days=90),
            note="回头看抽查，整改成效巩固。",
        )
    elif outcome == "reopened":
        checked = rectified_on + dt.timedelta(days=60)
        item = services.reopen(
            actor=admin, item=item, checked_on=checked, note="回头看发现仍有2名执法人员未持证。"
        )
        later = checked + dt.timedelta(days=40)
        services.rectify(
            actor=admin,
            item=item,
            rectification="剩余人员已取得执法证。",
            rectified_on=later,
            files=[_evidence("补证情况")],
        )
        services.sign_off(actor=admin, item=item, signed_off_on=later + dt.timedelta(days=5))


def _clue_items(admin: User, unit: dict) -> int:
    """Items opened from the demo's supervision clues (two registered here if the enforcement demo has none)."""
    found = list(
        SupervisionClue.objects.filter(organization__code__startswith="CH").order_by("received_on", "pk")[:2]
    )
    created = 0
    if not found:
        for number, received, text in (
            ("2026081200031", D(2026, 8, 12), "企业反映同一事项被多部门重复检查"),
            ("2026090300112", D(2026, 9, 3), "执法人员现场检查未出示执法证件"),
        ):
            found.append(
                clues.register_clue(
                    actor=admin,
                    source=SupervisionClue.Source.HOTLINE,
                    external_number=number,
                    received_on=received,
                    organization=unit["CH-SCJ"],
                    content=text,
                    enterprise_related=True,
                )
            )
            created += 1
    for index, clue in enumerate(found):
        if services.item_of(clue) is not None:
            continue
        opened = max(clue.received_on, D(2026, 8, 20))
        item = services.open_item(
            actor=admin,
            source=clue,
            opened_on=opened,
            measures="约谈执法机构负责人，规范执法检查行为",
            deadline=opened + dt.timedelta(days=40) if index == 0 else None,
        )
        services.start(actor=admin, item=item)
        created += 1
    return created


@step
def oversight_demo(admin: User, stdout) -> int:
    if Inspection.objects.filter(title=MARK).exists():
        return 0
    unit = {o.code: o for o in Organization.objects.filter(code__startswith="CH")}
    created = 0
    for title, kind, held_on, organiser, joint, units, findings in INSPECTIONS:
        inspection = inspections.create_inspection(
            actor=admin,
            kind=kind,
            title=title,
            held_on=held_on,
            organization=unit[organiser],
            co_organizers=[unit[c] for c in joint],
            units=[unit[c] for c in units],
            summary="听取工作汇报、查阅台账资料、随机抽查执法案卷。",
        )
        created += 1
        for code, text, outcome in findings:
            deadline = D(2026, 12, 31) if outcome == "open" else None
            finding = inspections.add_finding(
                actor=admin,
                inspection=inspection,
                organization=unit[code],
                text=text,
                measures=f"针对“{text}”制定整改方案，明确责任人和时限",
                deadline=deadline,
            )
            _advance(admin, services.item_of(finding), outcome, held_on)
            created += 2
    created += _clue_items(admin, unit)
    for title, kind, year, issued_on, rows in PLANS:
        plan = tasks.create_plan(
            actor=admin, title=title, kind=kind, year=year, organization=unit["CH-YFZQB"], issued_on=issued_on
        )
        created += 1
        for number, text, lead, co, deadline, done_on, progress in rows:
            task = tasks.add_task(
                actor=admin,
                plan=plan,
                number=number,
                title=text,
                lead_unit=unit[lead],
                co_units=[unit[c] for c in co],
                deadline=deadline,
                milestones=[("完成方案制定", issued_on + dt.timedelta(days=45))],
            )
            created += 2
            for reported_on, percent in progress:
                tasks.report_progress(
                    actor=admin,
                    task=task,
                    reported_on=reported_on,
                    percent=percent,
                    text=f"{text}：已完成{percent}%",
                )
                created += 1
            if done_on:
                tasks.report_progress(
                    actor=admin, task=task, reported_on=done_on, percent=100, text=f"{text}：已全部完成"
                )
                created += 1
    return created
