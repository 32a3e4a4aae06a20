"""Records of case-file evaluation (案卷评查): a campaign with its reviewers and its scoring standard as data (veto
items and scored items with their maximum points, grade thresholds), the closed case files drawn with their handling
officers, each file's item scores with its computed total and grade, and the problems found in each file."""

from __future__ import annotations

from django.db import models

from fazhi.core.models import Organization, Person

from ..rules import evaluation as rules
from .bodies import EnforcementBody, EnforcementPower


class Domain(models.TextChoices):
    """执法领域 of a campaign's scope and of each file drawn."""

    FOOD_DRUG = "food_drug", "食品药品"
    NATURAL_RESOURCES = "natural_resources", "自然资源"
    MARKET = "market", "市场监管"
    ECOLOGY = "ecology", "生态环境"
    TRANSPORT = "transport", "交通运输"
    URBAN = "urban", "城市管理"
    HOUSING = "housing", "住房城乡建设"
    AGRICULTURE = "agriculture", "农业农村"
    CULTURE = "culture", "文化旅游"
    HEALTH = "health", "卫生健康"
    EMERGENCY = "emergency", "应急管理"
    OTHER = "other", "其他"


class Grade(models.TextChoices):
    EXCELLENT = rules.GRADE_EXCELLENT, "优秀"
    QUALIFIED = rules.GRADE_QUALIFIED, "合格"
    UNQUALIFIED = rules.GRADE_UNQUALIFIED, "不合格"


class EvaluationCampaign(models.Model):
    """A year's 案卷评查 campaign organized by a unit (usually the Justice Bureau): its scope by domain and the grade
    thresholds it sets; its standard is its EvaluationItems."""

    organization = models.ForeignKey(
        Organization, verbose_name="组织单位", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    name = models.CharField("评查活动名称", max_length=200, unique=True)
    domains = models.JSONField("评查领域", default=list, blank=True)
    excellent_score = models.DecimalField("优秀分数线", max_digits=5, decimal_places=1)
    pass_score = models.DecimalField("合格分数线", max_digits=5, decimal_places=1)
    note = models.TextField("说明", blank=True)

    scope_field = "organization"

    class Meta:
        verbose_name = "案卷评查活动"
        verbose_name_plural = "案卷评查活动"
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def domain_labels(self) -> list[str]:
        labels = dict(Domain.choices)
        return [labels.get(d, d) for d in self.domains or []]

    def clean(self) -> None:
        rules.validate_campaign(self, Domain.values, Domain.labels)


class EvaluationReviewer(models.Model):
    """A reviewer (评查人员) of a campaign: a person from the procuratorate, an enforcement unit or a legal advisor."""

    class Affiliation(models.TextChoices):
        PROCURATORATE = "procuratorate", "检察院"
        ENFORCEMENT_UNIT = "enforcement_unit", "执法部门"
        LEGAL_ADVISOR = "legal_advisor", "法律顾问"
        JUSTICE = "justice", "司法行政机关"
        OTHER = "other", "其他"

    campaign = models.ForeignKey(
        EvaluationCampaign, verbose_name="评查活动", on_delete=models.CASCADE, related_name="reviewers"
    )
    person = models.ForeignKey(Person, verbose_name="评查人员", on_delete=models.PROTECT, related_name="+")
    affiliation = models.CharField("人员来源", max_length=20, choices=Affiliation.choices)

    scope_field = "campaign__organization"

    class Meta:
        verbose_name = "评查人员"
        verbose_name_plural = "评查人员"
        ordering = ["campaign", "affiliation", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "person"],
                name="enforcement_reviewer_once_per_campaign",
                violation_error_message="该人员已是本次评查活动的评查人员。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}（{self.get_affiliation_display()}）"


class EvaluationItem(models.Model):
    """One item of a campaign's standard: a veto item (否决项) that fails a file outright, or a scored item with
    its maximum points, in a group such as 卷面评查 or 实体评查."""

    class Kind(models.TextChoices):
        VETO = "veto", "否决项"
        SCORED = "scored", "评分项"

    campaign = models.ForeignKey(
        EvaluationCampaign, verbose_name="评查活动", on_delete=models.CASCADE, related_name="items"
    )
    kind = models.CharField("项目类别", max_length=10, choices=Kind.choices)
    group = models.CharField("分组", max_length=40, blank=True, help_text="如 卷面评查、实体评查")
    title = models.CharField("评查项目", max_length=200)
    max_points = models.DecimalField("分值", max_digits=5, decimal_places=1, null=True, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=0)

    scope_field = "campaign__organization"

    class Meta:
        verbose_name = "评查标准项目"
        verbose_name_plural = "评查标准项目"
        ordering = ["campaign", "kind", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "title"],
                name="enforcement_item_title_once_per_campaign",
                violation_error_message="本次评查活动已有同名评查项目。",
            )
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.VETO:
            return f"{self.title}（否决项）"
        return f"{self.group + '·' if self.group else ''}{self.title}（{self.max_points}分）"

    def clean(self) -> None:
        rules.validate_item(self)


class CaseFile(models.Model):
    """A closed case file drawn for evaluation: its body, domain, kind of act, number, decision date and handling
    officers; its total, veto result and grade are computed from its item scores by the service, never typed."""

    campaign = models.ForeignKey(
        EvaluationCampaign, verbose_name="评查活动", on_delete=models.PROTECT, related_name="files"
    )
    body = models.ForeignKey(
        EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT, related_name="case_files"
    )
    domain = models.CharField("执法领域", max_length=20, choices=Domain.choices)
    act_kind = models.CharField("行为类别", max_length=16, choices=EnforcementPower.Kind.choices)
    case_number = models.CharField("案件编号", max_length=80)
    title = models.CharField("案件名称", max_length=200)
    decided_on = models.DateField("决定日期")
    officers = models.ManyToManyField(
        Person, verbose_name="承办执法人员", through="CaseFileOfficer", related_name="+", blank=True
    )
    total_score = models.DecimalField("总分", max_digits=5, decimal_places=1, null=True, blank=True)
    vetoed = models.BooleanField("触及否决项", default=False)
    grade = models.CharField("等次", max_length=16, choices=Grade.choices, blank=True)
    scored_on = models.DateField("评分日期", null=True, blank=True)

    scope_field = "body__organization"

    class Meta:
        verbose_name = "评查案卷"
        verbose_name_plural = "评查案卷"
        ordering = ["campaign", "body", "case_number"]
        # A county's figures read its bodies' files of one campaign year (issue 19, EXPLAIN); grade, domain and veto
        # carried in the index so the grouped count is an index-only scan (province county: 29,898 → 3,959 buffers).
        indexes = [
            models.Index(
                fields=["body", "campaign", "grade", "domain", "vetoed"], name="casefile_body_campaign_cover"
            ),
            # The problem list's campaign choices probe each campaign's files for a first problem (issue 19,
            # EXPLAIN at province: an index-only scan instead of a heap scan of 13,333 files per campaign).
            models.Index(fields=["campaign", "id"], name="casefile_campaign_id_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "case_number"],
                name="enforcement_case_number_once_per_campaign",
                violation_error_message="本次评查活动已抽取该案件编号的案卷。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.title}"

    @property
    def is_scored(self) -> bool:
        return bool(self.grade)

    def clean(self) -> None:
        rules.validate_case_file(self)


class CaseFileOfficer(models.Model):
    """A handling officer (承办执法人员) of a case file: must hold a valid 行政执法证 on the decision date."""

    case_file = models.ForeignKey(
        CaseFile, verbose_name="案卷", on_delete=models.CASCADE, related_name="officer_links"
    )
    person = models.ForeignKey(
        Person, verbose_name="承办执法人员", on_delete=models.PROTECT, related_name="+"
    )

    scope_field = "case_file__body__organization"

    class Meta:
        verbose_name = "承办执法人员"
        verbose_name_plural = "承办执法人员"
        ordering = ["case_file", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_file", "person"],
                name="enforcement_officer_once_per_file",
                violation_error_message="该执法人员已登记为本案卷的承办人员。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}承办{self.case_file}"


class ItemScore(models.Model):
    """A file's result on one item of the standard: points (within the item's maximum) or a veto hit."""

    case_file = models.ForeignKey(
        CaseFile, verbose_name="案卷", on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(
        EvaluationItem, verbose_name="评查项目", on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    veto_hit = models.BooleanField("触及否决项", default=False)

    scope_field = "case_file__body__organization"

    class Meta:
        verbose_name = "案卷评分"
        verbose_name_plural = "案卷评分"
        ordering = ["case_file", "item__kind", "item__order", "item_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case_file", "item"],
                name="enforcement_score_once_per_item",
                violation_error_message="该案卷的这一评查项目已评分。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_file.case_number} {self.item.title}"

    def clean(self) -> None:
        rules.validate_score(self)


class CaseFileProblem(models.Model):
    """A problem found in an evaluated case file (评查发现的问题), scoped to the evaluated body's unit. Its
    rectification is tracked by oversight's rectification ledger, which links to this record (no copy here)."""

    class Category(models.TextChoices):
        FILING = "filing", "卷宗装订归档不规范"
        DOCUMENTS = "documents", "执法文书制作不规范"
        EVIDENCE = "evidence", "证据不充分"
        FACTS = "facts", "事实认定不清"
        LAW = "law", "适用法律依据不当"
        PROCEDURE = "procedure", "执法程序不合法"
        DISCRETION = "discretion", "裁量不当"
        OFFICERS = "officers", "执法人员资格或人数不符合规定"
        OTHER = "other", "其他"

    case_file = models.ForeignKey(
        CaseFile, verbose_name="案卷", on_delete=models.PROTECT, related_name="problems"
    )
    # The file's campaign, kept on the problem as its body and unit are (rules.evaluation.validate_problem; the
    # services set it and move it with the file): the problem list sorts and filters by campaign without joining
    # its 100,000 problems to 1,000,000 case files (issue 19).
    campaign = models.ForeignKey(
        EvaluationCampaign,
        verbose_name="评查活动",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # problem_campaign_id_idx leads with it
    )
    body = models.ForeignKey(
        EnforcementBody, verbose_name="执法主体", on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        Organization, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField("问题类别", max_length=16, choices=Category.choices)
    description = models.TextField("问题描述")

    scope_field = "organization"

    class Meta:
        verbose_name = "案卷评查问题"
        verbose_name_plural = "案卷评查问题"
        ordering = ["case_file", "pk"]
        # The problem list's default order (the campaign's year and name, then id) and its campaign filter and
        # choices: a campaign's problems in id order from this index (issue 19, EXPLAIN at province).
        indexes = [models.Index(fields=["campaign", "id"], name="problem_campaign_id_idx")]

    def __str__(self) -> str:
        return f"{self.case_file.case_number}：{self.get_category_display()}"

    def clean(self) -> None:
        rules.validate_problem(self)
