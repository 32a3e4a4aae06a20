"""The admin of the enforcement workstream: bodies, item lists, exams, certificates and reviews. Lists are scoped by
core.access, every save goes through the enforcement services (so their rules and the audit trail hold here too),
and what only a service or a transition sets (a certificate's state and cancellation, an exam's result) is
read-only."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from unfold.admin import TabularInline

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.admin import ScopedAdmin
from fazhi.core.models import Organization

from . import rules, services
from .models import Certificate, CertificateExam, CertificateReview, EnforcementBody, EnforcementPower


def _values(form, names) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def _created(obj, created) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = created.pk
    obj._state.adding = False


def _changed(obj, form, names) -> tuple[object, dict]:
    """A fresh copy of the record and the form's changes of `names`: the admin's object may be half-changed."""
    current = type(obj)._default_manager.get(pk=obj.pk)
    return current, _values(form, [n for n in names if n in form.changed_data])


class EnforcementAdmin(ScopedAdmin):
    """ScopedAdmin whose choices of related records are scoped too; records are removed by a service, not here."""

    actions = []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if db_field.name == "supervision_organ":
            kwargs["queryset"] = access.scope(request.user, Organization.objects.all())
        elif related is not Organization and access.is_unit_scoped(related):
            kwargs["queryset"] = access.scope(request.user, related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EnforcementBody)
class EnforcementBodyAdmin(EnforcementAdmin):
    list_display = ["name", "organization", "supervision_organ", "status"]
    list_filter = ["status"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization", "supervision_organ"]
    fields = ["organization", "name", "legal_basis", "supervision_organ", "status"]

    def get_readonly_fields(self, request, obj=None):
        return ["status"] if obj is None else []

    def save_model(self, request, obj, form, change):
        if change:
            current, data = _changed(obj, form, self.fields)
            if data:
                services.update_body(actor=request.user, body=current, **data)
            return
        names = ["organization", "name", "legal_basis", "supervision_organ"]
        _created(obj, services.register_body(actor=request.user, **_values(form, names)))


@admin.register(EnforcementPower)
class EnforcementPowerAdmin(EnforcementAdmin):
    list_display = ["name", "kind", "body"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_basis", "body__name"]
    list_select_related = ["body"]
    fields = ["body", "kind", "name", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):
        return ["body"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            current, data = _changed(obj, form, ["kind", "name", "legal_basis"])
            if data:
                core_services.update_record(actor=request.user, instance=current, data=data)
            return
        _created(obj, services.add_power(actor=request.user, **_values(form, self.fields)))


@admin.register(CertificateExam)
class CertificateExamAdmin(EnforcementAdmin):
    """An exam is recorded once; its result follows from the pass mark."""

    list_display = ["person", "body", "exam_on", "score", "passed"]
    list_filter = ["passed", "exam_on"]
    search_fields = ["person__name", "body__name"]
    list_select_related = ["person", "body"]
    fields = ["person", "body", "exam_on", "score", "passed"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else ["passed"]

    def save_model(self, request, obj, form, change):
        if not change:
            names = ["person", "body", "exam_on", "score"]
            _created(obj, services.record_exam(actor=request.user, **_values(form, names)))


class ReviewInline(TabularInline):
    model = CertificateReview
    fields = ["year", "reviewed_on", "passed", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "审验记录"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(EnforcementAdmin):
    list_display = ["number", "kind", "person", "body", "issued_on", "valid_until", "status", "cancel_reason"]
    list_filter = ["kind", "status", "cancel_reason"]
    search_fields = ["number", "person__name", "body__name"]
    list_select_related = ["person", "body"]
    fields = [
        "person",
        "body",
        "number",
        "kind",
        "areas",
        "issued_on",
        "valid_until",
        "status",
        "cancel_reason",
        "cancel_note",
        "cancelled_on",
    ]
    inlines = [ReviewInline]
    STATE = ["status", "cancel_reason", "cancel_note", "cancelled_on"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return self.STATE
        return ["person", "body", "number", "kind", "issued_on", *self.STATE]

    def save_model(self, request, obj, form, change):
        if change:
            current, data = _changed(obj, form, ["areas", "valid_until"])
            if data:
                if not rules.is_certificate_authority(current, request.user):
                    raise PermissionDenied("执法证件信息由司法局（执法监督机构）变更。")
                core_services.update_record(actor=request.user, instance=current, data=data)
            return
        names = ["person", "body", "number", "kind", "areas", "issued_on", "valid_until"]
        _created(obj, services.issue_certificate(actor=request.user, **_values(form, names)))


@admin.register(CertificateReview)
class CertificateReviewAdmin(EnforcementAdmin):
    """A review is recorded once; a failed one is lifted by a later passed review, not by editing it."""

    list_display = ["certificate", "year", "reviewed_on", "passed", "reason"]
    list_filter = ["passed", "year"]
    search_fields = ["certificate__number", "certificate__person__name"]
    list_select_related = ["certificate__person"]
    fields = ["certificate", "year", "reviewed_on", "passed", "reason"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            _created(obj, services.record_review(actor=request.user, **_values(form, self.fields)))
