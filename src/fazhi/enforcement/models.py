"""Records of law enforcement: the enforcement bodies (行政执法主体) with their item lists (行政执法事项清单), and the
officers' certificates (行政执法证, 行政执法监督证) with their exams, annual reviews (审验) and cancellation (注销)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import access
from fazhi.core.models import Organization, Person

from . import rules


class EnforcementBody(models.Model):
    """行政执法主体: a unit with enforcement authority by law, and the organ named to supervise it."""

    class Status(models.TextChoices):
        ACTIVE = "active", "在用"
        REVOKED = "revoked", "撤销"

    organization = models.ForeignKey(
        Organization, verbose_name="所在单位", on_delete=models.PROTECT, related_name="enforcement_bodies"
    )
    name = models.CharField("执法主体名称", max_length=200)
    legal_basis = models.TextField("执法职权依据")
    supervision_organ = models.ForeignKey(
        Organization,
        verbose_name="执法监督机关",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.ACTIVE)

    scope_field = "organization"

    class Meta:
        verbose_name = "行政执法主体"
        verbose_name_plural = "行政执法主体"
        ordering = ["organization__path", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.supervision_organ_id and self.supervision_organ_id == self.organization_id:
            raise ValidationError({"supervision_organ": "执法监督机关不能是执法主体本身所在单位。"})


class EnforcementPower(models.Model):
    """One item of a body's 行政执法事项清单: the power, its kind and its legal basis."""

    class Kind(models.TextChoices):
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        INSPECTION = "inspection", "行政检查"
        LICENSING = "licensing", "行政许可"
        LEVY = "levy", "行政征收"
        BENEFIT = "benefit", "行政给付"
        CONFIRMATION = "confirmation", "行政确认"
        REWARD = "reward", "行政奖励"
        OTHER = "other", "其他"

    body = models.ForeignKey(
        EnforcementBody, verbose_name="执法主体", on_delete=models.CASCADE, related_name="powers"
    )
    kind = models.CharField("事项类别", max_length=16, choices=Kind.choices)
    name = models.CharField("事项名称", max_length=300)
    legal_basis = models.TextField("实施依据")

    scope_field = "body__organization"

    class Meta:
        verbose_name = "行政执法事项"
        verbose_name_plural = "行政执法事项清单"
        ordering = ["body", "kind", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not (self.legal_basis or "").strip():
            raise ValidationError({"legal_basis": "行政执法事项须写明实施依据。"})


class CertificateExam(models.Model):
    """申领考试: one candidate's exam for a 行政执法证; passed is set from the pass mark when recorded."""

    person = models.ForeignKey(Person, verbose_name="考生", on_delete=models.PROTECT, related_name="+")
    body = models.ForeignKey(
        EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT, related_name="exams"
    )
    exam_on = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1)
    passed = models.BooleanField("合格", default=False)

    scope_field = "body__organization"

    class Meta:
        verbose_name = "行政执法资格考试"
        verbose_name_plural = "行政执法资格考试"
        ordering = ["-exam_on", "person__name"]

    def __str__(self) -> str:
        return f"{self.person}（{self.exam_on}）"

    def clean(self) -> None:
        if self.score is not None and not (0 <= self.score <= 100):
            raise ValidationError({"score": "成绩应在0至100分之间。"})


class Certificate(FSMModelMixin, models.Model):
    """行政执法证 or 行政执法监督证: valid until cancelled (注销) with its reason; its validity on a day is
    rules.certificate_valid_on."""

    class Kind(models.TextChoices):
        ENFORCEMENT = "enforcement", "行政执法证"
        SUPERVISION = "supervision", "行政执法监督证"

    class Status(models.TextChoices):
        VALID = "valid", "有效"
        CANCELLED = "cancelled", "注销"

    class CancelReason(models.TextChoices):
        TRANSFER = "transfer", "调动"
        RETIREMENT = "retirement", "退休"
        RESIGNATION = "resignation", "辞职"
        DISMISSAL = "dismissal", "辞退"
        REISSUE = "reissue", "补发换发"
        OTHER = "other", "其他"

    person = models.ForeignKey(
        Person, verbose_name="持证人", on_delete=models.PROTECT, related_name="enforcement_certificates"
    )
    body = models.ForeignKey(
        EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField("证件编号", max_length=40, unique=True)
    kind = models.CharField("证件类别", max_length=16, choices=Kind.choices, default=Kind.ENFORCEMENT)
    areas = models.TextField("执法区域和执法类别", blank=True)
    issued_on = models.DateField("发证日期")
    valid_until = models.DateField("有效期至")
    status = FSMField("状态", choices=Status.choices, default=Status.VALID, protected=True)
    cancel_reason = models.CharField("注销原因", max_length=16, choices=CancelReason.choices, blank=True)
    cancel_note = models.CharField("注销说明", max_length=200, blank=True)
    cancelled_on = models.DateField("注销日期", null=True, blank=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name="补发换发所替代的原证",
        on_delete=models.PROTECT,
        related_name="replaced_by",
        null=True,
        blank=True,
    )

    scope_field = "body__organization"

    class Meta:
        verbose_name = "执法证件"
        verbose_name_plural = "执法证件"
        ordering = ["body", "number"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}（{self.person}）"

    @transition(
        field=status,
        source=Status.VALID,
        target=Status.CANCELLED,
        permission=rules.is_certificate_authority,
        custom={"label": "注销证件"},
    )
    def cancel(self, *, reason: str, cancelled_on, detail: str = "") -> None:
        self.cancel_reason = reason
        self.cancelled_on = cancelled_on
        self.cancel_note = detail

    def clean(self) -> None:
        errors = {}
        if self.issued_on and self.valid_until and self.valid_until < self.issued_on:
            errors["valid_until"] = "有效期截止日不能早于发证日期。"
        if self.status == self.Status.CANCELLED:
            if not self.cancel_reason:
                errors["cancel_reason"] = "注销行政执法证须写明注销原因（调动、退休、辞职、辞退或其他）。"
            elif self.cancel_reason == self.CancelReason.OTHER and not self.cancel_note.strip():
                errors["cancel_note"] = "注销原因为“其他”的，须写明具体情况。"
            if self.cancelled_on is None:
                errors["cancelled_on"] = "注销行政执法证须写明注销日期。"
            elif self.issued_on and self.cancelled_on < self.issued_on:
                errors["cancelled_on"] = "注销日期不能早于发证日期。"
        elif self.cancel_reason or self.cancelled_on:
            errors["cancelled_on"] = "未注销的证件不应填写注销原因或日期。"
        if self.replaces_id is not None:
            old = self.replaces
            if old.pk == self.pk:
                errors["replaces"] = "证件不能替代其本身。"
            elif old.person_id != self.person_id or old.kind != self.kind:
                errors["replaces"] = "补发、换发的新证应与原证为同一持证人、同一证件类别。"
        if errors:
            raise ValidationError(errors)


class CertificateReview(models.Model):
    """审验: the annual review of a certificate; a failed review needs its reason and may be followed by a re-review."""

    certificate = models.ForeignKey(
        Certificate, verbose_name="证件", on_delete=models.CASCADE, related_name="reviews"
    )
    year = models.PositiveSmallIntegerField("审验年度")
    reviewed_on = models.DateField("审验日期")
    passed = models.BooleanField("审验合格")
    reason = models.CharField("不合格原因", max_length=300, blank=True)

    scope_field = "certificate__body__organization"

    class Meta:
        verbose_name = "证件审验"
        verbose_name_plural = "证件审验"
        ordering = ["certificate", "reviewed_on"]

    def __str__(self) -> str:
        return f"{self.certificate.number} {self.year}年度审验"

    def clean(self) -> None:
        if not self.passed and not self.reason.strip():
            raise ValidationError({"reason": "审验不合格的，须写明不合格原因。"})
        if self.passed and self.reason.strip():
            raise ValidationError({"reason": "审验合格的不应填写不合格原因。"})


# Training ------------------------------------------------------------------------------------------------------


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
        if self.hours is not None and self.hours <= 0:
            raise ValidationError({"hours": "学时应大于0。"})


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


# Supervision clues ---------------------------------------------------------------------------------------------


class SupervisionClue(FSMModelMixin, models.Model):
    """执法监督线索: from the 12345 hotline, enterprise contact points, inspections, complaints or dispute outcomes;
    registered, handled with recorded steps, and closed with its result. The due date is computed and explains
    itself."""

    class Source(models.TextChoices):
        HOTLINE = "hotline", "12345热线"
        CONTACT_POINT = "contact_point", "企业联系点"
        INSPECTION = "inspection", "督察检查"
        COMPLAINT = "complaint", "投诉举报"
        RECONSIDERATION = "reconsideration", "行政复议结果"
        LITIGATION = "litigation", "行政诉讼结果"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        REGISTERED = "registered", "已登记"
        HANDLING = "handling", "办理中"
        CLOSED = "closed", "已办结"

    source = models.CharField("线索来源", max_length=20, choices=Source.choices)
    external_number = models.CharField(
        "来源编号", max_length=60, blank=True, help_text="如12345工单编号；同一来源内不重复"
    )
    received_on = models.DateField("受理日期")
    body = models.ForeignKey(
        EnforcementBody,
        verbose_name="涉及执法主体",
        on_delete=models.PROTECT,
        related_name="clues",
        null=True,
        blank=True,
    )
    organization = models.ForeignKey(
        Organization, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    enterprise_related = models.BooleanField("涉企", default=False)
    category = models.CharField("诉求分类", max_length=100, blank=True)
    content = models.TextField("线索内容")
    due_on = models.DateField("办理期限")
    due_explanation = models.TextField("期限计算说明", blank=True)
    status = FSMField("状态", choices=Status.choices, default=Status.REGISTERED, protected=True)
    result = models.TextField("办理结果", blank=True)
    handled_on = models.DateField("办结日期", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "执法监督线索"
        verbose_name_plural = "执法监督线索"
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_number"],
                condition=~models.Q(external_number=""),
                name="enforcement_clue_number_unique_per_source",
                violation_error_message="同一来源的线索编号已登记。",
            )
        ]

    def __str__(self) -> str:
        number = self.external_number or f"#{self.pk}"
        return f"{self.get_source_display()}线索{number}"

    @transition(
        field=status,
        source=Status.REGISTERED,
        target=Status.HANDLING,
        permission=access.may_change,
        custom={"label": "开始办理"},
    )
    def start(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.HANDLING,
        target=Status.CLOSED,
        permission=access.may_change,
        custom={"label": "办结"},
    )
    def close(self, *, result: str, handled_on) -> None:
        self.result = result
        self.handled_on = handled_on

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.CLOSED:
            if not (self.result or "").strip():
                errors["result"] = "办结线索须写明办理结果。"
            if self.handled_on is None:
                errors["handled_on"] = "办结线索须写明办结日期。"
        elif self.result or self.handled_on:
            errors["handled_on"] = "未办结的线索不应填写办理结果或办结日期。"
        if self.handled_on and self.received_on and self.handled_on < self.received_on:
            errors["handled_on"] = "办结日期不能早于受理日期。"
        if errors:
            raise ValidationError(errors)


class ClueStep(models.Model):
    """A step in handling a clue (办理过程): its date and what was done."""

    clue = models.ForeignKey(
        SupervisionClue, verbose_name="线索", on_delete=models.CASCADE, related_name="steps"
    )
    on = models.DateField("日期")
    text = models.TextField("办理情况")

    scope_field = "clue__organization"

    class Meta:
        verbose_name = "线索办理过程"
        verbose_name_plural = "线索办理过程"
        ordering = ["clue", "on", "pk"]

    def __str__(self) -> str:
        return f"{self.clue} {self.on}"


# Case-file evaluation, the three systems' self-assessments and enterprise contact points live in their own modules.
from .evaluation_models import (  # noqa: E402, F401
    CaseFile,
    CaseFileOfficer,
    CaseFileProblem,
    EvaluationCampaign,
    EvaluationItem,
    EvaluationReviewer,
    ItemScore,
)
from .supervision_models import ContactPoint, SelfAssessment  # noqa: E402, F401
