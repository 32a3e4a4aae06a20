"""Officers' certificates (行政执法证, 行政执法监督证) with their exams, annual reviews (审验) and cancellation (注销)."""

from __future__ import annotations

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core.models import Person

from ..rules import certificates as rules
from .bodies import EnforcementBody


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
        rules.validate_exam(self)


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
        # the officers page's default order (valid before cancelled, the earliest expiry first), read in order with
        # LIMIT instead of joining and sorting every certificate (issue 19, EXPLAIN at province scale: 181 → 1.5 ms)
        indexes = [
            models.Index(
                models.Case(
                    models.When(status="cancelled", then=models.Value(1)),
                    default=models.Value(0),
                    output_field=models.IntegerField(),
                ),
                models.F("valid_until"),
                models.F("id"),
                name="certificate_list_order_idx",
            ),
            # the 工作台's certificates expiring within 60 days (selectors.certificates_expiring), once the validity
            # rule no longer made every certificate cost a subquery (issue 19, session 11: a seq scan, 2–10 ms → 0.04 ms)
            models.Index(fields=["valid_until"], name="certificate_valid_until_idx"),
        ]

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
        rules.validate_certificate(self)


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
        # a certificate's last review on a day (rules.valid_on), read backwards without a sort (issue 19, EXPLAIN:
        # the officers without a valid certificate at province scale, 89 → 57 ms)
        indexes = [
            models.Index(fields=["certificate", "reviewed_on", "id", "passed"], name="certreview_last_idx")
        ]

    def __str__(self) -> str:
        return f"{self.certificate.number} {self.year}年度审验"

    def clean(self) -> None:
        rules.validate_review(self)
