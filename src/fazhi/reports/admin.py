"""The admin of the reports app: a unit's report text per year (saved through the service, so it is audited and
refused once the report is issued), issued reports read-only (rendering jobs are core.Job, in core's admin)."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.web.admin import ScopedAdmin

from . import services
from .models import IssuedReport, ReportTemplate


@admin.register(ReportTemplate)
class ReportTemplateAdmin(ScopedAdmin):
    list_display = ["organization", "year", "updated_at"]
    list_filter = ["year"]
    fields = ["organization", "year", "text"]
    actions = []

    def get_readonly_fields(self, request, obj=None):
        return ["organization", "year"] if obj else []

    def save_model(self, request, obj, form, change):
        saved = services.save_template(
            actor=request.user, organization=obj.organization, year=obj.year, text=obj.text
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.reset_template(actor=request.user, template=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.reset_template(actor=request.user, template=obj)


class ReadOnlyAdmin(ScopedAdmin):
    actions = []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssuedReport)
class IssuedReportAdmin(ReadOnlyAdmin):
    list_display = ["title", "organization", "year", "issued_on", "issued_by", "sha256"]
    list_filter = ["year"]
    exclude = ["content"]
    readonly_fields = ["title", "organization", "year", "issued_on", "issued_by", "sha256"]
