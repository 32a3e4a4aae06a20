"""Figures of case-file evaluation: files evaluated, problems, grades, veto failures and pass rate, by domain, by unit
(scope) and the reviewers taking part — computed from records of the campaigns of the year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.enforcement import services
from fazhi.enforcement import services as evaluation
from fazhi.indicators.registry import Period, evaluate
from tests import factories

from ..conftest import issue

D = dt.date
Y2025 = Period.year(2025)


@pytest.fixture
def scored(users, district, body, certificate, officer):
    town_body = services.register_body(
        actor=users.justice,
        organization=district.town,
        name="测试区莲花镇人民政府",
        legal_basis="行政处罚法第二十四条",
    )
    town_officer = factories.person(district.town, name="镇执法")
    issue(users.justice, town_officer, town_body, "64039001")
    campaign = evaluation.create_campaign(
        actor=users.justice,
        organization=district.sfj,
        year=2025,
        name="2025年度评查",
        domains=["food_drug", "natural_resources"],
        default_standard=True,
    )
    earlier = evaluation.create_campaign(
        actor=users.justice, organization=district.sfj, year=2024, name="2024年度评查", domains=["food_drug"]
    )
    prosecutor = factories.person(district.court, name="检察官甲")
    for c in (campaign, earlier):
        evaluation.add_reviewer(
            actor=users.justice, campaign=c, person=prosecutor, affiliation="procuratorate"
        )
    evaluation.add_reviewer(
        actor=users.justice, campaign=campaign, person=factories.person(district.sfj), affiliation="justice"
    )
    items = {i.title: i for i in campaign.items.all()}
    full = {i.pk: i.max_points for i in items.values() if i.kind == "scored"}

    def draw(b, who, number, domain):
        return evaluation.draw_case_file(
            actor=users.justice,
            campaign=campaign,
            body=b,
            domain=domain,
            act_kind="penalty",
            case_number=number,
            title="案",
            decided_on=D(2025, 5, 1),
            officers=[who],
        )

    excellent = draw(body, officer, "A-1", "food_drug")
    vetoed = draw(body, officer, "A-2", "food_drug")
    town = draw(town_body, town_officer, "B-1", "natural_resources")
    draw(body, officer, "A-3", "food_drug")  # drawn, not scored: not counted
    evaluation.score_case_file(
        actor=users.justice, case_file=excellent, points=full, scored_on=D(2025, 10, 9)
    )
    evaluation.score_case_file(
        actor=users.justice,
        case_file=vetoed,
        points=full,
        vetoes=[items["主要证据不足"]],
        scored_on=D(2025, 10, 9),
    )
    evaluation.score_case_file(
        actor=users.justice,
        case_file=town,
        points={**full, items["事实清楚、证据确实充分"].pk: 5},
        scored_on=D(2025, 10, 9),
    )
    for f, category in ((vetoed, "evidence"), (vetoed, "documents"), (town, "facts")):
        evaluation.record_problem(actor=users.justice, case_file=f, category=category, description="问题")
    return town_body


def value(code, scope=None, period=Y2025):
    return evaluate(code, period, scope).figure.value


def test_files_grades_and_problems_of_the_year(scored, district):
    assert value("enforcement.evaluation.files_evaluated") == 3
    assert value("enforcement.evaluation.files_evaluated", period=Period.year(2024)) == 0
    assert [
        value(f"enforcement.evaluation.grade.{g}") for g in ("excellent", "qualified", "unqualified")
    ] == [1, 1, 1]
    assert value("enforcement.evaluation.vetoed") == 1
    assert value("enforcement.evaluation.pass_rate") == Decimal("66.7")
    assert value("enforcement.evaluation.problems") == 3
    assert value("enforcement.evaluation.files.food_drug") == 2
    assert value("enforcement.evaluation.files.natural_resources") == 1


def test_a_scope_by_unit_counts_that_units_files_and_problems(scored, district):
    assert value("enforcement.evaluation.files_evaluated", district.team) == 2
    assert value("enforcement.evaluation.problems", district.team) == 2
    assert value("enforcement.evaluation.problems", district.town) == 1
    assert value("enforcement.evaluation.grade.qualified", district.town) == 1


def test_reviewers_are_counted_once_across_campaigns(scored):
    assert value("enforcement.evaluation.reviewers") == 2
    assert value("enforcement.evaluation.reviewers", period=Period.year(2024)) == 1
    records = evaluate("enforcement.evaluation.reviewers", Y2025).figure.records
    assert "检察官甲" in {p.name for p in records}
