"""Certificate reissue (补发、换发): a new certificate replaces the old one, which is cancelled with reason 补发换发 on
the new one's issue date; both are linked, the transition is audited, and what may not be reissued is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core.models import AuditEvent
from fazhi.enforcement import services
from fazhi.enforcement.models import Certificate
from fazhi.indicators.registry import Period, evaluate

D = dt.date


def test_reissue_cancels_the_old_certificate_and_links_the_new_one(users, certificate, officer, body):
    new = services.reissue_certificate(
        actor=users.justice,
        certificate=certificate,
        number="64030099",
        issued_on=D(2025, 6, 30),
        valid_until=D(2030, 6, 29),
        note="原证遗失补发",
    )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.CANCELLED
    assert (certificate.cancel_reason, certificate.cancelled_on) == ("reissue", D(2025, 6, 30))
    assert certificate.cancel_note == "原证遗失补发"
    assert new.replaces == certificate and certificate.replaced_by == new
    assert (new.person, new.body, new.kind, new.status) == (officer, body, "enforcement", "valid")
    assert (new.issued_on, new.valid_until) == (D(2025, 6, 30), D(2030, 6, 29))
    transition = AuditEvent.objects.get(action="transition", object_id=str(certificate.pk))
    assert transition.changes["status"] == ["valid", "cancelled"]
    created = AuditEvent.objects.get(
        action="create", model_label="enforcement.certificate", object_id=str(new.pk)
    )
    assert created.note == "补发换发，替代原证64030001"


def test_reissue_keeps_the_old_validity_end_unless_given(users, certificate):
    new = services.reissue_certificate(
        actor=users.justice, certificate=certificate, number="X2", issued_on=D(2026, 1, 5)
    )
    assert new.valid_until == D(2029, 2, 28)


def test_a_cancelled_certificate_cannot_be_reissued(users, certificate):
    services.cancel_certificate(
        actor=users.justice, certificate=certificate, reason="retirement", cancelled_on=D(2025, 6, 30)
    )
    with pytest.raises(ValidationError, match="证件64030001已注销，不能补发或换发"):
        services.reissue_certificate(
            actor=users.justice, certificate=certificate, number="X2", issued_on=D(2025, 7, 1)
        )
    assert Certificate.objects.count() == 1


def test_a_reissue_does_not_lift_a_failed_review(users, certificate):
    services.record_review(
        actor=users.justice,
        certificate=certificate,
        year=2024,
        reviewed_on=D(2025, 3, 1),
        passed=False,
        reason="缺学时",
    )
    with pytest.raises(ValidationError, match="最近一次审验不合格"):
        services.reissue_certificate(
            actor=users.justice, certificate=certificate, number="X2", issued_on=D(2025, 4, 1)
        )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_reissue_reason_is_not_available_to_a_plain_cancellation(users, certificate):
    with pytest.raises(ValidationError, match="补发、换发请办理证件补发换发"):
        services.cancel_certificate(
            actor=users.justice, certificate=certificate, reason="reissue", cancelled_on=D(2025, 6, 30)
        )


def test_only_the_certificate_authority_reissues(users, certificate, team_clerk):
    with pytest.raises(PermissionDenied, match="补发、换发执法证件由司法局"):
        services.reissue_certificate(
            actor=team_clerk, certificate=certificate, number="X2", issued_on=D(2025, 4, 1)
        )
    assert Certificate.objects.count() == 1


def test_a_duplicate_new_number_changes_nothing(users, certificate):
    with pytest.raises(ValidationError):
        services.reissue_certificate(
            actor=users.justice, certificate=certificate, number="64030001", issued_on=D(2025, 4, 1)
        )
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID


def test_reissued_certificates_are_counted_in_the_year_of_the_new_certificate(users, certificate):
    services.reissue_certificate(
        actor=users.justice, certificate=certificate, number="X2", issued_on=D(2025, 4, 1)
    )
    assert evaluate("enforcement.certificates.reissued", Period.year(2025)).figure.value == 1
    assert evaluate("enforcement.certificates.reissued", Period.year(2024)).figure.value == 0
