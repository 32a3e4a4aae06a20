"""The admin of 行政应诉: lawsuits and liaison meetings, scoped by core.access. Every add and change calls the
litigation services (the defence deadline is computed there, the rules applied, the audit trail written); what the
workflow sets — state, judgment, effect, performance — is read-only here, and nothing is deleted (no delete service)."""

from __future__ import annotations

from django.contrib import admin
from unfold.admin import TabularInline

from fazhi.core.models import Organization
from fazhi.core.web.admin import ServiceAdmin
from fazhi.enforcement import selectors as enforcement_selectors

from .. import selectors, services
from ..models import Hearing, Lawsuit, LiaisonMeeting, Recommendation
from ..rules import lawsuits as lawsuit_rules
from ..rules import meetings as meeting_rules
from ..rules import recommendations as recommendation_rules
from ..web.forms import offer_only


def _values(form, names) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def _created(obj, created) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = created.pk
    obj._state.adding = False


class HearingInline(TabularInline):
    model = Hearing
    fields = ["held_on", "head_appeared", "head", "absence_reason", "explanation_sealed", "staff", "lawyer"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "开庭记录（在案件页面登记）"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LitigationAdmin(ServiceAdmin):
    actions = ["export_ledger"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in ("defendant", "responsible_department") and self.model is Lawsuit:
            # offered: the units that can fill the role; refused with the rule's message: any other (one rule)
            kwargs["queryset"] = Organization.objects.all()
            field = super(ServiceAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)
            choices = (
                selectors.defendant_choices(request.user)
                if db_field.name == "defendant"
                else selectors.department_choices(request.user)
            )
            offer_only(field, choices)
            return field
        if db_field.name in ("responsible_department", "organization"):
            kwargs["queryset"] = selectors.units_for(request.user, self.model)
        elif db_field.name == "first_instance":
            kwargs["queryset"] = selectors.first_instance_choices(request.user)
        elif db_field.name == "reconsideration":
            kwargs["queryset"] = selectors.reconsideration_choices(request.user)
        return super(ServiceAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)


def create_lawsuit(*, actor, obj, form):
    _created(obj, services.register_lawsuit(actor=actor, **_values(form, services.LAWSUIT_FIELDS)))


def change_lawsuit(*, actor, obj, form, changed):
    data = _values(form, [n for n in services.LAWSUIT_FIELDS if n in changed])
    if data:
        services.update_lawsuit(actor=actor, lawsuit=Lawsuit.objects.get(pk=obj.pk), **data)


def create_meeting(*, actor, obj, form):
    _created(obj, services.record_meeting(actor=actor, **_values(form, services.MEETING_FIELDS)))


def change_meeting(*, actor, obj, form, changed):
    data = _values(form, [n for n in services.MEETING_FIELDS if n in changed])
    if data:
        services.update_meeting(actor=actor, meeting=LiaisonMeeting.objects.get(pk=obj.pk), **data)


@admin.register(Lawsuit)
class LawsuitAdmin(LitigationAdmin):
    ledger_code = "litigation_lawsuits"
    create_service = create_lawsuit
    update_service = change_lawsuit
    may_delete = lawsuit_rules.may_delete_lawsuit
    list_display = [
        "case_number",
        "instance",
        "plaintiff_name",
        "masked_plaintiff",
        "defendant",
        "responsible_department",
        "served_on",
        "defence_due",
        "status",
        "outcome",
    ]
    list_filter = ["status", "instance", "outcome"]
    search_fields = ["case_number", "plaintiff_name", "cause"]
    list_select_related = ["defendant", "responsible_department"]
    fields = list(services.LAWSUIT_FIELDS)
    WORKFLOW = [*services.DEADLINE_FIELDS, *services.WORKFLOW_FIELDS, "supervision_clue"]
    inlines = [HearingInline]

    @admin.display(description="原告证件号码")
    def masked_plaintiff(self, obj):
        return obj.masked_plaintiff_id

    @admin.display(description="执法监督线索")
    def supervision_clue(self, obj):
        """The clue opened from the lawsuit (enforcement.origins), read through enforcement's selector."""
        clue = enforcement_selectors.clue_for(obj)
        return f"{clue}（{clue.get_status_display()}）" if clue else "—"

    def get_fields(self, request, obj=None):
        return [*self.fields, *self.WORKFLOW] if obj is not None else list(self.fields)

    def get_readonly_fields(self, request, obj=None):
        return list(self.WORKFLOW) if obj is not None else []


@admin.register(LiaisonMeeting)
class LiaisonMeetingAdmin(LitigationAdmin):
    ledger_code = "litigation_meetings"
    create_service = create_meeting
    update_service = change_meeting
    may_delete = meeting_rules.may_delete_meeting
    list_display = ["held_on", "kind", "title", "organization"]
    list_filter = ["kind", "held_on"]
    search_fields = ["title", "topics", "participants"]
    list_select_related = ["organization"]
    fields = list(services.MEETING_FIELDS)


@admin.register(Recommendation)
class RecommendationAdmin(ServiceAdmin):
    """司法建议、检察建议: listed here read-only; they are recorded and answered on the lawsuit page and the API (the
    services compute the reply deadline), and never deleted."""

    may_delete = recommendation_rules.may_delete_recommendation
    list_display = ["lawsuit", "ground", "issuer", "number", "received_on", "reply_due", "replied_on"]
    list_filter = ["ground", "replied_on"]
    search_fields = ["issuer", "number", "content", "lawsuit__case_number"]
    list_select_related = ["lawsuit"]
    fields = [
        "lawsuit",
        *services.RECOMMENDATION_FIELDS,
        "reply_due",
        "reply_explanation",
        "replied_on",
        "reply",
    ]
