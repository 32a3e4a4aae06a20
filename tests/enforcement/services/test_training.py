"""Training of enforcement officers: attendance once per session, who may record sessions, and the figures —
officers trained (certified on the session day), coverage of officers active at year end, hours per officer."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import TrainingSession
from fazhi.indicators.registry import Period, evaluate
from tests import factories

from ..conftest import issue

D = dt.date


def figure(code, year=2024, scope=None):
    return evaluate(code, Period.year(year), scope).figure


@pytest.fixture
def sessions(users, district, body):
    """Officers of the enforcement team: 甲 and 乙 certified 2024-03-01; 丙 certified then cancelled 2024-06-30;
    丁 certified only from 2024-08-01; 戊 certified but trained only in 2023. Sessions: 2024-05-10 轮训 3.5 学时
    (甲, 丙, 丁), 2024-11-20 专题培训 2 学时 (甲, 乙), 2023-12-01 轮训 4 学时 (戊)."""
    j = users.justice
    people = {name: factories.person(district.team, name=name) for name in "甲乙丙丁戊"}
    issue(j, people["甲"], body, "A")
    issue(j, people["乙"], body, "B")
    cancelled = issue(j, people["丙"], body, "C")
    services.cancel_certificate(
        actor=j, certificate=cancelled, reason="transfer", cancelled_on=D(2024, 6, 30)
    )
    issue(j, people["丁"], body, "D", issued_on=D(2024, 8, 1), exam_on=D(2024, 7, 20))
    issue(j, people["戊"], body, "E", issued_on=D(2023, 3, 1), exam_on=D(2023, 1, 20))

    def session(held_on, hours, kind, names):
        s = services.record_session(
            actor=j,
            organization=district.sfj,
            topic=f"{held_on}培训",
            held_on=held_on,
            hours=hours,
            kind=kind,
        )
        services.record_attendances(actor=j, session=s, people=[people[n] for n in names])
        return s

    return [
        session(D(2024, 5, 10), "3.5", TrainingSession.Kind.ROTATION, "甲丙丁"),
        session(D(2024, 11, 20), 2, TrainingSession.Kind.TOPIC, "甲乙"),
        session(D(2023, 12, 1), 4, TrainingSession.Kind.ROTATION, "戊"),
    ]


def test_trained_counts_distinct_people_certified_on_the_session_day(sessions):
    trained = figure("enforcement.training.trained")
    assert trained.value == 3
    assert sorted(p.name for p in trained.records) == ["丙", "乙", "甲"]
    assert figure("enforcement.training.trained", 2023).value == 1


def test_coverage_is_of_officers_active_at_year_end_who_attended_in_the_year(sessions):
    coverage = figure("enforcement.training.coverage")
    assert (coverage.numerator, coverage.denominator) == (3, 4)
    assert coverage.value == Decimal("75.0")
    assert sorted(p.name for p in coverage.numerator_records) == ["丁", "乙", "甲"]


def test_hours_per_officer_is_active_officers_hours_over_active_officers(sessions):
    hours = figure("enforcement.training.hours_per_officer")
    assert hours.value == Decimal("2.8")  # (5.5 + 2 + 3.5) / 4 = 2.75
    assert (hours.numerator, hours.denominator) == (11, 4)
    assert hours.numerator_records.count() == 4


def test_hours_per_officer_is_none_without_officers(db):
    assert figure("enforcement.training.hours_per_officer").value is None


def test_figures_follow_the_scope_of_the_officers_body(sessions, district):
    assert figure("enforcement.training.trained", scope=district.scj).value == 3
    assert figure("enforcement.training.trained", scope=district.jyj).value == 0
    assert figure("enforcement.training.coverage", scope=district.jyj).value is None


def test_a_person_attends_a_session_once(users, sessions, district):
    person = sessions[0].attendances.first().person
    with pytest.raises(ValidationError, match="已登记参加此次培训"):
        services.record_attendance(actor=users.justice, session=sessions[0], person=person)


def test_training_hours_must_be_positive(users, district):
    with pytest.raises(ValidationError, match="学时应大于0"):
        services.record_session(
            actor=users.justice, organization=district.sfj, topic="培训", held_on=D(2024, 5, 1), hours=0
        )


def test_units_record_their_own_sessions_and_leaders_only_read(users, district, sessions):
    own = services.record_session(
        actor=users.scj_clerk, organization=district.scj, topic="执法规范", held_on=D(2024, 6, 1), hours=2
    )
    with pytest.raises(PermissionDenied):
        services.record_session(
            actor=users.scj_clerk, organization=district.sfj, topic="执法规范", held_on=D(2024, 6, 1), hours=2
        )
    with pytest.raises(PermissionDenied):
        services.record_session(
            actor=users.leader, organization=district.root, topic="执法规范", held_on=D(2024, 6, 1), hours=2
        )
    assert list(selectors.sessions_for(users.scj_clerk)) == [own]
    assert set(selectors.sessions_for(users.supervisor)) == {own, *sessions}
    assert selectors.sessions_for(users.leader).count() == 4
    assert not selectors.sessions_for(users.leader, "change").exists()
