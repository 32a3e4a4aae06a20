"""Pre-check rules an administrator adds to the shipped rules file (review/precheck_rules.json)."""

from __future__ import annotations

from django.db import models

from ..rules.precheck import SEVERITY_LABELS, validate_rule


class PrecheckRule(models.Model):
    scope_shared = True  # installation-wide: readable by every user (core.access)

    class Severity(models.TextChoices):
        HIGH = "high", SEVERITY_LABELS["high"]
        MEDIUM = "medium", SEVERITY_LABELS["medium"]
        LOW = "low", SEVERITY_LABELS["low"]

    code = models.CharField("规则编号", max_length=40, unique=True)
    name = models.CharField("规则名称", max_length=120)
    category = models.CharField("类别", max_length=60, help_text="如 七个不得、公平竞争审查")
    pattern = models.TextField(
        "匹配（正则表达式）", help_text="Python 正则表达式；可用 {{上位法依据}}、{{本地}} 等预置片段"
    )
    exclude_pattern = models.TextField(
        "排除（正则表达式）", blank=True, help_text="句中含此内容时不提示，如 依照《…法》"
    )
    basis = models.CharField("法律依据", max_length=300)
    explanation = models.TextField("说明", blank=True)
    severity = models.CharField("严重程度", max_length=8, choices=Severity.choices, default=Severity.MEDIUM)
    enabled = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "预审规则"
        verbose_name_plural = "预审规则"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        validate_rule(self)
