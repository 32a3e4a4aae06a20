"""Admin of decisions and their procedure records, comments and expert opinions: every save through the decision
services (the comment period's end computed, the collective-discussion rule kept); states read-only."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from fazhi.core import access
from fazhi.core.models import Organization

from .. import rules, selectors, services
from ..models import (
    CatalogItem,
    CollectiveDiscussion,
    Decision,
    DecisionCatalog,
    ExpertArgumentation,
    ExpertOpinion,
    PostEvaluation,
    Publication,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)
from ..web.forms import offer_only
from .base import DecisionsAdmin, created, form_values


def _register(*, actor, obj, form):
    # Registering creates the record of every procedure too.
    created(obj, services.register_decision(actor=actor, **form_values(form)))


def _update_decision(*, actor, obj, form, changed):
    services.update_decision(actor=actor, decision=obj, **form_values(form, changed))


def _record_procedure(*, actor, obj, form, changed):
    services.record_procedure(
        actor=actor, decision=obj.decision, procedure=obj.procedure, **form_values(form, changed)
    )


ANSWER_FIELDS = ("response", "adopted", "answered_on")


def _add_comment(*, actor, obj, form):
    values = form_values(form)
    participation = values.pop("participation")
    created(obj, services.add_public_comment(actor=actor, decision=participation.decision, **values))


def _update_comment(*, actor, obj, form, changed):
    if set(changed) & set(ANSWER_FIELDS):
        services.answer_comment(actor=actor, comment=obj, **form_values(form, ANSWER_FIELDS))
    else:
        services.update_public_comment(actor=actor, comment=obj, **form_values(form, changed))


def _add_opinion(*, actor, obj, form):
    values = form_values(form)
    argumentation = values.pop("argumentation")
    created(obj, services.add_expert_opinion(actor=actor, decision=argumentation.decision, **values))


def _update_opinion(*, actor, obj, form, changed):
    services.update_expert_opinion(actor=actor, expert_opinion=obj, **form_values(form, changed))


@admin.register(Decision)
class DecisionAdmin(DecisionsAdmin):
    create_service = _register
    update_service = _update_decision
    list_display = ["title", "organization", "decision_body", "status", "registered_on", "in_catalog"]
    list_filter = ["status", "registered_on"]
    search_fields = ["title", "summary"]
    list_select_related = ["organization", "decision_body"]
    fields = [
        "title",
        "organization",
        "decision_body",
        "catalog_item",
        "outside_catalog_reason",
        "summary",
        "registered_on",
        "status",
        "legality_review",
        "termination_reason",
        "archived_on",
    ]
    # The state and what transitions set move only through services.advance and the legality-review services.
    readonly_fields = ["status", "legality_review", "termination_reason", "archived_on"]

    @admin.display(description="列入目录", boolean=True)
    def in_catalog(self, obj):
        return obj.catalog_item_id is not None

    def has_change_permission(self, request, obj=None):
        if obj is not None and not rules.may_edit_decision(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if db_field.name == "decision_body":
            field = self.units_to_refer_to(db_field, request, Organization.objects.all(), **kwargs)
            offer_only(field, selectors.decision_bodies(user))  # one rule: services.register_decision refuses
            return field
        if db_field.name == "catalog_item":
            # Items of an approved catalog that the user's units lead, or that the user may see.
            kwargs["queryset"] = (
                CatalogItem.objects.filter(
                    Q(lead_unit__in=access.organizations(user, access.CHANGE))
                    | Q(pk__in=access.scope(user, CatalogItem.objects.all()))
                )
                .exclude(catalog__status=DecisionCatalog.Status.DRAFT)
                .select_related("catalog")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProcedureAdmin(DecisionsAdmin):
    """A procedure's record: created with its decision, filled in through services.record_procedure."""

    update_service = _record_procedure
    list_display = ["decision", "decision_unit", "applicable", "started_on", "completed_on", "is_settled"]
    list_filter = ["applicable", "completed_on"]
    search_fields = ["decision__title"]
    list_select_related = ["decision__organization"]
    readonly_fields = ["decision"]

    @admin.display(description="承办单位")
    def decision_unit(self, obj):
        return obj.decision.organization

    @admin.display(description="已完成或依法不适用", boolean=True)
    def is_settled(self, obj):
        return obj.settled


@admin.register(PublicParticipation)
class PublicParticipationAdmin(ProcedureAdmin):
    list_display = [
        *ProcedureAdmin.list_display[:4],
        "period_days",
        "period_ends_on",
        "completed_on",
        "is_settled",
    ]
    readonly_fields = ["decision", "period_ends_on", "period_explanation"]


@admin.register(ExpertArgumentation)
class ExpertArgumentationAdmin(ProcedureAdmin):
    pass


@admin.register(RiskAssessment)
class RiskAssessmentAdmin(ProcedureAdmin):
    list_display = [*ProcedureAdmin.list_display, "level"]
    list_filter = ["applicable", "level"]


@admin.register(CollectiveDiscussion)
class CollectiveDiscussionAdmin(ProcedureAdmin):
    list_display = [*ProcedureAdmin.list_display, "meeting_kind", "meeting_name", "result"]
    list_filter = ["meeting_kind", "result"]


@admin.register(Publication)
class PublicationAdmin(ProcedureAdmin):
    list_display = [*ProcedureAdmin.list_display, "channel"]


@admin.register(PostEvaluation)
class PostEvaluationAdmin(ProcedureAdmin):
    list_display = [*ProcedureAdmin.list_display, "evaluator"]


@admin.register(PublicComment)
class PublicCommentAdmin(DecisionsAdmin):
    create_service = _add_comment
    update_service = _update_comment
    list_display = ["content_start", "participation", "commenter", "received_on", "adopted", "answered_on"]
    list_filter = ["adopted", "received_on"]
    search_fields = ["content", "commenter", "participation__decision__title"]
    list_select_related = ["participation__decision"]

    @admin.display(description="意见内容")
    def content_start(self, obj):
        return str(obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # A comment is registered first and answered later, through its own service.
        return [f for f in fields if f not in ANSWER_FIELDS] if obj is None else fields


@admin.register(ExpertOpinion)
class ExpertOpinionAdmin(DecisionsAdmin):
    create_service = _add_opinion
    update_service = _update_opinion
    list_display = ["expert_name", "expert_title", "argumentation", "adopted"]
    list_filter = ["adopted"]
    search_fields = ["expert_name", "opinion", "argumentation__decision__title"]
    list_select_related = ["argumentation__decision"]
