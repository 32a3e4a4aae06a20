"""合法性审查目录清单: each unit's list of the kinds of matter it must have reviewed before they take effect, and the
matters it issued or signed (to see whether each listed kind actually went through review)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization

from .. import rules
from .reviews import SubjectKind


class ReviewCatalog(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("名称", max_length=200)
    adopted_on = models.DateField("制定日期")

    scope_field = "organization"

    class Meta:
        verbose_name = "合法性审查目录清单"
        verbose_name_plural = "合法性审查目录清单"
        ordering = ["organization__path", "-adopted_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        rules.validate_catalog(self)


class ReviewCatalogEntry(models.Model):
    catalog = models.ForeignKey(
        ReviewCatalog, verbose_name="目录清单", on_delete=models.CASCADE, related_name="entries"
    )
    subject_kind = models.CharField("事项类别", max_length=40, choices=SubjectKind.choices)
    description = models.CharField("事项", max_length=200, help_text="如 以本单位名义签订的政府投资项目合同")

    scope_field = "catalog__organization"

    class Meta:
        verbose_name = "目录清单事项"
        verbose_name_plural = "目录清单事项"

    def __str__(self) -> str:
        return self.description


class Matter(models.Model):
    """A matter a unit issued or signed (a policy document, a contract, a major enforcement decision…), and the
    legality review it went through, if any (normative documents and decisions are counted from their own records)."""

    organization = models.ForeignKey(
        Organization, verbose_name="单位", on_delete=models.PROTECT, related_name="+"
    )
    subject_kind = models.CharField("事项类别", max_length=40, choices=SubjectKind.choices)
    title = models.CharField("事项名称", max_length=200)
    issued_on = models.DateField("印发或签订日期")
    legality_review = models.ForeignKey(
        "review.LegalityReview",
        verbose_name="合法性审查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_field = "organization"

    class Meta:
        verbose_name = "须审查事项"
        verbose_name_plural = "须审查事项"
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        rules.validate_matter(self)
