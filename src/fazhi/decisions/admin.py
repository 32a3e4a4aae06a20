"""The admin of decisions, catalogs and legal advisors: lists scoped by core.access, every save through the
decisions services (so the statutory rules and the audit trail hold here too), workflow states read-only."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q

from fazhi.core import access
from fazhi.core.models import Organization, Role, User
from fazhi.core.web.admin import ScopedAdmin

from . import services
from .models import (
    AdvisorAttendance,
    AdvisorReview,
    CatalogItem,
    CollectiveDiscussion,
    Decision,
    DecisionCatalog,
    DecisionDocument,
    ExpertArgumentation,
    ExpertOpinion,
    LegalAdvisor,
    PostEvaluation,
    Publication,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)


def _form_values(form, names=None) -> dict:
    """The form's cleaned values: all of them, or those named."""
    return {n: form.cleaned_data[n] for n in (form.cleaned_data if names is None else names)}


def _created(obj, created) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = created.pk
    obj._state.adding = False


class DecisionsAdmin(ScopedAdmin):
    """ScopedAdmin whose choices of related records are scoped too: a form offers only records the user may see."""

    actions = []

    def has_add_permission(self, request):
        # Whoever sees only the work assigned to them (legal advisors) registers nothing: access.check_create refuses.
        kind = access.scope_kind(request.user, self.model, access.CHANGE)
        return kind not in (access.NONE, access.ASSIGNED)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if "queryset" not in kwargs and related is not Organization and access.is_unit_scoped(related):
            kwargs["queryset"] = access.scope(request.user, related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def units_to_refer_to(self, db_field, request, queryset, **kwargs):
        """A unit a record names without belonging to it (decision body, lead unit): ScopedAdmin would offer only
        the units the user may change."""
        kwargs["queryset"] = queryset
        return super(ScopedAdmin, self).formfield_for_foreignkey(db_field, request, **kwargs)


# Catalog ------------------------------------------------------------------------------------------------------


@admin.register(DecisionCatalog)
class DecisionCatalogAdmin(DecisionsAdmin):
    list_display = ["year", "title", "organization", "status", "approved_on", "published_on", "item_count"]
    list_filter = ["status", "year"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization"]
    fields = [
        "year",
        "organization",
        "title",
        "status",
        "approved_on",
        "approved_by_meeting",
        "published_on",
        "publication_channel",
    ]
    # Approval and publication are transitions (services.approve_catalog / publish_catalog), not edits.
    readonly_fields = ["status", "approved_on", "approved_by_meeting", "published_on", "publication_channel"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != DecisionCatalog.Status.DRAFT:
            return ["year", "organization", *self.readonly_fields]
        return self.readonly_fields

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("items")

    @admin.display(description="事项数")
    def item_count(self, obj):
        return len(obj.items.all())

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            _created(obj, services.create_catalog(actor=request.user, **_form_values(form)))


@admin.register(CatalogItem)
class CatalogItemAdmin(DecisionsAdmin):
    ledger_code = "decision_catalog_items"
    actions = ["export_ledger"]
    list_display = [
        "title",
        "catalog",
        "lead_unit",
        "planned_time",
        "planned_by",
        "sort_order",
        "catalog_status",
    ]
    list_filter = ["catalog__year", "catalog__status"]
    search_fields = ["title", "lead_unit__name", "catalog__title"]
    list_select_related = ["catalog", "lead_unit"]

    @admin.display(description="目录状态")
    def catalog_status(self, obj):
        return obj.catalog.get_status_display()

    def has_change_permission(self, request, obj=None):
        # Items change only while their catalog is being compiled (编制中).
        if obj is not None and obj.catalog.status != DecisionCatalog.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "catalog":
            drafts = DecisionCatalog.objects.filter(status=DecisionCatalog.Status.DRAFT)
            kwargs["queryset"] = access.scope(request.user, drafts, access.CHANGE)
        if db_field.name == "lead_unit":
            return self.units_to_refer_to(
                db_field, request, access.organizations(request.user, access.VIEW), **kwargs
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            _created(obj, services.add_catalog_item(actor=request.user, **_form_values(form)))


# Decisions ----------------------------------------------------------------------------------------------------


@admin.register(Decision)
class DecisionAdmin(DecisionsAdmin):
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
        if obj is not None and obj.status in (Decision.Status.ARCHIVED, Decision.Status.TERMINATED):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if db_field.name == "decision_body":
            # The decision body is the user's own unit or one above it (usually the district government).
            above = user.organization.path.strip("/").split("/") if user.organization else []
            visible = access.organizations(user, access.VIEW)
            bodies = Organization.objects.filter(Q(pk__in=visible) | Q(code__in=above))
            return self.units_to_refer_to(db_field, request, bodies, **kwargs)
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

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # Registering creates the record of every procedure too.
            _created(obj, services.register_decision(actor=request.user, **_form_values(form)))


class ProcedureAdmin(DecisionsAdmin):
    """A procedure's record: created with its decision, filled in through services.record_procedure."""

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

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        services.record_procedure(
            actor=request.user,
            decision=obj.decision,
            procedure=obj.procedure,
            **_form_values(form, form.changed_data),
        )


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
    list_display = ["content_start", "participation", "commenter", "received_on", "adopted", "answered_on"]
    list_filter = ["adopted", "received_on"]
    search_fields = ["content", "commenter", "participation__decision__title"]
    list_select_related = ["participation__decision"]
    answer_fields = ("response", "adopted", "answered_on")

    @admin.display(description="意见内容")
    def content_start(self, obj):
        return str(obj)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # A comment is registered first and answered later, through its own service.
        return [f for f in fields if f not in self.answer_fields] if obj is None else fields

    def save_model(self, request, obj, form, change):
        if not change:
            values = _form_values(form)
            participation = values.pop("participation")
            _created(
                obj,
                services.add_public_comment(actor=request.user, decision=participation.decision, **values),
            )
        elif set(form.changed_data) & set(self.answer_fields):
            services.answer_comment(actor=request.user, comment=obj, **_form_values(form, self.answer_fields))
        else:
            super().save_model(request, obj, form, change)


@admin.register(ExpertOpinion)
class ExpertOpinionAdmin(DecisionsAdmin):
    list_display = ["expert_name", "expert_title", "argumentation", "adopted"]
    list_filter = ["adopted"]
    search_fields = ["expert_name", "opinion", "argumentation__decision__title"]
    list_select_related = ["argumentation__decision"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            values = _form_values(form)
            argumentation = values.pop("argumentation")
            _created(
                obj,
                services.add_expert_opinion(actor=request.user, decision=argumentation.decision, **values),
            )


@admin.register(DecisionDocument)
class DecisionDocumentAdmin(DecisionsAdmin):
    list_display = ["title", "decision", "procedure", "uploaded_by", "uploaded_at", "sha256"]
    list_filter = ["procedure", "uploaded_at"]
    search_fields = ["title", "decision__title", "sha256"]
    list_select_related = ["decision", "uploaded_by"]
    fields = [
        "decision",
        "procedure",
        "title",
        "file",
        "original_name",
        "sha256",
        "uploaded_by",
        "uploaded_at",
    ]
    readonly_fields = ["original_name", "sha256", "uploaded_by", "uploaded_at"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "title" in form.base_fields:
            form.base_fields["title"].required = False  # attach_document names it after the file
        return form

    def has_change_permission(self, request, obj=None):
        # A document of the decision file (决策档案) is kept as uploaded: its SHA-256 proves it unchanged.
        if obj is not None:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        _created(obj, services.attach_document(actor=request.user, **_form_values(form)))


# Legal advisors ------------------------------------------------------------------------------------------------


@admin.register(LegalAdvisor)
class LegalAdvisorAdmin(DecisionsAdmin):
    list_display = ["name", "kind", "organization", "contract_start", "contract_end", "contact", "user"]
    list_filter = ["kind", "contract_end"]
    search_fields = ["name", "contact"]
    list_select_related = ["organization", "user__person"]
    filter_horizontal = ["units_served"]

    def get_readonly_fields(self, request, obj=None):
        # Units served are set when the advisor is registered (services.create_advisor, audited); there is no
        # audited service yet to change them afterwards.
        return ["units_served"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            advisors = User.objects.filter(role=Role.LEGAL_ADVISOR).select_related("person")
            kwargs["queryset"] = access.scope(request.user, advisors)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "units_served":
            kwargs["queryset"] = access.organizations(request.user, access.VIEW)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            values = _form_values(form)
            units = list(values.pop("units_served", []))
            _created(obj, services.create_advisor(actor=request.user, units_served=units, **values))

    def save_related(self, request, form, formsets, change):
        """Nothing to save after the record: create_advisor has set (and audited) the units served."""


class AdvisorWorkAdmin(DecisionsAdmin):
    """An advisor's attendances and reviews: recorded by the units they serve."""

    actions = ["export_ledger"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "advisor":
            user = request.user
            kwargs["queryset"] = LegalAdvisor.objects.filter(
                Q(pk__in=access.scope(user, LegalAdvisor.objects.all()))
                | Q(units_served__in=access.organizations(user, access.CHANGE))
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(AdvisorAttendance)
class AdvisorAttendanceAdmin(AdvisorWorkAdmin):
    ledger_code = "advisor_attendances"
    list_display = ["advisor", "meeting_kind", "meeting_name", "held_on", "organization"]
    list_filter = ["meeting_kind", "held_on"]
    search_fields = ["meeting_name", "advisor__name"]
    list_select_related = ["advisor", "organization"]
    date_hierarchy = "held_on"

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            _created(obj, services.record_attendance(actor=request.user, **_form_values(form)))


@admin.register(AdvisorReview)
class AdvisorReviewAdmin(AdvisorWorkAdmin):
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

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            _created(obj, services.record_advisor_review(actor=request.user, **_form_values(form)))
