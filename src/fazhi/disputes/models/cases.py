"""The reconsideration case, its docket sequence and its suspensions: 收到 → (补正) → 受理/不予受理 → 审理 → 决定/调解/终止/撤回 → 结案."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import crypto, ids
from fazhi.core.models import Organization
from fazhi.core.rules import validate_happened

from ..rules import cases as rules
from ..rules import outcomes as outcome_rules
from ..rules.grounds import GROUND_CHOICES
from ..rules.outcomes import APPROVALS, COMMITTEE_GROUND_CHOICES


class Outcome(models.TextChoices):
    CHANGE = "change", "变更"
    REVOKE = "revoke", "撤销"
    PARTIAL_REVOKE = "partial_revoke", "部分撤销"
    CONFIRM_ILLEGAL = "confirm_illegal", "确认违法"
    ORDER_PERFORMANCE = "order_performance", "责令履行"
    CONFIRM_INVALID = "confirm_invalid", "确认无效"
    UPHOLD = "uphold", "维持"
    DISMISS = "dismiss", "驳回复议请求"
    MEDIATION = "mediation", "调解"
    SETTLEMENT = "settlement", "和解"
    TERMINATION = "termination", "终止"
    WITHDRAWAL = "withdrawal", "撤回"
    REFUSED = "refused", "不予受理"
    REJECTED_APPLICATION = "reject_application", "驳回行政复议申请"


class DocketSequence(models.Model):
    """The last docket number given in a year; registration locks this row, so numbers are unique and gapless."""

    scope_shared = True  # installation-wide: readable by every user (core.access)

    year = models.PositiveSmallIntegerField("年度", unique=True)
    last_seq = models.PositiveIntegerField("已用顺序号", default=0)

    class Meta:
        verbose_name = "复议案号序列"
        verbose_name_plural = "复议案号序列"

    def __str__(self) -> str:
        return f"{self.year}年已用至{self.last_seq}号"


class ReconsiderationCase(FSMModelMixin, models.Model):
    """一件行政复议案件: 收到 → (补正) → 受理/不予受理 → 审理 → (中止/恢复, 延期) → 决定/调解/终止/撤回 → 结案."""

    class Status(models.TextChoices):
        RECEIVED = "received", "收到申请"
        SUPPLEMENTING = "supplementing", "补正中"
        ACCEPTED = "accepted", "已受理"
        REVIEWING = "reviewing", "审理中"
        SUSPENDED = "suspended", "中止审理"
        REJECTED = "rejected", "不予受理"
        DECIDED = "decided", "已决定"
        MEDIATED = "mediated", "已调解"
        TERMINATED = "terminated", "已终止"
        WITHDRAWN = "withdrawn", "已撤回"
        CLOSED = "closed", "已结案"

    class Channel(models.TextChoices):
        IN_PERSON = "in_person", "当面申请"
        MAIL = "mail", "邮寄申请"
        ONLINE = "online", "网上/系统申请"

    class ApplicantKind(models.TextChoices):
        PERSON = "person", "自然人"
        ORGANIZATION = "organization", "法人或其他组织"

    class Procedure(models.TextChoices):
        ORDINARY = "ordinary", "普通程序"
        SIMPLIFIED = "simplified", "简易程序"

    S = Status
    OPEN = [S.RECEIVED, S.SUPPLEMENTING, S.ACCEPTED, S.REVIEWING, S.SUSPENDED]
    IN_REVIEW = [S.ACCEPTED, S.REVIEWING, S.SUSPENDED]
    ENDED = [S.REJECTED, S.DECIDED, S.MEDIATED, S.TERMINATED, S.WITHDRAWN]

    docket_year = models.PositiveSmallIntegerField("案号年度", editable=False)
    docket_seq = models.PositiveIntegerField("案号顺序号", editable=False)
    docket_number = models.CharField("案号", max_length=40, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name="复议机构", on_delete=models.PROTECT, related_name="+"
    )
    channel = models.CharField("申请渠道", max_length=12, choices=Channel.choices)
    received_on = models.DateField("收到申请日期")
    applicant_kind = models.CharField("申请人类型", max_length=12, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人", max_length=120)
    applicant_id_code = crypto.EncryptedCharField(
        "申请人证件号码", max_length=18, help_text="自然人填身份证号，法人或其他组织填统一社会信用代码"
    )
    applicant_id_code_hash = crypto.BlindIndexField(
        "申请人证件号码检索索引", source="applicant_id_code", db_index=True
    )
    applicant_contact = crypto.EncryptedCharField(
        "申请人住址及联系方式", max_length=200, blank=True, mask="contact"
    )
    agent = models.CharField(
        "委托代理人", max_length=200, blank=True, help_text="姓名及单位，如 陶明理（澄湖明理律师事务所律师）"
    )
    respondent = models.ForeignKey(
        Organization, verbose_name="被申请人", on_delete=models.PROTECT, related_name="+"
    )
    contested_act = models.CharField("被申请复议的行政行为", max_length=300)
    act_date = models.DateField("行政行为作出日期")
    known_on = models.DateField(
        "知道或者应当知道行政行为之日",
        null=True,
        blank=True,
        help_text="申请期限自该日起六十日（行政复议法第二十条）；不填以行政行为作出日期计",
    )
    real_property = models.BooleanField(
        "因不动产提出申请", default=False, help_text="最长申请期限二十年，其他五年（行政复议法第二十一条）"
    )
    nonperformance = models.BooleanField(
        "申请人认为被申请人不履行法定职责",
        default=False,
        help_text="只有此类案件可以决定驳回行政复议请求（行政复议法第六十九条）",
    )
    third_parties = models.TextField(
        "第三人",
        blank=True,
        help_text="同被申请的行政行为或者案件处理结果有利害关系的，每行一人（行政复议法第十六条）",
    )
    request = models.TextField("行政复议请求")
    facts = models.TextField("事实和理由", blank=True)
    procedure = models.CharField(
        "审理程序", max_length=12, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    converted_on = models.DateField("转为普通程序日期", null=True, blank=True)
    conversion_reason = models.CharField("转换程序的理由及批准人", max_length=300, blank=True)
    status = FSMField("状态", choices=Status.choices, default=Status.RECEIVED, protected=True)
    supplement_requested_on = models.DateField("补正通知日期", null=True, blank=True)
    supplement_items = models.TextField("需补正的材料", blank=True)
    supplement_served_on = models.DateField(
        "补正通知送达日期",
        null=True,
        blank=True,
        help_text="申请人收到补正通知之日，补正期限自该日起算（第三十一条）",
    )
    supplement_served_provisional = models.BooleanField(
        "补正送达日期暂定", default=False, help_text="送达日期未知，暂以补正通知日期代替"
    )
    supplement_extension_days = models.PositiveSmallIntegerField("延长补正期限（工作日）", default=0)
    supplement_extension_reason = models.CharField("延长补正期限的正当理由", max_length=300, blank=True)
    supplement_extended_on = models.DateField("延长补正期限日期", null=True, blank=True)
    supplement_received_on = models.DateField("收到补正材料日期", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True)
    deemed_accepted = models.BooleanField("视为受理", default=False)
    refused_on = models.DateField("不予受理决定日期", null=True, blank=True)
    refusal_reason = models.TextField("不予受理理由", blank=True)
    copy_sent_on = models.DateField("发送申请书副本日期", null=True, blank=True)
    copy_served_on = models.DateField(
        "被申请人收到副本日期",
        null=True,
        blank=True,
        help_text="答复期限自被申请人收到副本之日起算（第四十八条）",
    )
    copy_served_provisional = models.BooleanField(
        "副本送达日期暂定", default=False, help_text="送达日期未知，暂以发送日期代替"
    )
    answer_received_on = models.DateField("收到答复日期", null=True, blank=True)
    respondent_statement = models.TextField("被申请人称（答复意见）", blank=True)
    findings = models.TextField("经审理查明", blank=True)
    legal_basis = models.TextField(
        "依据",
        blank=True,
        help_text="本机关认为所依据的法律、法规、规章条文，如《中华人民共和国行政处罚法》第三十二条",
    )
    committee_ground = models.PositiveSmallIntegerField(
        "提请行政复议委员会咨询的情形",
        null=True,
        blank=True,
        choices=COMMITTEE_GROUND_CHOICES,
        help_text="行政复议法第五十二条第二款",
    )
    committee_consulted_on = models.DateField("委员会提出咨询意见日期", null=True, blank=True)
    committee_opinion = models.TextField("行政复议委员会的咨询意见", blank=True)
    approval = models.CharField(
        "决定的审批方式",
        max_length=12,
        blank=True,
        choices=list(APPROVALS.items()),
        help_text="行政复议法第六十一条",
    )
    approved_by = models.CharField("同意的负责人或通过的会议", max_length=120, blank=True)
    approved_on = models.DateField("同意或通过日期", null=True, blank=True)
    copy_report_to = models.CharField(
        "抄告单位",
        max_length=200,
        blank=True,
        help_text="被申请人为本级政府工作部门的，抄告其上一级主管部门（行政复议法第七十九条第二款）",
    )
    opinions_not_heard_reason = models.TextField(
        "未听取意见的理由", blank=True, help_text="因当事人原因不能听取意见、书面审理的，写明理由"
    )
    extension_days = models.PositiveSmallIntegerField("延长审理天数", default=0)
    extension_approved_by = models.CharField("延期批准人", max_length=60, blank=True)
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_reason = models.CharField("延期理由", max_length=300, blank=True)
    outcome = models.CharField("结案方式", max_length=20, choices=Outcome.choices, blank=True)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    conclusion = models.TextField("决定要旨或终止理由", blank=True)
    corrected_by_agreement = models.BooleanField(
        "调解和解中纠正了行政行为", default=False, help_text="被申请人在调解、和解中撤销或变更了行政行为"
    )
    closed_on = models.DateField("结案归档日期", null=True, blank=True)
    platform_entered_on = models.DateField("录入全国行政复议工作平台日期", null=True, blank=True)
    platform_number = models.CharField("全国平台案件编号", max_length=60, blank=True)

    scope_field = "organization"
    masked_fields = ("applicant_id_code",)

    class Meta:
        verbose_name = "行政复议案件"
        verbose_name_plural = "行政复议案件"
        # Figures count by these dates, for the installation and, with the unit, for a county (issue 19, EXPLAIN).
        indexes = [
            models.Index(fields=["received_on"], name="recon_received_idx"),
            models.Index(fields=["organization", "received_on"], name="recon_org_received_idx"),
            models.Index(fields=["accepted_on"], name="recon_accepted_idx"),
            models.Index(fields=["organization", "accepted_on"], name="recon_org_accepted_idx"),
            models.Index(fields=["concluded_on"], name="recon_concluded_idx"),
            models.Index(fields=["organization", "concluded_on"], name="recon_org_concluded_idx"),
            # The docket (web/lists.py): its respondent and year choices read from these indexes alone, with the
            # unit each case belongs to (the scope); the open cases, the only ones with a next deadline, found by
            # their own index for the default order's first part and the overdue count (issue 19).
            models.Index(fields=["respondent", "organization"], name="recon_respondent_org_idx"),
            models.Index(fields=["docket_year", "organization"], name="recon_year_org_idx"),
            models.Index(
                fields=["status"],
                condition=models.Q(
                    status__in=["received", "supplementing", "accepted", "reviewing", "suspended"]
                ),
                name="recon_open_idx",
            ),
        ]
        ordering = ["-docket_year", "-docket_seq"]
        constraints = [
            models.UniqueConstraint(fields=["docket_year", "docket_seq"], name="disputes_one_docket_per_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.docket_number}（{self.applicant_name}诉{self.respondent.name if self.respondent_id else ''}）"

    @property
    def act(self) -> str:
        """The contested act without its author: 被申请复议的行政行为 as typed, less a leading “<被申请人>作出的” (the
        documents and titles write “不服<被申请人>作出的<act>” themselves, so the name is not written twice)."""
        act = self.contested_act.strip()
        name = self.respondent.name if self.respondent_id else ""
        if name and act.startswith(name):
            rest = act[len(name) :]
            for joint in ("作出的", "的"):
                if rest.startswith(joint) and len(rest) > len(joint):
                    return rest[len(joint) :]
        return act

    @property
    def contested(self) -> str:
        """“<被申请人>作出的<act>”, as the case's title and documents name what is contested."""
        name = self.respondent.name if self.respondent_id else ""
        return f"{name}作出的{self.act}"

    @property
    def is_correction(self) -> bool:
        """The decision corrected the contested act (变更、撤销、确认违法、责令履行、确认无效), or a mediation or
        settlement changed it."""
        return rules.is_correction(self.outcome, self.corrected_by_agreement)

    @property
    def masked_id_code(self) -> str:
        if self.applicant_kind == self.ApplicantKind.PERSON:
            return ids.mask_id_number(self.applicant_id_code)
        return self.applicant_id_code

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    def clean(self) -> None:
        """The application and the order of the case's dates, by the rules of rules/cases.py."""
        errors: dict[str, list[str]] = {}
        try:
            self.applicant_id_code = rules.normalized_applicant_id(
                self.applicant_kind, self.applicant_id_code
            )
        except ValidationError as exc:
            errors.update(exc.message_dict)
        checks = [lambda: rules.validate_dates(self)]
        if self.extension_days:
            checks.append(lambda: rules.validate_extension_days(self.extension_days))
        for check in checks:
            try:
                check()
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    # Transitions -------------------------------------------------------------------------------------------
    @transition(
        field=status,
        source=S.RECEIVED,
        target=S.SUPPLEMENTING,
        permission=rules.may_handle,
        custom={"label": "通知补正"},
    )
    def request_supplement(self, *, on, items: str) -> None:
        self.supplement_requested_on, self.supplement_items = on, items.strip()

    @transition(
        field=status,
        source=S.SUPPLEMENTING,
        target=S.RECEIVED,
        permission=rules.may_handle,
        custom={"label": "收到补正材料"},
    )
    def receive_supplement(self, *, on) -> None:
        self.supplement_received_on = on

    @transition(
        field=status,
        source=S.RECEIVED,
        target=S.ACCEPTED,
        permission=rules.may_handle,
        custom={"label": "受理"},
    )
    def accept(self, *, on, procedure: str = "") -> None:
        self.accepted_on = on
        if procedure:
            self.procedure = procedure

    @transition(
        field=status,
        source=S.RECEIVED,
        target=S.ACCEPTED,
        permission=rules.may_handle,
        custom={"label": "视为受理"},
    )
    def deem_accepted(self, *, on) -> None:
        self.accepted_on, self.deemed_accepted = on, True

    @transition(
        field=status,
        source=S.RECEIVED,
        target=S.REJECTED,
        permission=rules.may_handle,
        custom={"label": "不予受理"},
    )
    def refuse(self, *, on, reason: str) -> None:
        self.refused_on, self.refusal_reason = on, reason.strip()
        self.outcome, self.concluded_on = Outcome.REFUSED, on

    @transition(
        field=status,
        source=S.ACCEPTED,
        target=S.REVIEWING,
        permission=rules.may_handle,
        custom={"label": "发送答复通知"},
    )
    def send_copy(self, *, on) -> None:
        self.copy_sent_on = on

    @transition(
        field=status,
        source=S.REVIEWING,
        target=S.SUSPENDED,
        permission=rules.may_handle,
        custom={"label": "中止审理"},
    )
    def suspend(self) -> None:
        pass  # the Suspension row is written by the service

    @transition(
        field=status,
        source=S.SUSPENDED,
        target=S.REVIEWING,
        permission=rules.may_handle,
        custom={"label": "恢复审理"},
    )
    def resume(self) -> None:
        pass

    @transition(
        field=status,
        source=S.REVIEWING,
        target=S.REVIEWING,
        permission=rules.may_handle,
        conditions=[rules.not_yet_extended],
        custom={"label": "延期审理"},
    )
    def extend(self, *, days: int, approved_by: str, approved_on, reason: str) -> None:
        self.extension_days, self.extension_approved_by = days, approved_by.strip()
        self.extension_approved_on, self.extension_reason = approved_on, reason.strip()

    @transition(
        field=status,
        source=S.REVIEWING,
        target=S.DECIDED,
        permission=rules.may_handle,
        conditions=[rules.opinions_heard_or_excused],
        custom={"label": "作出复议决定"},
    )
    def decide(self, *, on, outcome: str, summary: str, approval: str, approved_by: str, approved_on) -> None:
        self.outcome, self.concluded_on, self.conclusion = outcome, on, summary.strip()
        self.approval, self.approved_by, self.approved_on = approval, approved_by.strip(), approved_on

    @transition(
        field=status,
        source=[S.ACCEPTED, S.REVIEWING, S.SUSPENDED],
        target=S.DECIDED,
        permission=rules.may_handle,
        custom={"label": "驳回申请"},
    )
    def reject_application(self, *, on, reason: str, approval: str, approved_by: str, approved_on) -> None:
        self.outcome, self.concluded_on = Outcome.REJECTED_APPLICATION, on
        self.conclusion = reason.strip()
        self.approval, self.approved_by, self.approved_on = approval, approved_by.strip(), approved_on

    @transition(
        field=status,
        source=S.REVIEWING,
        target=S.MEDIATED,
        permission=rules.may_handle,
        custom={"label": "调解结案"},
    )
    def mediate(self, *, on, summary: str, corrected: bool = False) -> None:
        self.outcome, self.concluded_on, self.conclusion = Outcome.MEDIATION, on, summary.strip()
        self.corrected_by_agreement = corrected

    @transition(
        field=status,
        source=[S.ACCEPTED, S.REVIEWING, S.SUSPENDED],
        target=S.TERMINATED,
        permission=rules.may_handle,
        custom={"label": "终止审理"},
    )
    def terminate(self, *, on, reason: str, settled: bool = False, corrected: bool = False) -> None:
        self.outcome = Outcome.SETTLEMENT if settled else Outcome.TERMINATION
        self.concluded_on, self.conclusion, self.corrected_by_agreement = on, reason.strip(), corrected

    @transition(
        field=status,
        source=[S.RECEIVED, S.SUPPLEMENTING],
        target=S.WITHDRAWN,
        permission=rules.may_handle,
        custom={"label": "撤回申请"},
    )
    def withdraw(self, *, on, reason: str) -> None:
        self.outcome, self.concluded_on = Outcome.WITHDRAWAL, on
        self.conclusion = reason.strip() or "申请人撤回行政复议申请"

    @transition(
        field=status, source=ENDED, target=S.CLOSED, permission=rules.may_handle, custom={"label": "结案归档"}
    )
    def close(self, *, on) -> None:
        self.closed_on = on


class Suspension(models.Model):
    """中止 (第三十九条): the clock stops from the day suspended until the day review resumes."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="suspensions"
    )
    suspended_on = models.DateField("中止日期")
    ground = models.PositiveSmallIntegerField("中止情形", choices=GROUND_CHOICES, default=10)
    reason = models.CharField("中止理由（具体情况）", max_length=300, blank=True)
    resumed_on = models.DateField("恢复审理日期", null=True, blank=True)

    scope_field = "case__organization"

    class Meta:
        verbose_name = "中止审理"
        verbose_name_plural = "中止审理"
        ordering = ["case", "suspended_on", "pk"]

    def __str__(self) -> str:
        return f"{self.suspended_on:%Y-%m-%d}中止"

    @property
    def days(self) -> int:
        return (self.resumed_on - self.suspended_on).days if self.resumed_on else 0

    def clean(self) -> None:
        rules.validate_suspension_dates(self)


class OpinionLetter(models.Model):
    """行政复议意见书 (第七十六条): issued to the respondent or another lower agency; it reports within 60 days of
    receiving it how it corrected the act."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.PROTECT, related_name="opinion_letters"
    )
    addressee = models.ForeignKey(
        Organization, verbose_name="收文机关", on_delete=models.PROTECT, related_name="+"
    )
    issued_on = models.DateField("制发日期")
    content = models.TextField("发现的问题及纠正意见")
    served_on = models.DateField(
        "收到意见书日期", null=True, blank=True, help_text="六十日报送期限自收到之日起算（第七十六条）"
    )
    replied_on = models.DateField("报送纠正情况日期", null=True, blank=True)
    reply = models.TextField("纠正情况", blank=True)

    scope_field = "case__organization"

    class Meta:
        verbose_name = "行政复议意见书"
        verbose_name_plural = "行政复议意见书"
        ordering = ["case", "issued_on", "pk"]

    def __str__(self) -> str:
        return f"{self.issued_on:%Y-%m-%d}致{self.addressee.name if self.addressee_id else ''}意见书"

    @property
    def reply_due(self):
        return outcome_rules.letter_reply_due(issued_on=self.issued_on, served_on=self.served_on).due

    def clean(self) -> None:
        validate_happened(self, "issued_on", "served_on", "replied_on")
        if self.served_on and self.issued_on and self.served_on < self.issued_on:
            raise ValidationError({"served_on": "收到意见书日期不能早于制发日期。"})
        if self.replied_on and self.issued_on and self.replied_on < self.issued_on:
            raise ValidationError({"replied_on": "报送纠正情况日期不能早于制发日期。"})
