"""Demo records of the review workstream in 澄湖区: review catalogs of most units, legality reviews at every level and
with every opinion (a few near or past their level's time limit today), the normative documents of 2025 and 2026
with their filing (one late, one short of a material, one corrected, one published lately and not yet filed), and a
2026 clean-up campaign. Independent of the decisions demo, which runs after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.files.base import ContentFile

from fazhi.core import calendar, clock
from fazhi.core.models import Organization, User
from fazhi.demo.registry import step
from fazhi.review import services
from fazhi.review.models import LegalityReview, NormativeDocument, ReviewCatalog

D = dt.date
DAY = dt.timedelta(days=1)
FIRM = "澄湖明理律师事务所（陶明理）"
FILED_WITH = "澄州市人民政府"
ALL_MATERIALS = {
    "has_report": "备案报告",
    "has_text": "正式文本",
    "has_drafting_explanation": "起草说明",
    "has_review_opinion": "合法性审查意见",
    "has_basis": "制定依据",
}
FINAL_REASONS = "经审查，制定主体、权限和程序合法，内容符合上位法规定，未发现违反“七个不得”的情形。"

CATALOGS = [
    # unit, title, adopted on, entries
    (
        "CH",
        "澄湖区人民政府合法性审查目录清单",
        D(2025, 2, 20),
        [
            ("normative_document", "以区人民政府名义制定的行政规范性文件"),
            ("policy_document", "以区人民政府名义印发的涉及公民、法人和其他组织权利义务的政策措施"),
            ("major_decision", "列入年度目录的重大行政决策事项"),
            ("contract", "以区人民政府名义签订的合同、协议"),
        ],
    ),
    (
        "CH-ZFB",
        "澄湖区人民政府办公室合法性审查目录清单",
        D(2025, 2, 26),
        [
            ("policy_document", "以区政府办公室名义印发的政策性文件"),
            ("contract", "政府投资项目合同和特许经营协议"),
        ],
    ),
    (
        "CH-SFJ",
        "澄湖区司法局合法性审查目录清单",
        D(2025, 3, 3),
        [
            ("policy_document", "以本局名义印发的政策性文件"),
            ("contract", "以本局名义签订的合同"),
        ],
    ),
    (
        "CH-JYJ",
        "澄湖区教育局合法性审查目录清单（2025年版）",
        D(2025, 3, 5),
        [
            ("normative_document", "以本局名义制定的行政规范性文件"),
            ("contract", "校舍建设、政府采购等以本局名义签订的合同"),
            ("policy_document", "涉及学校、学生和校外培训机构权利义务的政策性文件"),
        ],
    ),
    (
        "CH-SCJ",
        "澄湖区市场监督管理局合法性审查目录清单",
        D(2025, 3, 10),
        [
            ("normative_document", "以本局名义制定的行政规范性文件"),
            ("contract", "以本局名义签订的合同"),
            ("major_enforcement_decision", "情节复杂或者重大违法行为给予较重行政处罚的决定"),
        ],
    ),
    (
        "CH-ZRZY",
        "澄湖区自然资源局合法性审查目录清单",
        D(2025, 3, 12),
        [
            ("major_enforcement_decision", "没收违法所得、较大数额罚款、责令停产停业等重大执法决定"),
            ("contract", "国有建设用地使用权出让合同"),
        ],
    ),
    (
        "CH-LHZ",
        "澄湖区莲花镇合法性审查目录清单",
        D(2025, 4, 1),
        [
            ("contract", "以镇人民政府名义签订的合同"),
            ("policy_document", "以镇人民政府名义印发的政策性文件"),
        ],
    ),
    # 白沙乡 and 湖滨街道 have not made theirs yet: the adoption rate stays below 100%.
]


@dataclass
class Cast:
    """The demo's accounts: who acts for which unit, the advisor and the Justice Bureau."""

    justice: User
    advisor: User
    clerks: dict[str, User]

    def for_unit(self, unit: Organization) -> User:
        # Units without a clerk's account of their own are served by the Justice Bureau's administrator.
        return self.clerks.get(unit.code, self.justice)


def _unit(code: str) -> Organization:
    return Organization.objects.get(code=code)


def _weekday_on_or_before(day: dt.date) -> dt.date:
    while not calendar.is_working_day(day):
        day -= DAY
    return day


def _level_started(level: str, today: dt.date, *, due_in: int) -> dt.date:
    """The latest day a level could have started for its time limit to fall `due_in` days from today (or before):
    positive for a limit a few days ahead, negative for one already passed."""
    start = today
    while services.level_deadline(level, start).due > today + dt.timedelta(days=due_in):
        start -= DAY
    return start


# Legality reviews ----------------------------------------------------------------------------------------------


def _submit(cast: Cast, *, unit: str, title: str, kind: str, on: dt.date) -> LegalityReview:
    organization = _unit(unit)
    return services.submit_review(
        actor=cast.for_unit(organization),
        title=title,
        subject_kind=kind,
        organization=organization,
        submitted_on=on,
        text=f"{title}（送审稿）\n第一条 为规范相关工作，根据有关法律法规，结合本区实际，制定本文件。",
        advisor_user=cast.advisor,
        advisor_name=FIRM,
    )


def _initial(cast: Cast, review: LegalityReview, on: dt.date, outcome: str = "lawful", reasons: str = ""):
    services.give_opinion(
        actor=cast.for_unit(review.organization), review=review, outcome=outcome, reasons=reasons, given_on=on
    )


def _advise(cast: Cast, review: LegalityReview, on: dt.date, outcome: str = "lawful", reasons: str = ""):
    services.give_opinion(actor=cast.advisor, review=review, outcome=outcome, reasons=reasons, given_on=on)


def _conclude(cast: Cast, review: LegalityReview, on: dt.date, opinion: str = "lawful", reasons: str = ""):
    return services.conclude_review(
        actor=cast.justice, review=review, opinion=opinion, reasons=reasons or FINAL_REASONS, concluded_on=on
    )


def _reviewed(
    cast: Cast,
    *,
    unit: str,
    title: str,
    kind: str,
    on: dt.date,
    opinion: str = "lawful",
    reasons: str = "",
) -> LegalityReview:
    """A review through the three levels: 初审 the next day, 复审 three days later, 终审 two weeks after sending."""
    review = _submit(cast, unit=unit, title=title, kind=kind, on=on)
    _initial(cast, review, on + DAY)
    _advise(cast, review, on + 4 * DAY)
    return _conclude(cast, review, on + 14 * DAY, opinion, reasons)


def _reviews(cast: Cast, today: dt.date) -> int:
    """Reviews of policy documents, contracts and major enforcement decisions, and the matters they cover."""
    # 2025: concluded with each opinion.
    jobs = _reviewed(
        cast,
        unit="CH-ZFB",
        title="澄湖区2025年稳就业促增收若干措施",
        kind="policy_document",
        on=D(2025, 4, 7),
    )
    school = _reviewed(
        cast,
        unit="CH-JYJ",
        title="澄湖区第二实验小学新建工程施工合同",
        kind="contract",
        on=D(2025, 6, 3),
        opinion="lawful_after_revision",
        reasons="第十四条违约责任约定不对等，第二十一条争议解决条款约定不明，修改后可以签订。",
    )
    mining = _reviewed(
        cast,
        unit="CH-ZRZY",
        title="对澄湖某建材公司无证开采砂石案的重大执法决定",
        kind="major_enforcement_decision",
        on=D(2025, 9, 8),
    )
    _reviewed(
        cast,
        unit="CH-ZFB",
        title="澄湖区城区公共停车场特许经营协议",
        kind="contract",
        on=D(2025, 11, 10),
        opinion="unlawful",
        reasons="协议约定三十年独家经营并排除其他经营者进入，违反公平竞争审查制度，不得签订。",
    )
    # 2026: sent back by the advisor, revised and passed (two versions).
    security = _submit(
        cast, unit="CH-JYJ", title="澄湖区中小学校园安保服务政府采购合同", kind="contract", on=D(2026, 2, 2)
    )
    _initial(cast, security, D(2026, 2, 3))
    _advise(
        cast,
        security,
        D(2026, 2, 6),
        "returned",
        "合同未约定安保服务质量考核标准和人员资质要求，请补充后重新送审。",
    )
    services.resubmit(
        actor=cast.clerks["CH-JYJ"],
        review=security,
        submitted_on=D(2026, 2, 24),
        text="澄湖区中小学校园安保服务政府采购合同（修改稿）\n第八条 服务质量按附件考核标准每季度考核。",
        note="已补充服务质量考核标准和安保人员资质要求。",
    )
    _initial(cast, security, D(2026, 2, 25))
    _advise(cast, security, D(2026, 2, 28), "lawful_after_revision", "建议明确考核不合格时的扣款比例。")
    _conclude(
        cast,
        security,
        D(2026, 3, 11),
        "lawful_after_revision",
        "合同已补充考核标准；建议明确考核不合格时的扣款比例后签订。",
    )
    cleaning = _reviewed(
        cast,
        unit="CH-SCJ",
        title="对澄湖某食品公司超范围使用食品添加剂案的重大执法决定",
        kind="major_enforcement_decision",
        on=D(2026, 5, 11),
    )
    subsidy = _reviewed(
        cast,
        unit="CH-LHZ",
        title="莲花镇2026年农村人居环境整治奖补办法",
        kind="policy_document",
        on=D(2026, 4, 13),
    )
    # Sent back by the Justice Bureau a few days ago: waiting for the revised version.
    consumption = _submit(
        cast,
        unit="CH-SCJ",
        title="澄湖区促进消费提质扩容十条措施",
        kind="policy_document",
        on=today - 30 * DAY,
    )
    _initial(cast, consumption, today - 29 * DAY)
    _advise(cast, consumption, today - 25 * DAY)
    services.give_opinion(
        actor=cast.justice,
        review=consumption,
        outcome="returned",
        reasons="第六条“对在本区注册纳税的商贸企业给予奖励”限定经营者所在地，违反公平竞争审查标准，请修改。",
        given_on=today - 5 * DAY,
    )
    # Sent back, revised, and version 2 waiting at the drafting unit's level, due in a day or two.
    resubmitted_on = _level_started("initial", today, due_in=2)
    platform = _submit(
        cast,
        unit="CH-ZFB",
        title="澄湖区智慧城管平台运维服务合同",
        kind="contract",
        on=resubmitted_on - 12 * DAY,
    )
    _initial(cast, platform, resubmitted_on - 11 * DAY)
    _advise(
        cast,
        platform,
        resubmitted_on - 8 * DAY,
        "returned",
        "运维服务期限与预算年度不一致，数据安全责任未约定。",
    )
    services.resubmit(
        actor=cast.justice,
        review=platform,
        submitted_on=resubmitted_on,
        text="澄湖区智慧城管平台运维服务合同（修改稿）",
        note="服务期限调整为一年，增加数据安全条款。",
    )
    # At each level, near or past its time limit today.
    _submit(
        cast,
        unit="CH-SCJ",
        title="对澄湖某药店销售假药案的重大执法决定",
        kind="major_enforcement_decision",
        on=_level_started("initial", today, due_in=1),
    )
    final_from = _level_started("final", today, due_in=2)
    gas = _submit(
        cast,
        unit="CH-ZFB",
        title="澄湖区2026年冬春季燃气安全专项整治方案",
        kind="policy_document",
        on=final_from - 5 * DAY,
    )
    _initial(cast, gas, final_from - 4 * DAY)
    _advise(cast, gas, final_from)

    # Matters issued or signed, with the review each went through; one contract signed without review.
    for unit, kind, title, issued_on, review in [
        ("CH-ZFB", "policy_document", jobs.title, D(2025, 4, 30), jobs),
        ("CH-JYJ", "contract", school.title, D(2025, 6, 30), school),
        ("CH-ZRZY", "major_enforcement_decision", mining.title, D(2025, 9, 26), mining),
        ("CH-JYJ", "contract", security.title, D(2026, 3, 16), security),
        ("CH-SCJ", "major_enforcement_decision", cleaning.title, D(2026, 5, 29), cleaning),
        ("CH-LHZ", "policy_document", subsidy.title, D(2026, 5, 6), subsidy),
        ("CH-SCJ", "contract", "澄湖区农贸市场保洁服务合同", D(2026, 4, 8), None),
    ]:
        organization = _unit(unit)
        services.register_matter(
            actor=cast.for_unit(organization),
            organization=organization,
            subject_kind=kind,
            title=title,
            issued_on=issued_on,
            legality_review=review,
        )
    return 11 + 7


# Normative documents ---------------------------------------------------------------------------------------------


def _register(cast: Cast, *, unit: str, prefix: str, title: str, on: dt.date, enterprise: bool = False):
    organization = _unit(unit)
    return services.register_document(
        actor=cast.for_unit(organization),
        title=title,
        organization=organization,
        number_prefix=prefix,
        registered_on=on,
        enterprise_related=enterprise,
        market_related=enterprise,
    )


def _before_issue(
    cast: Cast, document: NormativeDocument, *, concluded_on: dt.date, signed_on: dt.date
) -> None:
    """征求意见, 公平竞争审查 (for a measure that involves market activity; the market regulator joins for the
    district government's own measures, 条例第十四条) and 集体审议 after the legality review."""
    clerk = cast.for_unit(document.organization)
    services.record_consultation(
        actor=clerk,
        document=document,
        started_on=document.registered_on,
        ended_on=document.registered_on + 10 * DAY,
        consulted="通过澄湖区人民政府网站向社会公开征求意见，并书面征求相关单位意见",
        summary="收到意见5条，采纳3条，未采纳的已说明理由。",
    )
    if document.market_related:
        government = document.organization.kind == "district_government"
        services.record_fair_competition_review(
            actor=clerk,
            document=document,
            reviewer_name=f"{document.organization}法制机构",
            reviewed_on=document.registered_on + 11 * DAY,
            conclusion="compliant",
            explanation="对照公平竞争审查条例第八条至第十一条逐项审查，未发现排除、限制竞争的内容。",
            regulator_name="澄湖区市场监督管理局" if government else "",
            regulator_opinion="经会同审查，未发现排除、限制竞争的内容，同意出台。" if government else "",
            regulator_opinion_on=document.registered_on + 13 * DAY if government else None,
        )
    services.record_deliberation(
        actor=clerk,
        document=document,
        held_on=max(concluded_on, signed_on - 2 * DAY),
        body=f"{document.organization}常务会议"
        if government_like(document)
        else f"{document.organization}办公会议",
        summary="审议通过，同意印发。",
    )


def government_like(document: NormativeDocument) -> bool:
    return document.organization.kind == "district_government"


def _issued(
    cast: Cast,
    *,
    unit: str,
    prefix: str,
    title: str,
    published_on: dt.date,
    enterprise: bool = False,
) -> NormativeDocument:
    """Registered six weeks before publication, reviewed through the three levels, numbered and issued."""
    registered_on = published_on - 42 * DAY
    document = _register(cast, unit=unit, prefix=prefix, title=title, on=registered_on, enterprise=enterprise)
    clerk = cast.for_unit(document.organization)
    review = services.submit_document_for_review(
        actor=clerk,
        document=document,
        submitted_on=registered_on + 2 * DAY,
        text=f"{title}（送审稿）",
        advisor_user=cast.advisor,
        advisor_name=FIRM,
    )
    _initial(cast, review, registered_on + 3 * DAY)
    _advise(cast, review, registered_on + 7 * DAY)
    _conclude(cast, review, registered_on + 24 * DAY)
    _before_issue(cast, document, concluded_on=registered_on + 24 * DAY, signed_on=published_on - 3 * DAY)
    return services.issue_document(
        actor=clerk,
        document=document,
        signed_on=published_on - 3 * DAY,
        published_on=published_on,
        effective_on=published_on + 30 * DAY,
    )


def _file(
    cast: Cast,
    document: NormativeDocument,
    filed_on: dt.date,
    *,
    result: str = "passed",
    result_on: dt.date | None = None,
    correction: str = "",
    corrected_on: dt.date | None = None,
    body: str = "government",
    filed_with: str = FILED_WITH,
    **missing,
):
    """A filing with its materials uploaded as files; `has_x=False` leaves that material out."""
    filing = services.file_document(
        actor=cast.for_unit(document.organization),
        document=document,
        filed_on=filed_on,
        filed_with=filed_with,
        body=body,
        materials={
            kind: ContentFile(f"{document}：{label}".encode(), name=f"{label}.txt")
            for kind, label in ALL_MATERIALS.items()
            if missing.get(kind, True)
        },
    )
    if result != "pending":
        filing = services.record_filing_result(
            actor=cast.justice,
            filing=filing,
            result=result,
            result_on=result_on or filed_on + 21 * DAY,
            correction_required=correction,
        )
    if corrected_on is not None:
        services.record_correction(actor=cast.justice, filing=filing, corrected_on=corrected_on)
    return filing


def _documents(cast: Cast, today: dt.date) -> dict[str, NormativeDocument]:
    gov, edu, market = "澄政规发", "澄教规发", "澄市监规发"
    docs: dict[str, NormativeDocument] = {}

    def issue(key, unit, prefix, title, published_on, enterprise=False):
        docs[key] = _issued(
            cast, unit=unit, prefix=prefix, title=title, published_on=published_on, enterprise=enterprise
        )
        return docs[key]

    # 2025 (issued in order, so 澄政规发〔2025〕1号 to 4号).
    _file(
        cast, issue("housing", "CH", gov, "澄湖区城镇老旧小区改造资金管理办法", D(2025, 2, 14)), D(2025, 3, 5)
    )
    # The district government's own document is also filed with the district people's congress standing
    # committee (监督法第三十九条).
    _file(
        cast,
        docs["housing"],
        D(2025, 3, 7),
        body="congress",
        filed_with="澄湖区人民代表大会常务委员会",
        result_on=D(2025, 4, 2),
    )
    # Filed late: the period ended on 19 May (18 May was a Sunday).
    _file(
        cast,
        issue("private", "CH", gov, "澄湖区促进民营经济高质量发展若干措施", D(2025, 4, 18), enterprise=True),
        D(2025, 6, 3),
    )
    # Filed without the drafting explanation; the city ordered a correction, made within the 15 days.
    _file(
        cast,
        issue("homestead", "CH", gov, "澄湖区农村宅基地和村民自建房管理办法", D(2025, 7, 10)),
        D(2025, 7, 25),
        has_drafting_explanation=False,
        result="correction",
        result_on=D(2025, 8, 20),
        correction="第十二条对未批先建行为设定的罚款超出上位法规定的幅度，应予纠正。",
        corrected_on=D(2025, 8, 29),
    )
    _file(
        cast,
        issue("materials", "CH", gov, "澄湖区本地建材产品推广应用管理办法", D(2025, 9, 12), enterprise=True),
        D(2025, 9, 30),
    )
    _file(
        cast,
        issue("tutoring", "CH-JYJ", edu, "澄湖区校外培训机构监督管理办法", D(2025, 10, 20), enterprise=True),
        D(2025, 11, 5),
    )
    _file(
        cast,
        issue("market", "CH-SCJ", market, "澄湖区农贸市场经营秩序管理规定", D(2025, 11, 18), enterprise=True),
        D(2025, 12, 5),
    )
    # 2026.
    _file(
        cast,
        issue("trading", "CH", gov, "澄湖区公共资源交易管理暂行办法", D(2026, 3, 6), enterprise=True),
        D(2026, 3, 27),
    )
    # Filed in time but without the basis (制定依据): not compliant.
    _file(
        cast,
        issue("roads", "CH", gov, "澄湖区城市道路占用挖掘管理办法", D(2026, 5, 15)),
        D(2026, 6, 5),
        has_basis=False,
        result_on=D(2026, 7, 1),
    )
    # Corrected: the city found a coercive measure the district may not set.
    _file(
        cast,
        issue("dogs", "CH", gov, "澄湖区养犬管理规定", D(2026, 7, 10)),
        D(2026, 7, 31),
        result="correction",
        result_on=D(2026, 8, 25),
        correction="第九条对未办理养犬登记的设定扣押犬只的行政强制措施，超越设定权限，应予纠正。",
        corrected_on=D(2026, 9, 8),
    )
    # Filed six weeks after publication (late), the city's review still under way.
    _file(
        cast,
        issue(
            "ebikes", "CH-SCJ", market, "澄湖区电动自行车销售和维修经营规范", D(2026, 6, 10), enterprise=True
        ),
        D(2026, 7, 24),
        result="pending",
    )
    # Published lately and not yet filed: the 工作台 shows its filing deadline.
    issue("property", "CH", gov, "澄湖区物业服务收费管理办法", _weekday_on_or_before(today - 12 * DAY), True)

    # Registered, under review at the advisor's level past its time limit.
    advisor_from = _level_started("advisor", today, due_in=-2)
    waste = _register(
        cast, unit="CH", prefix=gov, title="澄湖区生活垃圾分类管理办法", on=advisor_from - 10 * DAY
    )
    review = services.submit_document_for_review(
        actor=cast.justice,
        document=waste,
        submitted_on=advisor_from - DAY,
        text="澄湖区生活垃圾分类管理办法（送审稿）",
        advisor_user=cast.advisor,
        advisor_name=FIRM,
    )
    _initial(cast, review, advisor_from)
    # Registered, found unlawful by the final review: it may not be issued.
    stalls = _register(
        cast, unit="CH-SCJ", prefix=market, title="澄湖区临时占道经营管理办法", on=D(2026, 8, 3)
    )
    review = services.submit_document_for_review(
        actor=cast.clerks["CH-SCJ"],
        document=stalls,
        submitted_on=D(2026, 8, 5),
        text="澄湖区临时占道经营管理办法（送审稿）\n第六条 临时占道经营的，按日缴纳占道经营费。",
        advisor_user=cast.advisor,
        advisor_name=FIRM,
    )
    _initial(cast, review, D(2026, 8, 6))
    _advise(cast, review, D(2026, 8, 11), "unlawful", "第六条设定占道经营费，无法律、法规依据。")
    _conclude(
        cast,
        review,
        D(2026, 8, 31),
        "unlawful",
        "第六条设定临时占道经营费，没有法律、法规依据，属于违法设定行政事业性收费，违反“七个不得”，不得印发。",
    )
    return docs


# Clean-up -----------------------------------------------------------------------------------------------------------


def _cleanup(cast: Cast, docs: dict[str, NormativeDocument]) -> int:
    campaign = services.create_campaign(
        actor=cast.justice,
        name="2026年妨碍统一市场和公平竞争的政策措施清理",
        scope="含有地方保护、指定交易、设置市场准入和退出壁垒、对不同所有制和不同地区经营者区别对待等"
        "妨碍统一市场和公平竞争内容的行政规范性文件和其他政策措施。",
        organization=_unit("CH"),
        started_on=D(2026, 4, 1),
        ended_on=D(2026, 10, 31),
    )

    def decide(item, outcome, reason, on):
        services.decide_item(
            actor=cast.for_unit(item.issuing_unit), item=item, outcome=outcome, reason=reason, decided_on=on
        )

    normative = [
        ("housing", "keep", "", D(2026, 6, 19)),
        (
            "private",
            "amend",
            "第五条对本区注册企业在政府采购中给予评审加分，属于区别对待外地经营者，应删除。",
            D(2026, 6, 19),
        ),
        (
            "materials",
            "repeal",
            "要求政府投资项目优先使用本地建材产品，属于指定交易、地方保护，予以废止。",
            D(2026, 6, 19),
        ),
        ("trading", "keep", "", D(2026, 6, 19)),
        ("tutoring", "keep", "", D(2026, 6, 24)),
        ("market", "keep", "", D(2026, 6, 26)),
    ]
    for key, outcome, reason, on in normative:
        document = docs[key]
        item = services.add_item(
            actor=cast.for_unit(document.organization), campaign=campaign, document=document
        )
        decide(item, outcome, reason, on)
    policies = [
        # unit, title, number, enterprise-related, outcome, reason, decided on
        (
            "CH-ZFB",
            "关于支持本地企业参与政府采购的通知",
            "澄政办发〔2023〕12号",
            True,
            "repeal",
            "限定政府采购项目优先选择本地企业，排斥外地经营者，予以废止。",
            D(2026, 6, 12),
        ),
        (
            "CH",
            "澄湖区招商引资优惠政策（2021年）",
            "澄政发〔2021〕8号",
            True,
            "declare_invalid",
            "政策执行期已于2023年届满，且部分条款与现行财税规定不符，宣布失效。",
            D(2026, 6, 12),
        ),
        (
            "CH-ZFB",
            "关于进一步规范工程建设项目招标投标活动的通知",
            "澄政办发〔2024〕5号",
            True,
            "keep",
            "",
            D(2026, 6, 15),
        ),
        (
            "CH-SCJ",
            "澄湖区商贸流通企业扶持奖励办法",
            "澄市监发〔2022〕3号",
            True,
            "amend",
            "奖励对象限定为在本区纳税的企业，应修改为按经营业绩平等适用。",
            D(2026, 6, 26),
        ),
        (
            "CH-LHZ",
            "莲花镇农村集体经济组织财务管理办法",
            "莲政发〔2024〕2号",
            False,
            "keep",
            "",
            D(2026, 6, 30),
        ),
        ("CH-JYJ", "关于做好校外培训机构收费管理的通知", "澄教发〔2024〕7号", True, "", "", None),
    ]
    for unit, title, number, enterprise, outcome, reason, on in policies:
        organization = _unit(unit)
        item = services.add_item(
            actor=cast.for_unit(organization),
            campaign=campaign,
            title=title,
            document_number=number,
            issuing_unit=organization,
            enterprise_related=enterprise,
        )
        if outcome:
            decide(item, outcome, reason, on)
    return 1 + len(normative) + len(policies)


@step
def review_demo(admin: User, stdout) -> int:
    if ReviewCatalog.objects.filter(organization__code="CH").exists():
        return 0
    users = {u.username: u for u in User.objects.filter(username__in=["sfj", "jyj", "scj", "lvshi"])}
    cast = Cast(
        justice=users["sfj"],
        advisor=users["lvshi"],
        clerks={"CH-JYJ": users["jyj"], "CH-SCJ": users["scj"]},
    )
    today = clock.today()
    created = 0
    for unit, title, adopted_on, entries in CATALOGS:
        organization = _unit(unit)
        services.adopt_catalog(
            actor=cast.for_unit(organization),
            organization=organization,
            title=title,
            adopted_on=adopted_on,
            entries=entries,
        )
        created += 1 + len(entries)
    created += _reviews(cast, today)
    docs = _documents(cast, today)
    created += len(docs) + 2
    created += _cleanup(cast, docs)
    return created
