"""The records a reconsideration case keeps: suspensions, hearing opinions (听取意见), hearings (听证) and its statutory
clocks with their explanation."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from .case import ReconsiderationCase


class Suspension(models.Model):
    """中止 (第三十九条): the clock stops from the day suspended until the day review resumes."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="suspensions"
    )
    suspended_on = models.DateField("中止日期")
    reason = models.CharField("中止理由", max_length=300)
    resumed_on = models.DateField("恢复审理日期", null=True, blank=True)

    scope_field = "case__organization"

    class Meta:
        verbose_name = "中止审理"
        verbose_name_plural = "中止审理"
        ordering = ["case", "suspended_on", "pk"]

    def __str__(self) -> str:
        return f"{self.suspended_on:%Y-%m-%d}中止"

    @property
    def days(self) -> int:
        return (self.resumed_on - self.suspended_on).days if self.resumed_on else 0

    def clean(self) -> None:
        if self.resumed_on and self.resumed_on < self.suspended_on:
            raise ValidationError({"resumed_on": "恢复审理日期不能早于中止日期。"})


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
        errors = {}
        names = [n for n in self.officers.replace("，", "、").replace(",", "、").split("、") if n.strip()]
        if len(names) < 2:
            errors["officers"] = "听证员至少二人（行政复议法第五十一条）。"
        if self.held_on and self.held_on < self.notified_on:
            errors["held_on"] = "举行日期不能早于通知日期。"
        if errors:
            raise ValidationError(errors)


class CaseClock(models.Model):
    """A statutory clock of a case, stored with how it was computed (start, period, holidays, suspension)."""

    class Kind(models.TextChoices):
        EXAMINATION = "examination", "受理审查期限"
        SUPPLEMENT = "supplement", "申请人补正期限"
        COPY = "copy", "发送申请书副本期限"
        ANSWER = "answer", "被申请人答复期限"
        DECISION = "decision", "作出复议决定期限"
        HEARING_NOTICE = "hearing_notice", "听证通知期限"

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="clocks"
    )
    kind = models.CharField("期限", max_length=20, choices=Kind.choices)
    start = models.DateField("起算日")
    due_on = models.DateField("届满日")
    rule = models.CharField("依据", max_length=200)
    explanation = models.TextField("计算说明")
    provisional = models.BooleanField("暂定", default=False)
    met_on = models.DateField("完成日期", null=True, blank=True)

    scope_field = "case__organization"

    class Meta:
        verbose_name = "法定期限"
        verbose_name_plural = "法定期限"
        ordering = ["case", "start", "pk"]
        constraints = [models.UniqueConstraint(fields=["case", "kind"], name="disputes_one_clock_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.due_on:%Y-%m-%d}"

    @property
    def running(self) -> bool:
        return self.met_on is None
