"""公安机关: a 政法单位 for the figures of people outside them, an administrative organ for what a government
department does (a reconsideration respondent, a clue's handling unit) — unlike the court and the procuratorate."""

from __future__ import annotations

import pytest

from fazhi.core.models import OrganizationKind
from fazhi.disputes.rules.cases import may_be_respondent
from fazhi.enforcement.rules.clues import may_handle_clues
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_police_is_political_legal_and_an_administrative_organ_the_court_only_political_legal(district):
    police = factories.org(
        "T-GA", parent=district.root, kind=OrganizationKind.PUBLIC_SECURITY, name="测试区公安分局"
    )

    assert police.is_political_legal and district.court.is_political_legal
    assert may_be_respondent(police) and may_handle_clues(police)
    assert not may_be_respondent(district.court) and not may_handle_clues(district.court)
    # the top government is not a respondent of its own reconsideration; a lower-level government is
    lower = factories.org(
        "T-X", parent=district.root, kind=OrganizationKind.DISTRICT_GOVERNMENT, name="下级政府"
    )
    assert not may_be_respondent(district.root) and may_be_respondent(lower)


def test_people_of_the_police_count_as_inside_political_legal_units(district):
    from fazhi.indicators.registry import Period, evaluate

    police = factories.org(
        "T-GA", parent=district.root, kind=OrganizationKind.PUBLIC_SECURITY, name="测试区公安分局"
    )
    for unit in (police, district.court, district.scj):
        factories.person(organization=unit, has_legal_qualification=True, legal_qualification_year=2020)

    figure = evaluate("core.people.legal_qualified_outside_political_legal", Period.year(2024)).figure
    assert figure.value == 1
