"""The enforcement demo records in 澄湖区: created once, with bodies with and without a supervision organ, a pass rate
below 100%, certificates expiring, cancelled on retirement and suspended by a failed review; two complete years
(2024, 2025) of exams, reviews, cancellations, training and clues of every source, and open clues in 2026."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.core import audit, clock
from fazhi.core.models import User
from fazhi.demo import registry as core_demo
from fazhi.enforcement import selectors
from fazhi.enforcement.models import (
    Certificate,
    CertificateExam,
    CertificateReview,
    ClueStep,
    EnforcementBody,
    EnforcementPower,
    SupervisionClue,
    TrainingAttendance,
    TrainingSession,
)
from fazhi.indicators.registry import Period, evaluate

from ..shared_records import records_for_the_module

TODAY = dt.date(2026, 11, 26)
MODELS = [
    EnforcementBody,
    EnforcementPower,
    CertificateExam,
    Certificate,
    CertificateReview,
    TrainingSession,
    TrainingAttendance,
    SupervisionClue,
    ClueStep,
]


@pytest.fixture(scope="module")
def demo_records(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module (it takes 15–25 s); each test runs in a savepoint inside."""
    with records_for_the_module(django_db_blocker, tmp_path_factory) as patch:
        clock.freeze(TODAY)
        # The enforcement steps and the two whose records open clues (reconsideration corrections, lost lawsuits).
        steps = [
            s
            for s in core_demo.STEPS
            if s.__module__.startswith(("fazhi.demo.enforcement", "fazhi.disputes", "fazhi.demo.disputes"))
        ]
        patch.setattr(core_demo, "STEPS", steps)
        call_command("demo", stdout=StringIO())
        yield


@pytest.fixture
def demo(demo_records, db):
    clock.freeze(TODAY)


def counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in MODELS}


def test_the_enforcement_demo_runs_twice_without_duplicating_a_record(demo):
    first = counts()

    call_command("demo", stdout=StringIO())

    assert counts() == first
    assert first["EnforcementBody"] >= 4 and first["Certificate"] >= 8
    assert audit.verify_chain().ok


def test_the_enforcement_demo_makes_the_figures_non_trivial(demo):
    assert EnforcementBody.objects.filter(supervision_organ__isnull=True).exists()
    assert EnforcementBody.objects.filter(supervision_organ__isnull=False).exists()
    exams = CertificateExam.objects.all()
    assert 0 < exams.filter(passed=True).count() < exams.count()
    assert Certificate.objects.filter(status="cancelled", cancel_reason="retirement").exists()
    assert CertificateReview.objects.filter(passed=False).exists()
    supervisor = User.objects.get(username="jiandu")
    assert selectors.certificates_expiring(supervisor, TODAY).count() >= 2
    without = {p.name for p in selectors.officers_without_valid_certificate(supervisor, TODAY)}
    assert {"沈立新", "孙国庆", "李慕白"} <= without


def figure(code: str, year: int):
    return evaluate(code, Period.year(year)).figure.value


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_demo_fills_both_complete_years(demo, year):
    for code in (
        "enforcement.exam.candidates",
        "enforcement.certificates.reviewed",
        "enforcement.certificates.cancelled",
        "enforcement.officers.active",
        "enforcement.training.trained",
        "enforcement.clues.received",
        "enforcement.clues.handled",
        "enforcement.clues.enterprise_handled",
        "enforcement.supervision_certificates",
    ):
        assert figure(code, year) > 0, code
    assert 80 <= figure("enforcement.exam.pass_rate", year) < 100
    assert figure("enforcement.certificates.review_passed", year) < figure(
        "enforcement.certificates.reviewed", year
    )
    assert figure("enforcement.training.coverage", year) >= 90


def test_the_demo_has_clues_of_every_source_and_open_ones_due_in_2026(demo):
    sources = set(
        SupervisionClue.objects.filter(received_on__year__in=[2024, 2025]).values_list("source", flat=True)
    )
    assert sources == set(SupervisionClue.Source.values)
    supervisor = User.objects.get(username="jiandu")
    due = selectors.clues_due(supervisor, TODAY)
    assert due.filter(due_on__lt=TODAY).exists() and due.filter(due_on__gte=TODAY).exists()
    assert selectors.open_clues(supervisor).filter(received_on__year=2026).count() >= 3
