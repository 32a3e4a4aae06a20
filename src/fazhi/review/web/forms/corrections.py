"""The correction forms of the review pages (更正): of a record's fields, those the rules leave open in its state,
defined as on the form that created the record, filled in with the record's values."""

from __future__ import annotations

import copy

from django import forms
from django.forms.models import model_to_dict

from fazhi.core.web.pages import Form


class CorrectionForm(Form):
    """`names`: what a correction may touch; `base`: the form that created the record (a field it lacks is the
    model's own); `open_fields`: those the rules leave open now (the others are not on the form, nor read)."""

    names: tuple[str, ...] = ()
    base: type[forms.Form] = Form

    def __init__(self, *args, record, open_fields, **kwargs):
        kwargs.setdefault("initial", model_to_dict(record, fields=self.names))
        super().__init__(*args, **kwargs)
        for name in self.names:
            if name in open_fields:
                field = self.base.base_fields.get(name) or type(record)._meta.get_field(name).formfield()
                self.fields[name] = copy.deepcopy(field)

    def changes(self) -> dict:
        """The values changed: what a change service is asked to write."""
        return {n: self.cleaned_data[n] for n in self.changed_data if n in self.cleaned_data}
