"""Lawsuits against the district's agencies, moving from service of the complaint through the defence, the hearings
(with whether the agency head appeared) and the judgment to its performance. The rules are in rules/lawsuits.py."""

from __future__ import annotations

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import crypto, ids
from fazhi.core.models import Organization, Person

from ..rules import lawsuits as rules


def next_due() -> models.Case:
    """下一期限 of a lawsuit: the defence while it is due, then the performance of an effective judgment, else NULL
    (the list's column and its index, web.lists.with_next_due)."""
    return models.Case(
        models.When(models.Q(status="served"), then=models.F("defence_due")),
        models.When(
            models.Q(
                status="effective",
                must_perform=True,
                performed_on__isnull=True,
                performance_due__isnull=False,
            ),
            then=models.F("performance_due"),
        ),
        default=None,
        output_field=models.DateField(),
    )


def due_blank() -> models.Case:
    """1 for a lawsuit without a next deadline, else 0: the list orders those last."""
    return models.Case(
        models.When(models.lookups.IsNull(next_due(), True), then=models.Value(1)),
        default=models.Value(0),
        output_field=models.IntegerField(),
    )


class Lawsuit(FSMModelMixin, models.Model):
    """An administrative lawsuit in one instance. A second instance or a retrial links the first instance; the
    responsible department (主管部门负责制) answers for it, so the lawsuit belongs to that department."""

    class Instance(models.TextChoices):
        FIRST = "first", "一审"
        SECOND = "second", "二审"
        RETRIAL = "retrial", "再审"

    class PlaintiffKind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANIZATION = "organization", "法人或其他组织"

    class Status(models.TextChoices):
        SERVED = "served", "待答辩"
        DEFENDED = "defended", "审理中"
        JUDGED = "judged", "已裁判未生效"
        APPEALED = "appealed", "已上诉"
        EFFECTIVE = "effective", "已生效待履行"
        CLOSED = "closed", "已结案"

    S = Status
    court = models.CharField("受理法院", max_length=100)
    case_number = models.CharField(
        "案号",
        max_length=60,
        unique=True,
        help_text="如（2025）宁0303行初12号",
        error_messages={"unique": "该案号已登记。"},
    )
    instance = models.CharField("审级", max_length=10, choices=Instance.choices, default=Instance.FIRST)
    first_instance = models.ForeignKey(
        "self",
        verbose_name="一审案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="later_instances",
        help_text="二审、再审案件须关联原一审案件",
    )
    plaintiff_kind = models.CharField("原告类型", max_length=12, choices=PlaintiffKind.choices)
    plaintiff_name = models.CharField("原告", max_length=120)
    plaintiff_id_number = crypto.EncryptedCharField(
        "原告证件号码", max_length=18, help_text="自然人填居民身份证号，法人或其他组织填统一社会信用代码"
    )
    defendant = models.ForeignKey(
        Organization, verbose_name="被告行政机关", on_delete=models.PROTECT, related_name="+"
    )
    responsible_department = models.ForeignKey(
        Organization,
        verbose_name="主管部门",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="被诉行政行为的主管（原承办或牵头）部门，负责应诉",
    )
    reconsideration = models.ForeignKey(
        "disputes.ReconsiderationCase",
        verbose_name="复议案件",
        on_delete=models.PROTECT,
        related_name="lawsuits",
        null=True,
        blank=True,
        help_text="经复议后起诉的，所经的行政复议案件",
    )
    cause = models.CharField("案由", max_length=200, help_text="如 土地行政征收、行政处罚")
    contested_act = models.TextField("被诉行政行为", blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True)
    served_on = models.DateField("起诉状副本送达日期")
    defence_due = models.DateField("答辩期限")
    defence_explanation = models.TextField("答辩期限计算说明")
    defence_submitted_on = models.DateField("提交答辩日期", null=True, blank=True)
    status = FSMField("状态", choices=Status.choices, default=Status.SERVED, protected=True)
    outcome = models.CharField("裁判结果", max_length=20, choices=rules.OUTCOME_CHOICES, blank=True)
    judged_on = models.DateField("裁判日期", null=True, blank=True)
    judgment_summary = models.TextField("裁判要旨", blank=True)
    judgment_served_on = models.DateField(
        "裁判文书送达日期",
        null=True,
        blank=True,
        help_text="本机关在送达回证上签收（邮寄送达的，回执上注明的收件日期）的日期；上诉期自此起算",
    )
    result = models.CharField(
        "生效结果", max_length=12, choices=rules.RESULT_CHOICES, blank=True, editable=False
    )
    must_perform = models.BooleanField("负有履行义务", default=False, editable=False)
    head_requested_on = models.DateField(
        "法院书面建议负责人出庭日期", null=True, blank=True, help_text="法释〔2018〕1号第一百二十九条第一款"
    )
    appealed_on = models.DateField("上诉日期", null=True, blank=True)
    appellant = models.CharField("上诉人", max_length=120, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    performance_due = models.DateField(
        "履行期限", null=True, blank=True, help_text="生效裁判确定的履行期限；未确定的留空"
    )
    performed_on = models.DateField("履行日期", null=True, blank=True)
    performance_note = models.TextField("履行情况", blank=True)

    scope_field = "responsible_department"
    masked_fields = ("plaintiff_id_number",)

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件"
        # Figures count by these dates, for the installation and, with the unit, for a county (issue 19, EXPLAIN).
        indexes = [
            models.Index(fields=["served_on"], name="lawsuit_served_idx"),
            models.Index(fields=["responsible_department", "served_on"], name="lawsuit_dept_served_idx"),
            models.Index(fields=["judged_on"], name="lawsuit_judged_idx"),
            models.Index(fields=["responsible_department", "judged_on"], name="lawsuit_dept_judged_idx"),
            # The list's default order (next deadline first, none last): its first page read from the index
            # instead of sorting every lawsuit (issue 19).
            models.Index(due_blank(), next_due(), models.F("id"), name="lawsuit_list_order_idx"),
        ]
        ordering = ["-served_on", "-pk"]

    def __str__(self) -> str:
        return self.case_number

    @property
    def masked_plaintiff_id(self) -> str:
        return ids.mask_id_number(self.plaintiff_id_number)

    @property
    def outcome_rule(self) -> rules.Outcome | None:
        return rules.outcome(self.outcome)

    @property
    def result_label(self) -> str:
        return rules.RESULT_LABELS.get(self.result, "")

    @property
    def lost(self) -> bool:
        return self.result == rules.LOST

    def clean(self) -> None:
        rules.validate_lawsuit(self)

    # Transitions -------------------------------------------------------------------------------------------

    @transition(
        field=status,
        source=S.SERVED,
        target=S.DEFENDED,
        permission=rules.may_handle_lawsuit,
        custom={"label": "提交答辩"},
    )
    def submit_defence(self, *, submitted_on) -> None:
        rules.validate_defence(submitted_on=submitted_on)
        self.defence_submitted_on = submitted_on

    @transition(
        field=status,
        source=[S.SERVED, S.DEFENDED],
        target=S.JUDGED,
        permission=rules.may_handle_lawsuit,
        custom={"label": "登记裁判结果"},
    )
    def record_judgment(self, *, outcome: str, judged_on, summary: str = "") -> None:
        rules.validate_judgment(self, outcome=outcome, judged_on=judged_on)
        self.outcome = outcome
        self.judged_on = judged_on
        self.judgment_summary = (summary or "").strip()
        self.result, self.must_perform = rules.effective_result(self, outcome)

    @transition(
        field=status,
        source=S.JUDGED,
        target=S.APPEALED,
        permission=rules.may_handle_lawsuit,
        custom={"label": "登记上诉"},
    )
    def appeal(self, *, appealed_on, appellant: str) -> None:
        rules.validate_appeal(appealed_on=appealed_on, appellant=appellant)
        self.appealed_on = appealed_on
        self.appellant = appellant.strip()

    @transition(
        field=status,
        source=S.JUDGED,
        target=S.EFFECTIVE,
        permission=rules.may_handle_lawsuit,
        conditions=[rules.needs_performance],
        custom={"label": "裁判生效，待履行"},
    )
    def take_effect(self, *, effective_on, performance_due=None) -> None:
        rules.validate_effect(self, effective_on=effective_on, performance_due=performance_due)
        self.effective_on = effective_on
        self.performance_due = performance_due

    @transition(
        field=status,
        source=S.JUDGED,
        target=S.CLOSED,
        permission=rules.may_handle_lawsuit,
        conditions=[rules.needs_no_performance],
        custom={"label": "裁判生效，结案"},
    )
    def conclude(self, *, effective_on) -> None:
        rules.validate_effect(self, effective_on=effective_on)
        self.effective_on = effective_on

    @transition(
        field=status,
        source=S.EFFECTIVE,
        target=S.CLOSED,
        permission=rules.may_handle_lawsuit,
        custom={"label": "登记履行"},
    )
    def perform(self, *, performed_on, performance_note: str) -> None:
        rules.validate_performance(performed_on=performed_on, performance_note=performance_note)
        self.performed_on = performed_on
        self.performance_note = performance_note.strip()


class Hearing(models.Model):
    """One court session (开庭) of a lawsuit: whether the agency head appeared (行政诉讼法第三条第三款), who did,
    or the written explanation of the head's absence, sealed by the agency (法释〔2018〕1号第一百三十二条)."""

    lawsuit = models.ForeignKey(
        Lawsuit, verbose_name="案件", on_delete=models.CASCADE, related_name="hearings"
    )
    held_on = models.DateField("开庭日期")
    head_appeared = models.BooleanField("负责人出庭", default=False)
    head = models.ForeignKey(
        Person,
        verbose_name="出庭负责人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="被告行政机关的正职、副职负责人或分管负责人",
    )
    absence_reason = models.TextField("负责人未出庭的原因", blank=True)
    explanation_sealed = models.BooleanField(
        "已提交加盖印章的书面说明",
        default=False,
        help_text="负责人不能出庭的，须向法院提交加盖行政机关印章的书面说明",
    )
    staff = models.CharField(
        "出庭工作人员", max_length=200, blank=True, help_text="负责人不能出庭的，应委托相应的工作人员出庭"
    )
    lawyer = models.CharField(
        "委托律师", max_length=200, blank=True, help_text="仅委托律师出庭的，不视为负责人出庭"
    )
    note = models.TextField("庭审情况", blank=True)

    scope_field = "lawsuit__responsible_department"

    class Meta:
        verbose_name = "开庭记录"
        verbose_name_plural = "开庭记录"
        ordering = ["lawsuit", "held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.lawsuit} {self.held_on}开庭"

    def clean(self) -> None:
        rules.validate_hearing(self)
