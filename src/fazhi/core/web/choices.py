"""Search fields instead of selects that list a whole table (the people of a district, documents…): a text field the
clerk types a name into, and a small shipped script (static/fazhi/autocomplete.js) that offers the matching records
from a scoped JSON endpoint as they type. Without the script the form still works: a name that matches one record
is taken, an ambiguous or unknown one is refused in Chinese.

A source is registered once by the app whose form uses it (`register`); its rows for a user are what the form
accepts and what the endpoint offers, so the two cannot disagree."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404, JsonResponse
from django.urls import reverse

MAX_RESULTS = 20
SEPARATORS = re.compile(r"[、,，;；\n]+")


@dataclass(frozen=True)
class Source:
    name: str  # the endpoint's path segment, e.g. "district-people"
    rows: Callable[[Any], QuerySet]  # user -> the records the user may choose
    label: Callable[[Any], str]  # the text shown and typed, unique enough to pick one record
    search_fields: Sequence[str]  # searched with icontains
    name_field: str = "name"  # the field a typed name is matched on without the script
    labels: Callable[[list], list[str]] | None = (
        None  # the labels of several rows at once, when cheaper than one by one
    )

    def labels_of(self, rows) -> list[str]:
        rows = list(rows)
        return self.labels(rows) if self.labels is not None else [self.label(r) for r in rows]


SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    SOURCES[source.name] = source
    return source


@login_required
def search(request, source: str):
    """The records of `source` the user may choose that match ?q= (each word), at most MAX_RESULTS, as JSON."""
    found = SOURCES.get(source)
    if found is None:
        raise Http404("没有这一选择列表。")
    words = request.GET.get("q", "").split()[:5]
    if not words:
        return JsonResponse({"results": []})
    rows = found.rows(request.user)
    for word in words:
        rows = rows.filter(reduce(or_, (Q(**{f"{f}__icontains": word[:50]}) for f in found.search_fields)))
    page = list(rows[:MAX_RESULTS])
    return JsonResponse(
        {"results": [{"id": r.pk, "label": t} for r, t in zip(page, found.labels_of(page), strict=True)]}
    )


class SearchInput(forms.TextInput):
    def __init__(self, source: Source, multiple: bool, attrs=None):
        super().__init__(attrs)
        self.source, self.multiple = source, multiple

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        extra = {
            "data-autocomplete": reverse("core:choices", args=[self.source.name]),
            "autocomplete": "off",
            "placeholder": "输入姓名或名称搜索" + ("，多个以“、”分隔" if self.multiple else ""),
        }
        if self.multiple:
            extra["data-multiple"] = "1"
        context["widget"]["attrs"].update(extra)
        return context


class SearchChoiceField(forms.Field):
    """One record (or several, `multiple=True`) of a source, typed as its label or its name. Call `for_user(user)`
    in the form's __init__."""

    def __init__(self, source: Source, *, multiple: bool = False, **kwargs):
        self.source, self.multiple = source, multiple
        self.queryset: QuerySet | None = None
        kwargs.setdefault("widget", SearchInput(source, multiple))
        super().__init__(**kwargs)

    def for_user(self, user) -> None:
        self.queryset = self.source.rows(user) if user is not None else None

    def prepare_value(self, value):
        if value in (None, "", []):
            return ""
        if isinstance(value, str):
            return value
        items = value if isinstance(value, (list, tuple, QuerySet)) else [value]
        pks = [getattr(i, "pk", i) for i in items]
        return labels_of(self.source, self.queryset, pks)

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return [] if self.multiple else None
        typed = [t.strip() for t in SEPARATORS.split(text) if t.strip()] if self.multiple else [text]
        chosen = []
        for t in typed:
            record = self._resolve(t)
            if record not in chosen:
                chosen.append(record)
        return chosen if self.multiple else chosen[0]

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")

    def _resolve(self, typed: str):
        if self.queryset is None:
            raise ValidationError("该选择列表尚未就绪，请刷新页面后重试。")
        return resolve(self.source, self.queryset, typed)


def labels_of(source: Source, queryset: QuerySet | None, pks: list) -> str:
    """The labels of the records `pks` among `queryset`, in that order, joined by “、” (a field's shown value)."""
    rows = {r.pk: r for r in queryset.filter(pk__in=pks)} if queryset is not None and pks else {}
    shown = [rows[pk] for pk in pks if pk in rows]
    return "、".join(source.labels_of(shown))


def resolve(source: Source, queryset: QuerySet, typed: str):
    """The one record of `queryset` whose label or name is `typed`; refused in Chinese when none or several are."""
    # A chosen label is the name followed by a part in brackets; the name itself may hold brackets too.
    names = [typed[:i].strip() for i, ch in enumerate(typed) if ch in "（(" and i] + [typed]
    for name in names:
        named = _named(source, queryset, name)
        exact = [c for c, label in zip(named, source.labels_of(named), strict=True) if label == typed]
        if len(exact) == 1:
            return exact[0]
    candidates = _named(source, queryset, typed)
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise ValidationError(
            f"“{typed[:30]}”有{len(candidates)}个，请输入后从搜索结果中选择（带括号说明的那一项）。"
        )
    raise ValidationError(f"没有找到“{typed[:30]}”，请输入后从搜索结果中选择。")


def _named(source: Source, queryset: QuerySet, name: str) -> list:
    return list(queryset.filter(**{source.name_field: name})[:50])
