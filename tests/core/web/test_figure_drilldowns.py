"""Every figure's drill-down (/reports/figures/<code>/?year=…) opens for every role: the registry is walked, each
page answers 200 (or a Chinese refusal, never a 500), and a figure of two kinds of record lists both."""

from __future__ import annotations

import datetime as dt

import pytest

from fazhi.indicators.registry import REGISTRY
from fazhi.review import services as review_services

pytestmark = pytest.mark.django_db

ROLES = ["admin", "justice", "jyj_clerk", "scj_clerk", "advisor", "reconsideration", "supervisor", "leader"]


@pytest.fixture
def listed_matters(users, district):
    """教育局's catalog lists contracts; one contract signed in 2024 without review."""
    review_services.adopt_catalog(
        actor=users.jyj_clerk,
        organization=district.jyj,
        title="教育局目录清单",
        adopted_on=dt.date(2024, 3, 1),
        entries=[("contract", "合同")],
    )
    review_services.register_matter(
        actor=users.jyj_clerk,
        organization=district.jyj,
        subject_kind="contract",
        title="校车租赁合同",
        issued_on=dt.date(2024, 8, 1),
    )


def test_the_registry_has_figures_to_walk():
    assert len(REGISTRY) > 40
    assert "review.catalog.execution_rate" in REGISTRY


@pytest.mark.parametrize("role", ROLES)
def test_every_figures_drill_down_opens_for_the_role(client, users, listed_matters, role):
    client.force_login(getattr(users, role))
    failures = []
    for code in sorted(REGISTRY):
        response = client.get(f"/reports/figures/{code}/?year=2024")
        text = response.content.decode()
        if response.status_code >= 500 or (response.status_code != 200 and not _chinese(text)):
            failures.append(f"{code}: {response.status_code}")
    assert failures == []


def test_the_catalog_execution_rate_drill_down_lists_the_contract_for_its_unit(client, users, listed_matters):
    client.force_login(users.jyj_clerk)
    response = client.get("/reports/figures/review.catalog.execution_rate/?year=2024")
    assert response.status_code == 200
    text = response.content.decode()
    assert "合法性审查目录清单执行率" in text
    assert "校车租赁合同" in text
    # and the unit's records are the only ones a unit clerk sees: 市场监管局's clerk sees none of 教育局's
    client.force_login(users.scj_clerk)
    other = client.get("/reports/figures/review.catalog.execution_rate/?year=2024")
    assert other.status_code in (200, 404)
    assert "校车租赁合同" not in other.content.decode()


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)
