"""Records of 年度报告与驾驶舱: a unit's edited report text for a year, reports as issued (frozen, with their hash),
and report renderings run in the background with their progress."""

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


class ReportJob(models.Model):
    """A rendering of a report (docx, html, json, pdf) in the background, so the page can show its progress."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    user = models.ForeignKey(User, verbose_name="提交人", on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(
        Organization, verbose_name="报告单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    format = models.CharField("格式", max_length=8)
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField("总步数", default=0)
    processed = models.PositiveIntegerField("已完成", default=0)
    filename = models.CharField("文件名", max_length=255, blank=True)
    output = models.BinaryField("文件内容", null=True, blank=True)
    error = models.TextField("错误", blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "报告生成任务"
        verbose_name_plural = "报告生成任务"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organization}{self.year}年度报告（{self.format}）"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.processed * 100 / self.total) if self.total else 0
