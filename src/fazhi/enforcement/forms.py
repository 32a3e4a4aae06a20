"""The forms of the enforcement pages: they parse what a person typed; the rules live in services and models, and
their ValidationErrors come back onto these forms."""

from __future__ import annotations

from django import forms

from fazhi.core.pages import Form, date_field

from .models import Certificate


class CancelCertificateForm(Form):
    """注销: the reason (调动、退休、辞职、辞退或其他) and the date from which the certificate stops being valid."""

    field_aliases = {"cancel_reason": "reason", "cancel_note": "note"}

    reason = forms.ChoiceField(label="注销原因", choices=Certificate.CancelReason.choices)
    cancelled_on = date_field("注销日期")
    note = forms.CharField(
        label="注销说明", max_length=200, required=False, help_text="注销原因为“其他”的须写明"
    )
