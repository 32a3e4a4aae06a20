"""Records of 年度报告与驾驶舱: a unit's edited report text for a year, and reports as issued (frozen, with their
hash). Renderings run as background jobs (core.Job)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization, User


class ReportTemplate(models.Model):
    """The narrative of one unit's report for one year, as the office edited it; figures stay placeholders."""

    organization = models.ForeignKey(
        Organization, verbose_name="报告单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    text = models.TextField(
        "报告文本",
        help_text="第一行为标题；“# ”开头为一级标题，“## ”开头为二级标题，其余每行一段。"
        "{指标代码} 为指标值，{指标代码.change} 为同比表述。",
    )
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "年度报告文本"
        verbose_name_plural = "年度报告文本"
        ordering = ["-year", "organization__path"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="reports_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization}{self.year}年度报告文本"


class IssuedReport(models.Model):
    """A report as issued: its text and every figure frozen, with the SHA-256 of that content. Never changed."""

    organization = models.ForeignKey(
        Organization, verbose_name="报告单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("标题", max_length=200)
    content = models.JSONField("印发内容", help_text="印发时的全文和全部指标值")
    sha256 = models.CharField("内容哈希（SHA-256）", max_length=64)
    issued_on = models.DateField("印发日期")
    issued_by = models.ForeignKey(User, verbose_name="印发人", on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "已印发年度报告"
        verbose_name_plural = "已印发年度报告"
        ordering = ["-year", "organization__path"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="reports_issued_unique")]

    def __str__(self) -> str:
        return self.title
