"""Personal data masked on the ways in (admin, API): an encrypted field (core.crypto) is shown masked; a form or
API write that sends the masked value back leaves the stored value as it is; the full value only through
`services.reveal`, which writes an audit event."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from rest_framework import serializers

from fazhi.core import crypto

KEEP_HINT = "已脱敏显示；不修改则保持原值，要更正请填写完整内容。"


def masked_form(form_class, model, *, view_only: bool, reveal_url=None):
    """`form_class` with every encrypted field shown masked; a masked value sent back means "unchanged". For a
    view-only user the instance itself is masked (nothing is saved from that page)."""
    secret = {f.name: f for f in crypto.encrypted_fields(model)}
    if not secret:
        return form_class

    class MaskedForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._full = {}
            instance = getattr(self, "instance", None)
            for name, field in secret.items():
                value = getattr(instance, name, "") if instance is not None and instance.pk else ""
                if name in self.fields:
                    if value:
                        self._full[name] = value
                        self.initial[name] = field.masked(value)
                        link = reveal_url(instance, name) if reveal_url else None
                        hint = (
                            format_html('{} <a href="{}">查看完整内容</a>', KEEP_HINT, link)
                            if link
                            else KEEP_HINT
                        )
                        self.fields[name].help_text = format_html(
                            "{}{}",
                            f"{self.fields[name].help_text} " if self.fields[name].help_text else "",
                            hint,
                        )
                elif view_only and value:
                    setattr(instance, field.attname, field.masked(value))

        def clean(self):
            cleaned = super().clean()
            for name, full in self._full.items():
                if cleaned.get(name) == secret[name].masked(full):
                    cleaned[name] = full
            return cleaned

    MaskedForm.__name__ = form_class.__name__
    return MaskedForm


def masked_list_display(model, names):
    """list_display with each encrypted field replaced by its masked value."""
    secret = {f.name: f for f in crypto.encrypted_fields(model)}
    return [_masked_column(secret[n]) if isinstance(n, str) and n in secret else n for n in names]


def _masked_column(field):
    @admin.display(description=field.verbose_name)
    def column(obj):
        return field.masked(getattr(obj, field.attname))

    column.__name__ = f"masked_{field.name}"
    return column


class MaskedField(serializers.CharField):
    """An encrypted model field in the API: read masked; a write of the masked value keeps the stored one."""

    def bind(self, field_name, parent):
        super().bind(field_name, parent)
        self.model_field = parent.Meta.model._meta.get_field(self.source)

    def to_representation(self, value):
        return self.model_field.masked(value) if value else value

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        instance = getattr(self.parent, "instance", None)
        current = (
            getattr(instance, self.source, "")
            if instance is not None and not isinstance(instance, list)
            else ""
        )
        if current and value == self.model_field.masked(current):
            return current
        return value
