"""Changes to review catalogs (合法性审查目录清单): a unit adopts its list of the kinds of matter it must have reviewed,
and records the matters it issues or signs with the legality review each went through."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from .. import rules
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
    rules.validate_entries(entries)
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


def change_catalog(*, actor: User, catalog: ReviewCatalog, **data) -> ReviewCatalog:
    """Correct a catalog's title or adoption date (its unit is fixed; a revised list is adopted anew)."""
    with transaction.atomic():
        locked = ReviewCatalog.objects.select_for_update().get(pk=catalog.pk)
        access.check(actor, locked, access.CHANGE)
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        rules.validate_fixed(locked, rules.fixed_catalog_fields(locked), changed)
        if "title" in changed:
            changed["title"] = changed["title"].strip()
        core_services.update_record(actor=actor, instance=locked, data=changed)
    catalog.refresh_from_db()
    return catalog


def change_matter(*, actor: User, matter: Matter, **data) -> Matter:
    """Correct a matter's title or date (its unit, kind and review were checked when it was registered)."""
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        access.check(actor, locked, access.CHANGE)
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        rules.validate_fixed(locked, rules.fixed_matter_fields(locked), changed)
        core_services.update_record(actor=actor, instance=locked, data=changed)
    matter.refresh_from_db()
    return matter


def delete_matter(*, actor: User, matter: Matter) -> None:
    """Delete a matter registered in error (rules.may_delete_matter)."""
    with transaction.atomic():
        locked = Matter.objects.select_for_update().get(pk=matter.pk)
        if not rules.may_delete_matter(actor, locked):
            raise PermissionDenied(f"您无权删除“{locked}”。")
        core_services.delete_record(actor=actor, instance=locked)
