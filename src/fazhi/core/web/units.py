"""Choosing a unit in a form (承办单位, 组织单位, 被申请人…): a <select> while the user may choose among a few units,
a search field (core.web.choices) once there are more than settings.FAZHI_UNIT_SELECT_MAX — a province's 1,000
units are not listed on every form (issue 19).

Both ways take the same values and give the same errors: a unit's pk (what the select and the script post) or its
label typed (the name, or the name with its superior units in brackets, `司法局（某某县人民政府）`: unit names repeat
from one county to the next). The cleaned value is an Organization (a queryset of them for several). The units on
offer are a Source's rows for the user — one Source per scope, registered once — so the endpoint offers exactly
what the form accepts."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet

from fazhi.core import access
from fazhi.core.models import Organization

from . import choices

SEARCH_FIELDS = ("name", "short_name", "parent__name")


def labels(units: list[Organization]) -> list[str]:
    """Each unit's name, followed by its superior units from the top down in brackets (one statement for all)."""
    chains = [u.path.strip("/").split("/")[:-1] for u in units]
    codes = {c for chain in chains for c in chain}
    names = dict(Organization.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    return [
        f"{u.name}（{' / '.join(names.get(c, c) for c in chain)}）" if chain else u.name
        for u, chain in zip(units, chains, strict=True)
    ]


def label(unit: Organization) -> str:
    return labels([unit])[0]


def source(name: str, rows) -> choices.Source:
    """A scope of units (`rows`: user -> the units the form accepts), registered under `name` for the endpoint."""
    return choices.register(
        choices.Source(name=name, rows=rows, label=label, labels=labels, search_fields=SEARCH_FIELDS)
    )


# The scopes several apps' forms share; an app with a scope of its own registers it in its web forms.
CHANGEABLE = source("units", lambda user: access.organizations(user, access.CHANGE).order_by("path"))
VISIBLE = source("visible-units", lambda user: access.organizations(user, access.VIEW).order_by("path"))
DISTRICT_UNITS = source("district-units", lambda user: access.district_units(user).order_by("path"))


def select_max() -> int:
    return settings.FAZHI_UNIT_SELECT_MAX


class _Scaled:
    """What the one-record and several-record fields share: `for_user` picks the widget from how many records (units,
    or another source's records) are on offer."""

    source: choices.Source
    multiple = False
    searching = False

    accepted: QuerySet | None = None

    def for_user(
        self, user, *, accept: QuerySet | None = None, keep=(), rows: QuerySet | None = None
    ) -> None:
        """Offer the source's units for `user` (or `rows`, fewer of them for this form's record), and the units `keep`
        (a record's own, when it is corrected). `accept`: the units whose pk is taken (default: those offered) — wider
        where a service's rule refuses the others with its own message; a typed name is looked up among those offered."""
        units = self.source.rows(user) if rows is None else rows
        kept = [getattr(k, "pk", k) for k in keep if k is not None]
        if kept:
            units = units | units.model._default_manager.filter(pk__in=kept)
        limit = select_max()
        first = list(
            units[: limit + 1]
        )  # the one statement: the options themselves, or proof there are too many
        self.queryset = units
        self.accepted = accept
        if len(first) > limit:
            self.searching = True
            widget = choices.SearchInput(self.source, self.multiple, attrs=dict(self.widget.attrs))
            widget.is_required = self.required
            self.widget = widget
        else:
            empty = [] if self.empty_label is None else [("", self.empty_label)]
            self.widget.choices = empty + [(u.pk, self.label_from_instance(u)) for u in first]

    def prepare_value(self, value):
        if not self.searching:
            return super().prepare_value(value)
        if value in (None, "", []):
            return ""
        if isinstance(value, str):
            return value
        items = value if isinstance(value, (list, tuple, QuerySet)) else [value]
        known = self.queryset if self.accepted is None else self.accepted
        return choices.labels_of(self.source, known, [getattr(i, "pk", i) for i in items])

    def _one(self, typed):
        """The unit `typed` names: a pk among those on offer, or a label or name."""
        text = str(getattr(typed, "pk", typed)).strip()
        if text.isdigit():
            unit = (self.queryset if self.accepted is None else self.accepted).filter(pk=int(text)).first()
            if unit is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
            return unit
        return choices.resolve(self.source, self.queryset, text)


class RecordChoiceField(_Scaled, forms.ModelChoiceField):
    """One record of `source` (`queryset`: an empty queryset of its model): a select while few, a search field
    beyond. Call `for_user(user)` in the form's __init__."""

    def __init__(self, source: choices.Source, **kwargs):
        self.source = source
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, models.Model):
            value = value.pk
        return self._one(value)


class UnitChoiceField(RecordChoiceField):
    """One unit of `source` (by default the units the user may act for)."""

    def __init__(self, source: choices.Source = CHANGEABLE, **kwargs):
        kwargs.setdefault("queryset", Organization.objects.none())
        super().__init__(source, **kwargs)


class UnitMultipleChoiceField(_Scaled, forms.ModelMultipleChoiceField):
    """Several units of `source` (several pks from the select, or labels separated by “、” typed). Call
    `for_user(user)` in the form's __init__. Cleaned: a queryset of the units chosen."""

    multiple = True

    def __init__(self, source: choices.Source = CHANGEABLE, **kwargs):
        self.source = source
        kwargs.setdefault("queryset", Organization.objects.none())
        super().__init__(**kwargs)

    def clean(self, value):
        if isinstance(value, str):
            value = [t.strip() for t in choices.SEPARATORS.split(value) if t.strip()]
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if not value:
            return self.queryset.none()
        if not isinstance(value, (list, tuple)):
            raise ValidationError(self.error_messages["invalid_list"], code="invalid_list")
        texts = [str(getattr(v, "pk", v)).strip() for v in value]
        pks = {int(t) for t in texts if t.isdigit()}
        accepted = self.queryset if self.accepted is None else self.accepted
        found = set(accepted.filter(pk__in=pks).values_list("pk", flat=True)) if pks else set()
        for text in texts:
            if text.isdigit() and int(text) not in found:
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": text}
                )
        found |= {self._one(t).pk for t in texts if not t.isdigit()}
        self.run_validators(value)
        return accepted.filter(pk__in=found)
