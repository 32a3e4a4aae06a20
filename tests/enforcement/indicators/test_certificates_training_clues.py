"""Enforcement figures computed from records: bodies, exams, reviews, cancellations and officers holding a valid
certificate at year end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate
from fazhi.indicators.registry import Period, evaluate
from tests import factories

from ..conftest import issue

D = dt.date


def value(code, year=2024, scope=None):
    return evaluate(code, Period.year(year), scope).figure.value


@pytest.fixture
def records(users, district, body):
    """Two active bodies (one supervised) and a revoked one; certificates A (valid), B (cancelled 2024-10-01),
    C (failed review 2024-11-01), E (valid, legally qualified, education bureau); a supervision certificate; a failed
    exam; B's exam taken in 2023."""
    j = users.justice
    edu = services.register_body(
        actor=j, organization=district.jyj, name="测试区教育局", legal_basis="教育法第七十五条"
    )
    old = services.register_body(
        actor=j,
        organization=district.town,
        name="测试区莲花镇综合执法队",
        legal_basis="乡镇赋权决定",
        supervision_organ=district.sfj,
    )
    services.update_body(actor=j, body=old, status="revoked")
    a = issue(j, factories.person(district.team, name="甲"), body, "A")
    b = issue(
        j,
        factories.person(district.team, name="乙"),
        body,
        "B",
        issued_on=D(2024, 1, 10),
        exam_on=D(2023, 12, 20),
    )
    services.cancel_certificate(actor=j, certificate=b, reason="transfer", cancelled_on=D(2024, 10, 1))
    c = issue(j, factories.person(district.team, name="丙"), body, "C")
    services.record_review(
        actor=j, certificate=c, year=2024, reviewed_on=D(2024, 11, 1), passed=False, reason="年度考核不称职"
    )
    services.record_review(actor=j, certificate=a, year=2024, reviewed_on=D(2024, 12, 1), passed=True)
    issue(j, factories.person(district.jyj, name="戊", has_legal_qualification=True), edu, "E")
    services.record_exam(
        actor=j, person=factories.person(district.team, name="己"), body=body, exam_on=D(2024, 6, 1), score=50
    )
    issue(j, factories.person(district.sfj, name="监"), body, "JD1", kind="supervision")
    return edu


def test_bodies_count_active_bodies_and_those_with_a_supervision_organ(records, district):
    assert value("enforcement.bodies") == 2
    assert value("enforcement.bodies_with_supervisor") == 1
    assert value("enforcement.bodies", scope=district.jyj) == 1
    assert value("enforcement.bodies_with_supervisor", scope=district.jyj) == 0


def test_exam_candidates_and_pass_rate_count_exams_of_the_year(records):
    assert value("enforcement.exam.candidates") == 4
    result = evaluate("enforcement.exam.pass_rate", Period.year(2024))
    assert (result.figure.numerator, result.figure.denominator, result.figure.value) == (
        3,
        4,
        Decimal("75.0"),
    )
    assert value("enforcement.exam.candidates", 2023) == 1
    assert value("enforcement.exam.pass_rate", 2023) == Decimal("100.0")
    assert value("enforcement.exam.pass_rate", 2022) is None


def test_reviews_and_cancellations_count_those_of_the_year(records):
    assert value("enforcement.certificates.reviewed") == 2
    assert value("enforcement.certificates.review_passed") == 1
    assert value("enforcement.certificates.cancelled") == 1
    assert value("enforcement.certificates.cancelled", 2025) == 0


def test_cancellations_are_counted_by_reason_and_a_reissue_is_not_a_cancellation(records, users):
    assert value("enforcement.certificates.cancelled.transfer") == 1
    assert value("enforcement.certificates.cancelled.retirement") == 0
    a = Certificate.objects.get(number="A")
    services.reissue_certificate(actor=users.justice, certificate=a, number="A2", issued_on=D(2024, 12, 20))
    assert value("enforcement.certificates.reissued") == 1
    assert (
        value("enforcement.certificates.cancelled") == 1
    )  # B only: A's old certificate was replaced, not 注销


def test_officers_active_count_people_with_a_valid_enforcement_certificate_at_year_end(records, district):
    # 甲 and 戊: 乙 is cancelled, 丙 failed review, the supervision certificate does not count
    result = evaluate("enforcement.officers.active", Period.year(2024))
    assert result.figure.value == 2
    assert sorted(p.name for p in result.figure.records) == ["戊", "甲"]
    assert value("enforcement.officers.legal_qualified") == 1
    assert value("enforcement.officers.active", scope=district.scj) == 1
    assert value("enforcement.officers.legal_qualified", scope=district.scj) == 0
    # at the end of 2023 no certificate had yet been issued
    assert value("enforcement.officers.active", 2023) == 0


def test_supervision_certificates_count_valid_ones_at_year_end(records, users):
    assert value("enforcement.supervision_certificates") == 1
    assert value("enforcement.supervision_certificates", 2023) == 0
