"""The duties admin: lists scoped by unit, every save through the duties services (the per-kind rules hold here
too), a project's stage and stage dates changed only by its transitions."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from fazhi.core.models import Person
from fazhi.core.web.admin import ScopedAdmin

from . import services
from .models import Activity, DemonstrationProject


class ActivityAdminForm(forms.ModelForm):
    people_list = forms.ModelMultipleChoiceField(
        label="人员（平台人员）", queryset=Person.objects.all(), required=False
    )
    names = forms.CharField(label="人员（姓名）", required=False, help_text="未登记为平台人员的，以“、”分隔")

    class Meta:
        model = Activity
        fields = ["kind", "held_on", "organization", "topic", "meeting", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            rows = list(self.instance.participants.all())
            self.initial["people_list"] = [p.person_id for p in rows if p.person_id]
            self.initial["names"] = "、".join(p.name for p in rows if not p.person_id)


@admin.register(Activity)
class ActivityAdmin(ScopedAdmin):
    ledger_code = "duties_activities"
    form = ActivityAdminForm
    list_display = ["held_on", "kind", "organization", "topic", "meeting", "people_names"]
    list_filter = ["kind", "held_on"]
    search_fields = ["topic", "meeting", "people_names", "organization__name"]
    date_hierarchy = "held_on"
    fields = ["kind", "held_on", "organization", "topic", "meeting", "people_list", "names", "note"]

    def save_model(self, request, obj, form, change):
        people = list(form.cleaned_data.get("people_list") or [])
        names = services.split_names(form.cleaned_data.get("names") or "")
        if change:
            services.update_activity(actor=request.user, activity=obj, people=people, names=names)
        else:
            created = services.record_activity(
                actor=request.user,
                kind=obj.kind,
                held_on=obj.held_on,
                organization=obj.organization,
                topic=obj.topic,
                meeting=obj.meeting,
                note=obj.note,
                people=people,
                names=names,
            )
            obj.pk = created.pk

    def save_related(self, request, form, formsets, change):
        """The people are saved by the service."""

    def delete_model(self, request, obj):
        services.delete_activity(actor=request.user, activity=obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.delete_activity(actor=request.user, activity=obj)


@admin.register(DemonstrationProject)
class DemonstrationProjectAdmin(ScopedAdmin):
    ledger_code = "duties_demonstrations"
    list_display = [
        "name",
        "level",
        "batch",
        "organization",
        "stage",
        "applied_on",
        "shortlisted_on",
        "review_passed_on",
        "named_on",
    ]
    list_filter = ["level", "stage"]
    search_fields = ["name"]
    fields = [
        "name",
        "organization",
        "level",
        "batch",
        "applied_on",
        "stage",
        "shortlisted_on",
        "review_passed_on",
        "named_on",
    ]
    readonly_fields = ["stage", "shortlisted_on", "review_passed_on", "named_on"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            created = services.enter_project(
                actor=request.user,
                name=obj.name,
                organization=obj.organization,
                level=obj.level,
                batch=obj.batch,
                applied_on=obj.applied_on,
            )
            obj.pk = created.pk
