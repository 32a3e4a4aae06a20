"""Legality reviews in admin: sending a draft (submit_review) and correcting what was sent (change_review). Each
level's opinion, the return, resubmission and the final opinion are given on the review's page."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from unfold.widgets import UnfoldAdminFileFieldWidget, UnfoldAdminTextareaWidget

from .. import rules, selectors, services
from ..models import DraftVersion, LegalityReview, LevelOpinion, SubjectKind
from .base import ReadOnlyInline, ReviewAdmin, changed_values, created, fresh, page_url, values


class DraftVersionInline(ReadOnlyInline):
    model = DraftVersion
    fields = ["number", "submitted_on", "note", "original_name", "sha256"]
    verbose_name_plural = "各稿次（送审稿）"


class LevelOpinionInline(ReadOnlyInline):
    model = LevelOpinion
    fields = ["level", "version", "outcome", "reasons", "reviewer_name", "started_on", "due_on", "given_on"]
    verbose_name_plural = "各级审查意见"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("version")


SUBMITTED_HERE = [
    (value, label)
    for value, label in SubjectKind.choices
    # A normative document is sent from its register entry, a major decision from the decision's own workflow.
    if value not in (SubjectKind.NORMATIVE_DOCUMENT, SubjectKind.MAJOR_DECISION)
]


class SubmitReviewForm(forms.ModelForm):
    """送审: the draft's text or file is version 1 of the review."""

    draft_text = forms.CharField(
        label="送审稿文本",
        required=False,
        widget=UnfoldAdminTextareaWidget,
        help_text="送审稿的正文；也可上传文件。两者都不填的，以送审事项名称作为文本。",
    )
    draft_file = forms.FileField(label="送审稿文件", required=False, widget=UnfoldAdminFileFieldWidget)

    class Meta:
        model = LegalityReview
        fields = ["title", "subject_kind", "organization", "submitted_on", "advisor_user", "advisor_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject_kind"].choices = [("", "---------"), *SUBMITTED_HERE]
        self.fields[
            "subject_kind"
        ].help_text = "行政规范性文件在规范性文件登记簿中送审，重大行政决策在决策流程中送审。"


def submit(*, actor, obj, form) -> None:
    review = services.submit_review(
        actor=actor,
        text=form.cleaned_data.get("draft_text") or "",
        file=form.cleaned_data.get("draft_file"),
        **values(form, SubmitReviewForm.Meta.fields),
    )
    created(obj, review)


def change(*, actor, obj, form, changed) -> None:
    data = changed_values(form, ["title", "advisor_user", "advisor_name"])
    if data:
        services.change_review(actor=actor, review=fresh(obj), **data)


STATE_FIELDS = (
    "status",
    "current_version",
    "level_started_on",
    "level_due_on",
    "level_due_explanation",
    "final_opinion",
    "final_reasons",
    "concluded_on",
    "page",
)


@admin.register(LegalityReview)
class LegalityReviewAdmin(ReviewAdmin):
    list_display = [
        "title",
        "subject_kind",
        "organization",
        "submitted_on",
        "status",
        "version_label",
        "level_due_on",
        "advisor_name",
        "final_opinion",
        "concluded_on",
    ]
    list_filter = ["status", "subject_kind", "final_opinion", "submitted_on"]
    search_fields = ["title", "advisor_name", "organization__name"]
    list_select_related = ["organization"]
    date_hierarchy = "submitted_on"
    inlines = [DraftVersionInline, LevelOpinionInline]
    fields = [
        "title",
        "subject_kind",
        "organization",
        "submitted_on",
        "advisor_user",
        "advisor_name",
        *STATE_FIELDS,
    ]
    # Each level's opinion, the return for revision, resubmission and the final opinion are transitions taken on
    # the review's page (services.give_opinion / resubmit / conclude_review); the level deadlines are computed.
    always_readonly = STATE_FIELDS
    create_service = staticmethod(submit)
    update_service = staticmethod(change)
    may_delete = staticmethod(rules.may_delete_review)
    fixed_fields = staticmethod(lambda user, review: rules.fixed_review_fields(review))

    @admin.display(description="当前稿次")
    def version_label(self, obj):
        return f"第{obj.current_version}稿"

    @admin.display(description="办理")
    def page(self, obj):
        url = page_url("review:detail", obj.pk) if obj.pk else ""
        return format_html('<a href="{}">在审查页面出具意见、退回或重新送审</a>', url) if url else "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SubmitReviewForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*SubmitReviewForm.Meta.fields, "draft_text", "draft_file"]
        return self.fields

    def has_change_permission(self, request, obj=None):
        # An advisor reaches the reviews assigned to them, to give opinions on the pages; they edit nothing here.
        if obj is not None and not rules.may_act_for_drafting_unit(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "advisor_user":
            kwargs["queryset"] = selectors.advisors_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # version 1 is the draft sent with the form
