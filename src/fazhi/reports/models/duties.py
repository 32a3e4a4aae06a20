"""Records of the report's duties: where an issued report was submitted or published and on which day, and the
office's statement about a workstream that has no records for the year (really zero, or not kept here)."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization, User


class Submission(models.Model):
    """One submission of a unit's report of a year: to the Party committee, the people's congress standing
    committee, the government (or department) above, or publication to the public — with its date."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "party_committee", "报送同级党委"
        PEOPLES_CONGRESS = "peoples_congress", "报送同级人大常委会"
        GOVERNMENT_ABOVE = "government_above", "报送上一级党委和政府"
        SAME_LEVEL = "same_level", "报送本级党委和政府"
        DEPARTMENT_ABOVE = "department_above", "报送上一级政府有关部门"
        PUBLICATION = "publication", "向社会公开"

    organization = models.ForeignKey(
        Organization, verbose_name="报告单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    kind = models.CharField("报送或公开", max_length=20, choices=Kind.choices)
    done_on = models.DateField("报送（公开）日期")
    reference = models.CharField("文号或网址", max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now_add=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "年度报告报送和公开"
        verbose_name_plural = "年度报告报送和公开"
        ordering = ["-year", "organization__path", "done_on"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year", "kind"], name="reports_submission_unique")
        ]

    def __str__(self) -> str:
        return f"{self.organization}{self.year}年度报告{self.get_kind_display()}"


class WorkstreamStatement(models.Model):
    """The office's statement on a workstream whose figures are all zero for the year: the work really did not
    happen (the zeros stand), or its records are not kept on the platform (the report says so instead of zeros)."""

    class Kind(models.TextChoices):
        REALLY_ZERO = "really_zero", "确无此项工作（数值为0属实）"
        NO_RECORDS = "no_records", "未在平台登记（数据缺失）"

    organization = models.ForeignKey(
        Organization, verbose_name="报告单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("报告年度")
    workstream = models.CharField("工作条线", max_length=40)
    kind = models.CharField("说明", max_length=20, choices=Kind.choices)
    note = models.CharField("补充说明", max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, verbose_name="登记人", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("登记时间", auto_now=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "无记录条线说明"
        verbose_name_plural = "无记录条线说明"
        ordering = ["-year", "organization__path", "workstream"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "year", "workstream"], name="reports_statement_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization}{self.year}年度{self.workstream}：{self.get_kind_display()}"
