"""Filings in admin: filing an issued document (file_document), correcting what was filed (change_filing), the
Justice Bureau's result (record_filing_result) and the correction made (record_correction). Never deleted."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core import access

from .. import rules, selectors, services
from ..models import Filing
from .base import ReviewAdmin, changed_values, created, fresh, values

FILING_FIELDS = list(rules.FILED_FIELDS)
RESULT_FIELDS = list(rules.RESULT_FIELDS)


def file(*, actor, obj, form) -> None:
    data = values(form, ["document", "body", *FILING_FIELDS])
    data["body"] = data.get("body") or Filing.Body.GOVERNMENT
    created(obj, services.file_document(actor=actor, **data))


def change(*, actor, obj, form, changed) -> None:
    data = changed_values(form, FILING_FIELDS)
    if data:
        services.change_filing(actor=actor, filing=fresh(obj), **data)
    entered = form.cleaned_data
    if set(RESULT_FIELDS) & set(changed) and entered.get("result") != Filing.Result.PENDING:
        services.record_filing_result(
            actor=actor,
            filing=fresh(obj),
            result=entered["result"],
            result_on=entered["result_on"],
            correction_required=entered.get("correction_required") or "",
        )
    if "corrected_on" in changed and entered.get("corrected_on"):
        services.record_correction(actor=actor, filing=fresh(obj), corrected_on=entered["corrected_on"])


@admin.register(Filing)
class FilingAdmin(ReviewAdmin):
    ledger_code = "filings"
    actions = ["export_ledger"]
    list_display = [
        "document",
        "organization",
        "filed_on",
        "filed_with",
        "on_time",
        "complete",
        "result",
        "result_on",
        "correction_due_on",
        "corrected_on",
    ]
    list_filter = ["result", "filed_on", "filed_with"]
    search_fields = ["document__title", "document__number", "filed_with"]
    list_select_related = ["document__organization"]
    date_hierarchy = "filed_on"
    fields = [
        "document",
        "body",
        *FILING_FIELDS,
        "due_on",
        *RESULT_FIELDS,
        "correction_due_on",
        "correction_due_explanation",
        "corrected_on",
    ]
    create_service = staticmethod(file)
    update_service = staticmethod(change)
    may_delete = staticmethod(rules.may_delete_filing)
    fixed_fields = staticmethod(rules.fixed_filing_fields)

    @admin.display(description="制定机关")
    def organization(self, obj):
        return obj.document.organization

    @admin.display(description="按期报送", boolean=True)
    def on_time(self, obj):
        return obj.in_time

    @admin.display(description="材料齐全", boolean=True)
    def complete(self, obj):
        return obj.materials_complete

    def get_fields(self, request, obj=None):
        return ["document", "body", *FILING_FIELDS] if obj is None else self.fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "document":
            kwargs["queryset"] = selectors.documents_for(request.user, access.CHANGE).filter(
                requires_filing=True, published_on__isnull=False
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
