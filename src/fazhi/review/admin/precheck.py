"""The pre-check rules in admin: rules added to the shipped ones (precheck_rules.json), installation-wide data that
system administrators change (SharedDataAdmin); the model's clean checks both regular expressions."""

from __future__ import annotations

from django.contrib import admin, messages

from fazhi.core import services as core_services
from fazhi.core.web.admin import SharedDataAdmin

from ..models import PrecheckRule


@admin.register(PrecheckRule)
class PrecheckRuleAdmin(SharedDataAdmin):
    """Rules added to the shipped pre-check rules; the model's clean checks both regular expressions."""

    actions = ["enable", "disable"]
    list_display = ["code", "name", "category", "severity", "enabled", "basis"]
    list_filter = ["category", "severity", "enabled"]
    search_fields = ["code", "name", "pattern", "basis", "explanation"]
    fields = [
        "code",
        "name",
        "category",
        "pattern",
        "exclude_pattern",
        "basis",
        "explanation",
        "severity",
        "enabled",
    ]

    def _set_enabled(self, request, queryset, enabled: bool) -> None:
        changed = 0
        for rule in queryset.exclude(enabled=enabled):
            core_services.update_record(actor=request.user, instance=rule, data={"enabled": enabled})
            changed += 1
        self.message_user(request, f"已{'启用' if enabled else '停用'}{changed}条规则。", messages.SUCCESS)

    @admin.action(description="启用所选规则", permissions=["change"])
    def enable(self, request, queryset):
        self._set_enabled(request, queryset, True)

    @admin.action(description="停用所选规则", permissions=["change"])
    def disable(self, request, queryset):
        self._set_enabled(request, queryset, False)
