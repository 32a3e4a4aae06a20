"""Hearing the parties in a reconsideration case: opinions heard (听取意见, 第四十九条) and hearings (听证, 第五十至
五十一条)."""

from __future__ import annotations

from django.db import models

from ..rules import hearings as rules
from .cases import ReconsiderationCase


class HearingOpinion(models.Model):
    """听取意见 (第四十九条): how, when and with whom the parties' opinions were heard."""

    class Method(models.TextChoices):
        IN_PERSON = "in_person", "当面"
        ONLINE = "online", "网络"
        PHONE = "phone", "电话"

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="opinions"
    )
    heard_on = models.DateField("听取日期")
    method = models.CharField("方式", max_length=12, choices=Method.choices)
    with_whom = models.CharField("听取对象", max_length=200, help_text="如 申请人张某、被申请人法规科负责人")
    summary = models.TextField("意见要点", blank=True)

    scope_field = "case__organization"

    class Meta:
        verbose_name = "听取意见"
        verbose_name_plural = "听取意见"
        ordering = ["case", "heard_on", "pk"]

    def __str__(self) -> str:
        return f"{self.heard_on:%Y-%m-%d}{self.get_method_display()}听取{self.with_whom}意见"

    def clean(self) -> None:
        rules.validate_opinion(self.case, self)


class Hearing(models.Model):
    """听证 (第五十至五十一条): notice at least five working days ahead, a panel and a clerk, the record."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="hearings"
    )
    notified_on = models.DateField("通知日期")
    scheduled_on = models.DateField("听证日期")
    held_on = models.DateField("实际举行日期", null=True, blank=True)
    presiding = models.CharField("主持人", max_length=60)
    officers = models.CharField("听证员", max_length=200, help_text="至少二人，以顿号分隔")
    clerk = models.CharField("记录员", max_length=60)
    attendees = models.TextField("参加人", blank=True)
    record = models.TextField("听证笔录要点", blank=True)
    notice_explanation = models.TextField("通知期限计算说明", blank=True)

    scope_field = "case__organization"

    class Meta:
        verbose_name = "听证"
        verbose_name_plural = "听证"
        ordering = ["case", "scheduled_on", "pk"]

    def __str__(self) -> str:
        return f"{self.scheduled_on:%Y-%m-%d}听证"

    def clean(self) -> None:
        rules.validate_hearing(self)
