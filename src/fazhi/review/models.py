"""Legality review (合法性审查). This first model is what other workstreams link to (a major decision's review step
points to a LegalityReview); the three levels of review (三级审核), draft versions and the normative-document register
build on it in the review workstream."""

from __future__ import annotations

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import access
from fazhi.core.models import Organization


class SubjectKind(models.TextChoices):
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"
    POLICY_DOCUMENT = "policy_document", "其他政策文件"
    CONTRACT = "contract", "合同"
    MAJOR_DECISION = "major_decision", "重大行政决策"
    MAJOR_ENFORCEMENT_DECISION = "major_enforcement_decision", "重大执法决定"


class Opinion(models.TextChoices):
    LAWFUL = "lawful", "合法"
    LAWFUL_AFTER_REVISION = "lawful_after_revision", "修改后合法"
    UNLAWFUL = "unlawful", "不合法"


PASSING_OPINIONS = (Opinion.LAWFUL, Opinion.LAWFUL_AFTER_REVISION)


class LegalityReview(FSMModelMixin, models.Model):
    """One legality review of one draft, concluded by the Justice Bureau's final opinion (合法性终审)."""

    class Status(models.TextChoices):
        UNDER_REVIEW = "under_review", "审查中"
        CONCLUDED = "concluded", "已出具审查意见"

    title = models.CharField("送审事项", max_length=200)
    subject_kind = models.CharField("审查对象", max_length=40, choices=SubjectKind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name="起草（送审）单位", on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("送审日期")
    status = FSMField("状态", choices=Status.choices, default=Status.UNDER_REVIEW, protected=True)
    final_opinion = models.CharField("终审意见", max_length=32, choices=Opinion.choices, blank=True)
    final_reasons = models.TextField("审查意见及理由", blank=True)
    concluded_on = models.DateField("终审日期", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "合法性审查"
        verbose_name_plural = "合法性审查"
        ordering = ["-submitted_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def passed(self) -> bool:
        return self.status == self.Status.CONCLUDED and self.final_opinion in PASSING_OPINIONS

    @transition(
        field=status,
        source=Status.UNDER_REVIEW,
        target=Status.CONCLUDED,
        permission=access.is_justice_bureau,
        custom={"label": "出具终审意见"},
    )
    def conclude(self, *, opinion: str, reasons: str, concluded_on) -> None:
        self.final_opinion = opinion
        self.final_reasons = reasons
        self.concluded_on = concluded_on
