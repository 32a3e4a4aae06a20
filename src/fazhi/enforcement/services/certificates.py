"""Every change to officers' certificates: exams, issue, cancellation (注销), reissue (补发换发) and annual reviews (审验);
keyword-only, actor first, one transaction, the rules of rules/certificates.py, the audit event."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core import workflow
from fazhi.core.models import Person, User

from ..models import Certificate, CertificateExam, CertificateReview, EnforcementBody
from ..rules import certificates as rules
from .evaluation import check_handled_files


def _require_authority(actor: User, what: str) -> None:
    if not rules.may_manage_certificates(actor):
        raise PermissionDenied(f"{what}由司法局（执法监督机构）办理。")


def record_exam(
    *, actor: User, person: Person, body: EnforcementBody, exam_on: dt.date, score: Decimal | int
) -> CertificateExam:
    """Record a candidate's exam; whether it passed follows from the configured pass mark."""
    _require_authority(actor, "录入行政执法资格考试成绩")
    score = Decimal(score)
    exam = CertificateExam(
        person=person, body=body, exam_on=exam_on, score=score, passed=rules.exam_passed(score)
    )
    return core_services.create_record(actor=actor, instance=exam)


def issue_certificate(
    *,
    actor: User,
    person: Person,
    body: EnforcementBody,
    number: str,
    issued_on: dt.date,
    valid_until: dt.date,
    kind: str = Certificate.Kind.ENFORCEMENT,
    areas: str = "",
) -> Certificate:
    """Issue a certificate to a person of the body's unit; a 行政执法证 needs a recent passed exam."""
    _require_authority(actor, "核发执法证件")
    with transaction.atomic():
        rules.validate_issue(body=body, person=person, kind=kind, issued_on=issued_on)
        certificate = Certificate(
            person=person,
            body=body,
            number=number,
            kind=kind,
            areas=areas,
            issued_on=issued_on,
            valid_until=valid_until,
        )
        return core_services.create_record(actor=actor, instance=certificate)


def cancel_certificate(
    *, actor: User, certificate: Certificate, reason: str, cancelled_on: dt.date | None, note: str = ""
) -> Certificate:
    """注销: the certificate stops being valid from the cancellation date, with its reason. Refused when the holder is
    recorded as handling an evaluated case file decided on or after that date without another valid certificate."""
    if reason == Certificate.CancelReason.REISSUE:
        raise ValidationError({"cancel_reason": "补发、换发请办理证件补发换发，原证随之注销。"})
    return _cancel(actor=actor, certificate=certificate, reason=reason, cancelled_on=cancelled_on, note=note)


def _cancel(*, actor: User, certificate: Certificate, reason: str, cancelled_on, note: str) -> Certificate:
    with transaction.atomic():
        workflow.run_transition(
            actor=actor,
            instance=certificate,
            name="cancel",
            reason=reason,
            cancelled_on=cancelled_on,
            detail=note,
        )
        check_handled_files(certificate.person, certificate.cancelled_on)
    return certificate


def reissue_certificate(
    *,
    actor: User,
    certificate: Certificate,
    number: str,
    issued_on: dt.date,
    valid_until: dt.date | None = None,
    areas: str | None = None,
    note: str = "",
) -> Certificate:
    """补发、换发: a new certificate replaces the old one, which is cancelled (reason 补发换发) on the new one's issue
    date; the new one keeps the holder, body and kind and points to the old one. No new exam is needed: the
    qualification carries over, but a certificate whose last review failed cannot be reissued."""
    _require_authority(actor, "补发、换发执法证件")
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if issued_on is None:
            raise ValidationError({"issued_on": "须填写新证的发证日期。"})
        refusal = rules.may_reissue(old, issued_on)
        if refusal:
            raise ValidationError(refusal)
        new = Certificate(
            person=old.person,
            body=old.body,
            number=(number or "").strip(),
            kind=old.kind,
            areas=old.areas if areas is None else areas,
            issued_on=issued_on,
            valid_until=valid_until or old.valid_until,
            replaces=old,
        )
        core_services.create_record(actor=actor, instance=new, note=f"补发换发，替代原证{old.number}")
        _cancel(
            actor=actor,
            certificate=old,
            reason=Certificate.CancelReason.REISSUE,
            cancelled_on=issued_on,
            note=note or f"补发换发为新证{new.number}",
        )
    certificate.refresh_from_db()
    return new


def record_review(
    *,
    actor: User,
    certificate: Certificate,
    year: int,
    reviewed_on: dt.date,
    passed: bool,
    reason: str = "",
) -> CertificateReview:
    """审验: a failed review suspends the certificate until a later passed review."""
    _require_authority(actor, "证件审验")
    review = CertificateReview(
        certificate=certificate, year=year, reviewed_on=reviewed_on, passed=passed, reason=reason
    )
    with transaction.atomic():
        core_services.create_record(actor=actor, instance=review)
        if not passed:
            check_handled_files(certificate.person, reviewed_on)
    return review


def update_certificate(
    *, actor: User, certificate: Certificate, areas: str | None = None, valid_until: dt.date | None = None
) -> Certificate:
    """Change a certificate's areas or validity; its holder, body, number, kind and dates of issue stay, and its
    state changes only by 注销 or 补发换发."""
    _require_authority(actor, "变更执法证件信息")
    data = {k: v for k, v in {"areas": areas, "valid_until": valid_until}.items() if v is not None}
    return core_services.update_record(actor=actor, instance=certificate, data=data)
