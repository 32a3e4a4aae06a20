"""Demo records of case-file evaluation in 澄湖区: a campaign in 2024 and one in 2025, each with the default standard,
reviewers from the procuratorate, the Justice Bureau, enforcement units and the legal advisors, closed files of the
demo bodies handled by their certified officers, scored (some excellent, some vetoed) with the problems found; the
three systems' self-assessments (not every body complete), two enterprise contact points and one reissued
certificate. Runs after the enforcement demo, whose bodies and certificates it uses."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.core.files.base import ContentFile

from fazhi.core import ids
from fazhi.core.models import Organization, Person, User
from fazhi.demo.registry import step
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate, EnforcementBody, EvaluationCampaign, EvaluationItem
from fazhi.enforcement.rules import certificates as certificate_rules
from fazhi.oversight import services as oversight

D = dt.date

CAMPAIGNS = [
    # year, name, domains, reviewers (name, affiliation), scored on
    (
        2024,
        "2024年度行政执法案卷评查",
        ["food_drug", "natural_resources"],
        [
            ("孔令仪", "procuratorate"),
            ("陶明理", "legal_advisor"),
            ("蒋正平", "justice"),
            ("韩雨桐", "enforcement_unit"),
            ("尤嘉怡", "enforcement_unit"),
        ],
        D(2024, 11, 20),
    ),
    (
        2025,
        "2025年度行政执法案卷评查",
        ["food_drug", "natural_resources", "market"],
        [
            ("孔令仪", "procuratorate"),
            ("张敬之", "procuratorate"),
            ("陶明理", "legal_advisor"),
            ("蒋正平", "justice"),
            ("褚雅静", "justice"),
            ("杨海峰", "enforcement_unit"),
            ("尤嘉怡", "enforcement_unit"),
        ],
        D(2025, 11, 18),
    ),
]

# unit, domain, act kind, case-number prefix, title, officers, decision dates (one file each)
FILES = {
    2024: [
        (
            "CH-SCJ-ZD",
            "food_drug",
            "penalty",
            "澄市监执罚",
            "经营超过保质期食品案",
            ["杨海峰", "朱启航"],
            [D(2024, 4, 8), D(2024, 5, 21), D(2024, 7, 2), D(2024, 9, 12)],
        ),
        (
            "CH-SCJ-ZD",
            "food_drug",
            "coercion",
            "澄市监执强",
            "查封不符合食品安全标准的食品案",
            ["杨海峰", "钱晓东"],
            [D(2024, 6, 3), D(2024, 8, 19)],
        ),
        (
            "CH-SCJ",
            "food_drug",
            "licensing",
            "澄市监许",
            "食品经营许可",
            ["韩雨桐", "沈立新"],
            [D(2024, 3, 15), D(2024, 6, 27)],
        ),
        (
            "CH-ZRZY",
            "natural_resources",
            "penalty",
            "澄自然资罚",
            "非法占用土地案",
            ["尤嘉怡", "蔡明轩"],
            [D(2024, 7, 30), D(2024, 10, 9)],
        ),
    ],
    2025: [
        (
            "CH-SCJ-ZD",
            "food_drug",
            "penalty",
            "澄市监执罚",
            "经营超过保质期食品案",
            ["朱启航", "钱晓东"],
            [D(2025, 2, 26), D(2025, 4, 18), D(2025, 6, 5), D(2025, 8, 14)],
        ),
        (
            "CH-SCJ-ZD",
            "market",
            "penalty",
            "澄市监执罚",
            "发布虚假广告案",
            ["杨海峰", "孙国庆"],
            [D(2025, 3, 20), D(2025, 7, 9), D(2025, 9, 23)],
        ),
        (
            "CH-SCJ",
            "food_drug",
            "licensing",
            "澄市监许",
            "食品经营许可",
            ["韩雨桐", "沈立新"],
            [D(2025, 1, 14), D(2025, 5, 6)],
        ),
        (
            "CH-ZRZY",
            "natural_resources",
            "penalty",
            "澄自然资罚",
            "非法占用土地案",
            ["尤嘉怡", "蔡明轩"],
            [D(2025, 4, 2), D(2025, 8, 28)],
        ),
        (
            "CH-ZRZY",
            "natural_resources",
            "levy",
            "澄自然资征",
            "征收土地复垦费",
            ["尤嘉怡"],
            [D(2025, 6, 17)],
        ),
        (
            "CH-LHZ",
            "natural_resources",
            "penalty",
            "莲花镇罚",
            "违反村庄规划建设案",
            ["华小满", "薛海川"],
            [D(2025, 10, 11), D(2025, 10, 30)],
        ),
    ],
}

PROBLEMS = {
    "执法文书制作规范": ("documents", "处罚决定书未载明当事人申请行政复议、提起行政诉讼的途径和期限"),
    "卷宗装订规范、材料齐全": ("filing", "卷内材料未按时间顺序排列，缺少卷内目录"),
    "归档及时、目录清晰": ("filing", "结案后超过规定期限归档"),
    "事实清楚、证据确实充分": ("evidence", "现场检查笔录未附现场照片，证据链不完整"),
    "适用法律依据准确": ("law", "处罚决定书引用法律条款不具体，未写明款、项"),
    "程序合法、时限符合规定": ("procedure", "未在法定期限内送达处罚决定书"),
    "裁量适当、说理充分": ("discretion", "未说明适用裁量基准的理由"),
}

SELF_ASSESSED = {
    # year: {unit: systems assessed}
    2024: {
        "CH-SCJ": ["publicity", "recording", "legal_review"],
        "CH-SCJ-ZD": ["publicity", "recording", "legal_review"],
        "CH-ZRZY": ["publicity", "recording"],
    },
    2025: {
        "CH-SCJ": ["publicity", "recording", "legal_review"],
        "CH-SCJ-ZD": ["publicity", "recording", "legal_review"],
        "CH-ZRZY": ["publicity", "recording", "legal_review"],
        "CH-LHZ": ["publicity"],
    },
}
FINDINGS = {
    "publicity": "行政处罚决定信息在7个工作日内公示率98%，个别许可决定公示超期，已督促整改。",
    "recording": "现场执法记录仪配备到位，部分案件音像记录未随案归档，已建立归档台账。",
    "legal_review": "重大执法决定均经法制审核，审核意见书格式不统一，已制定统一文书模板。",
}


@step
def evaluation_demo(admin: User, stdout) -> int:
    if EvaluationCampaign.objects.filter(name=CAMPAIGNS[0][1]).exists():
        return 0
    bodies = {
        b.organization.code: b for b in EnforcementBody.objects.filter(organization__code__startswith="CH")
    }
    if not bodies:
        return 0
    people = {p.name: p for p in Person.objects.filter(organization__code__startswith="CH")}
    sfj = Organization.objects.get(code="CH-SFJ")
    rng = random.Random(2025)  # noqa: S311  (fictional demo scores)
    created = 0
    for year, name, domains, reviewers, scored_on in CAMPAIGNS:
        campaign = services.create_campaign(
            actor=admin, organization=sfj, year=year, name=name, domains=domains, default_standard=True
        )
        created += 1 + campaign.items.count()
        for person_name, affiliation in reviewers:
            if person_name in people:
                services.add_reviewer(
                    actor=admin, campaign=campaign, person=people[person_name], affiliation=affiliation
                )
                created += 1
        created += _files(admin, campaign, bodies, people, scored_on, rng)
    created += _self_assessments(admin, bodies)
    created += _contact_points(admin, sfj)
    created += _reissue(admin)
    return created


def _files(admin, campaign, bodies, people, scored_on, rng) -> int:
    created = 0
    items = list(campaign.items.all())
    scored_items = [i for i in items if i.kind == EvaluationItem.Kind.SCORED]
    veto = {i.title: i for i in items if i.kind == EvaluationItem.Kind.VETO}
    serial = 0
    for unit, domain, act_kind, prefix, title, officers, dates in FILES[campaign.year]:
        if unit not in bodies:
            continue
        for day in dates:
            # Only officers certified that day: the rule holds for the demo too, whatever the certificates say.
            handling = [
                people[n]
                for n in officers
                if n in people and certificate_rules.officer_certified_on(people[n], day)
            ]
            if not handling:
                continue
            serial += 1
            case_file = services.draw_case_file(
                actor=admin,
                campaign=campaign,
                body=bodies[unit],
                domain=domain,
                act_kind=act_kind,
                case_number=f"{prefix}〔{campaign.year}〕{serial * 7 + 3}号",
                title=title,
                decided_on=day,
                officers=handling,
            )
            # Deductions on a few items; one officer alone is a veto (执法人员少于两人), and every tenth file lacks
            # its main evidence.
            points, problems = {}, []
            for item in scored_items:
                lost = (
                    Decimal(rng.choice([0, 0, 0, 1, 2, 3]))
                    if item.max_points >= 10
                    else Decimal(rng.choice([0, 0, 1]))
                )
                points[item.pk] = item.max_points - lost
                if lost:
                    problems.append(PROBLEMS[item.title])
            vetoes = []
            if len(handling) < 2:
                vetoes.append(veto["执法人员少于两人"])
                problems.append(("officers", "现场检查、调查询问仅有一名执法人员，违反行政处罚法第四十二条"))
            if serial % 10 == 0:
                vetoes.append(veto["主要证据不足"])
                problems.append(("evidence", "认定违法所得的主要证据缺失"))
            services.score_case_file(
                actor=admin, case_file=case_file, points=points, vetoes=vetoes, scored_on=scored_on
            )
            for index, (category, description) in enumerate(problems):
                problem = services.record_problem(
                    actor=admin,
                    case_file=case_file,
                    category=category,
                    description=description,
                    found_on=scored_on,
                )
                # The 2024 problems are all rectified and signed off; in 2025 a few are still being rectified.
                if campaign.year < 2025 or (serial + index) % 9:
                    _rectify(admin, problem, scored_on)
            created += 1 + len(handling) + len(points) + len(vetoes) + 2 * len(problems)
    return created


def _rectify(admin, problem, scored_on: dt.date) -> None:
    """The evaluated unit rectifies the problem within a month, with a report as evidence; the Justice Bureau signs
    it off a week later (the item is oversight's: the problem itself is not copied)."""
    item = oversight.item_of(problem)
    rectified_on = scored_on + dt.timedelta(days=30)
    report = ContentFile(f"{problem.description}：已整改。\n（演示数据）\n".encode(), name="整改情况报告.txt")
    oversight.rectify(
        actor=admin,
        item=item,
        rectification="已补正案卷并组织执法人员专题学习。",
        rectified_on=rectified_on,
        files=[report],
    )
    oversight.sign_off(actor=admin, item=item, signed_off_on=rectified_on + dt.timedelta(days=7))


def _self_assessments(admin, bodies) -> int:
    created = 0
    for year, units in SELF_ASSESSED.items():
        for unit, systems in units.items():
            if unit not in bodies:
                continue
            for system in systems:
                services.record_self_assessment(
                    actor=admin,
                    body=bodies[unit],
                    year=year,
                    system=system,
                    assessed_on=D(year, 11, 10),
                    findings=FINDINGS[system],
                )
                created += 1
    return created


def _contact_points(admin, sfj) -> int:
    points = [
        ("澄湖区湖滨工业园执法监督联系点", "澄湖湖滨新材料有限公司", "91990102MA7HB0001", D(2024, 4, 16)),
        ("澄湖区莲花镇商贸执法监督联系点", "澄湖莲花商贸有限公司", "91990102MA7LH0002", D(2024, 9, 3)),
    ]
    for name, enterprise, body, on in points:
        services.set_up_contact_point(
            actor=admin,
            organization=sfj,
            name=name,
            enterprise_name=enterprise,
            credit_code=ids.make_credit_code(body),
            established_on=on,
        )
    return len(points)


def _reissue(admin) -> int:
    """韩雨桐's certificate was lost and is reissued (补发) after the 2025 review."""
    old = Certificate.objects.filter(person__name="韩雨桐", status=Certificate.Status.VALID).first()
    if old is None or certificate_rules.may_reissue(old, D(2026, 4, 15)) is not None:
        return 0
    services.reissue_certificate(
        actor=admin,
        certificate=old,
        number=f"{old.number}B",
        issued_on=D(2026, 4, 15),
        note="原证遗失，登报声明作废后补发",
    )
    return 2
