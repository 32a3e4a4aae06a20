"""Figures computed once and kept fresh (issue 19): one row per (scope, year, indicator) with its value and when it
was computed. The dashboard, the annual report draft and /api/indicators/ read these rows instead of computing each
figure on every view; `indicators.snapshots` computes, marks stale and recomputes them."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization


class FigureSnapshot(models.Model):
    """The value of one indicator for one scope and year, as computed at `computed_at`. Values are stored as their
    text (an int for a count, a decimal for a rate, "" for none) so they come back exactly as computed."""

    scope_key = models.CharField(
        "范围", max_length=40, help_text="all：全部单位；<编号>+：单位及其下级；<编号>：仅本单位"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name="单位",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    include_below = models.BooleanField("含下级单位", default=True)
    year = models.PositiveSmallIntegerField("年度")
    code = models.CharField("指标代码", max_length=120)
    value = models.CharField("数值", max_length=40, blank=True)
    numerator = models.CharField("分子", max_length=40, blank=True)
    denominator = models.CharField("分母", max_length=40, blank=True)
    incomplete = models.PositiveIntegerField("数据不完整的记录数", default=0)
    incomplete_note = models.CharField("不完整说明", max_length=200, blank=True)
    incomplete_examples = models.JSONField("不完整记录示例", default=list, blank=True)
    computed_at = models.DateTimeField("计算时间")
    stale = models.BooleanField("待更新", default=False)

    scope_field = "organization"

    class Meta:
        verbose_name = "指标快照"
        verbose_name_plural = "指标快照"
        constraints = [
            models.UniqueConstraint(fields=["scope_key", "year", "code"], name="indicators_snapshot_unique")
        ]
        indexes = [
            models.Index(fields=["stale"], name="indicators_snapshot_stale"),
            models.Index(fields=["computed_at"], name="indicators_snapshot_computed"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.year}年 {self.scope_key}"
