"""Documents attached to a decision's procedures: the decision file (决策档案, 第三十三条)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .decisions import Decision, Procedure


def decision_document_path(instance: DecisionDocument, filename: str) -> str:
    return f"decisions/{instance.decision_id}/{filename}"


class DecisionDocument(models.Model):
    """A document attached to a step of a decision (征求意见稿, 论证报告, 审查意见书, 会议纪要, 公布文本…)."""

    decision = models.ForeignKey(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="documents"
    )
    procedure = models.CharField("所属程序", max_length=32, choices=Procedure.choices)
    title = models.CharField("文件名称", max_length=200)
    file = models.FileField("文件", upload_to=decision_document_path)
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    scope_field = "decision__organization"

    class Meta:
        verbose_name = "决策文件"
        verbose_name_plural = "决策文件"
        ordering = ["decision", "procedure", "uploaded_at"]

    def __str__(self) -> str:
        return self.title
