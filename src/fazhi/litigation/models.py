"""Records of 行政应诉: lawsuits against the district's agencies, moving from service of the complaint through the
defence, the hearings (with whether the agency head appeared) and the judgment to its performance; and the
meetings with the court and the procuratorate (府院、府检联动)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import access, ids
from fazhi.core.models import Organization, Person

from . import rules


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
    plaintiff_id_number = models.CharField(
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
    appealed_on = models.DateField("上诉日期", null=True, blank=True)
    appellant = models.CharField("上诉人", max_length=120, blank=True)
    effective_on = models.DateField("生效日期", null=True, blank=True)
    performance_due = models.DateField(
        "履行期限", null=True, blank=True, help_text="生效裁判确定的履行期限；未确定的留空"
    )
    performed_on = models.DateField("履行日期", null=True, blank=True)
    performance_note = models.TextField("履行情况", blank=True)
    supervision_clue = models.OneToOneField(
        "enforcement.SupervisionClue",
        verbose_name="执法监督线索",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lawsuit",
    )

    scope_field = "responsible_department"
    masked_fields = ("plaintiff_id_number",)

    class Meta:
        verbose_name = "行政应诉案件"
        verbose_name_plural = "行政应诉案件"
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
        o = self.outcome_rule
        return rules.RESULT_LABELS[o.result] if o else ""

    @property
    def lost(self) -> bool:
        return self.outcome in rules.LOST_OUTCOMES

    def clean(self) -> None:
        errors: dict[str, str] = {}
        number = (self.plaintiff_id_number or "").strip()
        try:
            if self.plaintiff_kind == self.PlaintiffKind.PERSON:
                self.plaintiff_id_number = ids.validate_id_number(number)
            elif self.plaintiff_kind == self.PlaintiffKind.ORGANIZATION:
                self.plaintiff_id_number = ids.validate_credit_code(number)
        except ValidationError as exc:
            errors["plaintiff_id_number"] = exc.messages[0]
        if self.instance == self.Instance.FIRST and self.first_instance_id:
            errors["first_instance"] = "一审案件不应关联其他一审案件。"
        if self.instance != self.Instance.FIRST:
            first = self.first_instance
            if first is None:
                errors["first_instance"] = f"{self.get_instance_display()}案件须关联原一审案件。"
            elif first.instance != self.Instance.FIRST:
                errors["first_instance"] = f"“{first}”不是一审案件。"
            elif first.pk == self.pk:
                errors["first_instance"] = "不能关联本案自身。"
        if self.filed_on and self.served_on and self.served_on < self.filed_on:
            errors["served_on"] = "送达日期不能早于立案日期。"
        if self.defence_submitted_on and self.served_on and self.defence_submitted_on < self.served_on:
            errors["defence_submitted_on"] = "提交答辩日期不能早于起诉状副本送达日期。"
        if self.judged_on and self.served_on and self.judged_on < self.served_on:
            errors["judged_on"] = "裁判日期不能早于起诉状副本送达日期。"
        if self.effective_on and self.judged_on and self.effective_on < self.judged_on:
            errors["effective_on"] = "生效日期不能早于裁判日期。"
        if self.appealed_on and self.judged_on and self.appealed_on < self.judged_on:
            errors["appealed_on"] = "上诉日期不能早于裁判日期。"
        if self.performed_on and self.effective_on and self.performed_on < self.effective_on:
            errors["performed_on"] = "履行日期不能早于生效日期。"
        if errors:
            raise ValidationError(errors)

    # Transitions -------------------------------------------------------------------------------------------

    @transition(
        field=status,
        source=S.SERVED,
        target=S.DEFENDED,
        permission=access.may_change,
        custom={"label": "提交答辩"},
    )
    def submit_defence(self, *, submitted_on) -> None:
        self.defence_submitted_on = submitted_on

    @transition(
        field=status,
        source=[S.SERVED, S.DEFENDED],
        target=S.JUDGED,
        permission=access.may_change,
        custom={"label": "登记裁判结果"},
    )
    def record_judgment(self, *, outcome: str, judged_on, summary: str = "") -> None:
        if outcome not in rules.BY_CODE:
            raise ValidationError({"outcome": "请选择裁判结果。"})
        if judged_on is None:
            raise ValidationError({"judged_on": "请填写裁判日期。"})
        if not rules.hearing_recorded_for(self, outcome):
            raise ValidationError(rules.HEARING_BEFORE_JUDGMENT)
        self.outcome = outcome
        self.judged_on = judged_on
        self.judgment_summary = (summary or "").strip()

    @transition(
        field=status,
        source=S.JUDGED,
        target=S.APPEALED,
        permission=access.may_change,
        custom={"label": "登记上诉"},
    )
    def appeal(self, *, appealed_on, appellant: str) -> None:
        if not appellant.strip():
            raise ValidationError({"appellant": "请填写上诉人。"})
        self.appealed_on = appealed_on
        self.appellant = appellant.strip()

    @transition(
        field=status,
        source=S.JUDGED,
        target=S.EFFECTIVE,
        permission=access.may_change,
        conditions=[rules.needs_performance],
        custom={"label": "裁判生效，待履行"},
    )
    def take_effect(self, *, effective_on, performance_due=None) -> None:
        self.effective_on = effective_on
        self.performance_due = performance_due

    @transition(
        field=status,
        source=S.JUDGED,
        target=S.CLOSED,
        permission=access.may_change,
        conditions=[rules.needs_no_performance],
        custom={"label": "裁判生效，结案"},
    )
    def conclude(self, *, effective_on) -> None:
        self.effective_on = effective_on

    @transition(
        field=status,
        source=S.EFFECTIVE,
        target=S.CLOSED,
        permission=access.may_change,
        custom={"label": "登记履行"},
    )
    def perform(self, *, performed_on, performance_note: str) -> None:
        if not (performance_note or "").strip():
            raise ValidationError(
                {"performance_note": "请写明履行情况（如已重新作出行政行为、已支付款项）。"}
            )
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
        errors: dict[str, str] = {}
        if self.head_appeared:
            if self.head_id is None:
                errors["head"] = "负责人出庭的，须填写出庭的负责人。"
            elif self.lawsuit_id and not self.head.organization.path.startswith(self.lawsuit.defendant.path):
                errors["head"] = f"{self.head}不是被告行政机关（{self.lawsuit.defendant}）的人员。"
            if self.absence_reason.strip():
                errors["absence_reason"] = "负责人已出庭的，不应填写未出庭原因。"
        else:
            if self.head_id is not None:
                errors["head"] = "负责人未出庭的，不应填写出庭负责人。"
            if not self.absence_reason.strip():
                errors["absence_reason"] = "负责人未出庭的，须写明原因（法释〔2018〕1号第一百三十二条）。"
            if not self.explanation_sealed:
                errors["explanation_sealed"] = "负责人未出庭的，须向法院提交加盖行政机关印章的书面说明。"
            if not self.staff.strip():
                errors["staff"] = (
                    "负责人不能出庭的，应委托相应的工作人员出庭；仅委托律师出庭的，不视为出庭应诉。"
                )
        if self.lawsuit_id and self.held_on and self.held_on < self.lawsuit.served_on:
            errors["held_on"] = "开庭日期不能早于起诉状副本送达日期。"
        if errors:
            raise ValidationError(errors)


class LiaisonMeeting(models.Model):
    """A meeting with the court (府院联动) or the procuratorate (府检联动) on administrative disputes."""

    class Kind(models.TextChoices):
        COURT = "court", "府院联动"
        PROCURATORATE = "procuratorate", "府检联动"
        JOINT = "joint", "府院检联动"

    held_on = models.DateField("会议日期")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    title = models.CharField("会议名称", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="召集单位", on_delete=models.PROTECT, related_name="+"
    )
    participants = models.TextField("参会单位及人员")
    topics = models.TextField("议题")
    outcomes = models.TextField("会议成果", blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "府院府检联动会议"
        verbose_name_plural = "府院府检联动会议"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.title}"
