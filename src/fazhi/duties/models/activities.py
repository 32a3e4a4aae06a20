"""Records of leaders' duties and study (第一责任人、述法、学法): one typed ledger of activities — lectures, reports
on law, written 述法, study before executive meetings, training, meetings that studied or deployed the work — with
their people and attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from fazhi.core.models import Organization, Person


class ActivityKind(models.TextChoices):
    LECTURE = "lecture", "主要负责人讲法"
    MEETING_REPORT = "meeting_report", "依法治区委员会办公室会议述法"
    WRITTEN_REPORT = "written_report", "领导干部书面述法"
    PRE_MEETING_STUDY = "pre_meeting_study", "政府常务会议会前学法"
    TRAINING = "training", "法治专题培训"
    PARTY_DEPLOYMENT = "party_deployment", "党委（党组）研究部署"
    EXECUTIVE_REPORT = "executive_report", "政府常务会议听取汇报"
    GOVERNMENT_STUDY = "government_study", "政府研究法治政府建设工作"
    UNIT_DEPLOYMENT = "unit_deployment", "部门和乡镇（街道）研究部署"


class Activity(models.Model):
    """One activity of the ledger. What each kind must name (the leader of a 讲法, the meeting of a deployment…)
    is in rules/activities.py; the figures count it by kind and year."""

    kind = models.CharField("类型", max_length=32, choices=ActivityKind.choices)
    held_on = models.DateField("日期")
    organization = models.ForeignKey(
        Organization,
        verbose_name="单位",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="开展活动的单位；述法为述法人所在单位",
    )
    topic = models.CharField("主题", max_length=200, blank=True, help_text="讲法、学法、培训的主题或法律法规")
    meeting = models.CharField(
        "会议名称", max_length=200, blank=True, help_text="如 区政府2024年第5次常务会议"
    )
    people = models.ManyToManyField(Person, through="ActivityParticipant", blank=True, verbose_name="人员")
    # The people's names as one line, kept by the services: lists, exports and the audit trail show it.
    people_names = models.TextField("人员名单", blank=True, editable=False)
    note = models.TextField("说明", blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "述法学法活动"
        verbose_name_plural = "述法学法活动"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_kind_display()}：{self.topic or self.meeting or self.organization}"


class ActivityParticipant(models.Model):
    """A person of an activity: a Person of the platform, or only a name (a cadre not entered as a Person)."""

    activity = models.ForeignKey(
        Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person, verbose_name="人员", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField("姓名", max_length=60)
    position = models.CharField("职务", max_length=80, blank=True)

    scope_field = "activity__organization"

    class Meta:
        verbose_name = "活动人员"
        verbose_name_plural = "活动人员"
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return self.name


def activity_attachment_path(instance: ActivityAttachment, filename: str) -> str:
    return f"duties/{instance.activity_id}/{filename}"


class ActivityAttachment(models.Model):
    """A file of an activity: 讲稿, 述法报告, 会议纪要, 签到表, 照片."""

    activity = models.ForeignKey(
        Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="attachments"
    )
    title = models.CharField("文件名称", max_length=200)
    file = models.FileField("文件", upload_to=activity_attachment_path)
    sha256 = models.CharField("SHA-256", max_length=64, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    scope_field = "activity__organization"

    class Meta:
        verbose_name = "活动附件"
        verbose_name_plural = "活动附件"
        ordering = ["activity", "uploaded_at"]

    def __str__(self) -> str:
        return self.title
