"""Changes to clean-up campaigns (清理): opening a campaign, adding the documents examined, and deciding each one's
outcome; for a registered normative document the outcome moves the document itself (废止, 宣布失效, 修改)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from fazhi.core import access, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from .. import rules
from ..models import CleanupCampaign, CleanupItem, NormativeDocument

DOCUMENT_TRANSITION = rules.DOCUMENT_TRANSITION


def create_campaign(
    *,
    actor: User,
    name: str,
    scope: str,
    organization: Organization,
    started_on: dt.date,
    ended_on: dt.date | None = None,
) -> CleanupCampaign:
    """Open a campaign with its scope, e.g. documents that treat enterprises unequally."""
    return core_services.create_record(
        actor=actor,
        instance=CleanupCampaign(
            name=name, scope=scope, organization=organization, started_on=started_on, ended_on=ended_on
        ),
    )


def add_item(
    *,
    actor: User,
    campaign: CleanupCampaign,
    document: NormativeDocument | None = None,
    title: str = "",
    document_number: str = "",
    issuing_unit: Organization | None = None,
    enterprise_related: bool | None = None,
) -> CleanupItem:
    """A document examined: a normative document chosen from the register (title, number and unit come from it),
    or another policy document described by title, number and issuing unit. Each unit adds its own documents."""
    with transaction.atomic():
        if document is not None:
            document = NormativeDocument.objects.get(pk=document.pk)
            access.check(actor, document, access.VIEW)
            rules.validate_examinable(document)
            if campaign.items.filter(document=document).exists():
                raise ValidationError({"document": f"“{document}”已列入本次清理。"})
            item = CleanupItem(
                campaign=campaign,
                kind=CleanupItem.Kind.NORMATIVE,
                document=document,
                title=document.title,
                document_number=document.number,
                issuing_unit=document.organization,
                enterprise_related=(
                    document.enterprise_related if enterprise_related is None else enterprise_related
                ),
            )
        else:
            if not title.strip():
                raise ValidationError({"title": "请填写文件名称。"})
            if issuing_unit is None:
                raise ValidationError({"issuing_unit": "请选择制定单位。"})
            item = CleanupItem(
                campaign=campaign,
                kind=CleanupItem.Kind.POLICY,
                title=title.strip(),
                document_number=document_number.strip(),
                issuing_unit=issuing_unit,
                enterprise_related=bool(enterprise_related),
            )
        rules.validate_same_district(item, campaign)
        return core_services.create_record(actor=actor, instance=item, note=f"列入清理：{campaign}")


def decide_item(
    *, actor: User, item: CleanupItem, outcome: str, reason: str = "", decided_on: dt.date
) -> CleanupItem:
    """The outcome of one document (保留 / 修改 / 废止 / 宣布失效) with its reason; a registered normative document
    is repealed, declared invalid or marked amended by its own transition, in the same transaction."""
    if outcome not in CleanupItem.Outcome.values:
        raise ValidationError({"outcome": f"清理结果应为：{'、'.join(CleanupItem.Outcome.labels)}。"})
    with transaction.atomic():
        locked = CleanupItem.objects.select_for_update().get(pk=item.pk)
        access.check(actor, locked, access.CHANGE)
        rules.validate_undecided(locked)
        document = locked.document
        if document is not None:
            rules.validate_document_still_valid(document)
        rules.validate_decision_dates(locked, decided_on)
        core_services.update_record(
            actor=actor,
            instance=locked,
            data={"outcome": outcome, "reason": reason.strip(), "decided_on": decided_on},
        )
        transition = DOCUMENT_TRANSITION.get(outcome)
        if document is not None and transition:
            workflow.run_transition(
                actor=actor,
                instance=document,
                name=transition,
                note=f"{locked.campaign}：{CleanupItem.Outcome(outcome).label}。{reason.strip()}",
            )
    item.refresh_from_db()
    return item


def change_campaign(*, actor: User, campaign: CleanupCampaign, **data) -> CleanupCampaign:
    """Correct a campaign's name, scope or dates (its organizing unit is fixed)."""
    with transaction.atomic():
        locked = CleanupCampaign.objects.select_for_update().get(pk=campaign.pk)
        access.check(actor, locked, access.CHANGE)
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        rules.validate_fixed(locked, rules.fixed_campaign_fields(locked), changed)
        core_services.update_record(actor=actor, instance=locked, data=changed)
    campaign.refresh_from_db()
    return campaign


def change_item(*, actor: User, item: CleanupItem, **data) -> CleanupItem:
    """Correct a document examined (what rules.cleanup leaves open); its outcome is decided by decide_item."""
    with transaction.atomic():
        locked = CleanupItem.objects.select_for_update().get(pk=item.pk)
        access.check(actor, locked, access.CHANGE)
        changed = {k: v for k, v in data.items() if getattr(locked, k) != v}
        rules.validate_item_change(locked, changed)
        core_services.update_record(actor=actor, instance=locked, data=changed)
    item.refresh_from_db()
    return item


def delete_item(*, actor: User, item: CleanupItem) -> None:
    """Remove a document listed in error: only while its outcome is undecided (rules.may_delete_item)."""
    with transaction.atomic():
        locked = CleanupItem.objects.select_for_update().get(pk=item.pk)
        if not rules.may_delete_item(actor, locked):
            raise PermissionDenied(f"“{locked}”已确定清理结果，不能删除。")
        core_services.delete_record(actor=actor, instance=locked, note=f"移出清理：{locked.campaign}")
