"""Admin of legal advisors, their attendances and reviews: every save through the advisor services."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core import access
from fazhi.core.models import Role, User

from .. import services
from ..models import AdvisorAttendance, AdvisorReview, LegalAdvisor
from .base import DecisionsAdmin, created, form_values


def _create_advisor(*, actor, obj, form):
    values = form_values(form)
    units = list(values.pop("units_served", []))
    created(obj, services.create_advisor(actor=actor, units_served=units, **values))


def _update_advisor(*, actor, obj, form, changed):
    values = form_values(form, changed)
    units = values.pop("units_served", None)
    services.update_advisor(
        actor=actor, advisor=obj, units_served=list(units) if units is not None else None, **values
    )


def _record_attendance(*, actor, obj, form):
    created(obj, services.record_attendance(actor=actor, **form_values(form)))


def _update_attendance(*, actor, obj, form, changed):
    services.update_attendance(actor=actor, attendance=obj, **form_values(form, changed))


def _record_review(*, actor, obj, form):
    created(obj, services.record_advisor_review(actor=actor, **form_values(form)))


def _update_review(*, actor, obj, form, changed):
    services.update_advisor_review(actor=actor, review=obj, **form_values(form, changed))


@admin.register(LegalAdvisor)
class LegalAdvisorAdmin(DecisionsAdmin):
    create_service = _create_advisor
    update_service = _update_advisor
    list_display = ["name", "kind", "organization", "contract_start", "contract_end", "contact", "user"]
    list_filter = ["kind", "contract_end"]
    search_fields = ["name"]  # contact is encrypted (not searchable)
    list_select_related = ["organization", "user__person"]
    filter_horizontal = ["units_served"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            advisors = User.objects.filter(role=Role.LEGAL_ADVISOR).select_related("person")
            kwargs["queryset"] = access.scope(request.user, advisors)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "units_served":
            kwargs["queryset"] = access.organizations(request.user, access.VIEW)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Nothing to save after the record: the advisor services have set (and audited) the units served."""


class AdvisorWorkAdmin(DecisionsAdmin):
    """An advisor's attendances and reviews: recorded by the units they serve."""

    actions = ["export_ledger"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "advisor":
            # The advisors the user sees: their unit's, and those serving it (LegalAdvisor.participant_fields).
            kwargs["queryset"] = access.scope(request.user, LegalAdvisor.objects.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AdvisorAttendance)
class AdvisorAttendanceAdmin(AdvisorWorkAdmin):
    create_service = _record_attendance
    update_service = _update_attendance
    ledger_code = "advisor_attendances"
    list_display = ["advisor", "meeting_kind", "meeting_name", "held_on", "organization"]
    list_filter = ["meeting_kind", "held_on"]
    search_fields = ["meeting_name", "advisor__name"]
    list_select_related = ["advisor", "organization"]
    date_hierarchy = "held_on"


@admin.register(AdvisorReview)
class AdvisorReviewAdmin(AdvisorWorkAdmin):
    create_service = _record_review
    update_service = _update_review
    ledger_code = "advisor_reviews"
    list_display = [
        "subject",
        "subject_kind",
        "advisor",
        "organization",
        "received_on",
        "completed_on",
        "days",
        "adopted",
    ]
    list_filter = ["subject_kind", "adopted", "received_on"]
    search_fields = ["subject", "advisor__name", "opinion"]
    list_select_related = ["advisor", "organization"]
    date_hierarchy = "received_on"

    @admin.display(description="用时（日）")
    def days(self, obj):
        return obj.days_taken
