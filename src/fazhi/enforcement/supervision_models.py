"""Records of enforcement supervision besides clues: each body's yearly self-assessment of the three enforcement
systems (三项制度自查评估), and the enterprise contact points for enforcement supervision (涉企行政执法监督联系点)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from fazhi.core import ids
from fazhi.core.models import Organization

from .models import EnforcementBody  # defined before models.py imports this module


class SelfAssessment(models.Model):
    """A body's self-assessment (自查评估) of one of the three systems for a year, with its findings."""

    class System(models.TextChoices):
        PUBLICITY = "publicity", "行政执法公示制度"
        RECORDING = "recording", "执法全过程记录制度"
        LEGAL_REVIEW = "legal_review", "重大执法决定法制审核制度"

    body = models.ForeignKey(
        EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT, related_name="self_assessments"
    )
    year = models.PositiveSmallIntegerField("年度")
    system = models.CharField("制度", max_length=16, choices=System.choices)
    assessed_on = models.DateField("自查日期")
    findings = models.TextField("自查发现的问题及落实情况")

    scope_field = "body__organization"

    class Meta:
        verbose_name = "三项制度自查评估"
        verbose_name_plural = "三项制度自查评估"
        ordering = ["-year", "body", "system"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "system"],
                name="enforcement_self_assessment_once_per_year",
                violation_error_message="该执法主体本年度已提交此项制度的自查评估。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.body} {self.year}年度{self.get_system_display()}自查"

    def clean(self) -> None:
        errors = {}
        if not (self.findings or "").strip():
            errors["findings"] = "自查评估须写明发现的问题及落实情况。"
        if self.assessed_on and self.year and self.assessed_on.year < self.year:
            errors["assessed_on"] = f"{self.year}年度的自查日期不能早于{self.year}年。"
        if errors:
            raise ValidationError(errors)


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
        errors = {}
        try:
            self.credit_code = ids.validate_credit_code(self.credit_code)
        except ValidationError as exc:
            errors["credit_code"] = exc.messages
        if self.status == self.Status.CLOSED:
            if self.closed_on is None:
                errors["closed_on"] = "撤销联系点须写明撤销日期。"
            elif self.established_on and self.closed_on < self.established_on:
                errors["closed_on"] = "撤销日期不能早于设立日期。"
        elif self.closed_on is not None:
            errors["closed_on"] = "运行中的联系点不应填写撤销日期。"
        if errors:
            raise ValidationError(errors)
