"""The review workstream's demo records in 澄湖区: created once, at every stage, and enough to make each review figure
say something (rates neither empty nor perfect) and to put work on the 工作台 of the Justice Bureau, a unit and the
advisor. Run on the demo's reference day, so the records dated relative to today keep their meaning."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.core import audit, clock
from fazhi.core.models import AuditEvent, User
from fazhi.demo import registry as core_demo
from fazhi.indicators.registry import Period, evaluate
from fazhi.review import workbench as review_workbench
from fazhi.review.models import (
    CleanupItem,
    DraftVersion,
    Filing,
    LegalityReview,
    LevelOpinion,
    Matter,
    NormativeDocument,
    ReviewCatalog,
    ReviewCatalogEntry,
)

TODAY = dt.date(2026, 11, 26)
MODELS = [
    ReviewCatalog,
    ReviewCatalogEntry,
    Matter,
    LegalityReview,
    DraftVersion,
    LevelOpinion,
    NormativeDocument,
    Filing,
    CleanupItem,
    AuditEvent,
]


@pytest.fixture
def on_reference_day(monkeypatch):
    clock.freeze(TODAY)


@pytest.fixture
def demo(db, on_reference_day, monkeypatch):
    demos = ("fazhi.demo.review", "fazhi.review", "fazhi.demo.decisions", "fazhi.decisions")
    steps = [s for s in core_demo.STEPS if s.__module__.startswith(demos)]
    monkeypatch.setattr(core_demo, "STEPS", steps)
    call_command("demo", stdout=StringIO())


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def value(code: str, year: int = 2026):
    return evaluate(code, Period.year(year)).figure.value


def test_the_demo_runs_twice_without_duplicating_a_record(demo):
    first = counts()

    call_command("demo", stdout=StringIO())

    assert counts() == first
    assert first["NormativeDocument"] >= 10 and first["LegalityReview"] >= 20
    assert audit.verify_chain().ok


def test_the_demo_makes_every_review_figure_say_something(demo):
    # rates neither empty nor perfect
    for code in (
        "review.catalog.adoption_rate",
        "review.catalog.execution_rate",
        "review.documents.filing_rate",
        "review.documents.timely_rate",
        "review.documents.compliant_rate",
    ):
        assert 0 < value(code) < 100, code
    for code in (
        "review.reviews.final",
        "review.documents.filed",
        "review.cleanup.normative_cleaned",
        "review.cleanup.enterprise_policy_cleaned",
    ):
        assert value(code) > 0, code
    # and 2025 has its own figures for the year-on-year comparison
    assert value("review.documents.filed", 2025) > 0


def test_the_demo_has_documents_numbered_in_order_and_reviews_at_every_stage(demo):
    numbers = set(NormativeDocument.objects.exclude(number="").values_list("number", flat=True))
    assert {f"澄政规发〔{y}〕{n}号" for y in (2025, 2026) for n in range(1, 5)} <= numbers
    # registered documents have no number; one was found unlawful and may not be issued
    unlawful = NormativeDocument.objects.get(legality_review__final_opinion="unlawful")
    assert (unlawful.status, unlawful.number) == ("registered", "")
    # filings: one late, one short of a material, a correction made, one published document not filed
    filings = list(Filing.objects.select_related("document"))
    assert any(not f.in_time for f in filings)
    assert any(not f.materials_complete for f in filings)
    assert any(f.result == "correction" and f.corrected_on for f in filings)
    assert NormativeDocument.objects.filter(
        status="valid", requires_filing=True, filings__isnull=True
    ).exists()
    # issue 15: the district government's own document is filed with the government above and with the district
    # people's congress standing committee, its materials uploaded as files
    assert Filing.objects.filter(body="congress").count() == 1
    assert all(f.materials.count() == sum(getattr(f, k) for k in Filing.MATERIALS) for f in filings)
    # the clean-up moved registered documents
    assert {"repealed", "amended"} <= set(NormativeDocument.objects.values_list("status", flat=True))
    assert CleanupItem.objects.filter(outcome="").exists()
    # reviews in every state, every final opinion, and a second version waiting at the drafting unit
    assert set(LegalityReview.objects.values_list("status", flat=True)) == set(LegalityReview.Status.values)
    assert {"lawful", "lawful_after_revision", "unlawful"} <= set(
        LegalityReview.objects.values_list("final_opinion", flat=True)
    )
    assert LegalityReview.objects.filter(status="initial_review", current_version=2).exists()
    assert LegalityReview.objects.filter(advisor_user__username="lvshi").exists()


def test_the_demo_puts_review_work_on_the_workbench(demo):
    def work(username):
        return {
            (i.category, i.level)
            for i in review_workbench.review_work(User.objects.get(username=username), TODAY)
        }

    assert ("合法性审查", "due_soon") in work("sfj")  # a final review due in a day or two
    assert ("规范性文件备案", "pending") in work("sfj")  # the document published lately, not yet filed
    assert ("合法性审查", "overdue") in work("lvshi")  # the advisor's review past its time limit
    assert ("合法性审查", "due_soon") in work("scj")  # the unit's initial review
