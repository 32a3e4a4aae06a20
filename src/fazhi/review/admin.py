"""The admin of the review workstream: legality reviews with their versions and opinions, review catalogs and
matters, normative documents and their filing, clean-up campaigns, pre-check rules. Lists are scoped by core.access,
every save goes through the review services (so their rules and the audit trail hold here too), and what only a
transition or the numbering sets (states, 文号, deadlines) is read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from unfold.admin import TabularInline
from unfold.widgets import UnfoldAdminFileFieldWidget, UnfoldAdminTextareaWidget

from fazhi.core import access
from fazhi.core import services as core_services
from fazhi.core.io import ledgers
from fazhi.core.models import Organization, Role, User
from fazhi.core.web.admin import ScopedAdmin, SharedDataAdmin

from . import rules, selectors, services
from .models import (
    CleanupCampaign,
    CleanupItem,
    DocumentNumberSequence,
    DraftVersion,
    Filing,
    LegalityReview,
    LevelOpinion,
    Matter,
    NormativeDocument,
    PrecheckRule,
    ReviewCatalog,
    ReviewCatalogEntry,
    SubjectKind,
)


def _values(form, names) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def _created(obj, created) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = created.pk
    obj._state.adding = False


def _update(request, obj, form, names) -> None:
    """Save the form's changes of `names` (and nothing else) through core.services, on a fresh copy of the record:
    the admin's object also carries values a service is about to write with its own checks."""
    changed = [n for n in names if n in form.changed_data]
    if changed:
        current = type(obj)._default_manager.get(pk=obj.pk)
        core_services.update_record(actor=request.user, instance=current, data=_values(form, changed))


def _district_units(user: User):
    """The units of the user's district (all of them for a system administrator): records the user refers to
    without belonging to them (a campaign's organizer, an advisor's firm)."""
    if access.scope_kind(user, Organization) == access.ALL:
        return Organization.objects.all()
    if user.organization is None:
        return Organization.objects.none()
    return Organization.objects.filter(path__startswith=f"/{user.organization.root_code}/")


def _page(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


class ReviewAdmin(ScopedAdmin):
    """ScopedAdmin whose choices of related records are scoped too: a form offers only records the user may see."""

    actions = []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if "queryset" not in kwargs and related is not Organization and access.is_unit_scoped(related):
            kwargs["queryset"] = access.scope(request.user, related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        """Inlines here list what the services wrote; nothing of theirs is saved from the form."""
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


class ReadOnlyInline(TabularInline):
    """Records listed under their parent, written only by the services (versions, opinions, documents examined)."""

    extra = 0
    can_delete = False
    show_change_link = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_view_permission(self, request, obj=None):
        return access.policy_for(request.user) is not None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return access.scope(request.user, super().get_queryset(request))


# Legality reviews -------------------------------------------------------------------------------------------


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
        "status",
        "current_version",
        "level_started_on",
        "level_due_on",
        "level_due_explanation",
        "final_opinion",
        "final_reasons",
        "concluded_on",
        "page",
    ]
    # Each level's opinion, the return for revision, resubmission and the final opinion are transitions taken on
    # the review's page (services.give_opinion / resubmit / conclude_review); the level deadlines are computed.
    state_fields = [
        "status",
        "current_version",
        "level_started_on",
        "level_due_on",
        "level_due_explanation",
        "final_opinion",
        "final_reasons",
        "concluded_on",
        "page",
    ]

    @admin.display(description="当前稿次")
    def version_label(self, obj):
        return f"第{obj.current_version}稿"

    @admin.display(description="办理")
    def page(self, obj):
        url = _page("review:detail", obj.pk) if obj.pk else ""
        return format_html('<a href="{}">在审查页面出具意见、退回或重新送审</a>', url) if url else "—"

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = SubmitReviewForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*SubmitReviewForm.Meta.fields, "draft_text", "draft_file"]
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.status == LegalityReview.Status.CONCLUDED:
            return self.fields
        # The unit, kind and date sent decide who reviews and the deadlines: fixed once sent.
        return ["subject_kind", "organization", "submitted_on", *self.state_fields]

    def has_change_permission(self, request, obj=None):
        # An advisor reaches the reviews assigned to them, to give opinions on the pages; they edit nothing here.
        if obj is not None and not rules.may_act_for_drafting_unit(obj, request.user):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # a review is a record of what was reviewed: it is concluded, never deleted

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "advisor_user":
            advisors = User.objects.filter(role=Role.LEGAL_ADVISOR, is_active=True).select_related("person")
            kwargs["queryset"] = advisors.filter(
                Q(person__organization__in=_district_units(request.user))
                | Q(pk__in=access.scope(request.user, User.objects.all()))
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            _update(request, obj, form, ["title", "advisor_user", "advisor_name"])
            return
        values = _values(form, SubmitReviewForm.Meta.fields)
        review = services.submit_review(
            actor=request.user,
            text=form.cleaned_data.get("draft_text") or "",
            file=form.cleaned_data.get("draft_file"),
            **values,
        )
        _created(obj, review)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []  # version 1 is the draft sent with the form


# Review catalogs and matters --------------------------------------------------------------------------------


class ReviewCatalogEntryInline(TabularInline):
    """The entries are adopted with the catalog (services.adopt_catalog); a revised list is adopted anew."""

    model = ReviewCatalogEntry
    fields = ["subject_kind", "description"]
    extra = 3
    can_delete = False

    def get_min_num(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def get_extra(self, request, obj=None, **kwargs):
        return self.extra if obj is None else 0

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.fields

    def has_view_permission(self, request, obj=None):
        return access.policy_for(request.user) is not None

    def has_add_permission(self, request, obj=None):
        return obj is None

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReviewCatalog)
class ReviewCatalogAdmin(ReviewAdmin):
    ledger_code = "review_catalog_entries"
    actions = ["export_ledger"]
    list_display = ["title", "organization", "adopted_on", "entry_count", "kinds"]
    list_filter = ["adopted_on", "organization__kind"]
    search_fields = ["title", "organization__name", "entries__description"]
    list_select_related = ["organization"]
    inlines = [ReviewCatalogEntryInline]
    fields = ["organization", "title", "adopted_on"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("entries")

    @admin.display(description="事项数")
    def entry_count(self, obj):
        return len(obj.entries.all())

    @admin.display(description="事项类别")
    def kinds(self, obj):
        labels = dict(SubjectKind.choices)
        return "、".join(dict.fromkeys(labels[e.subject_kind] for e in obj.entries.all()))

    def get_readonly_fields(self, request, obj=None):
        return ["organization"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return (
            False  # the adoption rate counts catalogs adopted by a date: a catalog is superseded, not deleted
        )

    @admin.action(description="导出所选为Excel台账")
    def export_ledger(self, request, queryset):
        # The ledger lists the entries of the catalogs selected.
        entries = ledgers.get(self.ledger_code).queryset().filter(catalog__in=queryset)
        return super().export_ledger(request, entries)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        # A new catalog is adopted with its entries in save_related, where the inline's rows are at hand.

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            return
        entries = [
            (f.cleaned_data["subject_kind"], f.cleaned_data["description"])
            for formset in formsets
            for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        catalog = services.adopt_catalog(actor=request.user, entries=entries, **_values(form, self.fields))
        _created(form.instance, catalog)


class MatterForm(forms.ModelForm):
    class Meta:
        model = Matter
        fields = ["organization", "subject_kind", "title", "issued_on", "legality_review"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "subject_kind" in self.fields:
            # Normative documents are counted from their register (services.register_matter refuses them).
            self.fields["subject_kind"].choices = [
                c for c in self.fields["subject_kind"].choices if c[0] != SubjectKind.NORMATIVE_DOCUMENT
            ]


@admin.register(Matter)
class MatterAdmin(ReviewAdmin):
    form = MatterForm
    list_display = ["title", "subject_kind", "organization", "issued_on", "legality_review", "reviewed_first"]
    list_filter = ["subject_kind", "issued_on"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization", "legality_review"]
    date_hierarchy = "issued_on"
    fields = ["organization", "subject_kind", "title", "issued_on", "legality_review"]

    @admin.display(description="印发前经审查通过", boolean=True)
    def reviewed_first(self, obj):
        review = obj.legality_review
        return bool(review and review.passed and review.concluded_on <= obj.issued_on)

    def get_readonly_fields(self, request, obj=None):
        # register_matter checks that the review is the unit's and of the matter's kind: fixed once registered.
        return ["organization", "subject_kind", "legality_review"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "legality_review":
            kwargs["queryset"] = selectors.reviews_for(request.user).exclude(
                subject_kind=SubjectKind.NORMATIVE_DOCUMENT
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            _update(request, obj, form, ["title", "issued_on"])
        else:
            _created(obj, services.register_matter(actor=request.user, **_values(form, self.fields)))


# Normative documents and filing ------------------------------------------------------------------------------

REGISTER_FIELDS = [
    "title",
    "organization",
    "number_prefix",
    "registered_on",
    "validity_years",
    "requires_filing",
    "enterprise_related",
]
ISSUE_FIELDS = [
    "number",
    "number_year",
    "number_seq",
    "status",
    "legality_review",
    "signed_on",
    "published_on",
    "effective_on",
    "expires_on",
    "filing_due_on",
    "filing_due_explanation",
]


@admin.register(NormativeDocument)
class NormativeDocumentAdmin(ReviewAdmin):
    ledger_code = "normative_documents"
    actions = ["export_ledger"]
    list_display = [
        "number_label",
        "title",
        "organization",
        "status",
        "published_on",
        "expires_on",
        "filing_due_on",
        "filing_state",
        "enterprise_related",
    ]
    list_filter = ["status", "number_year", "requires_filing", "enterprise_related"]
    search_fields = ["title", "number", "organization__name"]
    list_select_related = ["organization", "filing"]
    fields = [*REGISTER_FIELDS, *ISSUE_FIELDS, "page"]

    @admin.display(description="办理")
    def page(self, obj):
        url = _page("documents:detail", obj.pk) if obj.pk else ""
        return format_html('<a href="{}">在文件页面送审、统一编号印发、报送备案</a>', url) if url else "—"

    @admin.display(description="文号", ordering="number")
    def number_label(self, obj):
        return obj.number or "（印发时编号）"

    @admin.display(description="备案")
    def filing_state(self, obj):
        if not obj.requires_filing:
            return "无须备案"
        if not obj.published_on:
            return "—"
        filing = getattr(obj, "filing", None)
        return "已报送" if filing is not None else "未报送"

    def get_fields(self, request, obj=None):
        return REGISTER_FIELDS if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # 文号 and its year and sequence, the dates and the filing deadline are set only by issue_document.
        if obj.status != NormativeDocument.Status.REGISTERED:
            return [f for f in self.fields if f != "enterprise_related"]
        if obj.legality_review_id:
            return ["organization", *ISSUE_FIELDS, "page"]  # the review was sent in this organ's name
        return [*ISSUE_FIELDS, "page"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.status != NormativeDocument.Status.REGISTERED:
            return False  # an issued document is repealed or declared invalid, never deleted
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            _update(request, obj, form, REGISTER_FIELDS)
        else:
            _created(obj, services.register_document(actor=request.user, **_values(form, REGISTER_FIELDS)))


MATERIALS = list(Filing.MATERIALS)
FILING_FIELDS = ["filed_on", "filed_with", *MATERIALS]
RESULT_FIELDS = ["result", "result_on", "correction_required"]


@admin.register(Filing)
class FilingAdmin(ReviewAdmin):
    ledger_code = "filings"
    actions = ["export_ledger"]
    list_display = [
        "document",
        "organization",
        "filed_on",
        "filed_with",
        "on_time",
        "complete",
        "result",
        "result_on",
        "correction_due_on",
        "corrected_on",
    ]
    list_filter = ["result", "filed_on", "filed_with"]
    search_fields = ["document__title", "document__number", "filed_with"]
    list_select_related = ["document__organization"]
    date_hierarchy = "filed_on"
    fields = [
        "document",
        *FILING_FIELDS,
        *RESULT_FIELDS,
        "correction_due_on",
        "correction_due_explanation",
        "corrected_on",
    ]

    @admin.display(description="制定机关")
    def organization(self, obj):
        return obj.document.organization

    @admin.display(description="按期报送", boolean=True)
    def on_time(self, obj):
        return obj.in_time

    @admin.display(description="材料齐全", boolean=True)
    def complete(self, obj):
        return obj.materials_complete

    def get_fields(self, request, obj=None):
        return ["document", *FILING_FIELDS] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixed = ["document", "correction_due_on", "correction_due_explanation"]
        if obj.result != Filing.Result.PENDING:
            # The filing as the upper level reviewed it, and its result, stay as recorded.
            fixed += [*FILING_FIELDS, *RESULT_FIELDS]
        elif not access.is_justice_bureau(obj, request.user):
            fixed += RESULT_FIELDS  # the upper level's result is entered by the Justice Bureau
        if obj.result != Filing.Result.CORRECTION or obj.corrected_on is not None:
            fixed.append("corrected_on")
        return fixed

    def has_delete_permission(self, request, obj=None):
        return False  # the filing rates count filings as made

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "document":
            kwargs["queryset"] = selectors.documents_for(request.user, access.CHANGE).filter(
                requires_filing=True, published_on__isnull=False, filing__isnull=True
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            values = _values(form, ["document", *FILING_FIELDS])
            _created(obj, services.file_document(actor=request.user, **values))
            return
        _update(request, obj, form, FILING_FIELDS)
        data = form.cleaned_data
        if set(RESULT_FIELDS) & set(form.changed_data) and data.get("result") != Filing.Result.PENDING:
            services.record_filing_result(
                actor=request.user,
                filing=Filing.objects.get(pk=obj.pk),
                result=data["result"],
                result_on=data["result_on"],
                correction_required=data.get("correction_required") or "",
            )
        if "corrected_on" in form.changed_data and data.get("corrected_on"):
            services.record_correction(
                actor=request.user, filing=Filing.objects.get(pk=obj.pk), corrected_on=data["corrected_on"]
            )


# Clean-up --------------------------------------------------------------------------------------------------


class CleanupItemInline(ReadOnlyInline):
    model = CleanupItem
    fields = [
        "kind",
        "title",
        "document_number",
        "issuing_unit",
        "enterprise_related",
        "outcome",
        "decided_on",
    ]
    verbose_name_plural = "清理文件"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("issuing_unit")


@admin.register(CleanupCampaign)
class CleanupCampaignAdmin(ReviewAdmin):
    list_display = ["name", "organization", "started_on", "ended_on", "item_count", "decided_count"]
    list_filter = ["started_on"]
    search_fields = ["name", "scope"]
    list_select_related = ["organization"]
    date_hierarchy = "started_on"
    inlines = [CleanupItemInline]
    fields = ["name", "scope", "organization", "started_on", "ended_on"]

    def get_queryset(self, request):
        # Units take part in the district's campaigns: each sees the campaigns in which it has documents examined.
        return selectors.campaigns_for(request.user).annotate(
            n_items=Count("items", distinct=True),
            n_decided=Count("items", filter=~Q(items__outcome=""), distinct=True),
        )

    @admin.display(description="文件数", ordering="n_items")
    def item_count(self, obj):
        return obj.n_items

    @admin.display(description="已确定结果", ordering="n_decided")
    def decided_count(self, obj):
        return obj.n_decided

    def has_view_permission(self, request, obj=None):
        if obj is not None:
            return selectors.campaigns_for(request.user).filter(pk=obj.pk).exists()
        return super().has_view_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return ["organization"] if obj is not None else []

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            _created(obj, services.create_campaign(actor=request.user, **_values(form, self.fields)))

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []


class CleanupItemForm(forms.ModelForm):
    class Meta:
        model = CleanupItem
        fields = [
            "campaign",
            "document",
            "title",
            "document_number",
            "issuing_unit",
            "enterprise_related",
            "outcome",
            "reason",
            "decided_on",
        ]
        help_texts = {
            "document": "行政规范性文件从登记簿中选择（文件名称、文号、制定单位随之填入）；其他政策文件留空并填写下列各项。",
            "enterprise_related": "规范性文件未勾选的，按登记簿中的“涉企”。",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("title", "issuing_unit"):
            if name in self.fields:
                self.fields[name].required = False  # taken from the register for a normative document

    def clean(self):
        data = super().clean()
        if "document" in self.fields and not data.get("document"):
            for name in ("title", "issuing_unit"):
                if not data.get(name):
                    self.add_error(name, "其他政策文件须填写文件名称和制定单位；规范性文件请从登记簿中选择。")
        return data


ITEM_DECISION = ["outcome", "reason", "decided_on"]


@admin.register(CleanupItem)
class CleanupItemAdmin(ReviewAdmin):
    ledger_code = "cleanup_items"
    actions = ["export_ledger"]
    form = CleanupItemForm
    list_display = [
        "title",
        "document_number",
        "kind",
        "campaign",
        "issuing_unit",
        "enterprise_related",
        "outcome",
        "decided_on",
    ]
    list_filter = [("campaign", admin.RelatedOnlyFieldListFilter), "kind", "outcome", "enterprise_related"]
    search_fields = ["title", "document_number", "reason", "issuing_unit__name"]
    list_select_related = ["campaign", "issuing_unit"]
    fields = [
        "campaign",
        "kind",
        "document",
        "title",
        "document_number",
        "issuing_unit",
        "enterprise_related",
        *ITEM_DECISION,
    ]

    def get_fields(self, request, obj=None):
        return [f for f in self.fields if f not in ("kind", *ITEM_DECISION)] if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixed = ["campaign", "kind", "document", "issuing_unit"]
        if obj.kind == CleanupItem.Kind.NORMATIVE:
            fixed += ["title", "document_number"]  # as in the register
        if obj.outcome:
            fixed += ITEM_DECISION  # decided once (services.decide_item); the document's status moved with it
        return fixed

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "campaign":
            # A unit adds its own documents to the district's campaign.
            kwargs["queryset"] = CleanupCampaign.objects.filter(
                organization__in=_district_units(request.user)
            ).select_related("organization")
        if db_field.name == "document":
            kwargs["queryset"] = selectors.documents_for(request.user).filter(
                status=NormativeDocument.Status.VALID
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if not change:
            document = data.get("document")
            item = services.add_item(
                actor=request.user,
                campaign=data["campaign"],
                document=document,
                title=data.get("title") or "",
                document_number=data.get("document_number") or "",
                issuing_unit=data.get("issuing_unit"),
                enterprise_related=(True if data.get("enterprise_related") else None)
                if document is not None
                else bool(data.get("enterprise_related")),
            )
            _created(obj, item)
            return
        _update(request, obj, form, ["title", "document_number", "enterprise_related"])
        if set(ITEM_DECISION) & set(form.changed_data) and data.get("outcome"):
            services.decide_item(
                actor=request.user,
                item=CleanupItem.objects.get(pk=obj.pk),
                outcome=data["outcome"],
                reason=data.get("reason") or "",
                decided_on=data["decided_on"],
            )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.outcome:
            return False  # a decided outcome is counted and may have moved the document
        return super().has_delete_permission(request, obj)


# Installation-wide data --------------------------------------------------------------------------------------


@admin.register(PrecheckRule)
class PrecheckRuleAdmin(SharedDataAdmin):
    """Rules added to the shipped pre-check rules; the model's clean checks both regular expressions."""

    actions = ["enable", "disable"]
    list_display = ["code", "name", "category", "severity", "enabled", "basis"]
    list_filter = ["category", "severity", "enabled"]
    search_fields = ["code", "name", "pattern", "basis", "explanation"]
    fields = [
        "code",
        "name",
        "category",
        "pattern",
        "exclude_pattern",
        "basis",
        "explanation",
        "severity",
        "enabled",
    ]

    def _set_enabled(self, request, queryset, enabled: bool) -> None:
        changed = 0
        for rule in queryset.exclude(enabled=enabled):
            core_services.update_record(actor=request.user, instance=rule, data={"enabled": enabled})
            changed += 1
        self.message_user(request, f"已{'启用' if enabled else '停用'}{changed}条规则。", messages.SUCCESS)

    @admin.action(description="启用所选规则", permissions=["change"])
    def enable(self, request, queryset):
        self._set_enabled(request, queryset, True)

    @admin.action(description="停用所选规则", permissions=["change"])
    def disable(self, request, queryset):
        self._set_enabled(request, queryset, False)


@admin.register(DocumentNumberSequence)
class DocumentNumberSequenceAdmin(SharedDataAdmin):
    """The numbering counters: moved only by issue_document, under a row lock; shown so numbering can be checked."""

    list_display = ["prefix", "year", "last_seq", "next_number"]
    list_filter = ["year"]
    search_fields = ["prefix"]

    @admin.display(description="下一个文号")
    def next_number(self, obj):
        return services.documents.format_number(prefix=obj.prefix, year=obj.year, seq=obj.last_seq + 1)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
