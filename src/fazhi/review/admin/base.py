"""What the review admin classes share: the service-backed base whose related-record choices are scoped too, and the
read-only inline for records only the services write."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from unfold.admin import TabularInline

from fazhi.core import access
from fazhi.core.models import Organization
from fazhi.core.web.admin import ServiceAdmin


def values(form, names) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def changed_values(form, names) -> dict:
    """The form's changed values among `names`: what a change service is asked to write."""
    return {n: form.cleaned_data[n] for n in names if n in form.changed_data and n in form.cleaned_data}


def created(obj, record) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = record.pk
    obj._state.adding = False


def fresh(obj):
    """The record as stored: the admin's object already carries the form's values."""
    return type(obj)._default_manager.get(pk=obj.pk)


def page_url(name: str, *args) -> str:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


class ReviewAdmin(ServiceAdmin):
    """ServiceAdmin whose choices of related records are scoped too: a form offers only records the user may see.
    `fixed_fields(user, obj)` (from the rules) names what is read-only on a change page."""

    actions = []
    fixed_fields = None  # staticmethod (user, obj) -> the fields the rules fix
    always_readonly: tuple = ()  # what only a transition, the numbering or a computation sets

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if "queryset" not in kwargs and related is not Organization and access.is_unit_scoped(related):
            kwargs["queryset"] = access.scope(request.user, related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        fixed = type(self).fixed_fields(request.user, obj) if self.fixed_fields else []
        return [f for f in self.get_fields(request, obj) if f in fixed or f in self.always_readonly]

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
