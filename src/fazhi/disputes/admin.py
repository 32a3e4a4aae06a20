"""The admin of 行政复议: the docket scoped by core.access; a new application is registered and a change saved through
the services (docket numbering, validation, clocks and the audit trail hold here too). State, clocks, outcome and
docket number are set only by the workflow, so they are read-only here; nothing is deleted from the admin."""

from __future__ import annotations

from django.contrib import admin
from unfold.admin import TabularInline

from fazhi.core.models import Organization
from fazhi.core.web.admin import ScopedAdmin

from . import services
from .models import CaseClock, DocketSequence, HearingOpinion, ReconsiderationCase

Case = ReconsiderationCase
WORKFLOW_FIELDS = [
    "docket_number",
    "status",
    "accepted_on",
    "deemed_accepted",
    "refused_on",
    "copy_sent_on",
    "answer_received_on",
    "extension_days",
    "outcome",
    "concluded_on",
    "closed_on",
    "platform_entered_on",
    "platform_number",
    "supervision_clue",
]


class ClockInline(TabularInline):
    model = CaseClock
    extra = 0
    fields = ["kind", "start", "due_on", "met_on", "explanation"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class OpinionInline(TabularInline):
    model = HearingOpinion
    extra = 0
    fields = ["heard_on", "method", "with_whom", "summary"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class ReconsiderationCaseAdmin(ScopedAdmin):
    ledger_code = "disputes_cases"
    list_display = [
        "docket_number",
        "applicant_name",
        "respondent",
        "channel",
        "received_on",
        "status",
        "outcome",
    ]
    list_filter = ["status", "channel", "docket_year", "outcome"]
    search_fields = ["docket_number", "applicant_name", "contested_act", "respondent__name"]
    list_select_related = ["respondent", "organization"]
    inlines = [ClockInline, OpinionInline]

    def get_fields(self, request, obj=None):
        return services.REGISTRATION_FIELDS + (WORKFLOW_FIELDS if obj else [])

    def get_readonly_fields(self, request, obj=None):
        return WORKFLOW_FIELDS if obj else []

    def has_delete_permission(self, request, obj=None):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        org = getattr(request.user, "organization", None)
        if db_field.name == "respondent" and org is not None:
            # any agency of the district may be the respondent, whatever the clerk's own unit
            field.queryset = Organization.objects.filter(path__startswith=f"/{org.root_code}/")
        return field

    def save_model(self, request, obj, form, change):
        names = [n for n in services.REGISTRATION_FIELDS if n in form.cleaned_data]
        if change:
            current = Case.objects.get(pk=obj.pk)
            data = {n: form.cleaned_data[n] for n in names if n in form.changed_data}
            if data:
                services.update_case(actor=request.user, case=current, **data)
            return
        data = {n: form.cleaned_data[n] for n in names if n != "organization"}
        created = services.register_case(
            actor=request.user, organization=form.cleaned_data["organization"], **data
        )
        obj.pk = created.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        pass  # the inlines are read-only: clocks are computed, opinions recorded on the case page


@admin.register(DocketSequence)
class DocketSequenceAdmin(admin.ModelAdmin):
    list_display = ["year", "last_seq"]
    readonly_fields = ["year", "last_seq"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_module_permission(self, request):
        return request.user.is_superuser
