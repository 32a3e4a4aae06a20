"""The project's form renderer writes a <select> in Python (issue 19: a province's unit select took 150–250 ms through
Django's templates); its markup must be byte for byte what Django's templates write, for every kind of select."""

from __future__ import annotations

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates

from fazhi.core.models import Organization
from fazhi.core.web.render import FormRenderer

CHOICES = [("", "请选择"), ("1", "澄湖区<司法局>"), ("2", 'A&B "所"'), (3, "三")]
GROUPED = [("", "—"), ("一组", [("a", "甲"), ("b", "乙")]), ("c", "丙"), ("二组", [("d", "丁")])]


def both(widget: forms.Widget, name: str, value, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, value, attrs, renderer=DjangoTemplates()),
        widget.render(name, value, attrs, renderer=FormRenderer()),
    )


@pytest.mark.parametrize(
    ("widget", "value", "attrs"),
    [
        (forms.Select(choices=CHOICES), "2", {"id": "id_x", "required": True}),
        (forms.Select(choices=CHOICES), None, None),
        (forms.Select(choices=CHOICES, attrs={"data-x": "<1>", "disabled": False}), 3, {"id": "id_y"}),
        (forms.SelectMultiple(choices=CHOICES), ["1", "3"], {"id": "id_m"}),
        (forms.SelectMultiple(choices=[]), [], None),
        (forms.Select(choices=GROUPED), "d", {"id": "g"}),
        (forms.SelectMultiple(choices=GROUPED), ["a", "c"], None),
        (forms.NullBooleanSelect(), True, {"id": "n"}),
    ],
)
def test_a_select_is_written_as_django_writes_it(widget, value, attrs):
    django_html, ours = both(widget, "field<name>", value, attrs)
    assert "<option" in django_html or not widget.choices
    assert ours == django_html


@pytest.mark.django_db
def test_a_model_select_in_a_form_is_written_as_django_writes_it():
    Organization.objects.create(code="T1", name="测试<单位>", path="/T1/")
    Organization.objects.create(code="T2", name="第二单位", path="/T2/")

    class UnitForm(forms.Form):
        unit = forms.ModelChoiceField(queryset=Organization.objects.order_by("path"))
        units = forms.ModelMultipleChoiceField(queryset=Organization.objects.order_by("path"), required=False)

    form = UnitForm(initial={"unit": Organization.objects.get(code="T2").pk})
    assert settings.FORM_RENDERER == "fazhi.core.web.render.FormRenderer"
    ours = str(form)
    form.renderer = DjangoTemplates()
    assert ours == str(form) and "测试&lt;单位&gt;" in ours


def test_a_select_whose_options_have_templates_of_their_own_is_left_to_django():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    django_html, ours = both(Custom(choices=CHOICES), "c", "1")
    assert ours == django_html
