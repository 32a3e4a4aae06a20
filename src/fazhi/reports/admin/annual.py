"""Admin of the annual report: a unit's report text per year, saved and reset through the service (audited, and
refused once the report is issued); issued reports read-only. Rendering jobs are core.Job, in core's admin."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.web.admin import ServiceAdmin

from ..models import IssuedReport, ReportTemplate
from ..services import annual as services


def _save_template(*, actor, obj, form, changed=None) -> None:
    saved = services.save_template(actor=actor, organization=obj.organization, year=obj.year, text=obj.text)
    obj.pk = saved.pk
    obj._state.adding = False


def _reset_template(*, actor, obj) -> None:
    services.reset_template(actor=actor, template=obj)


@admin.register(ReportTemplate)
class ReportTemplateAdmin(ServiceAdmin):
    list_display = ["organization", "year", "updated_at"]
    list_filter = ["year"]
    fields = ["organization", "year", "text"]
    actions = []
    create_service = _save_template
    update_service = _save_template
    delete_service = _reset_template

    def get_readonly_fields(self, request, obj=None):
        return ["organization", "year"] if obj else []


@admin.register(IssuedReport)
class IssuedReportAdmin(ServiceAdmin):
    """An issued report is never changed or deleted: no service is named, so every field is read-only."""

    list_display = ["title", "organization", "year", "issued_on", "issued_by", "sha256"]
    list_filter = ["year"]
    exclude = ["content"]
    readonly_fields = ["title", "organization", "year", "issued_on", "issued_by", "sha256"]
    actions = []
