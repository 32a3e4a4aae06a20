"""行政规范性文件: registered, numbered and issued uniformly (三统一), with validity and expiry, then filed (备案) with
the government above within the filing period; the upper level accepts or orders correction."""

from __future__ import annotations

from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from fazhi.core import access
from fazhi.core.io.attachments import Attachment
from fazhi.core.models import Organization

from .. import rules


class NormativeDocument(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", "已登记（待印发）"
        VALID = "valid", "有效"
        EXPIRED = "expired", "失效"
        REPEALED = "repealed", "废止"
        AMENDED = "amended", "已修改"

    S = Status
    title = models.CharField("文件名称", max_length=200)
    organization = models.ForeignKey(
        Organization, verbose_name="制定机关", on_delete=models.PROTECT, related_name="+"
    )
    number_prefix = models.CharField("发文字号前缀", max_length=20, help_text="如 红政规发")
    number = models.CharField("文号", max_length=60, blank=True, help_text="印发时由平台统一编号")
    number_year = models.PositiveSmallIntegerField("编号年度", null=True, blank=True)
    number_seq = models.PositiveIntegerField("年度序号", null=True, blank=True)
    registered_on = models.DateField("登记日期")
    signed_on = models.DateField("签发日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    validity_years = models.PositiveSmallIntegerField("有效期（年）", null=True, blank=True)
    expires_on = models.DateField("有效期至", null=True, blank=True)
    status = FSMField("状态", choices=Status.choices, default=Status.REGISTERED, protected=True)
    legality_review = models.OneToOneField(
        "review.LegalityReview",
        verbose_name="合法性审查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="normative_document",
    )
    requires_filing = models.BooleanField("须报送备案", default=True)
    filing_due_on = models.DateField("报送备案期限", null=True, blank=True)
    filing_due_explanation = models.TextField("备案期限计算说明", blank=True)
    enterprise_related = models.BooleanField("涉企", default=False)
    market_related = models.BooleanField(
        "涉及经营者经济活动",
        default=False,
        help_text="涉及经营者经济活动的，印发前须经公平竞争审查（公平竞争审查条例第二条、第十八条）。",
    )

    scope_field = "organization"

    class Meta:
        verbose_name = "行政规范性文件"
        verbose_name_plural = "行政规范性文件"
        # Figures count by these dates, for the installation and, with the unit, for a county (issue 19, EXPLAIN).
        indexes = [
            models.Index(fields=["registered_on"], name="normdoc_registered_idx"),
            models.Index(fields=["organization", "registered_on"], name="normdoc_org_registered_idx"),
            models.Index(fields=["published_on"], name="normdoc_published_idx"),
            models.Index(fields=["organization", "published_on"], name="normdoc_org_published_idx"),
            # the model's order (the API's list: newest number first), read backwards for a page (issue 19)
            models.Index(fields=["number_year", "number_seq", "id"], name="normdoc_order_idx"),
            # The documents that must still be filed (selectors.unfiled_documents: the 工作台's source and the
            # register's awaiting-filing list), with every column the 工作台 reads of them: the planner reads this
            # index alone, in id order, against the filings' document index (a merge anti-join) instead of the table
            # (issue 19: 11,844 → 536 buffers for the province's 29,584 such documents and 26,055 filings).
            models.Index(
                fields=["id", "organization", "filing_due_on", "title", "number"],
                condition=models.Q(requires_filing=True, published_on__isnull=False, status="valid"),
                name="normdoc_unfiled_idx",
            ),
        ]
        ordering = ["-number_year", "-number_seq", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~models.Q(number=""), name="normative_number_unique"
            ),
            models.UniqueConstraint(
                fields=["number_prefix", "number_year", "number_seq"],
                condition=models.Q(number_seq__isnull=False),
                name="normative_seq_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（{self.number}）" if self.number else self.title

    def clean(self) -> None:
        rules.validate_document(self)

    def validity_state(self, today) -> str:
        """未生效 / 有效 / 失效 computed from the dates (rules.validity_state)."""
        return rules.validity_state(self, today)

    @transition(
        field=status,
        source=S.REGISTERED,
        target=S.VALID,
        permission=access.may_change,
        conditions=[
            rules.document_review_passed,
            rules.revised_text_given,
            rules.fair_competition_reviewed,
            rules.consultation_recorded,
            rules.deliberation_recorded,
        ],
        custom={"label": "统一编号并印发"},
    )
    def issue(
        self, *, number: str, year: int, seq: int, signed_on, published_on, effective_on, expires_on
    ) -> None:
        self.number, self.number_year, self.number_seq = number, year, seq
        self.signed_on, self.published_on, self.effective_on, self.expires_on = (
            signed_on,
            published_on,
            effective_on,
            expires_on,
        )

    @transition(
        field=status,
        source=S.VALID,
        target=S.EXPIRED,
        permission=access.may_change,
        custom={"label": "宣布失效"},
    )
    def expire(self) -> None:
        pass

    @transition(
        field=status,
        source=S.VALID,
        target=S.REPEALED,
        permission=access.may_change,
        custom={"label": "废止"},
    )
    def repeal(self) -> None:
        pass

    @transition(
        field=status, source=S.VALID, target=S.AMENDED, permission=access.may_change, custom={"label": "修改"}
    )
    def amend(self) -> None:
        pass


class DocumentNumberSequence(models.Model):
    """The last number given for a prefix and year; numbering locks this row so two issues never share a number."""

    scope_shared = True  # installation-wide: readable by every user (core.access)

    prefix = models.CharField("发文字号前缀", max_length=20)
    year = models.PositiveSmallIntegerField("年度")
    last_seq = models.PositiveIntegerField("已用序号", default=0)

    class Meta:
        verbose_name = "文号序列"
        verbose_name_plural = "文号序列"
        constraints = [
            models.UniqueConstraint(fields=["prefix", "year"], name="one_sequence_per_prefix_year")
        ]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.last_seq}"


def correction_open_on() -> models.Case:
    """纠正后重新报送期限 of a filing while the correction ordered is not made (else NULL), in the database (the same as
    web.views.filings.correction_open): the filings list's default order, served by the index filing_correction_order_idx
    on this expression and the id (issue 19: the 26,055 filings of a province joined to their documents and sorted for
    a page of 50, 100 ms, before it)."""
    return models.Case(
        # the lookups in the order the migration writes them (an expression's identity keeps their order)
        models.When(corrected_on__isnull=True, result="correction", then=models.F("correction_due_on")),
        default=None,
        output_field=models.DateField(),
    )


class Filing(models.Model):
    """备案: one filing of a document with one receiving body (the government above; the people's congress standing
    committee for the district government's own documents), its materials (uploaded files), its deadline, the
    receiving body's result and the correction it may order. A document may be filed with several bodies."""

    class Body(models.TextChoices):
        GOVERNMENT = "government", "上一级人民政府（或本级人民政府）"
        CONGRESS = "congress", "本级人民代表大会常务委员会"

    class Result(models.TextChoices):
        PENDING = "pending", "审查中"
        PASSED = "passed", "通过"
        CORRECTION = "correction", "纠正"

    document = models.ForeignKey(
        NormativeDocument, verbose_name="规范性文件", on_delete=models.PROTECT, related_name="filings"
    )
    body = models.CharField(
        "备案机关类别", max_length=16, choices=Body.choices, default=Body.GOVERNMENT, blank=True
    )
    filed_on = models.DateField("报送备案日期")
    filed_with = models.CharField("备案机关", max_length=120, help_text="如 吴忠市人民政府")
    due_on = models.DateField("报送备案期限", null=True, blank=True)
    due_explanation = models.TextField("报送期限计算说明", blank=True)
    has_report = models.BooleanField("备案报告", default=False)
    has_text = models.BooleanField("正式文本", default=False)
    has_drafting_explanation = models.BooleanField("起草说明", default=False)
    has_review_opinion = models.BooleanField("合法性审查意见", default=False)
    has_basis = models.BooleanField("制定依据", default=False)
    result = models.CharField("审查结果", max_length=16, choices=Result.choices, default=Result.PENDING)
    result_on = models.DateField("结果日期", null=True, blank=True)
    correction_required = models.TextField("纠正意见", blank=True)
    correction_due_on = models.DateField("纠正后重新报送期限", null=True, blank=True)
    correction_due_explanation = models.TextField("期限计算说明", blank=True)
    corrected_on = models.DateField("纠正完成日期", null=True, blank=True)

    scope_field = "document__organization"
    MATERIALS = ("has_report", "has_text", "has_drafting_explanation", "has_review_opinion", "has_basis")

    class Meta:
        verbose_name = "备案"
        verbose_name_plural = "备案"
        ordering = ["-filed_on"]
        indexes = [
            models.Index(correction_open_on(), "id", name="filing_correction_order_idx"),
            # the model's order (the API's list, newest filing first): a page read from the index, not all sorted
            models.Index(fields=["filed_on"], name="filing_filed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.document}备案"

    @property
    def materials_complete(self) -> bool:
        return all(getattr(self, name) for name in self.MATERIALS)

    @property
    def missing_materials(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.MATERIALS if not getattr(self, name)
        ]

    @property
    def in_time(self) -> bool | None:
        due = self.due_on or (self.document.filing_due_on if self.body == self.Body.GOVERNMENT else None)
        return None if due is None else self.filed_on <= due

    def clean(self) -> None:
        rules.validate_filing(self)


class FilingMaterial(Attachment):
    """备案材料: one uploaded file of a filing (备案报告、正式文本、起草说明、合法性审查意见、制定依据)."""

    class Kind(models.TextChoices):
        REPORT = "has_report", "备案报告"
        TEXT = "has_text", "正式文本"
        DRAFTING_EXPLANATION = "has_drafting_explanation", "起草说明"
        REVIEW_OPINION = "has_review_opinion", "合法性审查意见"
        BASIS = "has_basis", "制定依据"

    filing = models.ForeignKey(
        Filing, verbose_name="备案", on_delete=models.PROTECT, related_name="materials"
    )
    kind = models.CharField("材料", max_length=32, choices=Kind.choices)

    scope_field = "filing__document__organization"

    class Meta:
        verbose_name = "备案材料"
        verbose_name_plural = "备案材料"
        ordering = ["filing", "kind", "pk"]

    def __str__(self) -> str:
        return f"{self.filing}：{self.get_kind_display()}（{self.original_name}）"
