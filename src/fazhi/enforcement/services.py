"""Every change to enforcement bodies, item lists and certificates: keyword-only functions that check access and
the rules, save, and write the audit trail in one transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import services as core_services
from fazhi.core import workflow
from fazhi.core.models import Organization, Person, User

from . import rules
from .models import Certificate, CertificateExam, CertificateReview, EnforcementBody, EnforcementPower


def _require_authority(actor: User, what: str) -> None:
    if not rules.is_certificate_authority(None, actor):
        raise PermissionDenied(f"{what}由司法局（执法监督机构）办理。")


# Bodies and their item lists -----------------------------------------------------------------------------------


def register_body(
    *,
    actor: User,
    organization: Organization,
    name: str,
    legal_basis: str,
    supervision_organ: Organization | None = None,
) -> EnforcementBody:
    """Record a confirmed enforcement body (行政执法主体资格由司法行政部门审核确认并公告)."""
    _require_authority(actor, "确认行政执法主体")
    body = EnforcementBody(
        organization=organization, name=name, legal_basis=legal_basis, supervision_organ=supervision_organ
    )
    return core_services.create_record(actor=actor, instance=body)


def update_body(*, actor: User, body: EnforcementBody, **fields: Any) -> EnforcementBody:
    if "status" in fields or "organization" in fields:
        _require_authority(actor, "变更执法主体的所在单位或撤销执法主体")
    return core_services.update_record(actor=actor, instance=body, data=fields)


def add_power(
    *, actor: User, body: EnforcementBody, kind: str, name: str, legal_basis: str
) -> EnforcementPower:
    """An item of the body's 行政执法事项清单, entered by the body's own unit or the Justice Bureau."""
    if body.status != EnforcementBody.Status.ACTIVE:
        raise ValidationError(f"执法主体“{body}”已撤销，不能增加执法事项。")
    power = EnforcementPower(body=body, kind=kind, name=name, legal_basis=legal_basis)
    return core_services.create_record(actor=actor, instance=power)


# Exams and certificates ----------------------------------------------------------------------------------------


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
        if body.status != EnforcementBody.Status.ACTIVE:
            raise ValidationError({"body": f"执法主体“{body}”已撤销，不能核发证件。"})
        if not person.is_active:
            raise ValidationError({"person": f"{person}已不在职，不能核发证件。"})
        if kind == Certificate.Kind.ENFORCEMENT:
            if person.organization_id != body.organization_id:
                raise ValidationError({"person": f"{person}不是执法主体“{body}”所在单位的人员。"})
            if not rules.has_recent_passed_exam(person, issued_on):
                raise ValidationError(rules.passed_exam_required_message())
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
    from .evaluation_services import check_handled_files

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
    if certificate.cancelled_on is not None and certificate.cancelled_on <= reviewed_on:
        raise ValidationError(f"证件{certificate.number}已于{certificate.cancelled_on}注销，不能再审验。")
    if reviewed_on < certificate.issued_on:
        raise ValidationError({"reviewed_on": "审验日期不能早于发证日期。"})
    from .evaluation_services import check_handled_files

    review = CertificateReview(
        certificate=certificate, year=year, reviewed_on=reviewed_on, passed=passed, reason=reason
    )
    with transaction.atomic():
        core_services.create_record(actor=actor, instance=review)
        if not passed:
            check_handled_files(certificate.person, reviewed_on)
    return review
