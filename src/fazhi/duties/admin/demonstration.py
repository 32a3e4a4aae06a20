"""The admin of the demonstration projects: 申报 and corrections through the services; the stage and the stage
dates change only by the workflow's transitions (the projects page and the API), and a project is never deleted
here."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.web.admin import ServiceAdmin

from .. import services
from ..models import DemonstrationProject

STAGE_FIELDS = ["stage", "shortlisted_on", "review_passed_on", "named_on"]


def _create(*, actor, obj, form) -> None:
    created = services.enter_project(
        actor=actor,
        name=obj.name,
        organization=obj.organization,
        level=obj.level,
        batch=obj.batch,
        applied_on=obj.applied_on,
    )
    obj.pk = created.pk


def _update(*, actor, obj, form, changed) -> None:
    services.correct_project(
        actor=actor,
        project=obj,
        name=obj.name,
        organization=obj.organization,
        level=obj.level,
        batch=obj.batch,
    )


@admin.register(DemonstrationProject)
class DemonstrationProjectAdmin(ServiceAdmin):
    ledger_code = "duties_demonstrations"
    list_display = ["name", "level", "batch", "organization", "applied_on", *STAGE_FIELDS]
    list_filter = ["level", "stage"]
    search_fields = ["name"]
    fields = ["name", "organization", "level", "batch", "applied_on", *STAGE_FIELDS]
    create_service = staticmethod(_create)
    update_service = staticmethod(_update)

    def get_readonly_fields(self, request, obj=None):
        # The 申报日期 is a stage date too: recorded once (rules.demonstration.validate_stages_kept).
        return STAGE_FIELDS if obj is None else ["applied_on", *STAGE_FIELDS]
