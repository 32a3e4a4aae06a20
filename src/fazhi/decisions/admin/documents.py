"""Admin of the decision file's documents: uploaded through services.attach_document, never changed or deleted."""

from __future__ import annotations

from django.contrib import admin

from .. import rules, services
from ..models import DecisionDocument
from .base import DecisionsAdmin, created, form_values


def _attach(*, actor, obj, form):
    created(obj, services.attach_document(actor=actor, **form_values(form)))


@admin.register(DecisionDocument)
class DecisionDocumentAdmin(DecisionsAdmin):
    create_service = _attach
    may_change = rules.may_change_document
    may_delete = rules.may_delete_document
    list_display = ["title", "decision", "procedure", "uploaded_by", "uploaded_at", "sha256"]
    list_filter = ["procedure", "uploaded_at"]
    search_fields = ["title", "decision__title", "sha256"]
    list_select_related = ["decision", "uploaded_by"]
    fields = [
        "decision",
        "procedure",
        "title",
        "file",
        "original_name",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = ["original_name", "sha256", "uploaded_by", "uploaded_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "title" in form.base_fields:
            form.base_fields["title"].required = False  # attach_document names it after the file
        return form
