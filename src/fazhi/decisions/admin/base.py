"""The base of the decisions admin: core's ServiceAdmin (every write through the decisions services), with the
choices of related records scoped too."""

from __future__ import annotations

from fazhi.core import access
from fazhi.core.models import Organization
from fazhi.core.web.admin import ScopedAdmin, ServiceAdmin


def form_values(form, names=None) -> dict:
    """The form's cleaned values: all of them, or those named."""
    return {n: form.cleaned_data[n] for n in (form.cleaned_data if names is None else names)}


def created(obj, record) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = record.pk
    obj._state.adding = False


class DecisionsAdmin(ServiceAdmin):
    """ServiceAdmin whose choices of related records are scoped too: a form offers only records the user may see."""

    actions = []

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
