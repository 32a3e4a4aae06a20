"""Admin of the rectification ledger: items are opened from their source record and moved on their page; here they
are listed, their measures changed (services.update_plan) and overdue ones escalated (services.escalate)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from .. import services
from ..models import RectificationItem
from .base import OversightAdmin


def update_item(*, actor, obj, form, changed) -> None:
    if "measures" in changed:
        current = RectificationItem.objects.get(pk=obj.pk)
        services.update_plan(actor=actor, item=current, measures=form.cleaned_data["measures"])


@admin.register(RectificationItem)
class RectificationItemAdmin(OversightAdmin):
    ledger_code = "oversight_items"
    update_service = update_item
    list_display = ["__str__", "source_kind", "organization", "deadline", "status", "escalated_on"]
    list_filter = ["status", "source_kind", "escalated_on"]
    search_fields = ["measures", "organization__name"]
    list_select_related = ["organization"]
    fields = [
        "source_kind",
        "organization",
        "opened_on",
        "deadline",
        "deadline_explanation",
        "measures",
        "status",
        "rectification",
        "rectified_on",
        "signed_off_on",
        "signed_off_by",
        "checked_on",
        "check_note",
        "reopen_count",
        "escalated_on",
    ]
    actions = ["export_ledger", "escalate_overdue"]

    def get_readonly_fields(self, request, obj=None):
        return [f for f in self.fields if f != "measures"]

    @admin.action(description="挂牌督办所选中逾期超过期限的事项")
    def escalate_overdue(self, request, queryset):
        done = 0
        for item in queryset:
            try:
                services.escalate(actor=request.user, item=item)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(
                    request, f"{item}：{'；'.join(getattr(exc, 'messages', [str(exc)]))}", messages.WARNING
                )
        self.message_user(request, f"已挂牌督办{done}项。")
