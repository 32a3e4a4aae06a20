"""涉企行政执法监督联系点: enterprise contact points for enforcement supervision."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization

from ..rules import contact_points as rules


class ContactPoint(models.Model):
    """涉企行政执法监督联系点: an enterprise where the supervising unit hears how enforcement treats businesses."""

    class Status(models.TextChoices):
        ACTIVE = "active", "运行中"
        CLOSED = "closed", "已撤销"

    organization = models.ForeignKey(
        Organization, verbose_name="设立单位", on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("联系点名称", max_length=200)
    enterprise_name = models.CharField("企业名称", max_length=200)
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    established_on = models.DateField("设立日期")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    closed_on = models.DateField("撤销日期", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "涉企行政执法监督联系点"
        verbose_name_plural = "涉企行政执法监督联系点"
        ordering = ["-established_on", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=models.Q(status="active"),
                name="enforcement_contact_point_one_active_per_enterprise",
                violation_error_message="该企业已设有运行中的执法监督联系点。",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        rules.validate_contact_point(self)
