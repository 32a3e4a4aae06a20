"""Each statutory procedure's own record (国务院令第713号): 公众参与, 专家论证, 风险评估, 合法性审查 is the review app's,
集体讨论, 公布 and 决策后评估, with the public comments and expert opinions gathered on the way."""

from __future__ import annotations

from django.db import models

from ... import rules
from .decision import Decision, Procedure


class ProcedureRecord(models.Model):
    """What every procedure's record has: whether it applies (with the legal reason where not), its dates."""

    decision = models.OneToOneField(Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="+")
    applicable = models.BooleanField("适用", default=True)
    not_applicable_reason = models.TextField("不适用的理由及法律依据", blank=True)
    started_on = models.DateField("开始日期", null=True, blank=True)
    completed_on = models.DateField("完成日期", null=True, blank=True)
    notes = models.TextField("情况说明", blank=True)

    scope_field = "decision__organization"
    procedure: str = ""
    may_be_inapplicable = True

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.decision}：{Procedure(self.procedure).label}"

    @property
    def settled(self) -> bool:
        """Done, or lawfully not applicable."""
        return (
            not self.applicable and bool(self.not_applicable_reason.strip())
        ) or self.completed_on is not None

    def clean(self) -> None:
        rules.validate_procedure_record(self)


class PublicParticipation(ProcedureRecord):
    """公众参与 (第14–18条): the comment period, at least 30 days unless a shorter one is explained (第15条)."""

    decision = models.OneToOneField(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="public_participation"
    )
    methods = models.CharField(
        "参与方式", max_length=200, blank=True, help_text="如 网上征求意见、座谈会、听证会"
    )
    period_days = models.PositiveSmallIntegerField("征求意见期限（日）", null=True, blank=True)
    shorter_period_reason = models.TextField("期限少于30日的理由", blank=True)
    period_ends_on = models.DateField("征求意见截止日", null=True, blank=True, editable=False)
    period_explanation = models.TextField("截止日计算说明", blank=True, editable=False)
    procedure = Procedure.PUBLIC_PARTICIPATION

    class Meta:
        verbose_name = "公众参与"
        verbose_name_plural = "公众参与"


class PublicComment(models.Model):
    participation = models.ForeignKey(
        PublicParticipation, verbose_name="公众参与", on_delete=models.CASCADE, related_name="comments"
    )
    received_on = models.DateField("收到日期")
    commenter = models.CharField("提出人", max_length=100, blank=True)
    content = models.TextField("意见内容")
    response = models.TextField("采纳情况及理由", blank=True)
    adopted = models.BooleanField("是否采纳", null=True, blank=True)
    answered_on = models.DateField("反馈日期", null=True, blank=True)

    scope_field = "participation__decision__organization"

    class Meta:
        verbose_name = "公众意见"
        verbose_name_plural = "公众意见"
        ordering = ["received_on", "pk"]

    def __str__(self) -> str:
        return self.content[:30]

    @property
    def answered(self) -> bool:
        return bool(self.response.strip()) and self.answered_on is not None

    def clean(self) -> None:
        rules.validate_public_comment(self)


class ExpertArgumentation(ProcedureRecord):
    """专家论证 (第19–21条)."""

    decision = models.OneToOneField(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="expert_argumentation"
    )
    form = models.CharField("论证方式", max_length=60, blank=True, help_text="如 论证会、书面咨询")
    procedure = Procedure.EXPERT_ARGUMENTATION

    class Meta:
        verbose_name = "专家论证"
        verbose_name_plural = "专家论证"


class ExpertOpinion(models.Model):
    argumentation = models.ForeignKey(
        ExpertArgumentation, verbose_name="专家论证", on_delete=models.CASCADE, related_name="opinions"
    )
    expert_name = models.CharField("专家姓名", max_length=60)
    expert_title = models.CharField("单位及职称", max_length=120, blank=True)
    opinion = models.TextField("论证意见")
    adopted = models.BooleanField("是否采纳", null=True, blank=True)

    scope_field = "argumentation__decision__organization"

    class Meta:
        verbose_name = "专家意见"
        verbose_name_plural = "专家意见"

    def __str__(self) -> str:
        return f"{self.expert_name}：{self.opinion[:20]}"


class RiskAssessment(ProcedureRecord):
    """风险评估 (第22–24条)."""

    class Level(models.TextChoices):
        LOW = "low", "低风险"
        MEDIUM = "medium", "中风险"
        HIGH = "high", "高风险"

    decision = models.OneToOneField(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="risk_assessment"
    )
    assessor = models.CharField("评估主体", max_length=120, blank=True)
    level = models.CharField("风险等级", max_length=10, choices=Level.choices, blank=True)
    measures = models.TextField("风险防范措施", blank=True)
    procedure = Procedure.RISK_ASSESSMENT

    class Meta:
        verbose_name = "风险评估"
        verbose_name_plural = "风险评估"


class CollectiveDiscussion(ProcedureRecord):
    """集体讨论决定 (第29–30条): at the 常务会议 or 全体会议; the head decides last, dissent recorded."""

    class MeetingKind(models.TextChoices):
        EXECUTIVE = "executive", "政府常务会议"
        PLENARY = "plenary", "政府全体会议"

    class Result(models.TextChoices):
        APPROVED = "approved", "通过"
        APPROVED_IN_PRINCIPLE = "approved_in_principle", "原则通过"
        DEFERRED = "deferred", "暂缓决策"
        REJECTED = "rejected", "不予通过"

    decision = models.OneToOneField(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="collective_discussion"
    )
    meeting_kind = models.CharField("会议类型", max_length=16, choices=MeetingKind.choices, blank=True)
    meeting_name = models.CharField(
        "会议名称", max_length=120, blank=True, help_text="如 区政府第12次常务会议"
    )
    attendees = models.TextField("出席人员", blank=True)
    attendance_count = models.PositiveSmallIntegerField("出席人数", null=True, blank=True)
    result = models.CharField("决定结果", max_length=32, choices=Result.choices, blank=True)
    dissent = models.TextField("不同意见", blank=True)
    head_reasons = models.TextField("行政首长不采纳多数意见的理由", blank=True)
    procedure = Procedure.COLLECTIVE_DISCUSSION
    may_be_inapplicable = False

    class Meta:
        verbose_name = "集体讨论决定"
        verbose_name_plural = "集体讨论决定"


class Publication(ProcedureRecord):
    """决策公布 (第32条)."""

    decision = models.OneToOneField(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="publication"
    )
    channel = models.CharField("公布渠道", max_length=200, blank=True)
    procedure = Procedure.PUBLICATION

    class Meta:
        verbose_name = "决策公布"
        verbose_name_plural = "决策公布"


class PostEvaluation(ProcedureRecord):
    """决策后评估 (第36条): optional; not by whoever assessed the decision's risk before."""

    decision = models.OneToOneField(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="post_evaluation"
    )
    evaluator = models.CharField("评估主体", max_length=120, blank=True)
    conclusion = models.TextField("评估结论", blank=True)
    procedure = Procedure.POST_EVALUATION

    class Meta:
        verbose_name = "决策后评估"
        verbose_name_plural = "决策后评估"


# The six procedures with a record of their own (the legality review is the review workstream's record).
PROCEDURE_MODELS = {
    Procedure.PUBLIC_PARTICIPATION: PublicParticipation,
    Procedure.EXPERT_ARGUMENTATION: ExpertArgumentation,
    Procedure.RISK_ASSESSMENT: RiskAssessment,
    Procedure.COLLECTIVE_DISCUSSION: CollectiveDiscussion,
    Procedure.PUBLICATION: Publication,
    Procedure.POST_EVALUATION: PostEvaluation,
}
