"""The rectification ledger (整改台账): one item per finding, attached by a generic link to the record another
workstream already keeps (a finding, a case-file problem, a supervision clue, a correction, a lost lawsuit), never a
copy of it. 待整改 → 整改中 → 已整改 (with evidence) → 已销号 (the supervising office) → 已巩固 (a later check);
回头看 reopens it, 挂牌督办 marks it escalated when overdue past the threshold."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core.models import Organization

from ..rules import rectification as rules


class SourceKind(models.TextChoices):
    INSPECTION = "inspection", "督察发现问题"
    CASE_FILE = "case_file", "案卷评查问题"
    CLUE = "clue", "执法监督线索"
    RECONSIDERATION = "reconsideration", "行政复议纠错"
    LITIGATION = "litigation", "行政诉讼败诉"
    OTHER = "other", "其他"


class RectificationItem(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "待整改"
        IN_PROGRESS = "in_progress", "整改中"
        RECTIFIED = "rectified", "已整改"
        SIGNED_OFF = "signed_off", "已销号"
        CONSOLIDATED = "consolidated", "已巩固"

    OPEN = (Status.PENDING, Status.IN_PROGRESS)
    DONE = (Status.RECTIFIED, Status.SIGNED_OFF, Status.CONSOLIDATED)

    source_type = models.ForeignKey(
        ContentType, verbose_name="来源记录类型", on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField("来源记录编号")
    source = GenericForeignKey("source_type", "source_id")
    source_kind = models.CharField("问题来源", max_length=20, choices=SourceKind.choices)
    organization = models.ForeignKey(
        Organization, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    measures = models.TextField("整改措施", blank=True)
    opened_on = models.DateField("交办日期")
    deadline = models.DateField("整改期限")
    deadline_explanation = models.TextField("期限说明", blank=True)
    status = FSMField("状态", choices=Status.choices, default=Status.PENDING, protected=True)
    rectification = models.TextField("整改情况", blank=True)
    rectified_on = models.DateField("整改完成日期", null=True, blank=True)
    signed_off_on = models.DateField("销号日期", null=True, blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="销号人",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_on = models.DateField("巩固核查日期", null=True, blank=True)
    check_note = models.TextField("核查情况", blank=True)
    reopen_count = models.PositiveSmallIntegerField("回头看重新整改次数", default=0)
    escalated_on = models.DateField("挂牌督办日期", null=True, blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "整改事项"
        verbose_name_plural = "整改台账"
        ordering = ["deadline", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"],
                name="oversight_item_once_per_source",
                violation_error_message="该问题已建立整改事项，不能重复建立。",
            )
        ]
        # Figures count by these dates, for the installation and, with the unit, for a county (issue 19, EXPLAIN).
        indexes = [
            models.Index(fields=["status", "deadline"]),
            models.Index(fields=["opened_on"], name="rect_opened_idx"),
            models.Index(fields=["organization", "opened_on"], name="rect_org_opened_idx"),
            models.Index(fields=["rectified_on"], name="rect_rectified_idx"),
            models.Index(fields=["organization", "rectified_on"], name="rect_org_rectified_idx"),
            # The ledger's default order (selectors.open_deadline, then deadline, id): its first page read in order
            # from the index instead of sorting 200,000 items at province (EXPLAIN: 417 → 13 ms).
            models.Index(
                models.Case(
                    models.When(status__in=["pending", "in_progress"], then=models.F("deadline")),
                    default=None,
                ),
                models.F("deadline"),
                models.F("id"),
                name="rect_list_order_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"整改事项{self.pk or ''}（{self.get_source_kind_display()}）"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def overdue_days(self, on) -> int:
        """Days past the deadline on `on` while not yet rectified (0 if not overdue)."""
        if not self.is_open or self.deadline is None or on <= self.deadline:
            return 0
        return (on - self.deadline).days

    @transition(
        field=status,
        source=Status.PENDING,
        target=Status.IN_PROGRESS,
        permission=rules.may_rectify,
        custom={"label": "开始整改"},
    )
    def start(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.IN_PROGRESS,
        target=Status.RECTIFIED,
        conditions=[rules.has_evidence],
        permission=rules.may_rectify,
        custom={"label": "提交整改完成"},
    )
    def rectify(self, *, rectified_on) -> None:
        self.rectified_on = rectified_on

    @transition(
        field=status,
        source=Status.RECTIFIED,
        target=Status.IN_PROGRESS,
        permission=rules.is_supervising_office,
        custom={"label": "退回整改"},
    )
    def send_back(self) -> None:
        self.rectified_on = None

    @transition(
        field=status,
        source=Status.RECTIFIED,
        target=Status.SIGNED_OFF,
        permission=rules.is_supervising_office,
        custom={"label": "销号"},
    )
    def sign_off(self, *, signed_off_on, by) -> None:
        self.signed_off_on = signed_off_on
        self.signed_off_by = by

    @transition(
        field=status,
        source=Status.SIGNED_OFF,
        target=Status.CONSOLIDATED,
        permission=rules.is_supervising_office,
        custom={"label": "核查巩固"},
    )
    def consolidate(self, *, checked_on, check_note: str) -> None:
        self.checked_on = checked_on
        self.check_note = check_note

    @transition(
        field=status,
        source=Status.SIGNED_OFF,
        target=Status.IN_PROGRESS,
        permission=rules.is_supervising_office,
        custom={"label": "回头看未通过，重新整改"},
    )
    def reopen(self, *, checked_on, check_note: str, deadline, explanation: str) -> None:
        self.checked_on = checked_on
        self.check_note = check_note
        self.reopen_count += 1
        self.rectified_on = None
        self.signed_off_on = None
        self.signed_off_by = None
        self.deadline = deadline
        self.deadline_explanation = explanation

    def clean(self) -> None:
        rules.validate_item(self)


def evidence_path(instance, filename: str) -> str:
    return f"oversight/evidence/{instance.item_id}/{filename}"


class RectificationEvidence(models.Model):
    """A file attached as evidence of rectification (整改佐证材料), kept with its hash, the name it was uploaded under
    and who uploaded it (through fazhi.core.io.attachments.store)."""

    item = models.ForeignKey(
        RectificationItem, verbose_name="整改事项", on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField("佐证材料", upload_to=evidence_path, max_length=300)
    name = models.CharField("材料名称", max_length=200)
    uploaded_on = models.DateField("上传日期")
    original_name = models.CharField("原文件名", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_field = "item__organization"

    class Meta:
        verbose_name = "整改佐证材料"
        verbose_name_plural = "整改佐证材料"
        ordering = ["item", "pk"]

    def __str__(self) -> str:
        return self.name


class LedgerSummary(models.Model):
    """The ledger's summaries by source kind and by unit (selectors.summaries) as last counted for one set of visible
    items on one day: the page reads them instead of counting every item on each view (issue 19). `key` names the
    visible items (the statement that selects them) and the day; the rows are served only while no record has been
    written since (`audit_seq`, the audit trail's last sequence number when they were counted)."""

    key = models.CharField("范围和日期摘要", max_length=64, unique=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name="查看单位",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField("统计日期")
    audit_seq = models.PositiveBigIntegerField("审计序号")
    computed_at = models.DateTimeField("统计时间")
    by_kind = models.JSONField("按问题来源", default=list)
    by_unit = models.JSONField("按责任单位", default=list)

    scope_field = "organization"

    class Meta:
        verbose_name = "整改台账汇总"
        verbose_name_plural = "整改台账汇总"

    def __str__(self) -> str:
        return f"整改台账汇总（{self.day}）"
