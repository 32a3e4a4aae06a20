"""Fixtures of the reports tests: legal staff in the test district (two qualified in 2024, three more in 2025, three
of the five in the court), and planted test indicators with rules that refer to them."""

from __future__ import annotations

import copy

import pytest

from fazhi.core.models import Person
from fazhi.indicators import registry
from fazhi.indicators.registry import RATE, Figure, register
from fazhi.reports.models import WorkstreamStatement
from fazhi.reports.rules import spec
from fazhi.reports.selectors.draft import workstreams
from tests import factories


@pytest.fixture
def staff(district):
    """2024: 2 qualified (court, 教育局); 2025: +3 (court ×2, 司法局) → 5 in 2025, 2 in 2024; outside court 2 of 5."""
    people = [
        factories.person(district.court, has_legal_qualification=True, legal_qualification_year=2024),
        factories.person(district.jyj, has_legal_qualification=True, legal_qualification_year=2024),
        factories.person(district.court, has_legal_qualification=True, legal_qualification_year=2025),
        factories.person(district.court, has_legal_qualification=True, legal_qualification_year=2025),
        factories.person(district.sfj, has_legal_qualification=True, legal_qualification_year=2025),
    ]
    return people


@pytest.fixture
def planted(monkeypatch):
    """Test indicators whose values a test sets, and rules (identity, problem, alias) over them."""
    values = {
        "received": 10,
        "closed": 7,
        "carried_over": 3,
        "rate": (9, 10),
        "reviewed": 15,
        "incomplete": False,
    }

    def count(name):
        def compute(period, scope):
            base = Person.objects.filter(pk__in=[])
            figure = Figure(value=values[name] if period.start.year == 2025 else 0, records=base)
            if name == "reviewed" and values["incomplete"]:
                figure.incomplete = Person.objects.all()
                figure.incomplete_note = "缺少审查日期"
            return figure

        return compute

    def rate(period, scope):
        num, den = values["rate"]
        return Figure(value=registry.percent(num, den), numerator=num, denominator=den)

    added = []
    for name, unit in (("received", "件"), ("closed", "件"), ("carried_over", "件"), ("reviewed", "件")):
        code = f"zz_test.{name}"
        register(
            code=code,
            name={"reviewed": "测试审查文件"}.get(name, f"测试{name}"),
            unit=unit,
            definition="测试",
        )(count(name))
        added.append(code)
    register(code="zz_test.rate", name="测试办结率", unit="%", definition="测试", kind=RATE)(rate)
    added.append("zz_test.rate")
    data = copy.deepcopy(spec.rules())
    data["identities"].append(
        {
            "name": "测试：办结 + 结转 = 收到",
            "left": ["zz_test.closed", "zz_test.carried_over"],
            "right": ["zz_test.received"],
        }
    )
    data["identities"].append(
        {"name": "测试：缺少的指标", "left": ["zz_absent.closed"], "right": ["zz_test.received"]}
    )
    monkeypatch.setattr(spec, "rules", lambda: data)
    yield values
    for code in added:
        registry.REGISTRY.pop(code, None)


@pytest.fixture
def stated(district):
    """The office has said every workstream of the test district's units is really zero in 2024 and 2025 (tests
    that issue a report from empty data need it; the check that asks for it is tested without it)."""
    actor = factories.system_actor()
    for org in (district.root, district.sfj, district.jyj, district.scj, district.town):
        for year in (2024, 2025):
            for workstream in workstreams():
                WorkstreamStatement.objects.create(
                    organization=org,
                    year=year,
                    workstream=workstream,
                    kind=WorkstreamStatement.Kind.REALLY_ZERO,
                    recorded_by=actor,
                )
