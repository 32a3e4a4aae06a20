"""清理: a campaign examining normative documents (from the register) and other policy documents, each with its
outcome (保留 / 修改 / 废止 / 宣布失效) and reason; the outcome updates a registered document's status."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization

from .. import rules


class CleanupCampaign(models.Model):
    name = models.CharField("清理名称", max_length=200)
    scope = models.TextField(
        "清理范围", help_text="如 含有地方保护、指定交易等妨碍统一市场和公平竞争内容的文件"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField("开始日期")
    ended_on = models.DateField("结束日期", null=True, blank=True)

    scope_field = "organization"
    # Units whose documents are examined in the campaign see it (core.access ORs them in for reads).
    participant_fields = ("items__issuing_unit",)

    class Meta:
        verbose_name = "文件清理"
        verbose_name_plural = "文件清理"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        rules.validate_campaign(self)


class CleanupItem(models.Model):
    class Kind(models.TextChoices):
        NORMATIVE = "normative", "行政规范性文件"
        POLICY = "policy", "其他政策文件"

    class Outcome(models.TextChoices):
        KEEP = "keep", "保留"
        AMEND = "amend", "修改"
        REPEAL = "repeal", "废止"
        DECLARE_INVALID = "declare_invalid", "宣布失效"

    campaign = models.ForeignKey(
        CleanupCampaign, verbose_name="清理", on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField("文件类别", max_length=16, choices=Kind.choices)
    document = models.ForeignKey(
        "review.NormativeDocument",
        verbose_name="规范性文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cleanup_items",
    )
    title = models.CharField("文件名称", max_length=200)
    document_number = models.CharField("文号", max_length=60, blank=True)
    issuing_unit = models.ForeignKey(
        Organization, verbose_name="制定单位", on_delete=models.PROTECT, related_name="+"
    )
    enterprise_related = models.BooleanField("涉企", default=False)
    outcome = models.CharField("清理结果", max_length=20, choices=Outcome.choices, blank=True)
    reason = models.TextField("理由", blank=True)
    decided_on = models.DateField("确定日期", null=True, blank=True)

    scope_field = "issuing_unit"

    class Meta:
        verbose_name = "清理文件"
        verbose_name_plural = "清理文件"
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        rules.validate_item(self)
