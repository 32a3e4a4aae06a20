"""What must precede the issue of a normative document besides its legality review: the fair-competition review of a
measure that involves market activity (公平竞争审查), the consultation (征求意见), the collective deliberation
(集体审议), and the revised text where the review found it lawful only after revision (修改后合法)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.io.attachments import Attachment

from .. import rules


class FairCompetitionReview(models.Model):
    """公平竞争审查: who reviewed, when, the conclusion and, where 条例第十四条 requires it, the market regulator's
    opinion. The latest record of a document is the one that counts."""

    class Conclusion(models.TextChoices):
        COMPLIANT = "compliant", "不含排除、限制竞争内容，可以出台"
        EXCEPTION = "exception", "具有排除、限制竞争效果，但符合条例第十二条规定情形，可以出台"
        VIOLATES = "violates", "违反条例第八条至第十一条规定，不得出台"

    document = models.ForeignKey(
        "review.NormativeDocument",
        verbose_name="规范性文件",
        on_delete=models.PROTECT,
        related_name="fair_competition_reviews",
    )
    reviewer_name = models.CharField("审查人（起草单位）", max_length=120)
    reviewed_on = models.DateField("审查日期")
    conclusion = models.CharField("审查结论", max_length=16, choices=Conclusion.choices)
    explanation = models.TextField("审查结论说明", blank=True)
    regulator_name = models.CharField("市场监督管理部门", max_length=120, blank=True)
    regulator_opinion = models.TextField("市场监督管理部门审查意见", blank=True)
    regulator_opinion_on = models.DateField("市场监督管理部门意见日期", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )

    scope_field = "document__organization"

    class Meta:
        verbose_name = "公平竞争审查"
        verbose_name_plural = "公平竞争审查"
        ordering = ["document", "reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document}公平竞争审查（{self.get_conclusion_display()}）"

    def clean(self) -> None:
        rules.validate_fair_competition_review(self)


class Consultation(models.Model):
    """征求意见: from when to when, whose views were sought (the public, the units concerned) and what came of it."""

    document = models.ForeignKey(
        "review.NormativeDocument",
        verbose_name="规范性文件",
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    started_on = models.DateField("征求意见开始日期")
    ended_on = models.DateField("征求意见截止日期")
    consulted = models.CharField(
        "征求意见对象和方式", max_length=200, help_text="如 通过区政府网站向社会公开征求意见"
    )
    summary = models.TextField("意见采纳情况")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )

    scope_field = "document__organization"

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"
        ordering = ["document", "started_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document}征求意见（{self.started_on}至{self.ended_on}）"

    def clean(self) -> None:
        rules.validate_consultation(self)


class Deliberation(models.Model):
    """集体审议: the meeting that decided the document (常务会议、办公会议), its date and what it decided."""

    document = models.ForeignKey(
        "review.NormativeDocument",
        verbose_name="规范性文件",
        on_delete=models.PROTECT,
        related_name="deliberations",
    )
    held_on = models.DateField("审议日期")
    body = models.CharField("审议会议", max_length=200, help_text="如 区人民政府第12次常务会议")
    summary = models.TextField("审议结论")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )

    scope_field = "document__organization"

    class Meta:
        verbose_name = "集体审议"
        verbose_name_plural = "集体审议"
        ordering = ["document", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document}集体审议（{self.body}）"

    def clean(self) -> None:
        rules.validate_deliberation(self)


class RevisedText(Attachment):
    """修改后的文本: the text revised as the legality review required (修改后合法), uploaded before issue."""

    document = models.ForeignKey(
        "review.NormativeDocument",
        verbose_name="规范性文件",
        on_delete=models.PROTECT,
        related_name="revised_texts",
    )
    submitted_on = models.DateField("修改完成日期")

    scope_field = "document__organization"

    class Meta:
        verbose_name = "修改后文本"
        verbose_name_plural = "修改后文本"
        ordering = ["document", "submitted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.document}修改后文本（{self.original_name}）"

    def clean(self) -> None:
        rules.validate_revised_text(self)
