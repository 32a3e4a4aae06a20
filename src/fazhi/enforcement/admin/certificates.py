"""The admin of the enforcement workstream: bodies, item lists, exams, certificates and reviews, training sessions and
attendance, and supervision clues with their steps. Lists are scoped by core.access, every save goes through the
enforcement services (so their rules and the audit trail hold here too), and what only a service or a transition sets
(a certificate's state and cancellation, an exam's result, a clue's deadline and state) is read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from unfold.admin import TabularInline

from fazhi.core import access

from .. import origins, selectors, services
from ..models import (
    Certificate,
    CertificateExam,
    CertificateReview,
    ClueStep,
    EnforcementBody,
    EnforcementPower,
    SupervisionClue,
    TrainingAttendance,
    TrainingSession,
)
from ..rules import clues as clue_rules
from .base import EnforcementAdmin, creating, updating


@admin.register(EnforcementBody)
class EnforcementBodyAdmin(EnforcementAdmin):
    ledger_code = "enforcement_bodies"
    actions = ["export_ledger"]
    list_display = ["name", "organization", "supervision_organ", "status"]
    list_filter = ["status"]
    search_fields = ["name", "organization__name"]
    list_select_related = ["organization", "supervision_organ"]
    fields = ["organization", "name", "legal_basis", "supervision_organ", "status"]

    def get_readonly_fields(self, request, obj=None):
        return ["status"] if obj is None else []

    create_service = creating(
        services.register_body, ["organization", "name", "legal_basis", "supervision_organ"]
    )
    update_service = updating(services.update_body, "body", fields)


@admin.register(EnforcementPower)
class EnforcementPowerAdmin(EnforcementAdmin):
    ledger_code = "enforcement_powers"
    actions = ["export_ledger"]
    list_display = ["name", "kind", "body"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_basis", "body__name"]
    list_select_related = ["body"]
    fields = ["body", "kind", "name", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):
        return ["body"] if obj is not None else []

    create_service = creating(services.add_power, fields)
    update_service = updating(services.update_power, "power", ["kind", "name", "legal_basis"])


@admin.register(CertificateExam)
class CertificateExamAdmin(EnforcementAdmin):
    """An exam is recorded once; its result follows from the pass mark."""

    ledger_code = "enforcement_exams"
    actions = ["export_ledger"]

    list_display = ["person", "body", "exam_on", "score", "passed"]
    list_filter = ["passed", "exam_on"]
    search_fields = ["person__name", "body__name"]
    list_select_related = ["person", "body"]
    fields = ["person", "body", "exam_on", "score", "passed"]

    create_service = creating(services.record_exam, ["person", "body", "exam_on", "score"])

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else ["passed"]


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
    ledger_code = "enforcement_certificates"
    actions = ["export_ledger"]
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

    create_service = creating(
        services.issue_certificate, ["person", "body", "number", "kind", "areas", "issued_on", "valid_until"]
    )
    update_service = updating(services.update_certificate, "certificate", ["areas", "valid_until"])


@admin.register(CertificateReview)
class CertificateReviewAdmin(EnforcementAdmin):
    """A review is recorded once; a failed one is lifted by a later passed review, not by editing it."""

    ledger_code = "enforcement_reviews"
    actions = ["export_ledger"]

    list_display = ["certificate", "year", "reviewed_on", "passed", "reason"]
    list_filter = ["passed", "year"]
    search_fields = ["certificate__number", "certificate__person__name"]
    list_select_related = ["certificate__person"]
    fields = ["certificate", "year", "reviewed_on", "passed", "reason"]

    create_service = creating(services.record_review, fields)

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else []


# Training ------------------------------------------------------------------------------------------------------


class AttendanceInline(TabularInline):
    model = TrainingAttendance
    fields = ["person"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "参训人员（在“参训记录”中登记）"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(TrainingSession)
class TrainingSessionAdmin(EnforcementAdmin):
    ledger_code = "enforcement_training_sessions"
    actions = ["export_ledger"]
    list_display = ["topic", "organization", "kind", "held_on", "hours"]
    list_filter = ["kind", "held_on"]
    search_fields = ["topic", "organization__name"]
    list_select_related = ["organization"]
    fields = ["organization", "topic", "held_on", "hours", "kind"]
    inlines = [AttendanceInline]

    create_service = creating(services.record_session, fields)
    update_service = updating(services.update_session, "session", fields)


@admin.register(TrainingAttendance)
class TrainingAttendanceAdmin(EnforcementAdmin):
    """An attendance is recorded (record_attendance) or removed (remove_attendance), never edited."""

    ledger_code = "enforcement_training_attendance"
    actions = ["export_ledger"]
    list_display = ["person", "session"]
    list_filter = ["session__kind", "session__held_on"]
    search_fields = ["person__name", "session__topic"]
    list_select_related = ["person", "session__organization"]
    fields = ["session", "person"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "person":
            # A session trains officers of many units: any active person of the district.
            kwargs["queryset"] = selectors.district_people(request.user)
            return super(EnforcementAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    create_service = creating(services.record_attendance, fields)

    @staticmethod
    def delete_service(*, actor, obj):
        services.remove_attendance(actor=actor, attendance=obj)

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else []


# Supervision clues ---------------------------------------------------------------------------------------------


class ClueStepInline(TabularInline):
    """Handling steps: new ones are added through add_step (only while the clue is handled); recorded ones stay."""

    model = ClueStep
    fields = ["on", "text"]
    extra = 0
    can_delete = False
    verbose_name_plural = "办理过程"

    def has_view_permission(self, request, obj=None):
        return True  # the clue itself is scoped by the parent admin

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None and clue_rules.is_handling(obj) and access.can(request.user, obj, access.CHANGE)
        )


class ClueAdminForm(forms.ModelForm):
    """办结 in the admin: the result and date, given while the clue is handled, run close_clue."""

    close_result = forms.CharField(
        label="办结：办理结果",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="填写后保存即办结",
    )
    close_on = forms.DateField(label="办结：办结日期", required=False)

    class Meta:
        model = SupervisionClue
        fields = [
            "source",
            "external_number",
            "received_on",
            "organization",
            "body",
            "enterprise_related",
            "category",
            "content",
        ]


@admin.register(SupervisionClue)
class SupervisionClueAdmin(EnforcementAdmin):
    """Registered through register_clue (its deadline computed); started by the action, closed by filling in the
    result and date while it is handled (close_clue); steps added inline (add_step)."""

    ledger_code = "enforcement_clues"
    actions = ["export_ledger", "start_handling"]
    list_display = [
        "__str__",
        "source",
        "organization",
        "received_on",
        "due_on",
        "status",
        "enterprise_related",
    ]
    list_filter = ["source", "status", "enterprise_related"]
    search_fields = ["external_number", "content", "organization__name"]
    list_select_related = ["organization"]
    date_hierarchy = "received_on"
    REGISTER = [
        "source",
        "external_number",
        "received_on",
        "organization",
        "body",
        "enterprise_related",
        "category",
        "content",
    ]
    EDITABLE = ["body", "enterprise_related", "category", "content"]
    fields = [*REGISTER, "due_on", "due_explanation", "status", "result", "handled_on"]
    inlines = [ClueStepInline]
    form = ClueAdminForm

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_fields(self, request, obj=None):
        if obj is None:
            return self.fields
        fields = [*self.fields, "origin_display"]
        return [*fields, "close_result", "close_on"] if clue_rules.is_handling(obj) else fields

    @admin.display(description="来源记录")
    def origin_display(self, obj):
        return origins.describe(obj.origin) if obj.origin_type_id else "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "body":
            # A unit's clue may concern another unit's body: any active body of the district.
            kwargs["queryset"] = selectors.district_bodies(request.user)
            return super(EnforcementAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        state = ["due_on", "due_explanation", "status", "result", "handled_on"]
        if obj is None:
            return state
        return ["source", "external_number", "received_on", "organization", *state, "origin_display"]

    create_service = creating(services.register_clue, REGISTER)

    @staticmethod
    def update_service(*, actor, obj, form, changed):
        updating(services.update_clue, "clue", SupervisionClueAdmin.EDITABLE).__func__(
            actor=actor, obj=obj, form=form, changed=changed
        )
        closing = {
            "result": form.cleaned_data.get("close_result", ""),
            "handled_on": form.cleaned_data.get("close_on"),
        }
        # Closed after the steps of the same submission are added (save_related): a closed clue takes no steps.
        obj._closing = closing if (closing["result"] or closing["handled_on"]) else None

    def save_formset(self, request, form, formset, change):
        if formset.model is not ClueStep:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for step_form in formset.forms:
            if step_form.instance.pk is None and step_form.has_changed() and step_form.cleaned_data:
                step = services.add_step(
                    actor=request.user,
                    clue=form.instance,
                    on=step_form.cleaned_data["on"],
                    text=step_form.cleaned_data["text"],
                )
                formset.new_objects.append(step)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        closing = getattr(form.instance, "_closing", None)
        if closing:
            clue = SupervisionClue.objects.get(pk=form.instance.pk)
            services.close_clue(actor=request.user, clue=clue, **closing)

    @admin.action(description="开始办理所选线索")
    def start_handling(self, request, queryset):
        started = 0
        for clue in queryset:
            try:
                services.start_handling(actor=request.user, clue=clue)
                started += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(
                    request, f"{clue}：{'；'.join(getattr(exc, 'messages', [str(exc)]))}", messages.ERROR
                )
        if started:
            self.message_user(request, f"已开始办理{started}条线索。", messages.SUCCESS)
