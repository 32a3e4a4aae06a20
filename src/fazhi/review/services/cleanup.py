"""Changes to clean-up campaigns (清理): opening a campaign, adding the documents examined, and deciding each one's
outcome; for a registered normative document the outcome moves the document itself (废止, 宣布失效, 修改)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core import access, workflow
from fazhi.core import services as core_services
from fazhi.core.models import Organization, User

from ..models import CleanupCampaign, CleanupItem, NormativeDocument

DOCUMENT_TRANSITION = {
    CleanupItem.Outcome.REPEAL: "repeal",
    CleanupItem.Outcome.DECLARE_INVALID: "expire",
    CleanupItem.Outcome.AMEND: "amend",
}


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
    if ended_on is not None and ended_on < started_on:
        raise ValidationError({"ended_on": "结束日期不能早于开始日期。"})
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
            if document.status != NormativeDocument.Status.VALID:
                raise ValidationError(
                    {"document": f"“{document}”{document.get_status_display()}，只能清理有效的规范性文件。"}
                )
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
        if item.issuing_unit.root_code != campaign.organization.root_code:
            raise ValidationError({"issuing_unit": f"“{item.issuing_unit}”不在“{campaign}”的清理范围内。"})
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
        if locked.outcome:
            raise ValidationError(f"“{locked}”已确定清理结果（{locked.get_outcome_display()}）。")
        if decided_on < locked.campaign.started_on:
            raise ValidationError({"decided_on": "确定日期不能早于清理开始日期。"})
        document = locked.document
        if document is not None:
            if document.status != NormativeDocument.Status.VALID:
                raise ValidationError(f"“{document}”已{document.get_status_display()}，不能再确定清理结果。")
            if decided_on < document.published_on:
                raise ValidationError({"decided_on": "确定日期不能早于文件公布日期。"})
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
