"""Changes to review catalogs (合法性审查目录清单): a unit adopts its list of the kinds of matter it must have reviewed,
and records the matters it issues or signs with the legality review each went through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from ..models import LegalityReview, Matter, ReviewCatalog, ReviewCatalogEntry, SubjectKind


def adopt_catalog(
    *,
    actor: User,
    organization: Organization,
    title: str,
    adopted_on: dt.date,
    entries: Iterable[tuple[str, str]],
) -> ReviewCatalog:
    """A unit's catalog with its entries, each (subject_kind, description)."""
    entries = list(entries)
    if not entries:
        raise ValidationError({"entries": "目录清单至少应列明一类须经合法性审查的事项。"})
    with transaction.atomic():
        catalog = core_services.create_record(
            actor=actor,
            instance=ReviewCatalog(organization=organization, title=title.strip(), adopted_on=adopted_on),
        )
        for subject_kind, description in entries:
            core_services.create_record(
                actor=actor,
                instance=ReviewCatalogEntry(
                    catalog=catalog, subject_kind=subject_kind, description=description.strip()
                ),
            )
    return catalog


def register_matter(
    *,
    actor: User,
    organization: Organization,
    subject_kind: str,
    title: str,
    issued_on: dt.date,
    legality_review: LegalityReview | None = None,
) -> Matter:
    """A matter the unit issued or signed, with the review it went through (none: it was not reviewed). A matter
    issued before its review concluded is recorded as it happened; the execution rate does not count it as reviewed."""
    if subject_kind == SubjectKind.NORMATIVE_DOCUMENT:
        raise ValidationError(
            {"subject_kind": "行政规范性文件在规范性文件登记簿中登记、印发，按其记录统计，无须另行登记。"}
        )
    if legality_review is not None:
        access.check(actor, legality_review, access.VIEW)
        if legality_review.organization_id != organization.pk:
            raise ValidationError({"legality_review": "该审查的送审单位不是本单位。"})
        if legality_review.subject_kind != subject_kind:
            raise ValidationError(
                {
                    "legality_review": f"该审查的对象是{legality_review.get_subject_kind_display()}，与事项类别不一致。"
                }
            )
    return core_services.create_record(
        actor=actor,
        instance=Matter(
            organization=organization,
            subject_kind=subject_kind,
            title=title.strip(),
            issued_on=issued_on,
            legality_review=legality_review,
        ),
    )
