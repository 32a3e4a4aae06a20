"""The admin of 行政应诉: lawsuits and liaison meetings, scoped by core.access. Every save goes through the litigation
services (the defence deadline is computed there, the audit trail written); what the workflow sets — state,
judgment, effect, performance — is read-only here, and records are not deleted."""

from __future__ import annotations

from django.contrib import admin
from unfold.admin import TabularInline

from fazhi.core import access
from fazhi.core.web.admin import ScopedAdmin

from . import services
from .models import Hearing, Lawsuit, LiaisonMeeting


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


class LitigationAdmin(ScopedAdmin):
    actions = ["export_ledger"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        from .forms import district_units, units_for

        if db_field.name == "defendant":
            kwargs["queryset"] = district_units(request.user)
        elif db_field.name in ("responsible_department", "organization"):
            kwargs["queryset"] = units_for(request.user, self.model)
        elif db_field.name == "first_instance":
            kwargs["queryset"] = access.scope(
                request.user, Lawsuit.objects.filter(instance=Lawsuit.Instance.FIRST)
            )
        return super(ScopedAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Lawsuit)
class LawsuitAdmin(LitigationAdmin):
    ledger_code = "litigation_lawsuits"
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
    fields = [*services.LAWSUIT_FIELDS]
    WORKFLOW = [
        "defence_due",
        "defence_explanation",
        "defence_submitted_on",
        "status",
        "outcome",
        "judged_on",
        "judgment_summary",
        "appealed_on",
        "appellant",
        "effective_on",
        "performance_due",
        "performed_on",
        "performance_note",
        "supervision_clue",
    ]
    inlines = [HearingInline]

    @admin.display(description="原告证件号码")
    def masked_plaintiff(self, obj):
        return obj.masked_plaintiff_id

    def get_fields(self, request, obj=None):
        return [*self.fields, *self.WORKFLOW] if obj is not None else list(self.fields)

    def get_readonly_fields(self, request, obj=None):
        return list(self.WORKFLOW) if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            current = Lawsuit.objects.get(pk=obj.pk)
            data = _values(form, [n for n in services.LAWSUIT_FIELDS if n in form.changed_data])
            if data:
                services.update_lawsuit(actor=request.user, lawsuit=current, **data)
            return
        _created(obj, services.register_lawsuit(actor=request.user, **_values(form, services.LAWSUIT_FIELDS)))


@admin.register(LiaisonMeeting)
class LiaisonMeetingAdmin(LitigationAdmin):
    ledger_code = "litigation_meetings"
    list_display = ["held_on", "kind", "title", "organization"]
    list_filter = ["kind", "held_on"]
    search_fields = ["title", "topics", "participants"]
    list_select_related = ["organization"]
    fields = list(services.MEETING_FIELDS)

    def save_model(self, request, obj, form, change):
        if change:
            current = LiaisonMeeting.objects.get(pk=obj.pk)
            data = _values(form, [n for n in services.MEETING_FIELDS if n in form.changed_data])
            if data:
                services.update_meeting(actor=request.user, meeting=current, **data)
            return
        _created(obj, services.record_meeting(actor=request.user, **_values(form, services.MEETING_FIELDS)))
