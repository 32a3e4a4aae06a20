"""三项制度 self-assessments: one per body, year and system, with findings; the figure counts the bodies that
assessed all three systems in the year."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.enforcement import selectors, services
from fazhi.indicators.registry import Period, evaluate

D = dt.date
CODE = "enforcement.three_systems.bodies_completed"


def assess(actor, body, system, year=2025):
    return services.record_self_assessment(
        actor=actor,
        body=body,
        year=year,
        system=system,
        assessed_on=D(year, 11, 5),
        findings="公示不及时2件，已整改",
    )


@pytest.fixture
def town_body(users, district):
    return services.register_body(
        actor=users.justice,
        organization=district.town,
        name="测试区莲花镇人民政府",
        legal_basis="行政处罚法第二十四条",
    )


def test_bodies_completing_all_three_systems_in_the_year_are_counted(
    users, district, body, town_body, team_clerk
):
    for system in ("publicity", "recording", "legal_review"):
        assess(team_clerk, body, system)
    assess(users.justice, town_body, "publicity")
    assess(users.justice, town_body, "recording")
    assess(users.justice, town_body, "legal_review", year=2024)
    figure = evaluate(CODE, Period.year(2025)).figure
    assert figure.value == 1
    assert list(figure.records) == [body]
    assert evaluate(CODE, Period.year(2024)).figure.value == 0
    assert evaluate(CODE, Period.year(2025), district.town).figure.value == 0
    rows = selectors.completion_by_body(users.justice, 2025)
    assert [(r["body"].name, r["complete"]) for r in rows] == [
        ("测试区莲花镇人民政府", False),
        ("测试区市场监管执法大队", True),
    ]


def test_one_assessment_per_body_year_and_system_with_findings(users, body):
    assess(users.justice, body, "publicity")
    with pytest.raises(ValidationError, match="本年度已提交此项制度的自查评估"):
        assess(users.justice, body, "publicity")
    with pytest.raises(ValidationError, match="须写明发现的问题"):
        services.record_self_assessment(
            actor=users.justice,
            body=body,
            year=2025,
            system="recording",
            assessed_on=D(2025, 11, 5),
            findings=" ",
        )


def test_a_unit_assesses_only_its_own_bodies(users, body):
    with pytest.raises(PermissionDenied):
        assess(users.jyj_clerk, body, "publicity")
