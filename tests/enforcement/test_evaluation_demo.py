"""The evaluation demo records: campaigns in 2024 and 2025 whose figures say something (files, problems, grades,
reviewers), self-assessments not all complete, two contact points and one reissued certificate; run twice, nothing
is created again."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.core import clock
from fazhi.demo import registry as core_demo
from fazhi.enforcement.models import CaseFile, CaseFileProblem, Certificate
from fazhi.indicators.registry import Period, evaluate

from ..shared_records import records_for_the_module

TODAY = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def demo_records(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the module; each test runs in a savepoint inside."""
    with records_for_the_module(django_db_blocker, tmp_path_factory) as patch:
        clock.freeze(TODAY)
        # Only the enforcement workstream's steps (its bodies, officers and history, then evaluation): faster.
        steps = [s for s in core_demo.STEPS if s.__module__.startswith("fazhi.demo.enforcement")]
        patch.setattr(core_demo, "STEPS", steps)
        call_command("demo", stdout=StringIO())
        yield


@pytest.fixture
def demo(demo_records, db):
    clock.freeze(TODAY)


def value(code, year):
    return evaluate(code, Period.year(year)).figure.value


def test_demo_figures_are_plausible_for_2024_and_2025(demo):
    assert (
        value("enforcement.evaluation.files_evaluated", 2024),
        value("enforcement.evaluation.files_evaluated", 2025),
    ) == (10, 14)
    assert (
        value("enforcement.evaluation.problems", 2024) > 0
        and value("enforcement.evaluation.problems", 2025) > 0
    )
    assert (
        value("enforcement.evaluation.reviewers", 2024),
        value("enforcement.evaluation.reviewers", 2025),
    ) == (5, 7)
    for year in (2024, 2025):
        grades = [
            value(f"enforcement.evaluation.grade.{g}", year)
            for g in ("excellent", "qualified", "unqualified")
        ]
        assert sum(grades) == value("enforcement.evaluation.files_evaluated", year)
        assert grades[0] > 0 and grades[2] > 0
    assert value("enforcement.evaluation.files.natural_resources", 2025) == 5
    assert value("enforcement.evaluation.files.market", 2025) == 3
    assert (
        value("enforcement.three_systems.bodies_completed", 2024),
        value("enforcement.three_systems.bodies_completed", 2025),
    ) == (2, 3)
    assert value("enforcement.contact_points.active", 2024) == 2
    assert value("enforcement.certificates.reissued", 2026) == 1
    reissued = Certificate.objects.get(replaces__isnull=False)
    assert reissued.person.name == "韩雨桐" and reissued.replaces.cancel_reason == "reissue"


def test_demo_runs_twice_without_creating_again(demo):
    files, problems = CaseFile.objects.count(), CaseFileProblem.objects.count()
    call_command("demo", stdout=StringIO())
    assert (CaseFile.objects.count(), CaseFileProblem.objects.count()) == (files, problems)
