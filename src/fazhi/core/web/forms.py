"""Forms of core's own pages: a local rule's value, typed by its default (core.config)."""

from __future__ import annotations

from typing import Any

from django import forms

from fazhi.core import config
from fazhi.core.models import OrganizationKind

YES_NO = (("true", "是"), ("false", "否"))


def choices_of(spec: config.SettingSpec) -> list[tuple[str, str]] | None:
    """The choices of a list setting whose items are codes with Chinese labels (unit kinds), else None."""
    default = spec.default
    if isinstance(default, list) and default and all(v in OrganizationKind.values for v in default):
        return list(OrganizationKind.choices)
    return None


def display(spec: config.SettingSpec, value: Any) -> str:
    """A setting's value in Chinese: 是/否, list items by their labels joined with 、, （空） for nothing."""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        labels = dict(choices_of(spec) or ())
        return "、".join(str(labels.get(v, v)) for v in value) or "（空）"
    if value == "" or value is None:
        return "（空）"
    return str(value)


class SettingForm(forms.Form):
    """One setting's value. The field follows the default's type; the type itself is checked by the service."""

    def __init__(self, *args, spec: config.SettingSpec, value: Any, **kwargs):
        super().__init__(*args, **kwargs)
        self.spec = spec
        default = spec.default
        label = f"{spec.name}（值）"
        if isinstance(default, bool):
            field = forms.ChoiceField(label=label, choices=YES_NO, initial="true" if value else "false")
        elif isinstance(default, int):
            field = forms.IntegerField(label=label, initial=value)
        elif choices_of(spec):
            field = forms.MultipleChoiceField(
                label=label, choices=choices_of(spec), initial=value, widget=forms.CheckboxSelectMultiple
            )
        elif isinstance(default, list):
            field = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                initial="\n".join(str(v) for v in value),
                help_text="每行一项",
            )
        else:
            field = forms.CharField(label=label, required=False, max_length=500, initial=value)
        self.fields["value"] = field

    def clean_value(self) -> Any:
        raw = self.cleaned_data["value"]
        default = self.spec.default
        if isinstance(default, bool):
            return raw == "true"
        if isinstance(default, list) and choices_of(self.spec):
            return list(raw)
        if isinstance(default, list):
            return [line.strip() for line in (raw or "").splitlines() if line.strip()]
        if isinstance(default, str):
            return (raw or "").strip()
        return raw
