"""The lists admin: items are added through the services and, once in a list, only removed (a date and a reason)
through the removal service; what may no longer change and that nothing is deleted are rules (rules/lists.py)."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.web.admin import ServiceAdmin

from .. import services
from ..models import ListItem, ServiceItem
from ..rules import lists as rules


def _remove(*, actor, obj, form, changed) -> None:
    services.remove(actor=actor, item=obj, removed_on=obj.removed_on, reason=obj.removal_reason or "")


def _add_item(*, actor, obj, form) -> None:
    values = {f: getattr(obj, f) for f in ListItem.CONTENT_FIELDS}
    obj.pk = services.add_item(
        actor=actor, catalog=obj.catalog, code=obj.code, added_on=obj.added_on, **values
    ).pk


def _add_service_item(*, actor, obj, form) -> None:
    values = {f: getattr(obj, f) for f in ServiceItem.CONTENT_FIELDS}
    obj.pk = services.add_service_item(actor=actor, code=obj.code, added_on=obj.added_on, **values).pk


class VersionedAdmin(ServiceAdmin):
    list_filter = ["added_on", "removed_on"]
    search_fields = ["code", "name", "organization__name"]
    update_service = staticmethod(_remove)
    may_delete = staticmethod(rules.may_delete_item)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "organization" and field is not None:
            # offered: the units that can implement an item; any other sent is refused by the rule's message
            offered = field.queryset.filter(kind__in=rules.IMPLEMENTING_KINDS)
            field.widget.choices = [("", field.empty_label or "")] + [(o.pk, str(o)) for o in offered]
        return field

    def get_fields(self, request, obj=None):
        return self.model.record_fields()

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["removed_on", "removal_reason"]  # an item is listed first, removed later
        return rules.frozen_fields(self.model.KEY_FIELDS, self.model.CONTENT_FIELDS, obj)


@admin.register(ListItem)
class ListItemAdmin(VersionedAdmin):
    list_display = ["code", "catalog", "name", "organization", "added_on", "removed_on"]
    list_filter = ["catalog", "added_on", "removed_on"]
    create_service = staticmethod(_add_item)


@admin.register(ServiceItem)
class ServiceItemAdmin(VersionedAdmin):
    ledger_code = "catalogs_service_items"
    list_display = ["code", "name", "organization", "mode", "time_limit_days", "added_on", "removed_on"]
    list_filter = ["mode", "added_on", "removed_on"]
    create_service = staticmethod(_add_service_item)
