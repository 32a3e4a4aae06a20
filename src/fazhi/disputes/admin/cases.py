"""The admin of 行政复议: the docket scoped by core.access; a new application is registered and a change saved through
the services (docket numbering, the rules, clocks and the audit trail hold here too). State, clocks, outcome and
docket number are set only by the workflow, so they are read-only here; nothing is deleted (rules.may_delete_case)."""

from __future__ import annotations

from django.contrib import admin
from unfold.admin import TabularInline

from fazhi.core import access
from fazhi.core.web.admin import ServiceAdmin
from fazhi.enforcement import selectors as enforcement_selectors

from .. import services
from ..models import CaseClock, DocketSequence, HearingOpinion, ReconsiderationCase
from ..rules import cases as rules
from ..rules import outcomes as outcome_rules

WORKFLOW_FIELDS = [
    "docket_number",
    "status",
    "accepted_on",
    "deemed_accepted",
    "refused_on",
    "copy_sent_on",
    "answer_received_on",
    "extension_days",
    "committee_ground",
    "committee_consulted_on",
    "committee_opinion",
    "approval",
    "approved_by",
    "approved_on",
    "outcome",
    "concluded_on",
    "closed_on",
    "platform_entered_on",
    "platform_number",
    "supervision_clue",
    "application_period",
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


def register_from_admin(*, actor, obj, form) -> None:
    """The add page registers the application through services.register_case."""
    data = {
        n: form.cleaned_data[n]
        for n in services.REGISTRATION_FIELDS
        if n in form.cleaned_data and n != "organization"
    }
    created = services.register_case(actor=actor, organization=form.cleaned_data["organization"], **data)
    obj.pk = created.pk
    obj._state.adding = False


def update_from_admin(*, actor, obj, form, changed) -> None:
    """The change page corrects the particulars through services.update_case."""
    data = {n: form.cleaned_data[n] for n in services.REGISTRATION_FIELDS if n in changed}
    if data:
        current = ReconsiderationCase.objects.get(pk=obj.pk)
        services.update_case(actor=actor, case=current, **data)


@admin.register(ReconsiderationCase)
class ReconsiderationCaseAdmin(ServiceAdmin):
    ledger_code = "disputes_cases"
    create_service = register_from_admin
    update_service = update_from_admin
    may_delete = rules.may_delete_case
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
        return list(services.REGISTRATION_FIELDS) + (WORKFLOW_FIELDS if obj else [])

    @admin.display(description="执法监督线索")
    def supervision_clue(self, obj):
        """The clue opened from the case (enforcement.origins), read through enforcement's selector."""
        clue = enforcement_selectors.clue_for(obj)
        return f"{clue}（{clue.get_status_display()}）" if clue else "—"

    @admin.display(description="申请期限（第二十条、第二十一条）")
    def application_period(self, obj):
        """The late-application flag of rules.outcomes.late_application, with its message."""
        return outcome_rules.late_application(obj) or "未超过申请期限"

    def get_readonly_fields(self, request, obj=None):
        return WORKFLOW_FIELDS if obj else []

    def has_add_permission(self, request):
        return rules.may_register(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if obj is not None and not rules.may_handle(obj, request.user):
            return False
        return rules.may_handle_cases(request.user) and super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "respondent":
            # any agency of the district may be the respondent, whatever the clerk's own unit
            field.queryset = access.district_units(request.user)
        return field

    def save_related(self, request, form, formsets, change):
        pass  # the inlines are read-only: clocks are computed, opinions recorded on the case page


@admin.register(DocketSequence)
class DocketSequenceAdmin(ServiceAdmin):
    """Read-only: numbers are taken by services.next_docket_seq under a row lock."""

    actions = []
    list_display = ["year", "last_seq"]
    readonly_fields = ["year", "last_seq"]

    def has_module_permission(self, request):
        return request.user.is_superuser
