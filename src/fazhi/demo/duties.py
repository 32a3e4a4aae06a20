"""Demo records of leaders' duties and study in 澄湖区: activities of every kind in 2024 and 2025 (and a few in 2026),
with more in 2025 than in 2024 so the year-on-year figures move, and demonstration projects at every stage."""

from __future__ import annotations

import datetime as dt
import itertools

from fazhi.core.models import Organization, Person, User
from fazhi.demo.registry import step
from fazhi.duties import services
from fazhi.duties.models import Activity, ActivityKind, DemonstrationProject

K = ActivityKind
LAWS = [
    "习近平法治思想",
    "《中华人民共和国行政复议法》",
    "《中华人民共和国行政处罚法》",
    "《优化营商环境条例》",
    "《重大行政决策程序暂行条例》",
    "《中华人民共和国民法典》",
    "《中华人民共和国安全生产法》",
    "《中华人民共和国食品安全法》",
    "《中华人民共和国土地管理法》",
    "《中华人民共和国保守国家秘密法》",
    "《信访工作条例》",
    "《中华人民共和国未成年人保护法》",
]
LEADER_UNITS = [
    "CH-QW",
    "CH-YFZQB",
    "CH-ZFB",
    "CH-SFJ",
    "CH-SCJ",
    "CH-ZRZY",
    "CH-JYJ",
    "CH-LHZ",
    "CH-BSX",
    "CH-HBJD",
]
REPORTING_UNITS = {2024: ["CH-SCJ", "CH-JYJ", "CH-ZRZY"], 2025: ["CH-SFJ", "CH-SCJ", "CH-LHZ", "CH-BSX"]}
DEPLOYING_UNITS = ["CH-SFJ", "CH-SCJ", "CH-ZRZY", "CH-JYJ", "CH-LHZ", "CH-BSX", "CH-HBJD"]
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = ["建国", "晓燕", "志强", "丽华", "海涛", "文静", "国栋", "春梅", "永刚", "雪莲", "立军", "秀英"]
# Per year: lectures by how many leaders, written 述法 cadres, pre-meeting studies, trainings, party deployments,
# reports heard, government studies, department and township deployments.
PLAN = {2024: (8, 24, 8, 3, 4, 2, 6, 16), 2025: (10, 30, 10, 4, 5, 2, 8, 20)}


def _day(year: int, index: int, count: int) -> dt.date:
    """The index-th of `count` days spread over the year (working through it month by month)."""
    return dt.date(year, 1, 15) + dt.timedelta(days=int(index * 330 / max(count, 1)))


def _cadres(year: int, count: int) -> list[str]:
    names = (f"{s}{g}" for g, s in itertools.product(GIVEN, SURNAMES))
    skip = 0 if year == 2024 else 7  # most cadres report again the next year, some are new
    return list(itertools.islice(names, skip, skip + count))


def _activities(admin: User, year: int, unit: dict, leaders: dict) -> int:
    lectures, cadres, studies, trainings, party, reports, gov, deployments = PLAN[year]
    created = 0

    def add(kind, index, count, org, **fields):
        nonlocal created
        services.record_activity(
            actor=admin, kind=kind, held_on=_day(year, index, count), organization=unit[org], **fields
        )
        created += 1

    for i, code in enumerate((LEADER_UNITS * 2)[:lectures]):
        add(K.LECTURE, i, lectures, code, topic=f"{LAWS[i % len(LAWS)]}专题讲法", people=[leaders[code]])
    for code in REPORTING_UNITS[year]:
        add(
            K.MEETING_REPORT,
            0,
            1,
            code,
            meeting=f"中共澄湖区委全面依法治区委员会办公室{year}年第2次会议",
            topic="履行推进法治建设第一责任人职责情况",
            people=[leaders[code]],
        )
    names = _cadres(year, cadres)
    per_unit = len(names) // len(DEPLOYING_UNITS)
    for i, code in enumerate(DEPLOYING_UNITS):
        chunk = (
            names[i * per_unit : (i + 1) * per_unit]
            if i < len(DEPLOYING_UNITS) - 1
            else names[i * per_unit :]
        )
        add(K.WRITTEN_REPORT, 10, 11, code, topic=f"{year}年度领导干部书面述法", names=chunk)
    for i in range(studies):
        add(
            K.PRE_MEETING_STUDY,
            i,
            studies,
            "CH",
            meeting=f"澄湖区人民政府{year}年第{i + 1}次常务会议",
            topic=f"学习{LAWS[(i + 3) % len(LAWS)]}",
        )
    for i in range(trainings):
        add(
            K.TRAINING,
            i,
            trainings,
            "CH-YFZQB",
            topic="习近平法治思想专题培训" if i == 0 else f"领导干部{LAWS[(i + 1) % len(LAWS)]}专题培训",
        )
    for i in range(party):
        meeting = (
            f"区委常委会{year}年第{2 * i + 3}次会议"
            if i % 2 == 0
            else f"区委全面依法治区委员会{year}年第{i}次会议"
        )
        add(K.PARTY_DEPLOYMENT, i, party, "CH-QW", meeting=meeting, topic="研究部署法治政府建设工作")
    for i in range(reports):
        add(
            K.EXECUTIVE_REPORT,
            i,
            reports,
            "CH",
            meeting=f"澄湖区人民政府{year}年第{6 * i + 4}次常务会议",
            topic="听取法治政府建设工作情况汇报",
        )
    for i in range(gov):
        add(
            K.GOVERNMENT_STUDY,
            i,
            gov,
            "CH",
            meeting=f"澄湖区人民政府{year}年第{i + 2}次专题会议",
            topic=["研究法治政府建设年度工作要点", "研究行政执法质量提升工作", "研究行政复议应诉工作"][i % 3],
        )
    for i in range(deployments):
        code = DEPLOYING_UNITS[i % len(DEPLOYING_UNITS)]
        add(
            K.UNIT_DEPLOYMENT,
            i,
            deployments,
            code,
            meeting=f"{unit[code].name}党组（党委）会议",
            topic="研究部署本单位法治政府建设工作",
        )
    return created


def _projects(admin: User, unit: dict) -> int:
    regional = services.enter_project(
        actor=admin,
        name="乡镇（街道）“一支队伍管执法”",
        organization=unit["CH-SFJ"],
        level=DemonstrationProject.Level.REGIONAL,
        batch="第二批",
        applied_on=dt.date(2024, 3, 20),
    )
    services.advance_project(actor=admin, project=regional, transition="shortlist", on=dt.date(2024, 6, 14))
    services.advance_project(
        actor=admin, project=regional, transition="name_project", on=dt.date(2024, 11, 28)
    )
    national = services.enter_project(
        actor=admin,
        name="乡镇（街道）“一支队伍管执法”",
        organization=unit["CH-SFJ"],
        level=DemonstrationProject.Level.NATIONAL,
        batch="第三批",
        applied_on=dt.date(2024, 9, 10),
    )
    services.advance_project(actor=admin, project=national, transition="shortlist", on=dt.date(2025, 1, 16))
    services.advance_project(actor=admin, project=national, transition="pass_review", on=dt.date(2025, 5, 22))
    district = services.enter_project(
        actor=admin,
        name="澄湖区法治政府建设示范区",
        organization=unit["CH"],
        level=DemonstrationProject.Level.REGIONAL,
        batch="第二批",
        applied_on=dt.date(2024, 2, 26),
    )
    services.advance_project(actor=admin, project=district, transition="shortlist", on=dt.date(2024, 7, 5))
    services.advance_project(
        actor=admin, project=district, transition="name_project", on=dt.date(2024, 12, 18)
    )
    three = services.enter_project(
        actor=admin,
        name="行政执法“三项制度”规范化建设",
        organization=unit["CH-SCJ"],
        level=DemonstrationProject.Level.REGIONAL,
        batch="第三批",
        applied_on=dt.date(2025, 2, 20),
    )
    services.advance_project(actor=admin, project=three, transition="shortlist", on=dt.date(2025, 6, 10))
    services.advance_project(actor=admin, project=three, transition="name_project", on=dt.date(2025, 12, 5))
    services.enter_project(
        actor=admin,
        name="行政复议案件繁简分流机制",
        organization=unit["CH-SFJ"],
        level=DemonstrationProject.Level.REGIONAL,
        batch="第三批",
        applied_on=dt.date(2026, 4, 8),
    )
    return 5


@step
def duties_demo(admin: User, stdout) -> int:
    if Activity.objects.filter(organization__code__startswith="CH").exists():
        return 0
    unit = {o.code: o for o in Organization.objects.filter(code__startswith="CH")}
    leaders = {
        p.organization.code: p
        for p in Person.objects.filter(organization__code__in=LEADER_UNITS, is_principal_leader=True)
        .select_related("organization")
        .order_by("organization__code", "pk")
    }
    created = sum(_activities(admin, year, unit, leaders) for year in (2024, 2025))
    services.record_activity(
        actor=admin,
        kind=K.TRAINING,
        held_on=dt.date(2026, 5, 12),
        organization=unit["CH-YFZQB"],
        topic="2026年习近平法治思想专题培训班",
    )
    created += 1 + _projects(admin, unit)
    return created
