"""Clean-up campaigns in admin: opening one (create_campaign), adding a document examined (add_item), deciding its
outcome (decide_item), correcting either (change_campaign, change_item), removing an undecided item (delete_item)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db.models import Count, Q

from fazhi.core import access

from .. import rules, selectors, services
from ..models import CleanupCampaign, CleanupItem, NormativeDocument
from .base import ReadOnlyInline, ReviewAdmin, changed_values, created, fresh, values


class CleanupItemInline(ReadOnlyInline):
    model = CleanupItem
    fields = [
        "kind",
        "title",
        "document_number",
        "issuing_unit",
        "enterprise_related",
        "outcome",
        "decided_on",
    ]
    verbose_name_plural = "清理文件"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issuing_unit")


CAMPAIGN_FIELDS = ["name", "scope", "organization", "started_on", "ended_on"]


def create_campaign(*, actor, obj, form) -> None:
    created(obj, services.create_campaign(actor=actor, **values(form, CAMPAIGN_FIELDS)))


def change_campaign(*, actor, obj, form, changed) -> None:
    data = changed_values(form, ["name", "scope", "started_on", "ended_on"])
    if data:
        services.change_campaign(actor=actor, campaign=fresh(obj), **data)


@admin.register(CleanupCampaign)
class CleanupCampaignAdmin(ReviewAdmin):
    list_display = ["name", "organization", "started_on", "ended_on", "item_count", "decided_count"]
    list_filter = ["started_on"]
    search_fields = ["name", "scope"]
    list_select_related = ["organization"]
    date_hierarchy = "started_on"
    inlines = [CleanupItemInline]
    fields = CAMPAIGN_FIELDS
    create_service = staticmethod(create_campaign)
    update_service = staticmethod(change_campaign)
    may_delete = staticmethod(rules.may_delete_campaign)
    fixed_fields = staticmethod(lambda user, campaign: rules.fixed_campaign_fields(campaign))

    def get_queryset(self, request):
        # Units take part in the district's campaigns: each sees the campaigns in which it has documents examined.
        return selectors.campaigns_for(request.user).annotate(
            n_items=Count("items", distinct=True),
            n_decided=Count("items", filter=~Q(items__outcome=""), distinct=True),
        )

    @admin.display(description="文件数", ordering="n_items")
    def item_count(self, obj):
        return obj.n_items

    @admin.display(description="已确定结果", ordering="n_decided")
    def decided_count(self, obj):
        return obj.n_decided

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return selectors.campaigns_for(request.user).filter(pk=obj.pk).exists()
        return super().has_view_permission(request, obj)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []


class CleanupItemForm(forms.ModelForm):
    class Meta:
        model = CleanupItem
        fields = [
            "campaign",
            "document",
            "title",
            "document_number",
            "issuing_unit",
            "enterprise_related",
            "outcome",
            "reason",
            "decided_on",
        ]
        help_texts = {
            "document": "行政规范性文件从登记簿中选择（文件名称、文号、制定单位随之填入）；其他政策文件留空并填写下列各项。",
            "enterprise_related": "规范性文件未勾选的，按登记簿中的“涉企”。",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "issuing_unit"):
            if name in self.fields:
                self.fields[name].required = False  # taken from the register for a normative document

    def clean(self):
        data = super().clean()
        if "document" in self.fields and not data.get("document"):
            for name in ("title", "issuing_unit"):
                if not data.get(name):
                    self.add_error(name, "其他政策文件须填写文件名称和制定单位；规范性文件请从登记簿中选择。")
        return data


ITEM_DECISION = list(rules.ITEM_DECISION_FIELDS)


def add_item(*, actor, obj, form) -> None:
    data = form.cleaned_data
    document = data.get("document")
    item = services.add_item(
        actor=actor,
        campaign=data["campaign"],
        document=document,
        title=data.get("title") or "",
        document_number=data.get("document_number") or "",
        issuing_unit=data.get("issuing_unit"),
        enterprise_related=(True if data.get("enterprise_related") else None)
        if document is not None
        else bool(data.get("enterprise_related")),
    )
    created(obj, item)


def change_item(*, actor, obj, form, changed) -> None:
    data = changed_values(form, ["title", "document_number", "enterprise_related"])
    if data:
        services.change_item(actor=actor, item=fresh(obj), **data)
    entered = form.cleaned_data
    if set(ITEM_DECISION) & set(changed) and entered.get("outcome"):
        services.decide_item(
            actor=actor,
            item=fresh(obj),
            outcome=entered["outcome"],
            reason=entered.get("reason") or "",
            decided_on=entered["decided_on"],
        )


def delete_item(*, actor, obj) -> None:
    services.delete_item(actor=actor, item=obj)


@admin.register(CleanupItem)
class CleanupItemAdmin(ReviewAdmin):
    ledger_code = "cleanup_items"
    actions = ["export_ledger"]
    form = CleanupItemForm
    list_display = [
        "title",
        "document_number",
        "kind",
        "campaign",
        "issuing_unit",
        "enterprise_related",
        "outcome",
        "decided_on",
    ]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter), "kind", "outcome", "enterprise_related"]
    search_fields = ["title", "document_number", "reason", "issuing_unit__name"]
    list_select_related = ["campaign", "issuing_unit"]
    fields = [
        "campaign",
        "kind",
        "document",
        "title",
        "document_number",
        "issuing_unit",
        "enterprise_related",
        *ITEM_DECISION,
    ]
    create_service = staticmethod(add_item)
    update_service = staticmethod(change_item)
    delete_service = staticmethod(delete_item)
    may_delete = staticmethod(rules.may_delete_item)
    fixed_fields = staticmethod(lambda user, item: rules.fixed_item_fields(item))

    def get_fields(self, request, obj=None):
        return [f for f in self.fields if f not in ("kind", *ITEM_DECISION)] if obj is None else self.fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "campaign":
            # A unit adds its own documents to the district's campaign.
            kwargs["queryset"] = access.in_district(
                request.user, CleanupCampaign.objects.all()
            ).select_related("organization")
        if db_field.name == "document":
            kwargs["queryset"] = selectors.documents_for(request.user).filter(
                status=NormativeDocument.Status.VALID
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
