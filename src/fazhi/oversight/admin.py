"""The admin of 督察整改与任务台账: lists scoped by core.access, every save through the oversight services (so the rules
and the audit trail hold here too). Rectification items are opened from their source record and moved on their
page; here they are listed, their measures changed and overdue ones escalated."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.models import Organization
from fazhi.core.web.admin import ScopedAdmin

from . import inspections, services, tasks
from .models import Inspection, InspectionFinding, ProgressReport, RectificationItem, Task, TaskPlan


def _values(form, names) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def _created(obj, created) -> None:
    obj.pk = created.pk
    obj._state.adding = False


class OversightAdmin(ScopedAdmin):
    actions = ["export_ledger"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        """Many-to-many choices are saved by the service in save_model, with the audit trail."""


@admin.register(RectificationItem)
class RectificationItemAdmin(OversightAdmin):
    ledger_code = "oversight_items"
    list_display = ["__str__", "source_kind", "organization", "deadline", "status", "escalated_on"]
    list_filter = ["status", "source_kind", "escalated_on"]
    search_fields = ["measures", "organization__name"]
    list_select_related = ["organization"]
    fields = [
        "source_kind",
        "organization",
        "opened_on",
        "deadline",
        "deadline_explanation",
        "measures",
        "status",
        "rectification",
        "rectified_on",
        "signed_off_on",
        "signed_off_by",
        "checked_on",
        "check_note",
        "reopen_count",
        "escalated_on",
    ]
    actions = ["export_ledger", "escalate_overdue"]

    def has_add_permission(self, request):
        return False  # opened from its source record (督察问题、线索…), see /oversight/items/new/

    def get_readonly_fields(self, request, obj=None):
        return [f for f in self.fields if f != "measures"]

    def save_model(self, request, obj, form, change):
        current = RectificationItem.objects.get(pk=obj.pk)
        if "measures" in form.changed_data:
            services.update_plan(actor=request.user, item=current, measures=form.cleaned_data["measures"])

    @admin.action(description="挂牌督办所选中逾期超过期限的事项")
    def escalate_overdue(self, request, queryset):
        done = 0
        for item in queryset:
            try:
                services.escalate(actor=request.user, item=item)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(
                    request, f"{item}：{'；'.join(getattr(exc, 'messages', [str(exc)]))}", messages.WARNING
                )
        self.message_user(request, f"已挂牌督办{done}项。")


class InspectionForm(forms.ModelForm):
    inspected_units = forms.ModelMultipleChoiceField(label="被督察单位", queryset=Organization.objects.all())

    class Meta:
        model = Inspection
        fields = ["kind", "title", "held_on", "organization", "co_organizers", "summary"]


@admin.register(Inspection)
class InspectionAdmin(OversightAdmin):
    ledger_code = "oversight_inspections"
    form = InspectionForm
    list_display = ["title", "kind", "held_on", "organization"]
    list_filter = ["kind", "held_on"]
    search_fields = ["title", "summary"]
    list_select_related = ["organization"]
    NAMES = ["kind", "title", "held_on", "organization", "co_organizers", "summary"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is not None:
            form.base_fields["inspected_units"].initial = list(
                obj.inspected.values_list("organization_id", flat=True)
            )
        return form

    def save_model(self, request, obj, form, change):
        data = _values(form, self.NAMES)
        units = form.cleaned_data["inspected_units"]
        if not change:
            _created(obj, inspections.create_inspection(actor=request.user, units=units, **data))
            return
        current = Inspection.objects.get(pk=obj.pk)
        co = data.pop("co_organizers", [])
        core_services.update_record(actor=request.user, instance=current, data=data)
        inspections.set_organizers_and_units(
            actor=request.user, inspection=current, co_organizers=co, units=units
        )


@admin.register(InspectionFinding)
class InspectionFindingAdmin(OversightAdmin):
    ledger_code = "oversight_findings"
    list_display = ["__str__", "organization", "text"]
    search_fields = ["text", "inspection__title"]
    list_select_related = ["inspection", "organization"]
    fields = ["inspection", "organization", "text"]

    def get_readonly_fields(self, request, obj=None):
        return ["inspection", "organization"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "inspection":
            kwargs["queryset"] = access.scope(request.user, Inspection.objects.all(), access.CHANGE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            current = InspectionFinding.objects.get(pk=obj.pk)
            core_services.update_record(
                actor=request.user, instance=current, data={"text": form.cleaned_data["text"]}
            )
            return
        _created(obj, inspections.add_finding(actor=request.user, **_values(form, self.fields)))


@admin.register(TaskPlan)
class TaskPlanAdmin(OversightAdmin):
    list_display = ["title", "year", "kind", "organization", "issued_on"]
    list_filter = ["year", "kind"]
    search_fields = ["title"]
    fields = ["title", "kind", "year", "organization", "issued_on", "description"]

    def save_model(self, request, obj, form, change):
        if change:
            current = TaskPlan.objects.get(pk=obj.pk)
            data = _values(form, [n for n in self.fields if n in form.changed_data])
            core_services.update_record(actor=request.user, instance=current, data=data)
            return
        _created(obj, tasks.create_plan(actor=request.user, **_values(form, self.fields)))


@admin.register(Task)
class TaskAdmin(OversightAdmin):
    ledger_code = "oversight_tasks"
    list_display = ["number", "title", "plan", "lead_unit", "deadline", "completed_on"]
    list_filter = ["plan"]
    search_fields = ["number", "title"]
    list_select_related = ["plan", "lead_unit"]
    fields = ["plan", "number", "title", "lead_unit", "co_units", "deadline"]

    def get_readonly_fields(self, request, obj=None):
        return ["plan", "co_units"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            current = Task.objects.get(pk=obj.pk)
            names = [n for n in ("number", "title", "lead_unit", "deadline") if n in form.changed_data]
            core_services.update_record(actor=request.user, instance=current, data=_values(form, names))
            return
        _created(obj, tasks.add_task(actor=request.user, **_values(form, self.fields)))


@admin.register(ProgressReport)
class ProgressReportAdmin(OversightAdmin):
    ledger_code = "oversight_progress"
    list_display = ["task", "organization", "reported_on", "percent"]
    list_filter = ["reported_on"]
    search_fields = ["task__number", "task__title", "text"]
    list_select_related = ["task", "organization"]
    fields = ["task", "reported_on", "text", "percent", "evidence"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            _created(obj, tasks.report_progress(actor=request.user, **_values(form, self.fields)))
