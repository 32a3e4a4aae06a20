"""Figures of enforcement training: who was trained (holding a valid 行政执法证 that day), coverage and hours."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef

from fazhi.core.models import Person
from fazhi.indicators.registry import RATE, Figure, Period, register

from ..models import Certificate, TrainingAttendance
from ..rules.certificates import valid_on
from .certificates import _certificates, _officers_at_year_end, officer_counts

BASIS_TRAINING = "《法治政府建设实施纲要（2021—2025年）》：加强行政执法人员培训，实行轮训制度"


def _attendances(period: Period):
    return TrainingAttendance.objects.filter(**period.range_filter("session__held_on"))


def _certified_on_session_day(scope):
    """A valid 行政执法证 of the attendee on the session's day (rules.certificates.valid_on, correlated)."""
    certificates = _certificates(scope, Certificate.Kind.ENFORCEMENT).filter(person=OuterRef("person"))
    return Exists(valid_on(certificates, OuterRef("session__held_on")))


@register(
    code="enforcement.training.trained",
    name="参加培训的执法人员",
    unit="人",
    definition="本年度参加过执法培训、且在培训当日持有效行政执法证的人数（同一人多次参训计一人）。",
    basis=BASIS_TRAINING,
)
def training_trained(period: Period, scope):
    attended = _attendances(period).filter(_certified_on_session_day(scope))
    return Figure.count(Person.objects.filter(pk__in=attended.values("person_id")))


@register(
    code="enforcement.training.coverage",
    name="执法人员培训覆盖率",
    unit="%",
    definition="年末持有效行政执法证的人员中，本年度参加过执法培训的比例。",
    basis=BASIS_TRAINING,
    kind=RATE,
)
def training_coverage(period: Period, scope):
    officers = _officers_at_year_end(period, scope)
    trained = officers.filter(pk__in=_attendances(period).values("person_id"))
    counts = officer_counts(period, scope, "trained", "active")
    num, den = counts["trained"], counts["active"]
    return Figure.rate_of(num, den, trained, officers)


@register(
    code="enforcement.training.hours_per_officer",
    name="执法人员人均培训学时",
    unit="学时",
    definition="年末持有效行政执法证的人员本年度参加执法培训的学时合计，除以这些人员的人数（保留一位小数）。",
    basis=BASIS_TRAINING,
)
def training_hours_per_officer(period: Period, scope):
    officers = _officers_at_year_end(period, scope)
    attended = _attendances(period).filter(person__in=officers)
    counts = officer_counts(period, scope, "hours", "active")
    hours, count = counts["hours"], counts["active"]
    value = (Decimal(hours) / count).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if count else None
    # JSON has no Decimal: whole hours as an int, otherwise a float (the value itself stays a Decimal).
    total = int(hours) if hours == hours.to_integral_value() else float(hours)
    return Figure(
        value=value,
        numerator=total,
        denominator=count,
        numerator_records=attended,
        denominator_records=officers,
    )
