"""The forms of the case-file evaluation pages: a file's scoring form built from its campaign's standard (a points
field per scored item, a checkbox per veto item) and the form recording a problem. They parse; the rules are the
services'."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from fazhi.core.web.pages import Form, date_field, text_field

from .evaluation_models import CaseFileProblem, EvaluationItem


class ScoreForm(Form):
    """One field per item of the standard; the total and grade are computed by the service, not entered."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            if item.kind == EvaluationItem.Kind.VETO:
                self.fields[f"veto_{item.pk}"] = forms.BooleanField(label=item.title, required=False)
            else:
                self.fields[f"points_{item.pk}"] = forms.DecimalField(
                    label=f"{item.group + '·' if item.group else ''}{item.title}（{item.max_points.normalize():f}分）",
                    max_digits=5,
                    decimal_places=1,
                    min_value=Decimal(0),
                    required=False,
                )
        self.fields["scored_on"] = date_field("评分日期")

    def veto_fields(self):
        return [self[f"veto_{i.pk}"] for i in self.items if i.kind == EvaluationItem.Kind.VETO]

    def points_fields(self):
        return [self[f"points_{i.pk}"] for i in self.items if i.kind == EvaluationItem.Kind.SCORED]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "points": {
                i.pk: data[f"points_{i.pk}"]
                for i in self.items
                if i.kind == EvaluationItem.Kind.SCORED and data.get(f"points_{i.pk}") is not None
            },
            "vetoes": [
                i.pk for i in self.items if i.kind == EvaluationItem.Kind.VETO and data.get(f"veto_{i.pk}")
            ],
            "scored_on": data["scored_on"],
        }


class ProblemForm(Form):
    category = forms.ChoiceField(label="问题类别", choices=CaseFileProblem.Category.choices)
    description = text_field("问题描述", rows=2)
