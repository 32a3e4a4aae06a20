"""Decisions test data: a published catalog with items, and a helper that walks a decision to any state."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.decisions import services
from fazhi.decisions.models import Decision, LegalAdvisor
from fazhi.review import services as review_services
from tests import factories


@pytest.fixture
def draft(users, district):
    """The 2024 catalog of the test district being compiled, with one item (中小学布局调整, lead: 教育局)."""
    catalog = services.create_catalog(actor=users.justice, year=2024, organization=district.root)
    services.add_catalog_item(
        actor=users.justice,
        catalog=catalog,
        title="中小学布局调整",
        lead_unit=district.jyj,
        planned_time="2024年第三季度",
        planned_by=dt.date(2024, 9, 30),
    )
    return catalog


@pytest.fixture
def catalog(users, district, draft):
    """The draft with a second item (农贸市场改造, lead: 市场监管局), approved and published."""
    catalog = draft
    services.add_catalog_item(
        actor=users.justice,
        catalog=catalog,
        title="农贸市场改造",
        lead_unit=district.scj,
        planned_time="2024年第四季度",
        planned_by=dt.date(2024, 12, 31),
    )
    services.approve_catalog(
        actor=users.justice, catalog=catalog, approved_on=dt.date(2024, 2, 20), meeting="区政府第3次常务会议"
    )
    services.publish_catalog(
        actor=users.justice, catalog=catalog, published_on=dt.date(2024, 3, 1), channel="区政府门户网站"
    )
    return catalog


def pass_lower_levels(review, on=None):
    """The drafting unit's initial review and the advisor's review, both passing, on the day it was sent."""
    actor = factories.system_actor()
    day = on or review.submitted_on
    review_services.give_opinion(actor=actor, review=review, outcome="lawful", given_on=day)
    review_services.give_opinion(actor=actor, review=review, outcome="lawful", given_on=day)
    review.refresh_from_db()


STEPS = [
    Decision.Status.PUBLIC_PARTICIPATION,
    Decision.Status.EXPERT_ARGUMENTATION,
    Decision.Status.RISK_ASSESSMENT,
    Decision.Status.LEGALITY_REVIEW,
    Decision.Status.COLLECTIVE_DISCUSSION,
    Decision.Status.PUBLICATION,
    Decision.Status.IMPLEMENTATION,
]


def walk(decision: Decision, target: str, *, clerk, justice) -> Decision:
    """Move `decision` (registered) to `target`, completing each procedure lawfully on 2024 dates on the way."""
    S = Decision.Status
    if decision.status == target:
        return decision
    services.advance(actor=clerk, decision=decision, transition="start")
    if target == S.PUBLIC_PARTICIPATION:
        return decision
    services.record_procedure(
        actor=clerk,
        decision=decision,
        procedure="public_participation",
        methods="网上征求意见",
        started_on=dt.date(2024, 4, 1),
        period_days=30,
        completed_on=dt.date(2024, 5, 6),
    )
    comment = services.add_public_comment(
        actor=clerk, decision=decision, received_on=dt.date(2024, 4, 10), content="建议保留村小"
    )
    services.answer_comment(
        actor=clerk,
        comment=comment,
        response="部分采纳：保留两所教学点",
        adopted=True,
        answered_on=dt.date(2024, 5, 8),
    )
    services.advance(actor=clerk, decision=decision, transition="finish_public_participation")
    if target == S.EXPERT_ARGUMENTATION:
        return decision
    services.add_expert_opinion(actor=clerk, decision=decision, expert_name="李教授", opinion="方案可行")
    services.record_procedure(
        actor=clerk,
        decision=decision,
        procedure="expert_argumentation",
        form="论证会",
        started_on=dt.date(2024, 5, 10),
        completed_on=dt.date(2024, 5, 10),
    )
    services.advance(actor=clerk, decision=decision, transition="finish_expert_argumentation")
    if target == S.RISK_ASSESSMENT:
        return decision
    services.record_procedure(
        actor=clerk,
        decision=decision,
        procedure="risk_assessment",
        assessor="区委政法委",
        level="low",
        measures="做好家长解释工作",
        started_on=dt.date(2024, 5, 12),
        completed_on=dt.date(2024, 5, 20),
    )
    services.advance(actor=clerk, decision=decision, transition="finish_risk_assessment")
    if target == S.LEGALITY_REVIEW:
        return decision
    review = services.request_legality_review(
        actor=clerk, decision=decision, submitted_on=dt.date(2024, 5, 21)
    )
    pass_lower_levels(review)
    review_services.conclude_review(
        actor=justice, review=review, opinion="lawful", reasons="", concluded_on=dt.date(2024, 6, 3)
    )
    decision.refresh_from_db()
    services.advance(actor=clerk, decision=decision, transition="submit_for_discussion")
    if target == S.COLLECTIVE_DISCUSSION:
        return decision
    services.record_procedure(
        actor=clerk,
        decision=decision,
        procedure="collective_discussion",
        meeting_kind="executive",
        meeting_name="区政府第12次常务会议",
        attendance_count=11,
        result="approved",
        started_on=dt.date(2024, 6, 12),
        completed_on=dt.date(2024, 6, 12),
    )
    services.advance(actor=clerk, decision=decision, transition="decide")
    if target == S.PUBLICATION:
        return decision
    services.record_procedure(
        actor=clerk,
        decision=decision,
        procedure="publication",
        channel="区政府门户网站",
        started_on=dt.date(2024, 6, 20),
        completed_on=dt.date(2024, 6, 20),
    )
    services.advance(actor=clerk, decision=decision, transition="finish_publication")
    return decision


@pytest.fixture
def decision(users, district, catalog):
    """A registered decision of the education bureau, from the catalog's first item."""
    item = catalog.items.get(title="中小学布局调整")
    return services.register_decision(
        actor=users.jyj_clerk,
        title=item.title,
        organization=district.jyj,
        decision_body=district.root,
        registered_on=dt.date(2024, 3, 10),
        catalog_item=item,
    )


@pytest.fixture
def market_decision(users, district, catalog):
    """The market bureau's decision, from the catalog's second item."""
    return services.register_decision(
        actor=users.scj_clerk,
        title="农贸市场改造",
        organization=district.scj,
        decision_body=district.root,
        registered_on=dt.date(2024, 3, 12),
        catalog_item=catalog.items.get(title="农贸市场改造"),
    )


def register_outside_catalog(
    *, title="课后服务收费标准调整", registered_on=dt.date(2024, 7, 1), **who
) -> Decision:
    """A decision registered outside the catalog, with its reason (`who`: actor, organization, decision_body)."""
    fields = {"title": title, "registered_on": registered_on, "outside_catalog_reason": "年中新增"}
    return services.register_decision(**who, **fields)


FIRM = "宁夏明理律师事务所"


def retain_firm(users, district, *units_served) -> LegalAdvisor:
    """The district government's law firm, retained for 2024 to serve `units_served`; its login is users.advisor."""
    return services.create_advisor(
        actor=users.justice,
        name=FIRM,
        kind=LegalAdvisor.Kind.LAW_FIRM,
        organization=district.root,
        user=users.advisor,
        contract_start=dt.date(2024, 1, 1),
        contract_end=dt.date(2024, 12, 31),
        units_served=list(units_served),
    )


@pytest.fixture
def advisor(users, district):
    """The law firm serving the district government, the education bureau and the market regulator."""
    return retain_firm(users, district, district.root, district.jyj, district.scj)
