"""Records of the public lists (清单): the 证明事项清单 and the 告知承诺制事项清单, and the 政务服务事项 with their
handling mode. Every row is effective-dated — an item is added on a date and removed on a date, never deleted — so
the list as it stood on any past day can be shown. A change of an item is a new version: the old row is removed on
the day the new one is added, under the same item code."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core.models import Organization

from ..rules import lists as rules

VERSION_FIELDS = ("added_on", "removed_on", "removal_reason")


def _checked(instance, *checks) -> None:
    """Run the rules, raising one ValidationError with every field's errors."""
    errors: dict[str, list[str]] = {}
    for check in checks:
        try:
            check(instance)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)
    if errors:
        raise ValidationError(errors)


class EffectiveDated(models.Model):
    """A version of a list item: in force from `added_on` (inclusive) until `removed_on` (exclusive)."""

    code = models.CharField("事项编码", max_length=40, help_text="清单内识别事项的编码，同一事项各版本相同")
    added_on = models.DateField("列入日期")
    removed_on = models.DateField("移出日期", null=True, blank=True, help_text="自该日起不再列入清单")
    removal_reason = models.CharField("移出原因", max_length=200, blank=True)

    scope_field = "organization"

    class Meta:
        abstract = True

    def in_force_on(self, day: dt.date) -> bool:
        return self.added_on <= day and (self.removed_on is None or self.removed_on > day)

    @property
    def in_force(self) -> bool:
        return self.removed_on is None

    KEY_FIELDS: tuple[str, ...] = ("code",)
    CONTENT_FIELDS: tuple[str, ...] = ()

    @classmethod
    def record_fields(cls) -> list[str]:
        """The fields of a version in the order admin, the API and the ledgers show them (one list for all)."""
        return [*cls.KEY_FIELDS, *cls.CONTENT_FIELDS, *VERSION_FIELDS]


class CatalogKind(models.TextChoices):
    CERTIFICATION = "certification", "证明事项清单"
    COMMITMENT = "commitment", "告知承诺制事项清单"


VERIFICATION_METHODS = rules.VERIFICATION_METHODS

# Which content fields each list has (a 证明事项 names its issuer; a 告知承诺制事项 its verification).
CATALOG_CONTENT = {
    "certification": ("name", "basis", "organization", "issuer"),
    "commitment": ("name", "basis", "organization", "verification", "false_commitment"),
}


class ListItem(EffectiveDated):
    """An item of the 证明事项清单 or of the 告知承诺制事项清单, with its basis and the unit that implements it.
    A commitment item also says how the commitment is verified and what follows a false commitment."""

    catalog = models.CharField("清单", max_length=16, choices=CatalogKind.choices)
    name = models.CharField("事项名称", max_length=200)
    basis = models.TextField("设定依据")
    organization = models.ForeignKey(
        Organization, verbose_name="实施单位", on_delete=models.PROTECT, related_name="+"
    )
    issuer = models.CharField(
        "开具单位", max_length=120, blank=True, help_text="证明材料由谁开具，如 户籍所在地派出所"
    )
    verification = models.CharField(
        "核查方式",
        max_length=60,
        blank=True,
        help_text="书面核查、网络核查、实地核查、公示核查，可多选，以“、”分隔",
    )
    false_commitment = models.TextField(
        "不实承诺的处理", blank=True, help_text="申请人作出不实承诺的法律责任和处理方式"
    )

    KEY_FIELDS = ("catalog", "code")
    CONTENT_FIELDS = ("name", "basis", "organization", "issuer", "verification", "false_commitment")

    class Meta:
        verbose_name = "清单事项"
        verbose_name_plural = "清单事项"
        ordering = ["catalog", "code", "added_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalog", "code", "added_on"], name="catalogs_item_version_unique"
            )
        ]
        indexes = [models.Index(fields=["catalog", "added_on", "removed_on"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        _checked(self, rules.validate_version, rules.validate_list_item, rules.validate_implementing_unit)
        if self.catalog == CatalogKind.COMMITMENT:
            self.verification = rules.normalized_verification(self.verification)


class HandlingMode(models.TextChoices):
    ON_THE_SPOT = "on_the_spot", "当场办"
    SIMPLIFIED = "simplified", "简易办"
    INSTANT = "instant", "即时办"
    COMMITTED = "committed", "承诺办"
    OTHER = "other", "其他"


FAST_MODES = [HandlingMode.ON_THE_SPOT, HandlingMode.SIMPLIFIED, HandlingMode.INSTANT, HandlingMode.COMMITTED]


class ServiceItem(EffectiveDated):
    """A 政务服务事项 with the unit that handles it, its handling mode and time limit."""

    name = models.CharField("事项名称", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="实施单位", on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField("办理方式", max_length=16, choices=HandlingMode.choices)
    time_limit_days = models.PositiveSmallIntegerField(
        "承诺办结时限（工作日）", null=True, blank=True, help_text="当场办、即时办可留空"
    )

    CONTENT_FIELDS = ("name", "organization", "mode", "time_limit_days")

    class Meta:
        verbose_name = "政务服务事项"
        verbose_name_plural = "政务服务事项"
        ordering = ["code", "added_on"]
        constraints = [
            models.UniqueConstraint(fields=["code", "added_on"], name="catalogs_service_version_unique")
        ]
        indexes = [models.Index(fields=["added_on", "removed_on", "mode"])]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        _checked(self, rules.validate_version, rules.validate_service_item, rules.validate_implementing_unit)
