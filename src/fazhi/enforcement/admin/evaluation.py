"""The admin of case-file evaluation, the three systems' self-assessments and enterprise contact points. Lists are
scoped by core.access and every save goes through the services, so their rules (officers certified on the decision
date, scores within the standard, grades computed) and the audit trail hold here too; what a service computes (a
file's total, veto result and grade) is read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from unfold.admin import TabularInline

from fazhi.core import access, clock, config
from fazhi.core.models import Person
from fazhi.core.web.admin import searched

from .. import services
from ..models import (
    CaseFile,
    CaseFileProblem,
    ContactPoint,
    Domain,
    EvaluationCampaign,
    EvaluationItem,
    EvaluationReviewer,
    ItemScore,
    SelfAssessment,
)
from ..rules import evaluation as rules
from .base import EnforcementAdmin, creating, updating, values


class EvaluationAdmin(EnforcementAdmin):
    """Case-file evaluation, self-assessments and contact points: nothing is deleted here."""


class CampaignForm(forms.ModelForm):
    domains = forms.MultipleChoiceField(
        label="评查领域", choices=Domain.choices, widget=forms.CheckboxSelectMultiple
    )
    default_standard = forms.BooleanField(
        label="同时设定默认评查标准", required=False, help_text="八项否决项，卷面评查20分、实体评查80分"
    )

    class Meta:
        model = EvaluationCampaign
        fields = ["organization", "year", "name", "domains", "excellent_score", "pass_score", "note"]


class ItemInline(TabularInline):
    model = EvaluationItem
    fields = ["kind", "group", "title", "max_points", "order"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "评查标准"

    def has_add_permission(self, request, obj=None):
        return False


class ReviewerInline(ItemInline):
    model = EvaluationReviewer
    fields = ["person", "affiliation"]
    readonly_fields = fields
    verbose_name_plural = "评查人员"


@admin.register(EvaluationCampaign)
class EvaluationCampaignAdmin(EvaluationAdmin):
    form = CampaignForm
    list_display = ["name", "year", "organization", "excellent_score", "pass_score"]
    list_filter = ["year"]
    search_fields = ["name"]
    inlines = [ItemInline, ReviewerInline]
    FIELDS = ["organization", "year", "name", "domains", "excellent_score", "pass_score", "note"]

    def get_fields(self, request, obj=None):
        return self.FIELDS if obj is not None else [*self.FIELDS, "default_standard"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is None:  # the configured defaults, which the campaign may change
            form.base_fields["excellent_score"].initial = config.get(rules.EVALUATION_EXCELLENT_SCORE.key)
            form.base_fields["pass_score"].initial = config.get(rules.EVALUATION_PASS_SCORE.key)
        return form

    create_service = creating(services.create_campaign, [*FIELDS, "default_standard"])
    update_service = updating(services.update_campaign, "campaign", FIELDS)


@admin.register(EvaluationItem)
class EvaluationItemAdmin(EvaluationAdmin):
    list_display = ["title", "kind", "group", "max_points", "campaign"]
    list_filter = ["kind", "campaign"]
    fields = ["campaign", "kind", "group", "title", "max_points", "order"]

    def get_readonly_fields(self, request, obj=None):
        return ["campaign"] if obj is not None else []

    create_service = creating(services.add_item, fields)
    update_service = updating(services.update_item, "item", ["kind", "group", "title", "max_points", "order"])


@admin.register(EvaluationReviewer)
class EvaluationReviewerAdmin(EvaluationAdmin):
    list_display = ["person", "affiliation", "campaign"]
    list_filter = ["affiliation", "campaign"]
    fields = ["campaign", "person", "affiliation"]

    create_service = creating(services.add_reviewer, fields)

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else []


class CaseFileForm(forms.ModelForm):
    handling_officers = forms.ModelMultipleChoiceField(
        label="承办执法人员",
        queryset=Person.objects.none(),
        required=False,
        widget=searched(Person, multiple=True),
    )

    class Meta:
        model = CaseFile
        fields = ["campaign", "body", "domain", "act_kind", "case_number", "title", "decided_on"]


class ScoreInline(ItemInline):
    model = ItemScore
    fields = ["item", "points", "veto_hit"]
    readonly_fields = fields
    verbose_name_plural = "评分（在案卷评分页面录入）"


@admin.register(CaseFile)
class CaseFileAdmin(EvaluationAdmin):
    ledger_code = "enforcement_case_files"
    actions = ["export_ledger"]
    form = CaseFileForm
    list_display = [
        "case_number",
        "title",
        "body",
        "domain",
        "decided_on",
        "total_score",
        "grade",
        "campaign",
    ]
    list_filter = ["campaign", "domain", "act_kind", "grade", "vetoed"]
    search_fields = ["case_number", "title", "body__name"]
    list_select_related = ["body", "campaign"]
    EDITABLE = ["campaign", "body", "domain", "act_kind", "case_number", "title", "decided_on"]
    RESULT = ["total_score", "vetoed", "grade", "scored_on"]
    fields = [*EDITABLE, "handling_officers", *RESULT]
    readonly_fields = RESULT
    inlines = [ScoreInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        field = form.base_fields["handling_officers"]
        field.queryset = access.scope(request.user, Person.objects.filter(is_active=True))
        field.initial = list(obj.officers.values_list("pk", flat=True)) if obj is not None else []
        return form

    @staticmethod
    def create_service(*, actor, obj, form):
        officers = list(form.cleaned_data.get("handling_officers") or [])
        created = services.draw_case_file(
            actor=actor, officers=officers, **values(form, CaseFileAdmin.EDITABLE)
        )
        obj.pk, obj._state.adding = created.pk, False

    @staticmethod
    def update_service(*, actor, obj, form, changed):
        officers = list(form.cleaned_data.get("handling_officers") or [])
        current = CaseFile.objects.get(pk=obj.pk)
        data = values(form, [n for n in CaseFileAdmin.EDITABLE if n in changed])
        services.update_case_file(actor=actor, case_file=current, officers=officers, **data)

    def save_related(self, request, form, formsets, change):
        pass  # officers are saved by the service; the inline of scores is read-only


@admin.register(CaseFileProblem)
class CaseFileProblemAdmin(EvaluationAdmin):
    ledger_code = "enforcement_case_file_problems"
    actions = ["export_ledger"]
    list_display = ["case_file", "category", "organization", "body"]
    list_filter = ["category", "case_file__campaign"]
    search_fields = ["description", "case_file__case_number"]
    list_select_related = ["case_file", "organization", "body"]
    fields = ["case_file", "category", "description", "body", "organization"]

    def get_readonly_fields(self, request, obj=None):
        return ["case_file", "body", "organization"] if obj is not None else ["body", "organization"]

    create_service = creating(services.record_problem, ["case_file", "category", "description"])
    update_service = updating(services.update_problem, "problem", ["category", "description"])


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(EvaluationAdmin):
    list_display = ["body", "year", "system", "assessed_on"]
    list_filter = ["year", "system"]
    search_fields = ["body__name", "findings"]
    fields = ["body", "year", "system", "assessed_on", "findings"]

    def get_readonly_fields(self, request, obj=None):
        return ["body", "year", "system"] if obj is not None else []

    create_service = creating(services.record_self_assessment, fields)
    update_service = updating(services.update_self_assessment, "assessment", ["assessed_on", "findings"])


@admin.register(ContactPoint)
class ContactPointAdmin(EvaluationAdmin):
    list_display = ["name", "enterprise_name", "credit_code", "established_on", "status", "closed_on"]
    list_filter = ["status"]
    search_fields = ["name", "enterprise_name", "credit_code"]
    fields = [
        "organization",
        "name",
        "enterprise_name",
        "credit_code",
        "established_on",
        "status",
        "closed_on",
    ]
    actions = ["close_points"]

    def get_readonly_fields(self, request, obj=None):
        return ["status", "closed_on"] if obj is None else ["organization", "status", "closed_on"]

    EDITABLE = ["name", "enterprise_name", "credit_code", "established_on"]
    create_service = creating(services.set_up_contact_point, ["organization", *EDITABLE])
    update_service = updating(services.update_contact_point, "point", EDITABLE)

    @admin.action(description="撤销所选联系点（撤销日期为今日）")
    def close_points(self, request, queryset):

        for point in queryset.filter(status=ContactPoint.Status.ACTIVE):
            services.close_contact_point(actor=request.user, point=point, closed_on=clock.today())
