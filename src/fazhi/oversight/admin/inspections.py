"""Admin of inspections and their findings, through services/inspections.py."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from fazhi.core import access
from fazhi.core.models import Organization
from fazhi.core.web.admin import searched

from ..models import Inspection, InspectionFinding
from ..services import inspections
from .base import OversightAdmin, created, values

NAMES = ["kind", "title", "held_on", "organization", "co_organizers", "summary"]


class InspectionForm(forms.ModelForm):
    inspected_units = forms.ModelMultipleChoiceField(
        label="被督察单位", queryset=None, widget=searched(Organization, multiple=True)
    )

    class Meta:
        model = Inspection
        fields = NAMES


def create_inspection(*, actor, obj, form) -> None:
    data = values(form, NAMES)
    created(
        obj, inspections.create_inspection(actor=actor, units=form.cleaned_data["inspected_units"], **data)
    )


def update_inspection(*, actor, obj, form, changed) -> None:
    data = values(form, NAMES)
    inspections.correct_inspection(
        actor=actor,
        inspection=Inspection.objects.get(pk=obj.pk),
        co_organizers=data.pop("co_organizers", []),
        units=form.cleaned_data["inspected_units"],
        **data,
    )


@admin.register(Inspection)
class InspectionAdmin(OversightAdmin):
    ledger_code = "oversight_inspections"
    form = InspectionForm
    create_service = create_inspection
    update_service = update_inspection
    list_display = ["title", "kind", "held_on", "organization"]
    list_filter = ["kind", "held_on"]
    search_fields = ["title", "summary"]
    list_select_related = ["organization"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        units = access.district_units(request.user).order_by("path")
        form.base_fields["inspected_units"].queryset = units
        if "co_organizers" in form.base_fields:
            form.base_fields["co_organizers"].queryset = units
        if obj is not None:
            form.base_fields["inspected_units"].initial = list(
                obj.inspected.values_list("organization_id", flat=True)
            )
        return form


def add_finding(*, actor, obj, form) -> None:
    created(obj, inspections.add_finding(actor=actor, **values(form, ["inspection", "organization", "text"])))


def update_finding(*, actor, obj, form, changed) -> None:
    current = InspectionFinding.objects.get(pk=obj.pk)
    inspections.update_finding(actor=actor, finding=current, text=form.cleaned_data["text"])


@admin.register(InspectionFinding)
class InspectionFindingAdmin(OversightAdmin):
    ledger_code = "oversight_findings"
    create_service = add_finding
    update_service = update_finding
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
