"""The model fields: an encrypted text column and its blind index."""

from __future__ import annotations

import functools

from django.apps import apps
from django.core.exceptions import FieldError
from django.db import models
from django.db.models import lookups

from .. import ids
from .cipher import blind_index, decrypt, encrypt, is_encrypted

MASKS = {"id": ids.mask_id_number, "contact": ids.mask_contact}
LOOKUP_REFUSED = "{field} 已加密存储，不能按其内容查询：按证件号码查找请用盲索引（如 Person.objects.with_id_number(号码)）。"


class _BlankExact(lookups.Exact):
    """`field = ""` stays possible (blank contacts are stored empty); any other value cannot match a ciphertext."""

    def __init__(self, lhs, rhs):
        if rhs != "":
            raise FieldError(LOOKUP_REFUSED.format(field=lhs.target.name))
        super().__init__(lhs, rhs)


class EncryptedCharField(models.CharField):
    """A CharField whose column holds the value encrypted (core.crypto). Forms and validation see the plain value
    and `max_length` applies to it; the column is text, as a ciphertext is longer. `mask` names how the value is
    shown where it must not be read in full: "id" (身份证号/统一社会信用代码) or "contact" (phone and address)."""

    def __init__(self, *args, mask: str = "id", **kwargs):
        if mask not in MASKS:
            raise ValueError(f"unknown mask {mask!r}")
        self.mask = mask
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.mask != "id":
            kwargs["mask"] = self.mask
        return name, path, args, kwargs

    def get_internal_type(self) -> str:
        return "TextField"

    @property
    def context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def masked(self, value: str) -> str:
        return MASKS[self.mask](value) if value else value

    def from_db_value(self, value, expression, connection):
        # A value written before its column was encrypted is read as it is (the data migration encrypts them all).
        if not value or not is_encrypted(value):
            return value
        return decrypt(value, context=self.context)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = self.get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value, context=self.context)

    def get_lookup(self, lookup_name):
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        if lookup_name == "exact":
            return _BlankExact
        raise FieldError(LOOKUP_REFUSED.format(field=self.name))


class BlindIndexField(models.CharField):
    """HMAC-SHA256 of the field `source` (core.crypto.blind_index), recomputed on every save and bulk insert; for
    bulk updates call `refresh_indexes` and add the column (`with_index_fields`). `save(update_fields=…)` and
    `QuerySet.update()` that change the source must name or set the index too (nothing in the tree does)."""

    def __init__(self, *args, source: str, **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        for key, default in (("max_length", 64), ("editable", False), ("blank", True)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs

    def compute(self, instance) -> str:
        return blind_index(getattr(instance, self.source) or "")

    def pre_save(self, model_instance, add):
        value = self.compute(model_instance)
        setattr(model_instance, self.attname, value)
        return value


def encrypted_fields(model) -> list[EncryptedCharField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, EncryptedCharField)]


def index_fields(model) -> list[BlindIndexField]:
    return [f for f in model._meta.concrete_fields if isinstance(f, BlindIndexField)]


def encrypted_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if encrypted_fields(m)]


def refresh_indexes(objects) -> None:
    """Recompute the blind indexes of unsaved changes (before a bulk_update, which calls no pre_save)."""
    for obj in objects:
        for field in index_fields(type(obj)):
            setattr(obj, field.attname, field.compute(obj))


def with_index_fields(model, fields: list[str]) -> list[str]:
    """`fields` plus the blind index of each encrypted field among them (for bulk_update)."""
    names = set(fields)
    extra = [f.name for f in index_fields(model) if f.source in names and f.name not in names]
    return [*fields, *extra]


@functools.cache
def _encrypted_field(model, name: str) -> EncryptedCharField | None:
    """Field `name` of `model` if it is encrypted, found once per model and name: the audit trail masks every value
    of every change (a 50,000-row import asks 700,000 times)."""
    try:
        field = model._meta.get_field(name)
    except Exception:  # noqa: BLE001 - a name that is not a field (audit changes may hold attnames)
        return None
    return field if isinstance(field, EncryptedCharField) else None


def mask_value(model, name: str, value):
    """The value of field `name` as shown to whoever may not read it in full (unchanged for other fields)."""
    if not isinstance(value, str):
        return value
    field = _encrypted_field(model, name)
    if field is not None:
        return field.masked(value)
    if value and name in getattr(
        model, "masked_fields", ()
    ):  # read each time: a class attribute, not a field
        return ids.mask_id_number(value)
    return value
