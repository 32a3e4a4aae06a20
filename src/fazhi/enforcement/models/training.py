"""Training of enforcement officers (轮训, 专题培训, 同堂培训, 旁听庭审) and who attended."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization, Person

from ..rules import training as rules


class TrainingSession(models.Model):
    """A training session (轮训, 专题培训, 同堂培训, 旁听庭审…) held by a unit for enforcement officers, with its hours."""

    class Kind(models.TextChoices):
        ROTATION = "rotation", "轮训"
        TOPIC = "topic", "专题培训"
        JOINT = "joint", "同堂培训"
        TRIAL = "trial", "旁听庭审"
        OTHER = "other", "其他"

    organization = models.ForeignKey(
        Organization, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    topic = models.CharField("培训主题", max_length=200)
    held_on = models.DateField("培训日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    kind = models.CharField("培训形式", max_length=16, choices=Kind.choices, default=Kind.ROTATION)

    scope_field = "organization"

    class Meta:
        verbose_name = "执法培训"
        verbose_name_plural = "执法培训"
        ordering = ["-held_on", "topic"]

    def __str__(self) -> str:
        return f"{self.topic}（{self.held_on}）"

    def clean(self) -> None:
        rules.validate_session(self)


class TrainingAttendance(models.Model):
    """One person's attendance at a training session (参训人员)."""

    session = models.ForeignKey(
        TrainingSession, verbose_name="培训", on_delete=models.CASCADE, related_name="attendances"
    )
    person = models.ForeignKey(Person, verbose_name="参训人员", on_delete=models.PROTECT, related_name="+")

    scope_field = "session__organization"

    class Meta:
        verbose_name = "参训记录"
        verbose_name_plural = "参训记录"
        ordering = ["session", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"],
                name="enforcement_attendance_once_per_session",
                violation_error_message="该人员已登记参加此次培训。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}参加{self.session}"
