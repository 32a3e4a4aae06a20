"""The meetings with the court (府院联动) and the procuratorate (府检联动) on administrative disputes."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization

from ..rules import meetings as rules


class LiaisonMeeting(models.Model):
    """A meeting with the court (府院联动) or the procuratorate (府检联动) on administrative disputes."""

    class Kind(models.TextChoices):
        COURT = "court", "府院联动"
        PROCURATORATE = "procuratorate", "府检联动"
        JOINT = "joint", "府院检联动"

    held_on = models.DateField("会议日期")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    title = models.CharField("会议名称", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="召集单位", on_delete=models.PROTECT, related_name="+"
    )
    participants = models.TextField("参会单位及人员")
    topics = models.TextField("议题")
    outcomes = models.TextField("会议成果", blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "府院府检联动会议"
        verbose_name_plural = "府院府检联动会议"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"

    def clean(self) -> None:
        rules.validate_meeting(self)
