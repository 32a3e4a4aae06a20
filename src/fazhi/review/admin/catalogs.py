"""Review catalogs and the matters counted against them in admin: adopting a catalog with its entries
(adopt_catalog), registering a matter (register_matter), correcting either (change_catalog, change_matter)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from unfold.admin import TabularInline

from fazhi.core import access
from fazhi.core.io import ledgers

from .. import rules, selectors, services
from ..models import Matter, ReviewCatalog, ReviewCatalogEntry, SubjectKind
from .base import ReviewAdmin, changed_values, created, fresh, values


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


def change_catalog(*, actor, obj, form, changed) -> None:
    data = changed_values(form, ["title", "adopted_on"])
    if data:
        services.change_catalog(actor=actor, catalog=fresh(obj), **data)


def adopt_later(*, actor, obj, form) -> None:
    """A new catalog is adopted with its entries in save_related, where the inline's rows are at hand."""


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
    create_service = staticmethod(adopt_later)
    update_service = staticmethod(change_catalog)
    may_delete = staticmethod(rules.may_delete_catalog)
    fixed_fields = staticmethod(lambda user, catalog: rules.fixed_catalog_fields(catalog))

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("entries")

    @admin.display(description="事项数")
    def entry_count(self, obj):
        return len(obj.entries.all())

    @admin.display(description="事项类别")
    def kinds(self, obj):
        labels = dict(SubjectKind.choices)
        return "、".join(dict.fromkeys(labels[e.subject_kind] for e in obj.entries.all()))

    @admin.action(description="导出所选为Excel台账")
    def export_ledger(self, request, queryset):
        # The ledger lists the entries of the catalogs selected.
        entries = ledgers.get(self.ledger_code).queryset().filter(catalog__in=queryset)
        return super().export_ledger(request, entries)

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
        catalog = services.adopt_catalog(actor=request.user, entries=entries, **values(form, self.fields))
        created(form.instance, catalog)


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


def register_matter(*, actor, obj, form) -> None:
    created(obj, services.register_matter(actor=actor, **values(form, MatterForm.Meta.fields)))


def change_matter(*, actor, obj, form, changed) -> None:
    data = changed_values(form, ["title", "issued_on"])
    if data:
        services.change_matter(actor=actor, matter=fresh(obj), **data)


def delete_matter(*, actor, obj) -> None:
    services.delete_matter(actor=actor, matter=obj)


@admin.register(Matter)
class MatterAdmin(ReviewAdmin):
    form = MatterForm
    list_display = ["title", "subject_kind", "organization", "issued_on", "legality_review", "reviewed_first"]
    list_filter = ["subject_kind", "issued_on"]
    search_fields = ["title", "organization__name"]
    list_select_related = ["organization", "legality_review"]
    date_hierarchy = "issued_on"
    fields = ["organization", "subject_kind", "title", "issued_on", "legality_review"]
    create_service = staticmethod(register_matter)
    update_service = staticmethod(change_matter)
    delete_service = staticmethod(delete_matter)
    may_delete = staticmethod(rules.may_delete_matter)
    fixed_fields = staticmethod(lambda user, matter: rules.fixed_matter_fields(matter))

    @admin.display(description="印发前经审查通过", boolean=True)
    def reviewed_first(self, obj):
        review = obj.legality_review
        return bool(review and review.passed and review.concluded_on <= obj.issued_on)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "legality_review":
            kwargs["queryset"] = selectors.reviews_for(request.user).exclude(
                subject_kind=SubjectKind.NORMATIVE_DOCUMENT
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
