"""API base classes: Chinese 400/403 from the services' errors (a message that does not say which field it is about
gets the field's Chinese name in front), viewsets that write through the services, and `PersonField` (a person by
the platform id or by the ID number). The filters every list endpoint gains are in core.web.filters."""

from __future__ import annotations

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ErrorDetail, NotFound, PermissionDenied, ValidationError
from rest_framework.views import exception_handler

from fazhi.core import access, ids, services
from fazhi.core.models import Person

# Messages of Django and DRF that do not say which field they are about: the API puts the field's name before them.
GENERIC_MESSAGES = (
    r"这个值不能为 ?null。",
    r"该字段不能为 ?null。",
    r"这个字段不能为空。",
    r"该字段不能为空。",
    r"这个字段是必填项。",
    r"该字段是必填项。",
    r"输入一个有效的.*",
    r"请输入.*",
    r"选择一个有效的选项.*",
    r"“.*” ?不是合法选项。",
    r"无效主键.*",
    r"请填写合法的.*",
    r"日期格式错误.*",
    r"确保.*",
    r"必须是.*",
    r"不是有效的.*",
)
GENERIC = re.compile("|".join(f"(?:{m})" for m in GENERIC_MESSAGES))
NULL_MESSAGE = re.compile(r"(这个值|该字段)不能为 ?null。")


def _labels_of(context) -> dict[str, str]:
    """Field names → Chinese labels for the view of an error: its serializer's labels, then its model's."""
    view = context.get("view") if context else None
    labels: dict[str, str] = {}
    model = None
    try:
        serializer_class = view.get_serializer_class()
        model = getattr(getattr(serializer_class, "Meta", None), "model", None)
        for name, field in serializer_class().fields.items():
            if field.label:
                labels[name] = str(field.label)
    except Exception:  # noqa: BLE001, S110 - labels are a courtesy; the error itself still goes out
        pass
    if model is None:
        try:
            model = view.get_queryset().model
        except Exception:  # noqa: BLE001, S110
            pass
    if model is not None:
        for field in model._meta.get_fields():
            if hasattr(field, "verbose_name"):
                labels.setdefault(field.name, str(field.verbose_name))
    return labels


def _name_fields(detail, labels: dict[str, str]):
    """Put the field's Chinese name before a message that does not say which field it is about."""
    if not isinstance(detail, dict):
        return detail
    named = {}
    for name, messages in detail.items():
        if isinstance(messages, dict):
            named[name] = _name_fields(messages, labels)
            continue
        if not isinstance(messages, list) or name in ("detail", "non_field_errors"):
            named[name] = messages
            continue
        label = labels.get(name)
        out = []
        for message in messages:
            text = str(message)
            if label and isinstance(message, str) and GENERIC.fullmatch(text):
                text = f"{label}：{NULL_MESSAGE.sub('这个值不能为空。', text)}"
                message = ErrorDetail(text, code=getattr(message, "code", None))
            out.append(message)
        named[name] = out
    return named


def _record_name(context) -> str:
    """The Chinese name of the records a view serves ("记录" when it serves none)."""
    model = getattr(getattr(context.get("view"), "queryset", None), "model", None)
    if model is None:
        try:
            model = context["view"].get_queryset().model
        except Exception:  # a view without a queryset (an action, a report): the generic word
            model = None
    return str(model._meta.verbose_name) if model is not None else "记录"


def fazhi_exception_handler(exc, context):
    """Django's ValidationError and PermissionDenied from the services become 400 and 403 with Chinese messages, and a
    missing record (or one outside the caller's scope) a 404 in Chinese, never Django's English "No … matches";
    a message that does not name its field ("这个值不能为 null。") gets the field's Chinese name in front."""
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages})
    elif isinstance(exc, DjangoPermissionDenied):
        exc = PermissionDenied(str(exc) or "您无权执行此操作。")
    elif isinstance(exc, Http404):
        exc = NotFound(f"该{_record_name(context)}不存在或不在您的范围内。")
    if isinstance(exc, ValidationError) and isinstance(exc.detail, dict):
        exc.detail = _name_fields(exc.detail, _labels_of(context))
    return exception_handler(exc, context)


class ServiceBackedViewSet(viewsets.ModelViewSet):
    """Create, update and delete through the services; DRF only parses and renders."""

    def perform_create(self, serializer):
        serializer.instance = self.create_service(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self.update_service(
            actor=self.request.user, instance=serializer.instance, data=serializer.validated_data
        )

    def perform_destroy(self, instance):
        services.delete_record(actor=self.request.user, instance=instance)


@extend_schema_field(
    {
        "oneOf": [{"type": "integer"}, {"type": "string", "minLength": 18, "maxLength": 18}],
        "description": "人员：平台人员编号或18位居民身份证号",
    }
)
class PersonField(serializers.PrimaryKeyRelatedField):
    """A person by the platform id or the 18-digit ID number, among those the caller may see
    (`selector(user)`, by default everyone in the caller's scope)."""

    default_error_messages = {
        "does_not_exist": "人员“{pk_value}”不存在或不在您的范围内。",
        "incorrect_type": "人员应为平台人员编号或18位居民身份证号。",
    }

    def __init__(self, selector=None, **kwargs):
        self.selector = selector
        kwargs.setdefault("queryset", Person.objects.all())
        super().__init__(**kwargs)

    def get_queryset(self):
        user = self.context["request"].user
        return self.selector(user) if self.selector else access.scope(user, Person.objects.all())

    def to_internal_value(self, data):
        text = str(data).strip() if isinstance(data, str | int) and not isinstance(data, bool) else None
        if not text:
            self.fail("incorrect_type", data_type=type(data).__name__)
        queryset = self.get_queryset()
        if text.isdigit() and len(text) < 15:
            found = queryset.filter(pk=int(text)).first()
        else:
            found = queryset.with_id_number(text).first()
        if found is None:
            shown = ids.mask_id_number(ids.normalize(text)) if len(text) >= 15 else text
            self.fail("does_not_exist", pk_value=shown)
        return found
