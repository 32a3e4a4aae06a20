"""Admin of the decision catalogs and their items: compiled through the catalog services; approval and
publication are transitions, not edits."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core import access

from .. import rules, services
from ..models import CatalogItem, DecisionCatalog
from .base import DecisionsAdmin, created, form_values


def _create_catalog(*, actor, obj, form):
    created(obj, services.create_catalog(actor=actor, **form_values(form)))


def _update_catalog(*, actor, obj, form, changed):
    services.update_catalog(actor=actor, catalog=obj, **form_values(form, changed))


def _add_item(*, actor, obj, form):
    created(obj, services.add_catalog_item(actor=actor, **form_values(form)))


def _update_item(*, actor, obj, form, changed):
    services.update_catalog_item(actor=actor, item=obj, **form_values(form, changed))


@admin.register(DecisionCatalog)
class DecisionCatalogAdmin(DecisionsAdmin):
    create_service = _create_catalog
    update_service = _update_catalog
    list_display = ["year", "title", "organization", "status", "approved_on", "published_on", "item_count"]
    list_filter = ["status", "year"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization"]
    fields = [
        "year",
        "organization",
        "title",
        "status",
        "approved_on",
        "approved_by_meeting",
        "published_on",
        "publication_channel",
    ]
    # Approval and publication are transitions (services.approve_catalog / publish_catalog), not edits.
    readonly_fields = ["status", "approved_on", "approved_by_meeting", "published_on", "publication_channel"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not rules.may_change_catalog(request.user, obj):
            return ["year", "organization", "title", *self.readonly_fields]
        return self.readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items")

    @admin.display(description="事项数")
    def item_count(self, obj):
        return len(obj.items.all())


@admin.register(CatalogItem)
class CatalogItemAdmin(DecisionsAdmin):
    create_service = _add_item
    update_service = _update_item
    ledger_code = "decision_catalog_items"
    actions = ["export_ledger"]
    list_display = [
        "title",
        "catalog",
        "lead_unit",
        "planned_time",
        "planned_by",
        "sort_order",
        "catalog_status",
    ]
    list_filter = ["catalog__year", "catalog__status"]
    search_fields = ["title", "lead_unit__name", "catalog__title"]
    list_select_related = ["catalog", "lead_unit"]

    @admin.display(description="目录状态")
    def catalog_status(self, obj):
        return obj.catalog.get_status_display()

    def has_change_permission(self, request, obj=None):
        if obj is not None and not rules.may_change_catalog_item(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "catalog":
            drafts = DecisionCatalog.objects.filter(status=DecisionCatalog.Status.DRAFT)
            kwargs["queryset"] = access.scope(request.user, drafts, access.CHANGE)
        if db_field.name == "lead_unit":
            return self.units_to_refer_to(
                db_field, request, access.organizations(request.user, access.VIEW), **kwargs
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
