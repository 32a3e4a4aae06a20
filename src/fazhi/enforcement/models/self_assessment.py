"""Each body's yearly self-assessment of the three enforcement systems (三项制度自查评估)."""

from __future__ import annotations

from django.db import models

from ..rules import self_assessment as rules
from .bodies import EnforcementBody


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
        rules.validate_self_assessment(self)
