"""What the enforcement admin classes share: the service-backed base with scoped choices of related records, and the
adapters that turn an admin form into a call of the app's service (so the admin holds no rule)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from fazhi.core import access
from fazhi.core.models import Organization
from fazhi.core.web.admin import ServiceAdmin


def values(form, names: Iterable[str]) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def _point_at(obj, created) -> None:
    """Point the admin's unsaved object at the record the service created, for the redirect and the admin log."""
    obj.pk = created.pk
    obj._state.adding = False


def creating(service: Callable, names: Iterable[str]) -> Callable:
    """A create_service: the service called with the form's values of `names`."""
    names = list(names)

    def create(*, actor, obj, form):
        _point_at(obj, service(actor=actor, **values(form, names)))

    return staticmethod(create)


def updating(service: Callable, keyword: str, names: Iterable[str]) -> Callable:
    """An update_service: the service called on a fresh copy of the record with the form's changes of `names` (the
    admin's object may be half-changed)."""
    names = list(names)

    def update(*, actor, obj, form, changed):
        data = values(form, [n for n in names if n in changed])
        if data:
            current = type(obj)._default_manager.get(pk=obj.pk)
            service(actor=actor, **{keyword: current}, **data)

    return staticmethod(update)


class EnforcementAdmin(ServiceAdmin):
    """The service-backed admin whose choices of related records are scoped too."""

    ledger_code = None
    actions = []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if db_field.name == "supervision_organ":
            kwargs["queryset"] = access.scope(request.user, Organization.objects.all())
        elif related is not Organization and access.is_unit_scoped(related):
            kwargs["queryset"] = access.scope(request.user, related._default_manager.all())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
