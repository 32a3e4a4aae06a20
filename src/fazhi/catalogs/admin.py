"""The lists admin: items are added through the services and, once in a list, only removed (a date and a reason),
never rewritten or deleted, so every past day's list stays as it was."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.web.admin import ScopedAdmin

from . import services
from .models import ListItem, ServiceItem


class VersionedAdmin(ScopedAdmin):
    content_fields: list[str] = []
    list_filter = ["added_on", "removed_on"]
    search_fields = ["code", "name", "organization__name"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["removed_on", "removal_reason"]
        return ["code", "added_on", *self.content_fields] + (
            ["removed_on", "removal_reason"] if obj.removed_on else []
        )

    def has_delete_permission(self, request, obj=None):
        return False  # removed on a date, never deleted

    def save_model(self, request, obj, form, change):
        if change:
            services.remove(
                actor=request.user, item=obj, removed_on=obj.removed_on, reason=obj.removal_reason or ""
            )
        else:
            obj.pk = self.add(request, obj).pk


@admin.register(ListItem)
class ListItemAdmin(VersionedAdmin):
    content_fields = [
        "catalog",
        "name",
        "basis",
        "organization",
        "issuer",
        "verification",
        "false_commitment",
    ]
    list_display = ["code", "catalog", "name", "organization", "added_on", "removed_on"]
    list_filter = ["catalog", "added_on", "removed_on"]
    fields = [
        "catalog",
        "code",
        "name",
        "basis",
        "organization",
        "issuer",
        "verification",
        "false_commitment",
        "added_on",
        "removed_on",
        "removal_reason",
    ]

    def add(self, request, obj):
        return services.add_item(
            actor=request.user,
            catalog=obj.catalog,
            code=obj.code,
            name=obj.name,
            basis=obj.basis,
            organization=obj.organization,
            added_on=obj.added_on,
            issuer=obj.issuer,
            verification=obj.verification,
            false_commitment=obj.false_commitment,
        )


@admin.register(ServiceItem)
class ServiceItemAdmin(VersionedAdmin):
    ledger_code = "catalogs_service_items"
    content_fields = ["name", "organization", "mode", "time_limit_days"]
    list_display = ["code", "name", "organization", "mode", "time_limit_days", "added_on", "removed_on"]
    list_filter = ["mode", "added_on", "removed_on"]
    fields = [
        "code",
        "name",
        "organization",
        "mode",
        "time_limit_days",
        "added_on",
        "removed_on",
        "removal_reason",
    ]

    def add(self, request, obj):
        return services.add_service_item(
            actor=request.user,
            code=obj.code,
            name=obj.name,
            organization=obj.organization,
            mode=obj.mode,
            added_on=obj.added_on,
            time_limit_days=obj.time_limit_days,
        )
