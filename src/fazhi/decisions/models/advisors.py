"""Legal advisors (法律顾问): the advisors a unit retains, their attendances at meetings and their reviews."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core import crypto
from fazhi.core.models import Organization, Person

from .. import rules


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
    contact = crypto.EncryptedCharField("联系方式", max_length=60, blank=True, mask="contact")

    scope_field = "organization"
    assignee_field = "user"
    participant_fields = ("units_served",)  # the units an advisor serves see it too

    class Meta:
        verbose_name = "法律顾问"
        verbose_name_plural = "法律顾问"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        rules.validate_advisor(self)

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
        rules.validate_attendance(self)


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
        rules.validate_advisor_review(self)
