"""执法监督线索 and their handling steps."""

from __future__ import annotations

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core.models import Organization

from ..rules import clues as rules
from .bodies import EnforcementBody

# Open clues before closed ones: the clue list's default sort key (its 办理期限 column sorts on it, then the due date),
# declared once for the list and its index (clue_list_order_idx).
CLOSED_LAST = models.Case(
    models.When(status="closed", then=models.Value(1)),
    default=models.Value(0),
    output_field=models.IntegerField(),
)


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
    # The record of another workstream the clue was opened from (a reconsideration case, a lawsuit), registered in
    # enforcement.origins; empty for clues received directly (hotline, contact point, inspection, complaint).
    origin_type = models.ForeignKey(
        ContentType,
        verbose_name="来源记录类型",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    origin_id = models.PositiveBigIntegerField("来源记录编号", null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")

    scope_field = "organization"

    class Meta:
        verbose_name = "执法监督线索"
        verbose_name_plural = "执法监督线索"
        # Figures count by these dates, for the installation and, with the unit, for a county (issue 19, EXPLAIN).
        indexes = [
            models.Index(fields=["received_on"], name="clue_received_idx"),
            models.Index(fields=["organization", "received_on"], name="clue_org_received_idx"),
            models.Index(fields=["handled_on"], name="clue_handled_idx"),
            models.Index(fields=["organization", "handled_on"], name="clue_org_handled_idx"),
            # The 工作台's clues due (selectors.clues_due: open, due by a day): ~2,900 open clues of 150,000 at
            # province, read from this partial index instead of a sequential scan. Its condition is open_clues'
            # filter exactly, as PostgreSQL and SQLite use a partial index only for a query whose WHERE implies it.
            models.Index(fields=["due_on"], condition=~models.Q(status="closed"), name="clue_open_due_idx"),
            # The clue list's default order (open first, due date, id): its first page read from the index.
            models.Index(CLOSED_LAST, models.F("due_on"), models.F("id"), name="clue_list_order_idx"),
        ]
        ordering = ["-received_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_number"],
                condition=~models.Q(external_number=""),
                name="enforcement_clue_number_unique_per_source",
                violation_error_message="同一来源的线索编号已登记。",
            ),
            models.UniqueConstraint(
                fields=["origin_type", "origin_id"],
                condition=models.Q(origin_type__isnull=False),
                name="enforcement_clue_one_per_origin",
                violation_error_message="该记录已移送执法监督线索，每条记录只移送一次。",
            ),
            models.CheckConstraint(
                condition=models.Q(origin_type__isnull=True, origin_id__isnull=True)
                | models.Q(origin_type__isnull=False, origin_id__isnull=False),
                name="enforcement_clue_origin_complete",
                violation_error_message="线索的来源记录须同时写明类型和编号。",
            ),
        ]

    def __str__(self) -> str:
        number = self.external_number or f"#{self.pk}"
        return f"{self.get_source_display()}线索{number}"

    @transition(
        field=status,
        source=Status.REGISTERED,
        target=Status.HANDLING,
        permission=rules.may_handle_clue,
        custom={"label": "开始办理"},
    )
    def start(self) -> None:
        pass

    @transition(
        field=status,
        source=Status.HANDLING,
        target=Status.CLOSED,
        permission=rules.may_handle_clue,
        custom={"label": "办结"},
    )
    def close(self, *, result: str, handled_on) -> None:
        self.result = result
        self.handled_on = handled_on

    def clean(self) -> None:
        rules.validate_clue(self)
        rules.validate_handling_unit(self)


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

    def clean(self) -> None:
        rules.validate_step(self)
