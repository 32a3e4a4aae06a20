"""Normative documents in admin: registering (register_document), correcting the registration (change_document) and
deleting one registered in error (delete_document, only while nothing was done on it: validate_document_deletable).
Sending for review, numbering and issuing are done on the document's page; the number sequences are shown read-only."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import format_html

from fazhi.core.web.admin import SharedDataAdmin

from .. import rules, services
from ..models import DocumentNumberSequence, NormativeDocument
from .base import ReviewAdmin, changed_values, created, fresh, page_url, values

REGISTER_FIELDS = list(rules.REGISTER_FIELDS)
ISSUE_FIELDS = list(rules.ISSUE_FIELDS)


def register(*, actor, obj, form) -> None:
    created(obj, services.register_document(actor=actor, **values(form, REGISTER_FIELDS)))


def change(*, actor, obj, form, changed) -> None:
    data = changed_values(form, REGISTER_FIELDS)
    if data:
        services.change_document(actor=actor, document=fresh(obj), **data)


def delete(*, actor, obj) -> None:
    services.delete_document(actor=actor, document=obj)


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReviewAdmin):
    ledger_code = "normative_documents"
    actions = ["export_ledger"]
    list_display = [
        "number_label",
        "title",
        "organization",
        "status",
        "published_on",
        "expires_on",
        "filing_due_on",
        "filing_state",
        "enterprise_related",
    ]
    list_filter = ["status", "number_year", "requires_filing", "enterprise_related"]
    search_fields = ["title", "number", "organization__name"]
    list_select_related = ["organization"]
    fields = [*REGISTER_FIELDS, *ISSUE_FIELDS, "page"]
    always_readonly = ("page",)
    create_service = staticmethod(register)
    update_service = staticmethod(change)
    delete_service = staticmethod(delete)
    may_delete = staticmethod(rules.may_delete_document)
    fixed_fields = staticmethod(lambda user, document: rules.fixed_document_fields(document))

    @admin.display(description="办理")
    def page(self, obj):
        url = page_url("documents:detail", obj.pk) if obj.pk else ""
        return format_html('<a href="{}">在文件页面送审、统一编号印发、报送备案</a>', url) if url else "—"

    @admin.display(description="文号", ordering="number")
    def number_label(self, obj):
        return obj.number or "（印发时编号）"

    @admin.display(description="备案")
    def filing_state(self, obj):
        if not obj.requires_filing:
            return "无须备案"
        if not obj.published_on:
            return "—"
        return "已报送" if obj.filings.exists() else "未报送"

    def get_fields(self, request, obj=None):
        return REGISTER_FIELDS if obj is None else self.fields

    def delete_view(self, request, object_id, extra_context=None):
        """Refused by the rule, the refusal says why in the rule's words (the same message as the document's page)."""
        document = self.get_object(request, unquote(object_id))
        if document is not None:
            try:
                rules.validate_document_deletable(document)
            except ValidationError as exc:
                raise PermissionDenied("；".join(exc.messages)) from exc
        return super().delete_view(request, object_id, extra_context)


@admin.register(DocumentNumberSequence)
class DocumentNumberSequenceAdmin(SharedDataAdmin):
    """The numbering counters: moved only by issue_document, under a row lock; shown so numbering can be checked."""

    list_display = ["prefix", "year", "last_seq", "next_number"]
    list_filter = ["year"]
    search_fields = ["prefix"]

    @admin.display(description="下一个文号")
    def next_number(self, obj):
        return rules.format_number(prefix=obj.prefix, year=obj.year, seq=obj.last_seq + 1)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
