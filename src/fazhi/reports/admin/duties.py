"""Admin of the report's duties: submissions recorded through the service (never changed or deleted here), and
statements on workstreams without records, stated and changed through the service until the report is issued."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core.web.admin import ServiceAdmin

from ..models import Submission, WorkstreamStatement
from ..services import duties as services


def _record_submission(*, actor, obj, form) -> None:
    saved = services.record_submission(
        actor=actor,
        organization=obj.organization,
        year=obj.year,
        kind=obj.kind,
        done_on=obj.done_on,
        reference=obj.reference,
    )
    obj.pk = saved.pk
    obj._state.adding = False


def _state_workstream(*, actor, obj, form, changed=None) -> None:
    saved = services.state_workstream(
        actor=actor,
        organization=obj.organization,
        year=obj.year,
        workstream=obj.workstream,
        kind=obj.kind,
        note=obj.note,
    )
    obj.pk = saved.pk
    obj._state.adding = False


@admin.register(Submission)
class SubmissionAdmin(ServiceAdmin):
    list_display = ["organization", "year", "kind", "done_on", "reference", "recorded_by"]
    list_filter = ["year", "kind"]
    fields = ["organization", "year", "kind", "done_on", "reference"]
    actions = []
    create_service = _record_submission


@admin.register(WorkstreamStatement)
class WorkstreamStatementAdmin(ServiceAdmin):
    list_display = ["organization", "year", "workstream", "kind", "recorded_by"]
    list_filter = ["year", "kind"]
    fields = ["organization", "year", "workstream", "kind", "note"]
    actions = []
    create_service = _state_workstream
    update_service = _state_workstream

    def get_readonly_fields(self, request, obj=None):
        return ["organization", "year", "workstream"] if obj else []
