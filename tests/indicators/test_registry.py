"""The indicator registry: figures from records, with provenance, year-on-year change and the CLI/API."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from fazhi.indicators import registry
from fazhi.indicators.registry import Figure, Period, evaluate
from tests import factories


@pytest.fixture
def qualified(district):
    # 2023: two holders (one in the court); 2024: one more outside the political-legal units; one without; one inactive
    factories.person(district.sfj, name="甲", has_legal_qualification=True, legal_qualification_year=2015)
    factories.person(district.court, name="乙", has_legal_qualification=True, legal_qualification_year=2010)
    factories.person(district.team, name="丙", has_legal_qualification=True, legal_qualification_year=2024)
    factories.person(district.jyj, name="丁")
    factories.person(
        district.jyj, name="戊", has_legal_qualification=True, legal_qualification_year=2012, is_active=False
    )
    return district


def test_legal_qualification_counts_by_year_with_records_behind_them(qualified):
    result = evaluate("core.people.legal_qualified", Period.year(2024))
    assert result.figure.value == 3
    assert {p.name for p in result.figure.records} == {"甲", "乙", "丙"}
    assert result.previous.value == 2
    assert result.change == Decimal("50.0")


def test_outside_political_legal_units_and_its_share(qualified):
    assert (
        evaluate("core.people.legal_qualified_outside_political_legal", Period.year(2024)).figure.value == 2
    )
    share = evaluate("core.people.legal_qualified_outside_share", Period.year(2024))
    assert (share.figure.numerator, share.figure.denominator, share.figure.value) == (2, 3, Decimal("66.7"))
    assert {p.name for p in share.figure.numerator_records} == {"甲", "丙"}
    # a rate's change is in percentage points: 2023 was 1/2 = 50.0%
    assert share.previous.value == Decimal("50.0") and share.change == Decimal("16.7")


def test_scope_restricts_to_a_unit_and_those_below(qualified):
    assert evaluate("core.people.legal_qualified", Period.year(2024), qualified.scj).figure.value == 1
    assert evaluate("core.people.legal_qualified", Period.year(2024), qualified.jyj).figure.value == 0


def test_rate_of_nothing_is_none_not_zero(db):
    from fazhi.core.models import Person

    figure = Figure.rate(Person.objects.none(), Person.objects.none())
    assert figure.value is None and figure.denominator == 0


def test_change_against_zero_is_none(qualified):
    assert evaluate("core.people.legal_qualified", Period.year(2001)).change is None


def test_registering_a_code_twice_is_refused():
    with pytest.raises(ValueError, match="重复"):
        registry.register(code="core.people.legal_qualified", name="x", unit="人", definition="x")(
            lambda p, s: None
        )


def test_cli_json_lists_every_indicator_with_the_required_keys(qualified):
    out = StringIO()
    call_command("indicators", "--year", "2024", "--json", stdout=out)
    rows = {row["code"]: row for row in json.loads(out.getvalue())}
    assert set(rows) == set(registry.REGISTRY)
    row = rows["core.people.legal_qualified_outside_share"]
    assert {k: row[k] for k in ("value", "numerator", "denominator", "previous", "change", "unit")} == {
        "value": 66.7,
        "numerator": 2,
        "denominator": 3,
        "previous": 50.0,
        "change": 16.7,
        "unit": "%",
    }
    assert rows["core.people.legal_qualified"]["name"] == "具有法律职业资格人员"


def test_cli_with_org_and_plain_text(qualified):
    out = StringIO()
    call_command("indicators", "--year", "2024", "--org", "T-SCJ", stdout=out)
    assert "具有法律职业资格人员：1人" in out.getvalue()
    with pytest.raises(CommandError, match="不存在"):
        call_command("indicators", "--year", "2024", "--org", "NOPE")


def test_api_gives_figures_within_the_users_scope(client, users, qualified):
    client.force_login(users.scj_clerk)
    rows = {r["code"]: r for r in client.get("/api/indicators/", {"year": 2024}).json()}
    assert (
        rows["core.people.legal_qualified"]["value"] == 0
    )  # the clerk's own unit only: 丙 is in the team below
    assert client.get("/api/indicators/", {"year": 2024, "org": "T-SFJ"}).status_code == 404
    client.force_login(users.justice)
    assert {r["code"]: r for r in client.get("/api/indicators/", {"year": 2024, "org": "T"}).json()}[
        "core.people.legal_qualified"
    ]["value"] == 3
    assert client.get("/api/indicators/").status_code == 400
