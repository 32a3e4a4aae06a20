"""Demo records of the decisions workstream: three years of published catalogs, decisions at every stage
(one whose comment period ends in a few days, so the 工作台 shows it), legal advisors, attendances and reviews."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from fazhi.core import clock
from fazhi.core.models import Organization, User
from fazhi.decisions import services
from fazhi.decisions.models import DecisionCatalog, LegalAdvisor
from fazhi.demo.registry import step
from fazhi.review import services as review_services

ITEMS = {
    2024: [
        ("澄湖区城区供水管网改造方案", "CH-ZRZY", "2024年第三季度", dt.date(2024, 9, 30)),
        ("澄湖区学前教育普惠发展实施方案", "CH-JYJ", "2024年第四季度", dt.date(2024, 12, 31)),
    ],
    2025: [
        ("澄湖区集贸市场布局规划", "CH-SCJ", "2025年第二季度", dt.date(2025, 6, 30)),
        ("澄湖区中小学校服采购管理办法", "CH-JYJ", "2025年第四季度", dt.date(2025, 12, 31)),
    ],
    2026: [
        ("澄湖区中小学校布局调整方案", "CH-JYJ", "2026年第四季度", dt.date(2026, 12, 31)),
        ("澄湖区农贸市场升级改造实施方案", "CH-SCJ", "2026年第四季度", dt.date(2026, 12, 31)),
        ("澄湖区国土空间总体规划实施细则", "CH-ZRZY", "2026年第三季度", dt.date(2026, 9, 30)),
    ],
}


def _catalog(admin: User, year: int, root: Organization) -> DecisionCatalog:
    catalog = DecisionCatalog.objects.filter(year=year, organization=root).first()
    if catalog:
        return catalog
    catalog = services.create_catalog(actor=admin, year=year, organization=root)
    for title, unit, planned_time, planned_by in ITEMS[year]:
        services.add_catalog_item(
            actor=admin,
            catalog=catalog,
            title=title,
            lead_unit=Organization.objects.get(code=unit),
            planned_time=planned_time,
            planned_by=planned_by,
        )
    services.approve_catalog(
        actor=admin, catalog=catalog, approved_on=dt.date(year, 2, 26), meeting=f"区政府{year}年第3次常务会议"
    )
    services.publish_catalog(
        actor=admin, catalog=catalog, published_on=dt.date(year, 3, 5), channel="澄湖区人民政府门户网站"
    )
    return catalog


def _through_review(admin, decision, start: dt.date, *, conclude: bool = True):
    """Public participation, expert argumentation, risk assessment and the legality review, from `start`."""
    services.advance(actor=admin, decision=decision, transition="start")
    services.record_procedure(
        actor=admin,
        decision=decision,
        procedure="public_participation",
        methods="区政府网站公开征求意见",
        started_on=start,
        period_days=30,
        completed_on=start + dt.timedelta(days=40),
    )
    comment = services.add_public_comment(
        actor=admin,
        decision=decision,
        received_on=start + dt.timedelta(days=5),
        commenter="市民",
        content="建议充分听取周边居民意见。",
    )
    services.answer_comment(
        actor=admin,
        comment=comment,
        response="采纳：已增加社区座谈会。",
        adopted=True,
        answered_on=start + dt.timedelta(days=41),
    )
    services.advance(actor=admin, decision=decision, transition="finish_public_participation")
    services.add_expert_opinion(
        actor=admin,
        decision=decision,
        expert_name="林启明",
        expert_title="区发展研究中心 研究员",
        opinion="方案总体可行，建议分步实施。",
        adopted=True,
    )
    services.record_procedure(
        actor=admin,
        decision=decision,
        procedure="expert_argumentation",
        form="专家论证会",
        started_on=start + dt.timedelta(days=45),
        completed_on=start + dt.timedelta(days=45),
    )
    services.advance(actor=admin, decision=decision, transition="finish_expert_argumentation")
    services.record_procedure(
        actor=admin,
        decision=decision,
        procedure="risk_assessment",
        assessor="澄湖区社会稳定风险评估中心",
        level="low",
        measures="做好政策解读和群众沟通。",
        started_on=start + dt.timedelta(days=46),
        completed_on=start + dt.timedelta(days=55),
    )
    services.advance(actor=admin, decision=decision, transition="finish_risk_assessment")
    review = services.request_legality_review(
        actor=admin, decision=decision, submitted_on=start + dt.timedelta(days=56)
    )
    if conclude:
        day = start + dt.timedelta(days=57)
        review_services.give_opinion(actor=admin, review=review, outcome="lawful", given_on=day)
        review_services.give_opinion(actor=admin, review=review, outcome="lawful", given_on=day)
        review_services.conclude_review(
            actor=admin,
            review=review,
            opinion="lawful",
            reasons="",
            concluded_on=start + dt.timedelta(days=70),
        )
        decision.refresh_from_db()
        services.advance(actor=admin, decision=decision, transition="submit_for_discussion")
    return decision


def _decide_and_publish(admin, decision, meeting_on: dt.date, meeting: str):
    services.record_procedure(
        actor=admin,
        decision=decision,
        procedure="collective_discussion",
        meeting_kind="executive",
        meeting_name=meeting,
        attendance_count=12,
        result="approved",
        started_on=meeting_on,
        completed_on=meeting_on,
    )
    services.advance(actor=admin, decision=decision, transition="decide")
    services.record_procedure(
        actor=admin,
        decision=decision,
        procedure="publication",
        channel="澄湖区人民政府门户网站",
        started_on=meeting_on + dt.timedelta(days=7),
        completed_on=meeting_on + dt.timedelta(days=7),
    )
    services.advance(actor=admin, decision=decision, transition="finish_publication")
    for procedure, title in (
        ("collective_discussion", "常务会议纪要"),
        ("legality_review", "合法性审查意见书"),
    ):
        services.attach_document(
            actor=admin,
            decision=decision,
            procedure=procedure,
            title=title,
            file=ContentFile(f"{decision.title}\n{title}（演示文件）".encode(), name=f"{title}.txt"),
        )


@step
def decisions_demo(admin: User, stdout) -> int:
    if DecisionCatalog.objects.filter(organization__code="CH").exists():
        return 0
    root = Organization.objects.get(code="CH")
    created = 0
    catalogs = {year: _catalog(admin, year, root) for year in ITEMS}
    created += sum(c.items.count() + 1 for c in catalogs.values())
    items = {i.title: i for c in catalogs.values() for i in c.items.all()}

    def register(title: str, registered_on: dt.date):
        item = items[title]
        return services.register_decision(
            actor=admin,
            title=title,
            organization=item.lead_unit,
            decision_body=root,
            registered_on=registered_on,
            catalog_item=item,
        )

    # 2024 and 2025: decided, published; the oldest archived.
    for year, titles in ((2024, ITEMS[2024]), (2025, ITEMS[2025])):
        for n, (title, *_rest) in enumerate(titles):
            d = _through_review(admin, register(title, dt.date(year, 3, 10)), dt.date(year, 3, 15 + n))
            _decide_and_publish(admin, d, dt.date(year, 6, 12 + n), f"区政府{year}年第{14 + n}次常务会议")
            created += 1
            if year == 2024:
                services.advance(
                    actor=admin, decision=d, transition="archive", archived_on=dt.date(2024, 12, 20)
                )
    # 2026: one in force, one at the legality review, one in public participation ending in three days.
    today = clock.today()
    d = _through_review(
        admin, register("澄湖区国土空间总体规划实施细则", dt.date(2026, 3, 9)), dt.date(2026, 3, 16)
    )
    _decide_and_publish(admin, d, dt.date(2026, 6, 18), "区政府2026年第15次常务会议")
    _through_review(
        admin,
        register("澄湖区中小学校布局调整方案", dt.date(2026, 4, 1)),
        dt.date(2026, 7, 1),
        conclude=False,
    )
    d = register("澄湖区农贸市场升级改造实施方案", dt.date(2026, 9, 1))
    services.advance(actor=admin, decision=d, transition="start")
    services.record_procedure(
        actor=admin,
        decision=d,
        procedure="public_participation",
        methods="区政府网站公开征求意见",
        started_on=today - dt.timedelta(days=27),
        period_days=30,
    )
    services.add_public_comment(
        actor=admin,
        decision=d,
        received_on=today - dt.timedelta(days=20),
        commenter="商户代表",
        content="改造期间请安排临时经营场所。",
    )
    services.register_decision(
        actor=admin,
        title="澄湖区老旧小区加装电梯补助办法",
        organization=Organization.objects.get(code="CH-ZFB"),
        decision_body=root,
        registered_on=dt.date(2026, 10, 15),
        outside_catalog_reason="市政府年中部署的民生实事，须于年内出台。",
    )
    created += 4

    firm = LegalAdvisor.objects.filter(name="澄湖明理律师事务所").first() or services.create_advisor(
        actor=admin,
        name="澄湖明理律师事务所",
        kind="law_firm",
        user=User.objects.filter(username="lvshi").first(),
        organization=Organization.objects.get(code="CH-SFJ"),
        contract_start=dt.date(2024, 1, 1),
        contract_end=dt.date(2026, 12, 31),
        units_served=list(Organization.objects.filter(code__in=["CH", "CH-SFJ", "CH-JYJ", "CH-SCJ"])),
    )
    for year in (2025, 2026):
        for n in range(1, 7 if year == 2025 else 9):
            services.record_attendance(
                actor=admin,
                advisor=firm,
                organization=root,
                meeting_kind="executive",
                meeting_name=f"区政府{year}年第{n}次常务会议",
                held_on=dt.date(year, n, 10),
            )
        for n, (subject, kind, unit) in enumerate(
            [
                ("政府采购合同（校园安保服务）", "contract", "CH-JYJ"),
                ("农贸市场租赁合同", "contract", "CH-SCJ"),
                ("关于规范行政执法裁量权的通知（送审稿）", "policy_document", "CH-SFJ"),
            ],
            start=1,
        ):
            received = dt.date(year, 2 * n, 3)
            r = services.record_advisor_review(
                actor=admin,
                advisor=firm,
                organization=Organization.objects.get(code=unit),
                subject=f"{year}年{subject}",
                subject_kind=kind,
                received_on=received,
            )
            services.complete_advisor_review(
                actor=admin,
                review=r,
                opinion="建议完善违约责任条款。",
                completed_on=received + dt.timedelta(days=5),
                adopted=True,
            )
    created += 1 + 14 + 6
    return created
