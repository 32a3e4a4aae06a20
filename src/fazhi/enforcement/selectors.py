"""Reads of enforcement bodies and certificates, always scoped through core.access: who may not enforce on a day,
certificates nearing expiry, and the 工作台 warning before a certificate expires."""

from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, QuerySet, Subquery

from fazhi.core import access
from fazhi.core.models import Person, User
from fazhi.core.workbench import WorkItem, level_for, provider

from .models import Certificate, CertificateExam, CertificateReview, EnforcementBody, EnforcementPower

EXPIRY_WARNING_DAYS = 60


def valid_on(certificates: QuerySet[Certificate], day: dt.date) -> QuerySet[Certificate]:
    """The certificates valid on `day`, in one query: the database form of rules.certificate_valid_on."""
    last_review = (
        CertificateReview.objects.filter(certificate=OuterRef("pk"), reviewed_on__lte=day)
        .order_by("-reviewed_on", "-pk")
        .values("passed")[:1]
    )
    return (
        certificates.filter(issued_on__lte=day, valid_until__gte=day)
        .filter(Q(status=Certificate.Status.VALID) | Q(cancelled_on__gt=day))
        .annotate(last_review_passed=Subquery(last_review))
        .filter(Q(last_review_passed__isnull=True) | Q(last_review_passed=True))
    )


def bodies_for(user: User, action: str = access.VIEW) -> QuerySet[EnforcementBody]:
    return access.scope(
        user, EnforcementBody.objects.select_related("organization", "supervision_organ"), action
    )


def powers_for(user: User) -> QuerySet[EnforcementPower]:
    return access.scope(user, EnforcementPower.objects.select_related("body"))


def certificates_for(user: User, action: str = access.VIEW) -> QuerySet[Certificate]:
    return access.scope(user, Certificate.objects.select_related("person", "body__organization"), action)


def exams_for(user: User) -> QuerySet[CertificateExam]:
    return access.scope(user, CertificateExam.objects.select_related("person", "body"))


def officers_without_valid_certificate(user: User, on: dt.date) -> QuerySet[Person]:
    """Who may not enforce on `on`: active people of the units of active enforcement bodies the user sees, holding no
    valid 行政执法证 that day (行政处罚法第四十二条)."""
    bodies = bodies_for(user).filter(status=EnforcementBody.Status.ACTIVE)
    holders = valid_on(Certificate.objects.filter(kind=Certificate.Kind.ENFORCEMENT), on).values("person_id")
    return (
        Person.objects.filter(is_active=True, organization__in=bodies.values("organization_id"))
        .exclude(pk__in=holders)
        .select_related("organization")
        .order_by("organization__path", "name", "pk")
    )


def certificates_expiring(
    user: User, on: dt.date, within_days: int = EXPIRY_WARNING_DAYS, action: str = access.VIEW
) -> QuerySet[Certificate]:
    """Certificates valid on `on` whose validity ends within `within_days` days (renewal must be applied for)."""
    mine = certificates_for(user, action).filter(valid_until__lte=on + dt.timedelta(days=within_days))
    return valid_on(mine, on).order_by("valid_until", "number")


@provider
def certificate_expiry_warnings(user: User, on: dt.date) -> list[WorkItem]:
    """A warning before a certificate expires, for its body's unit and the enforcement supervisors."""
    return [
        WorkItem(
            title=f"{c.get_kind_display()}{c.number}（{c.person.name}）将于{c.valid_until}到期",
            category="执法证件",
            level=level_for(c.valid_until, on, warn_days=EXPIRY_WARNING_DAYS),
            due=c.valid_until,
            unit=c.body.organization.name,
            detail=f"执法主体：{c.body.name}",
        )
        for c in certificates_expiring(user, on, action=access.CHANGE)
    ]


def reviews_for(user: User, certificate: Certificate) -> QuerySet[CertificateReview]:
    """A certificate's yearly reviews, for whoever may see the certificate."""
    visible = certificates_for(user).filter(pk=certificate.pk)
    return CertificateReview.objects.filter(certificate__in=visible).order_by("reviewed_on", "pk")


def public_officers(on: dt.date) -> QuerySet[Certificate]:
    """What the public sees without logging in: valid 行政执法证 of active bodies on the day (行政执法公示)."""
    return valid_on(
        Certificate.objects.filter(
            kind=Certificate.Kind.ENFORCEMENT, body__status=EnforcementBody.Status.ACTIVE
        ).select_related("person", "body__organization"),
        on,
    ).order_by("body__organization__path", "person__name", "number")


def public_bodies() -> QuerySet[EnforcementBody]:
    """The active bodies and their item lists, public without logging in."""
    return (
        EnforcementBody.objects.filter(status=EnforcementBody.Status.ACTIVE)
        .select_related("organization", "supervision_organ")
        .prefetch_related("powers")
    )
