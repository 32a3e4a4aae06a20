"""The duties demo of 澄湖区: activities of every kind in 2024 and 2025, more in 2025, demonstration projects at
every stage; running it again creates nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from fazhi.core import audit
from fazhi.demo import duties as duties_demo
from fazhi.demo import registry as demo
from fazhi.duties.models import Activity, ActivityKind, DemonstrationProject
from fazhi.indicators.registry import Period, evaluate

CODES = [
    "duties.lecture.leaders",
    "duties.meeting_report.units",
    "duties.written_report.cadres",
    "duties.pre_meeting_study.sessions",
    "duties.training.sessions",
    "duties.party_deployment.meetings",
    "duties.executive_report.meetings",
    "duties.government_study.meetings",
    "duties.unit_deployment.meetings",
]


@pytest.fixture
def run_demo(db, monkeypatch):
    monkeypatch.setattr(demo, "STEPS", [duties_demo.duties_demo])

    def run():
        call_command("demo", stdout=StringIO())

    run()
    return run


def test_the_duties_demo_runs_twice_without_duplicating(run_demo):
    counts = (Activity.objects.count(), DemonstrationProject.objects.count())
    run_demo()
    assert (Activity.objects.count(), DemonstrationProject.objects.count()) == counts
    assert audit.verify_chain().ok


def test_the_duties_demo_has_every_kind_in_both_years_with_plausible_figures(run_demo):
    for year in (2024, 2025):
        kinds = set(Activity.objects.filter(held_on__year=year).values_list("kind", flat=True))
        assert kinds == set(ActivityKind.values)
    assert [evaluate(c, Period.year(2024)).figure.value for c in CODES] == [8, 3, 24, 8, 3, 4, 2, 6, 16]
    assert [evaluate(c, Period.year(2025)).figure.value for c in CODES] == [10, 4, 30, 10, 4, 5, 2, 8, 20]
    stages = dict(
        DemonstrationProject.objects.values_list("level", "stage").filter(batch="第三批", level="national")
    )
    assert stages == {"national": "review_passed"}
    named = [evaluate("duties.demonstration.named", Period.year(y)).figure.value for y in (2024, 2025)]
    shortlisted = [
        evaluate("duties.demonstration.shortlisted", Period.year(y)).figure.value for y in (2024, 2025)
    ]
    assert (named, shortlisted) == ([2, 1], [2, 2])
