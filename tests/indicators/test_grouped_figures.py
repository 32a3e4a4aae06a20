"""The figures read from one grouped statement per family (registry.period_counts, registry.once): on a generated
district their values are pinned, equal the records they show counted one by one, and the whole family with the year
before costs one statement (issue 19)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core import clock
from fazhi.core.models import Organization
from fazhi.indicators.registry import REGISTRY, Period, Scope, evaluate, evaluate_all, shared

pytestmark = pytest.mark.django_db

# code -> (value, numerator, denominator) for 2025 over `fazhi synth --scale district --factor 0.1 --seed 1`, as
# computed one statement per figure before the grouping (main at a414e3c): the grouping must not change any of them.
PINNED = {
    "disputes.reconsideration.received": (19, None, None),
    "disputes.reconsideration.accepted": (19, None, None),
    "disputes.reconsideration.closed": (15, None, None),
    "disputes.reconsideration.carried_over": (4, None, None),
    "disputes.reconsideration.decided": (15, None, None),
    "disputes.reconsideration.concluded_without_decision": (2, None, None),
    "disputes.reconsideration.correction_rate": (46.7, 7, 15),
    "disputes.reconsideration.opinion_rate": (0.0, 0, 17),
    "disputes.reconsideration.resolution_rate": (5.9, 1, 17),
    "disputes.reconsideration.within_period_rate": (0.0, 0, 17),
    "disputes.reconsideration.platform_entry_rate": (0.0, 0, 19),
    "oversight.rectification.by_source.case_file.items": (16, None, None),
    "oversight.rectification.by_source.case_file.rate": (100.0, 16, 16),
    "oversight.rectification.by_source.clue.items": (55, None, None),
    "oversight.rectification.by_source.clue.rate": (100.0, 55, 55),
    "oversight.rectification.by_source.inspection.items": (6, None, None),
    "oversight.rectification.by_source.inspection.rate": (100.0, 6, 6),
    "litigation.lawsuits.loss_rate": (0.0, 0, 4),
    "review.documents.filing_rate": (100.0, 13, 13),
    "enforcement.evaluation.problems": (16, None, None),
    "enforcement.evaluation.problems_rectified_rate": (87.5, 14, 16),
    "enforcement.officers.active": (16, None, None),
    "enforcement.officers.legal_qualified": (2, None, None),
    "enforcement.training.coverage": (100.0, 16, 16),
    "enforcement.training.hours_per_officer": (28.0, 448, 16),
}

FAMILIES = [
    # (codes, statements for the family's figures of the period and the year before)
    ([c for c in REGISTRY if c.startswith("oversight.rectification.by_source.")], 1),
    (
        [
            f"disputes.reconsideration.{name}"
            for name in (
                "received", "accepted", "closed", "carried_over", "decided", "concluded_without_decision",
                "correction_rate", "opinion_rate", "resolution_rate", "within_period_rate", "platform_entry_rate",
            )
        ],
        2,  # the plain counts, and the reviewed cases' hearings and clocks (an EXISTS per case)
    ),
    (
        [c for c in REGISTRY if c.startswith(("litigation.lawsuits.", "litigation.hearings.", "litigation.judgments."))],
        2,  # received, concluded, effective, lost, to perform, performed; the sessions: heard, head appeared
    ),
    (["review.documents.filing_rate"], 1),
    (["enforcement.evaluation.problems", "enforcement.evaluation.problems_rectified_rate"], 1),
    # session 9: every small family in one statement for both years
    ([c for c in REGISTRY if c.startswith("oversight.rectification.")], 2),  # by status; by source
    (
        [c for c in REGISTRY if c.startswith("disputes.reconsideration.")
         and c not in ("disputes.reconsideration.hearings", "disputes.reconsideration.opinion_rate",
                       "disputes.reconsideration.within_period_rate")],
        1,  # received (and by channel), accepted, closed, carried over and in, decided, rates, average days
    ),
    (["disputes.reconsideration.hearings"], 1),
    ([c for c in REGISTRY if c.startswith("review.reviews.final")], 1),
    (["review.documents.filed", "review.documents.timely_rate", "review.documents.compliant_rate"], 1),
    ([c for c in REGISTRY if c.startswith("review.cleanup.")], 1),
    (["review.catalog.adoption_rate"], 1),
    (["review.catalog.execution_rate"], 2),  # matters, normative documents
    ([c for c in REGISTRY if c.startswith("oversight.tasks.")], 1),
    (["oversight.inspections.held", "oversight.inspections.joint"], 1),
    (["oversight.inspections.patrol_units"], 1),
    (["oversight.inspections.findings"], 1),
    (
        [c for c in REGISTRY if c.startswith("duties.") and not c.startswith("duties.demonstration.")
         and c not in ("duties.lecture.leaders", "duties.written_report.cadres")],
        1,  # activities and their units, by kind
    ),
    (["duties.lecture.leaders", "duties.written_report.cadres"], 1),  # people, by kind
    ([c for c in REGISTRY if c.startswith("duties.demonstration.")], 1),
    (["decisions.catalog.published", "decisions.catalog.consecutive_years"], 1),
    (["decisions.catalog.items"], 1),
    ([c for c in REGISTRY if c.startswith("decisions.public_comments.")], 1),
    (["decisions.procedures.completion_rate"], 1),
    (["decisions.advisors.attendances"], 1),
    (["decisions.advisors.reviews"], 1),
    (["catalogs.certification.items", "catalogs.commitment.items"], 1),
    ([c for c in REGISTRY if c.startswith("catalogs.service.")], 1),
    ([c for c in REGISTRY if c.startswith("core.people.")], 1),
    ([c for c in REGISTRY if c.startswith("enforcement.clues.")], 1),
    (
        [c for c in REGISTRY if c.startswith("enforcement.certificates.cancelled")]
        + ["enforcement.certificates.reissued"],
        1,
    ),
    ([c for c in REGISTRY if c.startswith("enforcement.certificates.review")], 1),
    ([c for c in REGISTRY if c.startswith("enforcement.exam.")], 1),
    (["enforcement.bodies", "enforcement.bodies_with_supervisor"], 1),
    (["enforcement.supervision_certificates"], 1),
    (["enforcement.contact_points.active"], 1),
    (["litigation.liaison.meetings"], 1),
]  # fmt: skip

# Figures whose value is not their records counted (distinct units or people, years, an average).
NOT_A_COUNT = {
    "disputes.reconsideration.average_days",
    "oversight.inspections.patrol_units",
    "decisions.catalog.consecutive_years",
    "duties.lecture.leaders",
    "duties.written_report.cadres",
    "duties.meeting_report.units",
}


@pytest.fixture(autouse=True)
def district():
    clock.freeze(dt.date(2026, 11, 20))
    call_command(
        "synth",
        "--scale",
        "district",
        "--factor",
        "0.1",
        "--seed",
        "1",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )


def _num(v):
    return None if v is None else float(v) if not isinstance(v, int) else v


def test_grouped_figures_keep_their_values():
    results = {r.indicator.code: r for r in evaluate_all(Period.year(2025), None)}
    got = {
        code: (
            _num(results[code].figure.value),
            results[code].figure.numerator,
            results[code].figure.denominator,
        )
        for code in PINNED
    }
    assert got == PINNED


@pytest.mark.parametrize("scope", [None, "SY-CG"])
def test_grouped_figures_equal_their_records_counted_one_by_one(scope):
    period = Period.year(2025)
    scope = Scope(Organization.objects.get(code=scope)) if scope else None
    codes = {c for codes, _ in FAMILIES for c in codes} - NOT_A_COUNT | {"enforcement.training.coverage"}
    assert len(codes) == 120
    for code in sorted(codes):
        for p in (period, period.previous_year()):
            figure = REGISTRY[code].compute(p, scope)
            if figure.records is not None:
                assert figure.value == figure.records.count(), code
            else:
                assert figure.numerator == figure.numerator_records.count(), code
                assert figure.denominator == figure.denominator_records.count(), code


@pytest.mark.parametrize(("codes", "statements"), FAMILIES)
def test_a_family_and_its_year_before_cost_one_statement(codes, statements):
    period = Period.year(2025)
    evaluate(codes[0], period)  # settings and content types read once, outside the count
    with CaptureQueriesContext(connection) as queries, shared():
        for code in codes:
            evaluate(code, period)
    # the settings a rule reads (core_setting: the mediation option) are not the family's records
    family = [q["sql"] for q in queries.captured_queries if "core_setting" not in q["sql"]]
    assert len(family) == statements, [sql[:120] for sql in family]


def test_officers_training_reads_the_certificates_once_for_both_years():
    period = Period.year(2025)
    evaluate("enforcement.training.coverage", period)
    with CaptureQueriesContext(connection) as queries, shared():
        for code in ("enforcement.officers.active", "enforcement.officers.legal_qualified",
                     "enforcement.training.coverage", "enforcement.training.hours_per_officer"):  # fmt: skip
            evaluate(code, period)
    # one statement for both years: the officers, those with a legal qualification, those trained and their hours
    assert len(queries.captured_queries) == 1


@pytest.mark.parametrize("scope", [None, "SY-CG"])
def test_a_figure_evaluated_alone_equals_its_value_among_all(scope):
    """Alone, a figure's family statement computes only the members it reads (registry.grouped); every figure and
    its year before must be what evaluate_all gives."""
    period = Period.year(2025)
    scope = Scope(Organization.objects.get(code=scope)) if scope else None
    together = {r.indicator.code: r.as_dict() for r in evaluate_all(period, scope)}
    alone = {code: evaluate(code, period, scope).as_dict() for code in sorted(REGISTRY)}
    assert alone == together


@pytest.mark.parametrize(
    ("code", "alone", "together"),
    [
        # the nine activity kinds and the units reporting (both years) / one kind
        ("duties.training.sessions", 2, 20),
        # the reconsideration family's sixteen conditions (the average and three channels among them; both years)
        ("disputes.reconsideration.received", 2, 32),
        ("disputes.reconsideration.correction_rate", 4, 32),
        ("oversight.tasks.due", 2, 6),
        ("litigation.lawsuits.received", 2, 12),
    ],
)
def test_a_figure_alone_computes_only_its_members(code, alone, together):
    period = Period.year(2025)
    evaluate(code, period)  # settings read once, outside the count

    def filters() -> int:
        family = [q["sql"] for q in queries.captured_queries if "core_setting" not in q["sql"]]
        assert len(family) == 1, family
        return family[0].count("FILTER (WHERE")

    with CaptureQueriesContext(connection) as queries:
        evaluate(code, period)
    assert filters() == alone
    with CaptureQueriesContext(connection) as queries, shared():
        evaluate(code, period)
    assert filters() == together


def test_officers_alone_read_no_training():
    period = Period.year(2025)
    evaluate("enforcement.officers.active", period)
    with CaptureQueriesContext(connection) as queries:
        evaluate("enforcement.officers.active", period)
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "trainingattendance" not in sql
    with CaptureQueriesContext(connection) as queries, shared():
        evaluate("enforcement.officers.active", period)
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "trainingattendance" in sql
