"""The reconsideration demo in 澄湖区: 2024 as in the seed report (51 received, 46 closed, 5 carried over), 2025
with plausible figures, every state present, and open 2026 cases that the 工作台 warns about."""

from __future__ import annotations

import datetime as dt
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from docx import Document

from fazhi.core import clock, workbench
from fazhi.core.models import User
from fazhi.demo import registry as core_demo
from fazhi.demo.disputes import reconsideration_demo
from fazhi.disputes import documents
from fazhi.disputes.models import ReconsiderationCase
from fazhi.disputes.rules import events as timeline_events
from fazhi.disputes.rules import timeline
from fazhi.disputes.rules.cases import DECISIONS
from fazhi.indicators.registry import Period, evaluate

from ..shared_records import records_for_the_module

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo_records(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module; each test runs in a savepoint inside."""
    with records_for_the_module(django_db_blocker, tmp_path_factory) as patch:
        clock.freeze(TODAY)
        patch.setattr(core_demo, "STEPS", [reconsideration_demo])
        call_command("demo", stdout=StringIO())
        yield


@pytest.fixture
def demo(demo_records, db):
    clock.freeze(TODAY)


def value(code: str, year: int):
    return evaluate(f"disputes.reconsideration.{code}", Period.year(year)).figure.value


def test_demo_reproduces_the_seed_year_and_covers_every_state(demo):
    # then 2024 matches the seed report: 51 received, 46 closed, 5 carried over, all entered on the platform
    assert (value("received", 2024), value("closed", 2024), value("carried_over", 2024)) == (51, 46, 5)
    assert value("platform_entry_rate", 2024) == 100
    assert value("opinion_rate", 2024) == 100
    assert value("carried_in", 2025) == 5
    assert value("received", 2025) == 40
    assert 0 < value("correction_rate", 2025) < 50
    assert value("hearings", 2024) > 0
    # and every state of the workflow is present
    assert set(ReconsiderationCase.objects.values_list("status", flat=True)) == set(
        ReconsiderationCase.Status.values
    )
    # and the docket numbers of each year run from 1 without gaps
    seqs = sorted(ReconsiderationCase.objects.filter(docket_year=2024).values_list("docket_seq", flat=True))
    assert seqs == list(range(1, 52))
    assert (
        ReconsiderationCase.objects.get(docket_year=2024, docket_seq=12).docket_number == "澄复〔2024〕12号"
    )
    # and every decided case's decision can be written in full (no section missing, no placeholder)
    office = User.objects.get(username="fuyi")
    decided = ReconsiderationCase.objects.filter(outcome__in=DECISIONS)
    assert decided.filter(outcome="dismiss", nonperformance=False).count() == 0  # 第六十九条
    for case in decided.order_by("pk")[:5]:
        _, content = documents.generate(actor=office, case=case, kind="decision")
        text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
        assert "经审理查明：" in text and "澄湖区人民政府（印章）" in text and "【" not in text


def test_demo_is_idempotent_the_workbench_warns_and_every_state_renders(demo, client):
    before = ReconsiderationCase.objects.count()
    call_command("demo", stdout=StringIO())
    assert ReconsiderationCase.objects.count() == before
    items = workbench.items_for(User.objects.get(username="fuyi"), TODAY)
    titles = [i.title for i in items if i.category == "行政复议"]
    assert any("已逾期" in t for t in titles)
    assert any("即将届满" in t for t in titles)  # and a case page in every state renders
    client.force_login(User.objects.get(username="fuyi"))
    for status in ReconsiderationCase.Status.values:
        case = ReconsiderationCase.objects.filter(status=status).first()
        response = client.get(f"/disputes/{case.pk}/")
        assert response.status_code == 200, status
        assert case.docket_number in response.content.decode()
    assert client.get("/disputes/figures/?year=2024").status_code == 200


def test_calculator_clocks_equal_the_stored_case_clocks_on_every_demo_case(demo):
    # each case's events, written as the calculator's JSON input and read back, give exactly its stored clocks
    cases = ReconsiderationCase.objects.all()
    assert cases.count() > 90
    for case in cases:
        procedure, events = timeline_events.of_case(case)
        data = json.loads(json.dumps(timeline_events.as_input(procedure, events)))
        result = timeline.run(*timeline_events.parse(data))
        assert result.refused == [], (case.docket_number, result.refused)
        computed = {(c.kind, c.start, c.due, c.provisional, c.met_on, c.explanation) for c in result.clocks}
        stored = {
            (c.kind, c.start, c.due_on, c.provisional, c.met_on, c.explanation) for c in case.clocks.all()
        }
        assert computed == stored, case.docket_number
