"""The admin of case-file evaluation, the three systems' self-assessments and enterprise contact points. Lists are
scoped by core.access and every save goes through the services, so their rules (officers certified on the decision
date, scores within the standard, grades computed) and the audit trail hold here too; what a service computes (a
file's total, veto result and grade) is read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from unfold.admin import TabularInline

from fazhi.core import access, clock, config
from fazhi.core.models import Organization, Person
from fazhi.core.web.admin import ScopedAdmin

from . import contact_points, rules, self_assessment
from . import evaluation_services as services
from .evaluation_models import (
    CaseFile,
    CaseFileProblem,
    Domain,
    EvaluationCampaign,
    EvaluationItem,
    EvaluationReviewer,
    ItemScore,
)
from .models import ContactPoint, SelfAssessment


def _values(form, names) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def _created(obj, created) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = created.pk
    obj._state.adding = False


def _changes(obj, form, names) -> tuple[object, dict]:
    """A fresh copy of the record and the form's changes of `names`: the admin's object may be half-changed."""
    current = type(obj)._default_manager.get(pk=obj.pk)
    return current, _values(form, [n for n in names if n in form.changed_data])


class EvaluationAdmin(ScopedAdmin):
    """Related choices scoped too; records are removed through a service, not here."""

    actions = []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is not Organization and access.is_unit_scoped(related):
            kwargs["queryset"] = access.scope(request.user, related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False


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

    def save_model(self, request, obj, form, change):
        if change:
            current, data = _changes(obj, form, self.FIELDS)
            if data:
                services.update_campaign(actor=request.user, campaign=current, **data)
            return
        values = _values(form, [*self.FIELDS, "default_standard"])
        _created(obj, services.create_campaign(actor=request.user, **values))


@admin.register(EvaluationItem)
class EvaluationItemAdmin(EvaluationAdmin):
    list_display = ["title", "kind", "group", "max_points", "campaign"]
    list_filter = ["kind", "campaign"]
    fields = ["campaign", "kind", "group", "title", "max_points", "order"]

    def get_readonly_fields(self, request, obj=None):
        return ["campaign"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            current, data = _changes(obj, form, ["kind", "group", "title", "max_points", "order"])
            if data:
                services.update_item(actor=request.user, item=current, **data)
            return
        _created(obj, services.add_item(actor=request.user, **_values(form, self.fields)))


@admin.register(EvaluationReviewer)
class EvaluationReviewerAdmin(EvaluationAdmin):
    list_display = ["person", "affiliation", "campaign"]
    list_filter = ["affiliation", "campaign"]
    fields = ["campaign", "person", "affiliation"]

    def get_readonly_fields(self, request, obj=None):
        return self.fields if obj is not None else []

    def save_model(self, request, obj, form, change):
        if not change:
            _created(obj, services.add_reviewer(actor=request.user, **_values(form, self.fields)))


class CaseFileForm(forms.ModelForm):
    handling_officers = forms.ModelMultipleChoiceField(
        label="承办执法人员", queryset=Person.objects.none(), required=False
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

    def save_model(self, request, obj, form, change):
        officers = list(form.cleaned_data.get("handling_officers") or [])
        if change:
            current, data = _changes(obj, form, self.EDITABLE)
            services.update_case_file(actor=request.user, case_file=current, officers=officers, **data)
            return
        values = _values(form, self.EDITABLE)
        _created(obj, services.draw_case_file(actor=request.user, officers=officers, **values))

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

    def save_model(self, request, obj, form, change):
        if change:
            current, data = _changes(obj, form, ["category", "description"])
            if data:
                services.update_problem(actor=request.user, problem=current, **data)
            return
        values = _values(form, ["case_file", "category", "description"])
        _created(obj, services.record_problem(actor=request.user, **values))


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(EvaluationAdmin):
    list_display = ["body", "year", "system", "assessed_on"]
    list_filter = ["year", "system"]
    search_fields = ["body__name", "findings"]
    fields = ["body", "year", "system", "assessed_on", "findings"]

    def get_readonly_fields(self, request, obj=None):
        return ["body", "year", "system"] if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            current, data = _changes(obj, form, ["assessed_on", "findings"])
            if data:
                self_assessment.update_self_assessment(actor=request.user, assessment=current, **data)
            return
        values = _values(form, self.fields)
        _created(obj, self_assessment.record_self_assessment(actor=request.user, **values))


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

    def save_model(self, request, obj, form, change):
        names = ["name", "enterprise_name", "credit_code", "established_on"]
        if change:
            current, data = _changes(obj, form, names)
            if data:
                contact_points.update_contact_point(actor=request.user, point=current, **data)
            return
        values = _values(form, ["organization", *names])
        _created(obj, contact_points.set_up_contact_point(actor=request.user, **values))

    @admin.action(description="撤销所选联系点（撤销日期为今日）")
    def close_points(self, request, queryset):

        for point in queryset.filter(status=ContactPoint.Status.ACTIVE):
            contact_points.close_contact_point(actor=request.user, point=point, closed_on=clock.today())
