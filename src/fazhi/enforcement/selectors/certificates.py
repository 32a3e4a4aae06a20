"""Reads of certificates, exams and reviews, scoped through core.access: who may not enforce on a day, certificates
nearing expiry, and what the public sees (行政执法公示)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import Person, User

from ..models import Certificate, CertificateExam, CertificateReview, EnforcementBody
from ..rules.certificates import valid_on
from .bodies import bodies_for

EXPIRY_WARNING_DAYS = 60


def certificates_for(user: User, action: str = access.VIEW) -> QuerySet[Certificate]:
    return access.scope(user, Certificate.objects.select_related("person", "body__organization"), action)


def district_officers(user: User) -> QuerySet[Person]:
    """The people of the user's district who hold or held a 行政执法证 (the choices for a case file's handling
    officers; whether one was valid on the decision date is the rule's, rules/certificates.validate_officers_certified)."""
    holders = Certificate.objects.filter(kind=Certificate.Kind.ENFORCEMENT).values("person_id")
    people = Person.objects.filter(pk__in=holders).select_related("organization")
    return access.in_district(user, people, "organization").order_by("organization__path", "name")


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
