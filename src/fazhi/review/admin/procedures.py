"""What precedes issue in admin (公平竞争审查, 征求意见, 集体审议, 修改后文本) and the substitute advisor (替代复审法律顾问):
each added through its service (the rules' messages, the audit event), never changed or deleted here — a later
record supersedes an earlier one, and the records are what the issue was checked against."""

from __future__ import annotations

from django.contrib import admin

from fazhi.core import access

from .. import selectors, services
from ..models import (
    AdvisorSubstitution,
    Consultation,
    Deliberation,
    FairCompetitionReview,
    LegalityReview,
    NormativeDocument,
    RevisedText,
)
from .base import ReviewAdmin, created, values

FAIR_FIELDS = [
    "document",
    "reviewer_name",
    "reviewed_on",
    "conclusion",
    "explanation",
    "regulator_name",
    "regulator_opinion",
    "regulator_opinion_on",
]
CONSULTATION_FIELDS = ["document", "started_on", "ended_on", "consulted", "summary"]
DELIBERATION_FIELDS = ["document", "held_on", "body", "summary"]
REVISED_FIELDS = ["document", "file", "submitted_on"]
SUBSTITUTION_FIELDS = ["review", "substitute", "substituted_on", "reason"]


def _open_documents(user):
    """Documents the user may change that are not yet issued: the only ones a procedure is recorded for."""
    return selectors.documents_for(user, access.CHANGE).filter(status=NormativeDocument.Status.REGISTERED)


class ProcedureAdmin(ReviewAdmin):
    """Added through a service, then read-only; never deleted."""

    list_select_related = ["document__organization"]
    search_fields = ["document__title", "document__number"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else list(self.get_fields(request, obj))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "document":
            kwargs["queryset"] = _open_documents(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_exclude(self, request, obj=None):
        return ["recorded_by"]


@admin.register(FairCompetitionReview)
class FairCompetitionReviewAdmin(ProcedureAdmin):
    list_display = ["document", "reviewer_name", "reviewed_on", "conclusion", "regulator_name"]
    list_filter = ["conclusion", "reviewed_on"]
    fields = FAIR_FIELDS
    create_service = staticmethod(
        lambda *, actor, obj, form: created(
            obj, services.record_fair_competition_review(actor=actor, **values(form, FAIR_FIELDS))
        )
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "document":
            kwargs["queryset"] = _open_documents(request.user).filter(market_related=True)
            return super(ProcedureAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Consultation)
class ConsultationAdmin(ProcedureAdmin):
    list_display = ["document", "started_on", "ended_on", "consulted"]
    list_filter = ["ended_on"]
    fields = CONSULTATION_FIELDS
    create_service = staticmethod(
        lambda *, actor, obj, form: created(
            obj, services.record_consultation(actor=actor, **values(form, CONSULTATION_FIELDS))
        )
    )


@admin.register(Deliberation)
class DeliberationAdmin(ProcedureAdmin):
    list_display = ["document", "held_on", "body"]
    list_filter = ["held_on"]
    fields = DELIBERATION_FIELDS
    create_service = staticmethod(
        lambda *, actor, obj, form: created(
            obj, services.record_deliberation(actor=actor, **values(form, DELIBERATION_FIELDS))
        )
    )


@admin.register(RevisedText)
class RevisedTextAdmin(ProcedureAdmin):
    list_display = ["document", "original_name", "submitted_on", "sha256"]
    fields = REVISED_FIELDS
    create_service = staticmethod(
        lambda *, actor, obj, form: created(
            obj, services.upload_revised_text(actor=actor, **values(form, REVISED_FIELDS))
        )
    )

    def get_exclude(self, request, obj=None):
        return ["uploaded_by", "title", "original_name"]


def substitute(*, actor, obj, form) -> None:
    created(obj, services.substitute_advisor(actor=actor, **values(form, SUBSTITUTION_FIELDS)))


@admin.register(AdvisorSubstitution)
class AdvisorSubstitutionAdmin(ReviewAdmin):
    list_display = ["review", "replaced_name", "substitute_name", "substituted_on"]
    list_filter = ["substituted_on"]
    search_fields = ["review__title", "substitute_name", "replaced_name"]
    list_select_related = ["review"]
    fields = SUBSTITUTION_FIELDS
    create_service = staticmethod(substitute)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else list(self.get_fields(request, obj))

    def get_exclude(self, request, obj=None):
        return ["recorded_by", "replaced_user", "replaced_name", "substitute_name"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "review":
            kwargs["queryset"] = selectors.reviews_for(request.user, access.CHANGE).filter(
                status__in=[
                    LegalityReview.Status.INITIAL_REVIEW,
                    LegalityReview.Status.ADVISOR_REVIEW,
                    LegalityReview.Status.RETURNED,
                ]
            )
        if db_field.name == "substitute":
            kwargs["queryset"] = selectors.advisors_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
