"""The filters every list endpoint gains without per-app code (the project's DEFAULT_FILTER_BACKENDS):

- ``?<field>=`` for a model's plain fields: choices, booleans, numbers, natural-key text fields (unique ones and
  number/docket/code …), a related record's id (``?organization=3``) and dates/numbers with ``__gte``/``__lte``;
  a value that is not valid is a 400 whose Chinese message names the field;
- ``?search=`` over the text fields the serializer declares (contains, case-insensitive);
- ``?ordering=`` over the same plain fields (``-`` for descending);
- ``?page=`` and ``?page_size=`` (`Pagination`), ``?format=`` (DRF's renderer choice).

Any other query parameter on a list is a 400 naming it and listing those the list takes (`FilterBackend`), so a
client that misspells a filter is told, instead of being given every record. A list that reads parameters itself
names them in `own_query_params` (and documents them with extend_schema, as the schema must list every one).

Kept apart from core.web.api: DRF reads DEFAULT_FILTER_BACKENDS and DEFAULT_PAGINATION_CLASS while
rest_framework.generics is imported.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable

import django_filters
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters as drf_filters
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

from fazhi.core import crypto

# Text fields that name a record the way a clerk knows it, filterable by exact value even when not unique.
NATURAL_KEY_NAMES = frozenset(
    {
        "number",
        "code",
        "docket",
        "docket_number",
        "case_number",
        "document_number",
        "order_number",
        "username",
        "id_number",
        "credit_code",
        "external_number",
    }
)
# Encrypted columns and their blind indexes: never a filter, an ordering or a search (core.crypto).
SECRET = crypto.EncryptedCharField | crypto.BlindIndexField
RANGE_TYPES = (models.DateField, models.IntegerField, models.DecimalField)  # DateTimeField is a DateField
BOOLEAN_CHOICES = (("true", "是"), ("false", "否"))
# A number the database can compare (64-bit): a larger one is a 400 naming the field, not an overflow (500).
NUMBER_BOUNDS = {"min_value": -(2**63) + 1, "max_value": 2**63 - 1}
FORMAT_PARAM = "format"  # DRF's URL_FORMAT_OVERRIDE: ?format=json or api
RESERVED_PARAMS = frozenset({"page", "page_size", "search", "ordering", FORMAT_PARAM})
MAX_PAGE_SIZE = 500
MAX_REPORTED_PARAMS = 10  # unknown parameters named in one refusal (each message lists the accepted ones)


class Pagination(PageNumberPagination):
    """Pages of PAGE_SIZE records; ?page_size= asks for up to MAX_PAGE_SIZE (a machine client paging a district)."""

    page_size_query_param = "page_size"
    page_size_query_description = f"每页条数（1至{MAX_PAGE_SIZE}，默认50）"
    page_query_description = "页码"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is not None and not (raw.isdigit() and 1 <= int(raw) <= self.max_page_size):
            raise ValidationError(
                {self.page_size_query_param: [f"每页条数应为1至{self.max_page_size}的整数。"]}
            )
        return super().get_page_size(request)


def unknown_params_error(unknown: Iterable[str], accepted: Iterable[str]) -> ValidationError:
    """A 400 for query parameters the endpoint does not take: each named, with the nearest known one (a misspelt
    filter) and the list of those it takes."""
    accepted = list(dict.fromkeys(accepted))
    listed = "、".join(accepted)
    errors = {}
    for name in unknown:
        near = difflib.get_close_matches(name, accepted, n=1)
        hint = f"是否应为“{near[0]}”？" if near else ""
        errors[name] = [f"不支持的查询参数“{name}”。{hint}本接口可用的查询参数：{listed}。"]
    return ValidationError(errors)


def refuse_unknown_params(request, accepted: Iterable[str]) -> None:
    """Refuse (400) a request with a query parameter not in `accepted` (`format` is always accepted)."""
    accepted = [*accepted, FORMAT_PARAM]
    unknown = [name for name in request.query_params if name not in accepted]
    if unknown:
        raise unknown_params_error(unknown[:MAX_REPORTED_PARAMS], accepted)


def _plain_fields(model) -> dict[str, models.Field]:
    """The model's concrete fields a client can filter and order by (not long text, files or JSON)."""
    found = {}
    for field in model._meta.concrete_fields:
        if isinstance(
            field, models.TextField | models.FileField | models.JSONField | models.BinaryField | SECRET
        ):
            continue
        if getattr(field, "remote_field", None) is not None and not isinstance(field, models.ForeignKey):
            continue
        if isinstance(field, models.CharField) and not (
            field.choices or field.unique or field.name in NATURAL_KEY_NAMES
        ):
            continue
        if field.name in RESERVED_PARAMS:
            continue
        found[field.name] = field
    return found


def _orderable_fields(model) -> list[str]:
    """Every concrete field but long text, files, JSON and encrypted personal data."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if not isinstance(
            field, models.TextField | models.FileField | models.JSONField | models.BinaryField | SECRET
        )
    ]


def _label(field) -> str:
    return str(field.verbose_name)


def _filters_for(field) -> dict[str, django_filters.Filter]:
    label = _label(field)
    name = field.name
    if isinstance(field, models.ForeignKey):
        return {
            name: django_filters.NumberFilter(
                field_name=field.attname, label=f"{label}（编号）", **NUMBER_BOUNDS
            )
        }
    if field.choices:
        return {name: django_filters.ChoiceFilter(field_name=name, choices=field.choices, label=label)}
    if isinstance(field, models.BooleanField):
        # true/false only: django-filter's own boolean filter ignores any other value and lists everything.
        return {
            name: django_filters.TypedChoiceFilter(
                field_name=name, choices=BOOLEAN_CHOICES, coerce=lambda value: value == "true", label=label
            )
        }
    if isinstance(field, models.DateTimeField):
        kind = django_filters.IsoDateTimeFilter
    elif isinstance(field, models.DateField):
        kind = django_filters.DateFilter
    elif isinstance(field, models.IntegerField | models.DecimalField | models.AutoField):
        kind = django_filters.NumberFilter
    else:
        return {name: django_filters.CharFilter(field_name=name, label=label)}
    bounds = NUMBER_BOUNDS if kind is django_filters.NumberFilter else {}
    found = {name: kind(field_name=name, label=label, **bounds)}
    if isinstance(field, RANGE_TYPES) and not isinstance(field, models.AutoField):
        found[f"{name}__gte"] = kind(field_name=name, lookup_expr="gte", label=f"{label}（起）", **bounds)
        found[f"{name}__lte"] = kind(field_name=name, lookup_expr="lte", label=f"{label}（止）", **bounds)
    return found


class BlindIndexFilter(django_filters.CharFilter):
    """`?id_number=…` on an encrypted field: matched through its blind index (core.crypto), never the column."""

    def filter(self, qs, value):
        if value in ([], (), {}, "", None):
            return qs
        return qs.filter(**{self.field_name: crypto.blind_index(value)})


def _blind_index_filters(model) -> dict[str, django_filters.Filter]:
    return {
        index.source: BlindIndexFilter(
            field_name=index.name, label=_label(model._meta.get_field(index.source))
        )
        for index in crypto.index_fields(model)
        if index.source not in RESERVED_PARAMS
    }


@functools.cache
def filterset_for(model, skip: frozenset[str] = frozenset()) -> type[django_filters.FilterSet]:
    """A FilterSet of the model's plain fields (see the module docstring); `skip` names those a view reads itself."""
    declared = {}
    for field in _plain_fields(model).values():
        for name, flt in _filters_for(field).items():
            if name.split("__")[0] not in skip:
                declared[name] = flt
    declared.update({name: flt for name, flt in _blind_index_filters(model).items() if name not in skip})

    class Meta:
        fields: list[str] = []

    Meta.model = model
    return type(f"{model.__name__}Filter", (django_filters.FilterSet,), {**declared, "Meta": Meta})


def _field_errors(errors: dict, labels: dict[str, str]) -> dict[str, list[str]]:
    """Each message under its field, with the field's Chinese name in front ("所属单位：这个值不能为空。")."""
    named = {}
    for name, messages in errors.items():
        label = labels.get(name, name)
        named[name] = [f"{label}：{message}" for message in (str(m) for m in messages)]
    return named


class FilterBackend(DjangoFilterBackend):
    """django-filter with a FilterSet derived from the queryset's model unless the view declares its own; on a list,
    a query parameter that no filter, search, ordering, page or the view itself takes is refused (400).

    A view that reads some query parameters itself lists them in `own_query_params`: those are accepted and not
    filtered twice.
    """

    def accepted_params(self, view, filterset_class) -> list[str]:
        """Every query parameter the view's list takes, in the order the refusal lists them."""
        names = []
        paginator = getattr(view, "paginator", None)
        for attr in ("page_query_param", "page_size_query_param", "limit_query_param", "offset_query_param"):
            if getattr(paginator, attr, None):
                names.append(getattr(paginator, attr))
        for backend_class in getattr(view, "filter_backends", ()):
            backend = backend_class()
            for attr in ("search_param", "ordering_param"):
                if getattr(backend, attr, None):
                    names.append(getattr(backend, attr))
        names.extend(getattr(view, "own_query_params", ()))
        if filterset_class is not None:
            names.extend(filterset_class.base_filters)
        return names

    def get_filterset_class(self, view, queryset=None):
        if getattr(view, "filterset_class", None) or getattr(view, "filterset_fields", None):
            return super().get_filterset_class(view, queryset)
        if queryset is None:
            return None
        return filterset_for(queryset.model, frozenset(getattr(view, "own_query_params", ())))

    def filter_queryset(self, request, queryset, view):
        if getattr(view, "action", None) == "list":
            refuse_unknown_params(
                request, self.accepted_params(view, self.get_filterset_class(view, queryset))
            )
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            labels = {name: str(flt.label or name) for name, flt in filterset.filters.items()}
            raise ValidationError(_field_errors(filterset.errors, labels))
        return filterset.qs


def _model_text_path(model, source: str) -> str | None:
    """The lookup path of a serializer source ("person.name" → "person__name") if it ends on a text field."""
    parts = source.split(".")
    current = model
    for index, part in enumerate(parts):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        if index < len(parts) - 1:
            if not field.is_relation or field.many_to_many or field.one_to_many:
                return None
            current = field.related_model
        elif not isinstance(field, models.CharField | models.TextField) or isinstance(field, SECRET):
            return None
    return "__".join(parts)


class SearchFilter(drf_filters.SearchFilter):
    """?search= over the text fields the view's serializer declares (readable ones; never the ID number)."""

    search_title = "搜索"
    search_description = "在文本字段中查找（包含，不区分大小写）"

    def get_search_fields(self, view, request):
        declared = super().get_search_fields(view, request)
        if declared:
            return declared
        try:
            serializer_class = view.get_serializer_class()
            model = serializer_class.Meta.model
        except (AttributeError, AssertionError):
            return ()
        paths = []
        for field in serializer_class().fields.values():
            if field.write_only or not isinstance(field, serializers.CharField):
                continue
            path = _model_text_path(model, field.source)
            if path and path not in paths:
                paths.append(path)
        return tuple(paths)


class OrderingFilter(drf_filters.OrderingFilter):
    """?ordering= over the model's plain fields; without it the queryset keeps its own order."""

    ordering_title = "排序"
    ordering_description = "排序字段，前加 - 为倒序，多个以逗号分隔"

    def get_valid_fields(self, queryset, view, context=None):
        if getattr(view, "ordering_fields", None) is not None:
            return super().get_valid_fields(queryset, view, context or {})
        return [(name, name) for name in _orderable_fields(queryset.model)]
