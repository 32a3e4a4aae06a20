"""Records of major administrative decisions: the yearly catalog, each decision moving through the statutory
procedures (国务院令第713号), each procedure's own record, the documents attached, and the legal advisors with
their meeting attendances and reviews."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import access, clock
from fazhi.core.models import Organization, Person

from . import rules


class DecisionCatalog(FSMModelMixin, models.Model):
    """重大行政决策事项目录: compiled, approved and published each year by the decision body (第3条)."""

    class Status(models.TextChoices):
        DRAFT = "draft", "编制中"
        APPROVED = "approved", "已审定"
        PUBLISHED = "published", "已公布"

    year = models.PositiveSmallIntegerField("年度")
    organization = models.ForeignKey(
        Organization, verbose_name="决策机关", on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("目录名称", max_length=200)
    status = FSMField("状态", choices=Status.choices, default=Status.DRAFT, protected=True)
    approved_on = models.DateField("审定日期", null=True, blank=True)
    approved_by_meeting = models.CharField("审定会议", max_length=120, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_channel = models.CharField(
        "公布渠道", max_length=200, blank=True, help_text="如 区政府门户网站"
    )

    scope_field = "organization"

    class Meta:
        verbose_name = "重大行政决策事项目录"
        verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "year"], name="one_catalog_per_body_year")
        ]

    def __str__(self) -> str:
        return self.title

    @transition(
        field=status,
        source=Status.DRAFT,
        target=Status.APPROVED,
        permission=access.is_justice_bureau,
        conditions=[rules.catalog_has_items],
        custom={"label": "审定目录"},
    )
    def approve(self, *, approved_on, meeting: str = "") -> None:
        self.approved_on = approved_on
        self.approved_by_meeting = meeting

    @transition(
        field=status,
        source=Status.APPROVED,
        target=Status.PUBLISHED,
        permission=access.is_justice_bureau,
        custom={"label": "公布目录"},
    )
    def publish(self, *, published_on, channel: str) -> None:
        self.published_on = published_on
        self.publication_channel = channel

    def clean(self) -> None:
        if self.approved_on and self.published_on and self.published_on < self.approved_on:
            raise ValidationError({"published_on": "公布日期不能早于审定日期。"})


class CatalogItem(models.Model):
    """One item of the catalog: title, lead unit, planned time."""

    catalog = models.ForeignKey(
        DecisionCatalog, verbose_name="目录", on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField("决策事项", max_length=200)
    lead_unit = models.ForeignKey(
        Organization, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    planned_time = models.CharField("计划完成时间", max_length=40, help_text="如 2024年第三季度")
    planned_by = models.DateField("计划完成日期", help_text="用于期限提醒，如第三季度填 9月30日")
    sort_order = models.PositiveIntegerField("序号", default=0)

    scope_field = "catalog__organization"

    class Meta:
        verbose_name = "目录事项"
        verbose_name_plural = "目录事项"
        ordering = ["catalog", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.catalog_id and self.planned_by and self.planned_by.year != self.catalog.year:
            raise ValidationError({"planned_by": f"计划完成日期应在目录年度（{self.catalog.year}年）内。"})


class Procedure(models.TextChoices):
    PUBLIC_PARTICIPATION = "public_participation", "公众参与"
    EXPERT_ARGUMENTATION = "expert_argumentation", "专家论证"
    RISK_ASSESSMENT = "risk_assessment", "风险评估"
    LEGALITY_REVIEW = "legality_review", "合法性审查"
    COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论决定"
    PUBLICATION = "publication", "决策公布"
    POST_EVALUATION = "post_evaluation", "决策后评估"


class Decision(FSMModelMixin, models.Model):
    """A major administrative decision, moving through the statutory procedures in order."""

    class Status(models.TextChoices):
        REGISTERED = "registered", "已立项"
        PUBLIC_PARTICIPATION = "public_participation", "公众参与"
        EXPERT_ARGUMENTATION = "expert_argumentation", "专家论证"
        RISK_ASSESSMENT = "risk_assessment", "风险评估"
        LEGALITY_REVIEW = "legality_review", "合法性审查"
        COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论决定"
        PUBLICATION = "publication", "待公布"
        IMPLEMENTATION = "implementation", "执行中"
        ARCHIVED = "archived", "已归档"
        TERMINATED = "terminated", "已终止"

    S = Status
    title = models.CharField("决策事项", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    decision_body = models.ForeignKey(
        Organization,
        verbose_name="决策机关",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="通常为区人民政府",
    )
    catalog_item = models.OneToOneField(
        CatalogItem,
        verbose_name="目录事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    outside_catalog_reason = models.TextField("目录外决策的理由", blank=True)
    summary = models.TextField("决策事项简介", blank=True)
    registered_on = models.DateField("立项日期")
    status = FSMField("状态", choices=Status.choices, default=Status.REGISTERED, protected=True)
    legality_review = models.OneToOneField(
        "review.LegalityReview",
        verbose_name="合法性审查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision",
    )
    termination_reason = models.TextField("终止理由", blank=True)
    archived_on = models.DateField("归档日期", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "重大行政决策"
        verbose_name_plural = "重大行政决策"
        ordering = ["-registered_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if not self.catalog_item_id and not self.outside_catalog_reason.strip():
            raise ValidationError(
                {"outside_catalog_reason": "未列入决策事项目录的决策，须说明列入决策的理由。"}
            )

    # Transitions: each procedure is completed or, where the law allows, marked not applicable with its reason.
    @transition(
        field=status,
        source=S.REGISTERED,
        target=S.PUBLIC_PARTICIPATION,
        permission=access.may_change,
        custom={"label": "启动决策程序"},
    )
    def start(self) -> None:
        pass

    @transition(
        field=status,
        source=S.PUBLIC_PARTICIPATION,
        target=S.EXPERT_ARGUMENTATION,
        permission=access.may_change,
        conditions=[rules.public_participation_settled],
        custom={"label": "完成公众参与"},
    )
    def finish_public_participation(self) -> None:
        pass

    @transition(
        field=status,
        source=S.EXPERT_ARGUMENTATION,
        target=S.RISK_ASSESSMENT,
        permission=access.may_change,
        conditions=[rules.expert_argumentation_settled],
        custom={"label": "完成专家论证"},
    )
    def finish_expert_argumentation(self) -> None:
        pass

    @transition(
        field=status,
        source=S.RISK_ASSESSMENT,
        target=S.LEGALITY_REVIEW,
        permission=access.may_change,
        conditions=[rules.risk_assessment_settled],
        custom={"label": "完成风险评估，送合法性审查"},
    )
    def finish_risk_assessment(self) -> None:
        pass

    @transition(
        field=status,
        source=S.LEGALITY_REVIEW,
        target=S.COLLECTIVE_DISCUSSION,
        permission=access.may_change,
        conditions=[rules.legality_review_passed],
        custom={"label": "提请集体讨论"},
    )
    def submit_for_discussion(self) -> None:
        pass

    @transition(
        field=status,
        source=S.COLLECTIVE_DISCUSSION,
        target=S.PUBLICATION,
        permission=access.may_change,
        conditions=[rules.legality_review_passed, rules.collective_discussion_recorded],
        custom={"label": "作出决定"},
    )
    def decide(self) -> None:
        pass

    @transition(
        field=status,
        source=S.PUBLICATION,
        target=S.IMPLEMENTATION,
        permission=access.may_change,
        conditions=[rules.publication_settled],
        custom={"label": "完成公布，进入执行"},
    )
    def finish_publication(self) -> None:
        pass

    @transition(
        field=status,
        source=S.IMPLEMENTATION,
        target=S.ARCHIVED,
        permission=access.may_change,
        conditions=[rules.documents_attached],
        custom={"label": "归档"},
    )
    def archive(self, *, archived_on=None) -> None:
        self.archived_on = archived_on or clock.today()

    @transition(
        field=status,
        source=[
            S.REGISTERED,
            S.PUBLIC_PARTICIPATION,
            S.EXPERT_ARGUMENTATION,
            S.RISK_ASSESSMENT,
            S.LEGALITY_REVIEW,
            S.COLLECTIVE_DISCUSSION,
        ],
        target=S.TERMINATED,
        permission=access.may_change,
        custom={"label": "终止决策"},
    )
    def terminate(self, *, reason: str = "") -> None:
        if not reason.strip():
            raise ValidationError("终止决策须说明理由。")
        self.termination_reason = reason


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
        errors = {}
        if not self.applicable:
            if not self.may_be_inapplicable:
                errors["applicable"] = f"{Procedure(self.procedure).label}是法定必经程序，不能标为不适用。"
            elif not self.not_applicable_reason.strip():
                errors["not_applicable_reason"] = "标为不适用须写明理由及法律依据。"
        if self.started_on and self.completed_on and self.completed_on < self.started_on:
            errors["completed_on"] = "完成日期不能早于开始日期。"
        if errors:
            raise ValidationError(errors)


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

    def clean(self) -> None:
        super().clean()
        if self.applicable and self.period_days is not None:
            minimum = rules.PUBLIC_COMMENT_MIN_DAYS
            if self.period_days < minimum and not self.shorter_period_reason.strip():
                raise ValidationError(
                    {
                        "shorter_period_reason": f"征求意见期限少于{minimum}日的，须说明理由（重大行政决策程序暂行条例第十五条）。"
                    }
                )


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
        if self.answered_on and not self.response.strip():
            raise ValidationError({"response": "填写反馈日期时须写明采纳情况及理由。"})


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

    def clean(self) -> None:
        super().clean()
        if self.applicable and self.completed_on and not (self.level and self.assessor):
            raise ValidationError("完成风险评估须填写评估主体和风险等级。")


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

    def clean(self) -> None:
        super().clean()
        if self.completed_on and not (self.meeting_kind and self.meeting_name and self.result):
            raise ValidationError("记录集体讨论决定须填写会议类型、会议名称和决定结果。")


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

    def clean(self) -> None:
        super().clean()
        risk = getattr(self.decision, "risk_assessment", None) if self.decision_id else None
        if self.evaluator and risk and risk.assessor and self.evaluator.strip() == risk.assessor.strip():
            raise ValidationError(
                {"evaluator": "后评估不得由原风险评估主体承担（重大行政决策程序暂行条例第三十六条）。"}
            )


def decision_document_path(instance: DecisionDocument, filename: str) -> str:
    return f"decisions/{instance.decision_id}/{filename}"


class DecisionDocument(models.Model):
    """A document attached to a step of a decision (征求意见稿, 论证报告, 审查意见书, 会议纪要, 公布文本…)."""

    decision = models.ForeignKey(
        Decision, verbose_name="决策", on_delete=models.CASCADE, related_name="documents"
    )
    procedure = models.CharField("所属程序", max_length=32, choices=Procedure.choices)
    title = models.CharField("文件名称", max_length=200)
    file = models.FileField("文件", upload_to=decision_document_path)
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    scope_field = "decision__organization"

    class Meta:
        verbose_name = "决策文件"
        verbose_name_plural = "决策文件"
        ordering = ["decision", "procedure", "uploaded_at"]

    def __str__(self) -> str:
        return self.title


# Legal advisors --------------------------------------------------------------------------------------------


class LegalAdvisor(models.Model):
    """A retained legal advisor (法律顾问): a person or a law firm, its contract period, the units it serves."""

    class Kind(models.TextChoices):
        PERSON = "person", "个人"
        LAW_FIRM = "law_firm", "律师事务所"

    name = models.CharField("名称", max_length=120, help_text="个人填姓名，律师事务所填所名")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    person = models.ForeignKey(
        Person, verbose_name="对应人员", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登录账号",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="advisor_profiles",
        help_text="法律顾问本人登录平台时所用账号：可查看分配给其的工作",
    )
    organization = models.ForeignKey(
        Organization, verbose_name="聘请单位", on_delete=models.PROTECT, related_name="+"
    )
    units_served = models.ManyToManyField(
        Organization, verbose_name="服务单位", blank=True, related_name="legal_advisors"
    )
    contract_start = models.DateField("聘期开始")
    contract_end = models.DateField("聘期结束")
    contact = models.CharField("联系方式", max_length=60, blank=True)

    scope_field = "organization"
    assignee_field = "user"

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = "法律顾问"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.contract_start and self.contract_end and self.contract_end < self.contract_start:
            raise ValidationError({"contract_end": "聘期结束日期不能早于开始日期。"})

    def serves_on(self, day) -> bool:
        return self.contract_start <= day <= self.contract_end


class AdvisorAttendance(models.Model):
    """An advisor's attendance at a government meeting (列席 常务会、专题会…)."""

    class MeetingKind(models.TextChoices):
        EXECUTIVE = "executive", "政府常务会议"
        SPECIAL = "special", "专题会议"
        OTHER = "other", "其他会议"

    advisor = models.ForeignKey(
        LegalAdvisor, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="attendances"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="召集单位", on_delete=models.PROTECT, related_name="+"
    )
    meeting_kind = models.CharField("会议类型", max_length=16, choices=MeetingKind.choices)
    meeting_name = models.CharField("会议名称", max_length=120)
    held_on = models.DateField("会议日期")

    scope_field = "organization"
    assignee_field = "advisor__user"

    class Meta:
        verbose_name = "法律顾问列席会议"
        verbose_name_plural = "法律顾问列席会议"
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["advisor", "meeting_name", "held_on"], name="one_attendance_per_meeting"
            )
        ]

    def __str__(self) -> str:
        return f"{self.advisor}列席{self.meeting_name}"

    def clean(self) -> None:
        if self.advisor_id and self.held_on and not self.advisor.serves_on(self.held_on):
            raise ValidationError(
                {
                    "held_on": f"会议日期不在{self.advisor}的聘期（{self.advisor.contract_start}至{self.advisor.contract_end}）内。"
                }
            )


class AdvisorReview(models.Model):
    """A contract or document an advisor reviewed: what, for whom, the opinion, whether adopted, days taken."""

    class SubjectKind(models.TextChoices):
        CONTRACT = "contract", "合同"
        NORMATIVE_DOCUMENT = "normative_document", "规范性文件"
        POLICY_DOCUMENT = "policy_document", "其他文件"
        MAJOR_DECISION = "major_decision", "重大行政决策"
        LITIGATION = "litigation", "诉讼及复议案件"
        OTHER = "other", "其他"

    advisor = models.ForeignKey(
        LegalAdvisor, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="reviews"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="委托单位", on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField("审查事项", max_length=200)
    subject_kind = models.CharField("事项类型", max_length=24, choices=SubjectKind.choices)
    received_on = models.DateField("收到日期")
    completed_on = models.DateField("出具意见日期", null=True, blank=True)
    opinion = models.TextField("审查意见", blank=True)
    adopted = models.BooleanField("是否采纳", null=True, blank=True)

    scope_field = "organization"
    assignee_field = "advisor__user"

    class Meta:
        verbose_name = "法律顾问审查"
        verbose_name_plural = "法律顾问审查"
        ordering = ["-received_on"]

    def __str__(self) -> str:
        return self.subject

    @property
    def days_taken(self) -> int | None:
        """Calendar days from receipt to the opinion (the day of receipt not counted)."""
        return (self.completed_on - self.received_on).days if self.completed_on else None

    def clean(self) -> None:
        errors = {}
        if self.completed_on and self.received_on and self.completed_on < self.received_on:
            errors["completed_on"] = "出具意见日期不能早于收到日期。"
        if self.completed_on and not self.opinion.strip():
            errors["opinion"] = "出具意见时须填写审查意见。"
        if errors:
            raise ValidationError(errors)
