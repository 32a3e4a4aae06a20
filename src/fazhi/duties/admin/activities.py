"""The admin of the activity ledger: a list scoped by unit; every add, change and delete through the activity
services, so the rules of rules/activities.py hold here with the same messages."""

from __future__ import annotations

from django import forms
from django.contrib import admin

from fazhi.core.models import Person
from fazhi.core.web.admin import ServiceAdmin, searched

from .. import services
from ..models import Activity
from ..rules import activities as rules
from ..selectors.activities import people_to_name


class ActivityAdminForm(forms.ModelForm):
    people_list = forms.ModelMultipleChoiceField(
        label="人员（平台人员）",
        queryset=Person.objects.all(),
        required=False,
        widget=searched(Person, multiple=True),
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

    def people(self) -> tuple[list, list[str]]:
        data = self.cleaned_data
        return list(data.get("people_list") or []), rules.split_names(data.get("names") or "")


def _create(*, actor, obj, form) -> None:
    people, names = form.people()
    created = services.record_activity(
        actor=actor,
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


def _update(*, actor, obj, form, changed) -> None:
    people, names = form.people()
    services.update_activity(actor=actor, activity=obj, people=people, names=names)


def _delete(*, actor, obj) -> None:
    services.delete_activity(actor=actor, activity=obj)


@admin.register(Activity)
class ActivityAdmin(ServiceAdmin):
    ledger_code = "duties_activities"
    form = ActivityAdminForm
    list_display = ["held_on", "kind", "organization", "topic", "meeting", "people_names"]
    list_filter = ["kind", "held_on"]
    search_fields = ["topic", "meeting", "people_names", "organization__name"]
    date_hierarchy = "held_on"
    fields = ["kind", "held_on", "organization", "topic", "meeting", "people_list", "names", "note"]
    create_service = staticmethod(_create)
    update_service = staticmethod(_update)
    delete_service = staticmethod(_delete)
    may_delete = staticmethod(rules.may_delete_activity)

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        people = people_to_name(request.user)

        class ScopedActivityForm(base):
            """The people offered are those the user may name (the service checks them again)."""

            def __init__(self, *args, **kw):
                super().__init__(*args, **kw)
                self.fields["people_list"].queryset = people

        return ScopedActivityForm

    def save_related(self, request, form, formsets, change):
        """The people are saved by the service."""
