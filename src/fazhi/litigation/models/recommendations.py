"""司法建议 and 检察建议 sent to an agency about a lawsuit, with the agency's written reply and its deadline. The rules
are in rules/recommendations.py."""

from __future__ import annotations

from django.db import models

from ..rules import recommendations as rules
from .lawsuits import Lawsuit


class Recommendation(models.Model):
    """A judicial (法院) or procuratorial (检察院) recommendation about a lawsuit: received on a day, replied by a due
    date computed from that day (rules.reply_deadline)."""

    lawsuit = models.ForeignKey(
        Lawsuit, verbose_name="案件", on_delete=models.PROTECT, related_name="recommendations"
    )
    ground = models.CharField("建议种类", max_length=30, choices=rules.GROUND_CHOICES)
    issuer = models.CharField("提出机关", max_length=100, help_text="如 澄湖区人民法院、澄湖区人民检察院")
    number = models.CharField("文号", max_length=60, blank=True)
    content = models.TextField("建议内容")
    received_on = models.DateField("收到日期")
    reply_due = models.DateField("书面回复期限")
    reply_explanation = models.TextField("回复期限计算说明")
    replied_on = models.DateField("书面回复日期", null=True, blank=True)
    reply = models.TextField("回复内容", blank=True)

    scope_field = "lawsuit__responsible_department"

    class Meta:
        verbose_name = "司法建议、检察建议"
        verbose_name_plural = "司法建议、检察建议"
        ordering = ["lawsuit", "received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.kind_label}{self.number or ''}（{self.lawsuit}）"

    @property
    def kind(self) -> str:
        ground = rules.BY_GROUND.get(self.ground)
        return ground.kind if ground else ""

    @property
    def kind_label(self) -> str:
        return rules.KIND_LABELS.get(self.kind, "建议")

    def clean(self) -> None:
        rules.validate_recommendation(self)
