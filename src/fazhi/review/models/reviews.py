"""Legality review (合法性审查) in three levels (三级审核): 起草单位初审 → 法律顾问复审 → 司法局合法性终审. Each level's
opinion is tied to the draft version it was about; a level may send the draft back for revision; none is skipped."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core.models import Organization

from .. import rules


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


class ReviewLevel(models.TextChoices):
    INITIAL = "initial", "起草单位初审"
    ADVISOR = "advisor", "法律顾问复审"
    FINAL = "final", "司法局合法性终审"


# The levels under way (初审、复审、终审: LegalityReview.Status), whose time limit runs.
OPEN_LEVELS = ("initial_review", "advisor_review", "final_review")


def level_due_open() -> models.Case:
    """本级审查期限 of a review while a level is under way (one of OPEN_LEVELS), else NULL, in the database: the review
    list's default order, served by the index review_list_order_idx on it and the list's own order (issue 19: the
    20,000 reviews of a province joined to their units and sorted for a page of 50, 54 ms, before it)."""
    return models.Case(models.When(status__in=OPEN_LEVELS, then=models.F("level_due_on")), default=None)


class LegalityReview(FSMModelMixin, models.Model):
    """One legality review of one draft, through the three levels to the Justice Bureau's final opinion."""

    class Status(models.TextChoices):
        INITIAL_REVIEW = "initial_review", "起草单位初审"
        ADVISOR_REVIEW = "advisor_review", "法律顾问复审"
        FINAL_REVIEW = "final_review", "司法局合法性终审"
        RETURNED = "returned", "退回修改"
        CONCLUDED = "concluded", "已出具审查意见"

    S = Status
    title = models.CharField("送审事项", max_length=200)
    subject_kind = models.CharField("审查对象", max_length=40, choices=SubjectKind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name="起草（送审）单位", on_delete=models.PROTECT, related_name="+"
    )
    submitted_on = models.DateField("送审日期")
    status = FSMField("状态", choices=Status.choices, default=Status.INITIAL_REVIEW, protected=True)
    advisor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="复审法律顾问（账号）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    advisor_name = models.CharField("复审法律顾问", max_length=120, blank=True)
    current_version = models.PositiveSmallIntegerField("当前稿次", default=1)
    level_started_on = models.DateField("本级审查开始日期", null=True, blank=True)
    level_due_on = models.DateField("本级审查期限", null=True, blank=True)
    level_due_explanation = models.TextField("期限计算说明", blank=True)
    final_opinion = models.CharField("终审意见", max_length=32, choices=Opinion.choices, blank=True)
    final_reasons = models.TextField("审查意见及理由", blank=True)
    concluded_on = models.DateField("终审日期", null=True, blank=True)

    scope_field = "organization"
    assignee_field = "advisor_user"

    class Meta:
        verbose_name = "合法性审查"
        verbose_name_plural = "合法性审查"
        ordering = ["-submitted_on", "-pk"]
        indexes = [
            models.Index(
                level_due_open(),
                models.F("submitted_on").desc(),
                models.F("id").desc(),
                name="review_list_order_idx",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        rules.validate_review(self)

    @property
    def passed(self) -> bool:
        return self.status == self.Status.CONCLUDED and self.final_opinion in PASSING_OPINIONS

    @transition(
        field=status,
        source=S.INITIAL_REVIEW,
        target=S.ADVISOR_REVIEW,
        permission=rules.drafting_unit_permission,
        conditions=[rules.initial_opinion_passed],
        custom={"label": "初审通过，送法律顾问复审"},
    )
    def pass_initial(self) -> None:
        pass

    @transition(
        field=status,
        source=S.ADVISOR_REVIEW,
        target=S.FINAL_REVIEW,
        permission=rules.advisor_permission,
        conditions=[rules.advisor_opinion_given],
        custom={"label": "复审完成，送司法局终审"},
    )
    def pass_advisor(self) -> None:
        pass

    @transition(
        field=status,
        source=[S.INITIAL_REVIEW, S.ADVISOR_REVIEW, S.FINAL_REVIEW],
        target=S.RETURNED,
        permission=rules.current_level_permission,
        conditions=[rules.return_reason_recorded],
        custom={"label": "退回修改"},
    )
    def return_for_revision(self) -> None:
        pass

    @transition(
        field=status,
        source=S.RETURNED,
        target=S.INITIAL_REVIEW,
        permission=rules.drafting_unit_permission,
        conditions=[rules.new_version_submitted],
        custom={"label": "修改后重新送审"},
    )
    def resubmit(self) -> None:
        pass

    @transition(
        field=status,
        source=S.FINAL_REVIEW,
        target=S.CONCLUDED,
        permission=rules.final_permission,
        custom={"label": "出具终审意见"},
    )
    def conclude(self, *, opinion: str, reasons: str, concluded_on) -> None:
        self.final_opinion = opinion
        self.final_reasons = reasons
        self.concluded_on = concluded_on


def draft_path(instance: DraftVersion, filename: str) -> str:
    return f"review/{instance.review_id}/v{instance.number}/{filename}"


class DraftVersion(models.Model):
    """Every version of the draft is kept; each opinion names the version it was about."""

    review = models.ForeignKey(
        LegalityReview, verbose_name="合法性审查", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField("稿次")
    text = models.TextField("文本", blank=True)
    file = models.FileField("文件", upload_to=draft_path, blank=True)
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    submitted_on = models.DateField("送审日期")
    note = models.TextField("修改说明", blank=True)

    scope_field = "review__organization"
    assignee_field = "review__advisor_user"

    class Meta:
        verbose_name = "送审稿"
        verbose_name_plural = "送审稿"
        ordering = ["review", "number"]
        constraints = [models.UniqueConstraint(fields=["review", "number"], name="one_number_per_version")]

    def __str__(self) -> str:
        return f"{self.review}（第{self.number}稿）"

    def clean(self) -> None:
        rules.validate_version(self)


class LevelOpinion(models.Model):
    """One level's opinion on one version: 合法 / 修改后合法 / 不合法, or sent back for revision, with reasons."""

    class Outcome(models.TextChoices):
        LAWFUL = "lawful", "合法"
        LAWFUL_AFTER_REVISION = "lawful_after_revision", "修改后合法"
        UNLAWFUL = "unlawful", "不合法"
        RETURNED = "returned", "退回修改"

    review = models.ForeignKey(
        LegalityReview, verbose_name="合法性审查", on_delete=models.CASCADE, related_name="opinions"
    )
    version = models.ForeignKey(
        DraftVersion, verbose_name="所审稿次", on_delete=models.PROTECT, related_name="opinions"
    )
    level = models.CharField("审查层级", max_length=16, choices=ReviewLevel.choices)
    outcome = models.CharField("审查意见", max_length=32, choices=Outcome.choices)
    reasons = models.TextField("理由", blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="审查人（账号）", on_delete=models.PROTECT, related_name="+"
    )
    reviewer_name = models.CharField("审查人", max_length=120)
    started_on = models.DateField("本级开始日期")
    due_on = models.DateField("本级期限")
    given_on = models.DateField("出具日期")

    scope_field = "review__organization"
    assignee_field = "review__advisor_user"

    class Meta:
        verbose_name = "审查意见"
        verbose_name_plural = "审查意见"
        ordering = ["review", "given_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_level_display()}：{self.get_outcome_display()}"

    @property
    def on_time(self) -> bool:
        return self.given_on <= self.due_on

    def clean(self) -> None:
        rules.validate_opinion(self)


class AdvisorSubstitution(models.Model):
    """替代复审法律顾问: the assigned advisor cannot give the advisor level's opinion (回避、长期外出…) and another advisor's
    account takes it over — who replaced whom, when, why and who recorded it. The substitute then is the assigned
    advisor; the record keeps the change visible."""

    review = models.ForeignKey(
        LegalityReview, verbose_name="合法性审查", on_delete=models.PROTECT, related_name="substitutions"
    )
    replaced_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="原复审法律顾问（账号）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    replaced_name = models.CharField("原复审法律顾问", max_length=120, blank=True)
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="替代法律顾问（账号）",
        on_delete=models.PROTECT,
        related_name="+",
    )
    substitute_name = models.CharField("替代法律顾问", max_length=120)
    substituted_on = models.DateField("替代日期")
    reason = models.TextField("替代理由")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="录入人", on_delete=models.PROTECT, related_name="+"
    )

    scope_field = "review__organization"
    assignee_field = "review__advisor_user"

    class Meta:
        verbose_name = "替代复审法律顾问"
        verbose_name_plural = "替代复审法律顾问"
        ordering = ["review", "substituted_on", "pk"]

    def __str__(self) -> str:
        return f"{self.review}：{self.substitute_name}替代{self.replaced_name}"

    def clean(self) -> None:
        rules.validate_substitution(self)
