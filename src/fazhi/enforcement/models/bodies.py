"""行政执法主体 and their item lists (行政执法事项清单)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization

from ..rules import bodies as rules


class EnforcementBody(models.Model):
    """行政执法主体: a unit with enforcement authority by law, and the organ named to supervise it."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在用"
        REVOKED = "revoked", "撤销"

    organization = models.ForeignKey(
        Organization, verbose_name="所在单位", on_delete=models.PROTECT, related_name="enforcement_bodies"
    )
    name = models.CharField("执法主体名称", max_length=200)
    legal_basis = models.TextField("执法职权依据")
    supervision_organ = models.ForeignKey(
        Organization,
        verbose_name="执法监督机关",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.ACTIVE)

    scope_field = "organization"

    class Meta:
        verbose_name = "行政执法主体"
        verbose_name_plural = "行政执法主体"
        ordering = ["organization__path", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        rules.validate_body(self)


class EnforcementPower(models.Model):
    """One item of a body's 行政执法事项清单: the power, its kind and its legal basis."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        INSPECTION = "inspection", "行政检查"
        LICENSING = "licensing", "行政许可"
        LEVY = "levy", "行政征收"
        BENEFIT = "benefit", "行政给付"
        CONFIRMATION = "confirmation", "行政确认"
        REWARD = "reward", "行政奖励"
        OTHER = "other", "其他"

    body = models.ForeignKey(
        EnforcementBody, verbose_name="执法主体", on_delete=models.CASCADE, related_name="powers"
    )
    kind = models.CharField("事项类别", max_length=16, choices=Kind.choices)
    name = models.CharField("事项名称", max_length=300)
    legal_basis = models.TextField("实施依据")

    scope_field = "body__organization"

    class Meta:
        verbose_name = "行政执法事项"
        verbose_name_plural = "行政执法事项清单"
        ordering = ["body", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        rules.validate_power(self)
