"""What every oversight admin class shares: the service-backed base, no deleting, many-to-many saved by services."""

from __future__ import annotations

from fazhi.core.web.admin import ServiceAdmin


def values(form, names) -> dict:
    return {n: form.cleaned_data[n] for n in names if n in form.cleaned_data}


def created(obj, record) -> None:
    """Let the admin redirect to the record a service created in place of its unsaved `obj`."""
    obj.pk = record.pk
    obj._state.adding = False


class OversightAdmin(ServiceAdmin):
    actions = ["export_ledger"]

    def save_related(self, request, form, formsets, change):
        """Many-to-many choices are saved by the service in save_model, with the audit trail."""
