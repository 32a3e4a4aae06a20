"""The statutory clocks of a reconsideration case, stored with how each was computed (start, period, holidays,
suspension, extension) so a page can explain it; rules/clocks.py computes them, services/clocks.py stores them."""

from __future__ import annotations

from django.db import models

from .cases import ReconsiderationCase


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
