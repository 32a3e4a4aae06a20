"""The enforcement demo records in 澄湖区: created once, with bodies with and without a supervision organ, a pass rate
below 100%, certificates expiring, cancelled on retirement and suspended by a failed review."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from fazhi.core import audit
from fazhi.core.models import User
from fazhi.enforcement import selectors
from fazhi.enforcement.models import (
    Certificate,
    CertificateExam,
    CertificateReview,
    EnforcementBody,
    EnforcementPower,
)

TODAY = dt.date(2026, 11, 26)
MODELS = [EnforcementBody, EnforcementPower, CertificateExam, Certificate, CertificateReview]


@pytest.fixture
def demo(db, monkeypatch):
    real = timezone.localdate
    monkeypatch.setattr(
        "django.utils.timezone.localdate",
        lambda value=None, timezone=None: real(value, timezone) if value is not None else TODAY,
    )
    call_command("demo", stdout=StringIO())


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
