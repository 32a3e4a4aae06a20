"""The task ledger (任务分工台账): a year's plan (八大行动、提升工程、三年行动…), its tasks with the lead and the
co-operating units, deadlines and milestones, and the units' progress reports (text, percentage, evidence). A task is
done on the day its lead unit reports it 100% complete."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from fazhi.core.models import Organization

from ..rules import task_plans as rules


class TaskPlan(models.Model):
    class Kind(models.TextChoices):
        KEY_POINTS = "key_points", "年度工作要点"
        ACTIONS = "actions", "专项行动（如八大行动）"
        PROJECT = "project", "提升工程"
        MULTI_YEAR = "multi_year", "多年行动（如提升行政执法质量三年行动）"
        OTHER = "other", "其他"

    title = models.CharField("计划名称", max_length=200)
    kind = models.CharField("计划类别", max_length=20, choices=Kind.choices, default=Kind.ACTIONS)
    year = models.PositiveSmallIntegerField("年度")
    organization = models.ForeignKey(
        Organization, verbose_name="印发单位", on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField("印发日期")
    description = models.TextField("说明", blank=True)

    scope_field = "organization"
    # Units that lead or co-operate on one of its tasks see the plan too.
    participant_fields = ("tasks__lead_unit", "tasks__co_units")

    class Meta:
        verbose_name = "任务分工计划"
        verbose_name_plural = "任务分工计划"
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "year"],
                name="oversight_plan_title_year_unique",
                violation_error_message="该年度已有同名计划。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年{self.title}"

    def clean(self) -> None:
        rules.validate_plan(self)


class Task(models.Model):
    plan = models.ForeignKey(TaskPlan, verbose_name="计划", on_delete=models.PROTECT, related_name="tasks")
    number = models.CharField("任务编号", max_length=20)
    title = models.TextField("任务内容")
    lead_unit = models.ForeignKey(
        Organization, verbose_name="牵头单位", on_delete=models.PROTECT, related_name="+"
    )
    co_units = models.ManyToManyField(Organization, verbose_name="配合单位", blank=True, related_name="+")
    deadline = models.DateField("完成时限")
    completed_on = models.DateField("完成日期", null=True, blank=True, editable=False)

    scope_field = "lead_unit"
    # The co-operating units and whoever sees the plan see the task too.
    participant_fields = ("co_units", "plan__organization")

    class Meta:
        verbose_name = "任务"
        verbose_name_plural = "任务分工台账"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="oversight_task_number_unique",
                violation_error_message="本计划已有该编号的任务。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title[:30]}"


class TaskMilestone(models.Model):
    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("节点", max_length=200)
    due_on = models.DateField("节点时限")
    reached_on = models.DateField("完成日期", null=True, blank=True)

    scope_field = "task__lead_unit"

    class Meta:
        verbose_name = "任务节点"
        verbose_name_plural = "任务节点"
        ordering = ["task", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.task.number} {self.title}"

    def clean(self) -> None:
        rules.validate_milestone(self)


def progress_evidence_path(instance, filename: str) -> str:
    return f"oversight/progress/{instance.task_id}/{filename}"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, verbose_name="任务", on_delete=models.PROTECT, related_name="reports")
    organization = models.ForeignKey(
        Organization, verbose_name="报送单位", on_delete=models.PROTECT, related_name="+"
    )
    reported_on = models.DateField("报送日期")
    text = models.TextField("进展情况")
    percent = models.PositiveSmallIntegerField("完成进度（%）", validators=[MaxValueValidator(100)])
    evidence = models.FileField("佐证材料", upload_to=progress_evidence_path, blank=True, max_length=300)
    evidence_name = models.CharField("佐证材料原文件名", max_length=255, blank=True)
    evidence_sha256 = models.CharField("佐证材料SHA-256", max_length=64, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_field = "organization"

    class Meta:
        verbose_name = "进展报送"
        verbose_name_plural = "进展报送"
        ordering = ["task", "reported_on", "pk"]

    def __str__(self) -> str:
        return f"{self.task.number} {self.organization} {self.reported_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.task_id:
            rules.validate_report(self, self.task)
