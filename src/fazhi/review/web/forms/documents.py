"""The forms of the normative-document pages (登记簿, 送审, 印发, 备案, 清理, 合法性审查目录清单): they parse what a
person typed and offer only the units, documents and reviews the user may use. The rules live in services and
models; their ValidationErrors come back onto these forms."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core import access
from fazhi.core.models import User
from fazhi.core.web import choices, units
from fazhi.core.web.pages import DateInput, ErrorsMixin, Form, date_field, text_field  # noqa: F401

from ... import rules, selectors
from ...models import CleanupItem, Filing, LegalityReview, NormativeDocument, SubjectKind
from . import corrections
from .corrections import CorrectionForm


def _own_unit_first(form: forms.Form, field: str, user: User) -> None:
    """Preselect the user's own unit where they may act for it."""
    units = form.fields[field].queryset
    if not form.is_bound and user.organization and units.filter(pk=user.organization.pk).exists():
        form.initial.setdefault(field, user.organization.pk)


# The register ------------------------------------------------------------------------------------------------


class FilterForm(forms.Form):
    """The register's filters, read from the query string."""

    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态")] + list(NormativeDocument.Status.choices)
    )
    year = forms.TypedChoiceField(label="年度", required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args, years: list[int], **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "全部年度")] + [(y, f"{y}年") for y in years]


class RegisterDocumentForm(Form):
    title = forms.CharField(label="文件名称", max_length=200)
    organization = units.UnitChoiceField(label="制定机关")
    number_prefix = forms.CharField(
        label="发文字号前缀", max_length=20, help_text="如 红政规发；文号在印发时由平台统一编号"
    )
    registered_on = date_field("登记日期")
    validity_years = forms.IntegerField(
        label="有效期（年）", required=False, help_text="未规定的留空，按默认有效期计算"
    )
    requires_filing = forms.BooleanField(
        label="须报送备案", required=False, initial=True, help_text="印发后须在备案期限内报送上级政府备案"
    )
    enterprise_related = forms.BooleanField(label="涉企", required=False, help_text="涉及市场主体的文件")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        _own_unit_first(self, "organization", user)
        if not self.is_bound:
            last = (
                selectors.documents_for(user, access.CHANGE)
                .exclude(number_prefix="")
                .order_by("-registered_on", "-pk")
                .values_list("number_prefix", flat=True)
                .first()
            )
            if last:
                self.initial.setdefault("number_prefix", last)


class ChangeDocumentForm(CorrectionForm):
    """更正 a registration: what rules.fixed_document_fields leaves open (before issue the registration, after it
    涉企)."""

    names = rules.REGISTER_FIELDS
    base = RegisterDocumentForm

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if "organization" in self.fields:
            self.fields["organization"].for_user(user)


# Legality review ---------------------------------------------------------------------------------------------


class AdvisorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        if obj.person_id:
            return f"{obj.person.name}（{obj.person.organization}）"
        return obj.username


class SubmitForReviewForm(Form):
    submitted_on = date_field("送审日期")
    advisor_user = AdvisorChoice(
        label="复审法律顾问",
        queryset=User.objects.none(),
        required=False,
        empty_label="（不指定，由起草单位录入法律顾问书面意见）",
        help_text="指定后，复审意见只能由该法律顾问在平台上出具，起草单位和司法局不能代为录入",
    )
    advisor_name = forms.CharField(
        label="法律顾问姓名或律所", max_length=120, required=False, help_text="法律顾问没有平台账号时填写"
    )
    text = text_field("送审稿文本", rows=6, required=False, help_text="粘贴全文，或在下方上传文件")
    file = forms.FileField(label="送审稿文件", required=False, help_text="如 .docx、.txt")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advisor_user"].queryset = selectors.advisors_for(user)

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("file") and "file" not in self.errors:
            raise ValidationError("请粘贴送审稿文本或上传送审稿文件。")
        return data


class ReviewChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: LegalityReview) -> str:
        state = obj.get_final_opinion_display() if obj.final_opinion else obj.get_status_display()
        return f"{obj.title}（{obj.submitted_on:%Y年%m月%d日}送审，{state}）"


class AttachReviewForm(Form):
    legality_review = ReviewChoice(
        label="合法性审查",
        queryset=LegalityReview.objects.none(),
        help_text="已在合法性审查中送审的本文件草案",
    )

    def __init__(self, *args, user: User, document: NormativeDocument, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legality_review"].queryset = selectors.reviews_for(user).filter(
            subject_kind=SubjectKind.NORMATIVE_DOCUMENT,
            organization=document.organization_id,
            normative_document__isnull=True,
        )


# Issue and filing --------------------------------------------------------------------------------------------


class IssueForm(Form):
    signed_on = date_field("签发日期", help_text="文号按签发年度统一编号")
    published_on = date_field("公布日期", help_text="报送备案期限自公布之日起计算")
    effective_on = date_field("施行日期", help_text="有效期自施行之日起计算")


MATERIALS = [(name, str(Filing._meta.get_field(name).verbose_name)) for name in Filing.MATERIALS]


class FilingForm(Form):
    body = forms.ChoiceField(
        label="备案机关类别",
        choices=Filing.Body.choices,
        initial=Filing.Body.GOVERNMENT,
        required=False,
        help_text="区人民政府制定的文件，还须报送区人大常委会备案（监督法第三十九条）",
    )
    filed_on = date_field("报送备案日期")
    filed_with = forms.CharField(label="备案机关", max_length=120, help_text="如 吴忠市人民政府")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in MATERIALS:
            self.fields[name] = forms.FileField(
                label=label, required=False, help_text="上传报送的材料文件；五项齐全的方为规范报备"
            )

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "body": data["body"] or Filing.Body.GOVERNMENT,
            "filed_on": data["filed_on"],
            "filed_with": data["filed_with"],
            "materials": {name: data[name] for name, _ in MATERIALS if data.get(name)},
        }


class FilingResultForm(Form):
    result = forms.ChoiceField(
        label="备案审查结果",
        choices=[(Filing.Result.PASSED, "通过"), (Filing.Result.CORRECTION, "纠正")],
        widget=forms.RadioSelect,
    )
    result_on = date_field("结果日期")
    correction_required = text_field(
        "纠正意见", required=False, help_text="结果为“纠正”的必填：写明须纠正的内容"
    )


class CorrectionForm(Form):
    corrected_on = date_field("纠正完成日期", help_text="纠正后重新报送的日期")


# Clean-up ----------------------------------------------------------------------------------------------------


class CampaignForm(Form):
    name = forms.CharField(
        label="清理名称", max_length=200, help_text="如 2024年涉及不平等对待企业政策文件清理"
    )
    scope = text_field(
        "清理范围", rows=2, help_text="如 含有地方保护、指定交易等妨碍统一市场和公平竞争内容的文件"
    )
    organization = units.UnitChoiceField(label="组织单位")
    started_on = date_field("开始日期")
    ended_on = date_field("结束日期", required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        _own_unit_first(self, "organization", user)


class ChangeCampaignForm(corrections.CorrectionForm):  # not the filing's CorrectionForm below
    """更正 a campaign: its name, scope and dates (rules.fixed_campaign_fields: the organizing unit is fixed)."""

    names = ("name", "scope", "started_on", "ended_on")
    base = CampaignForm


class ChangeItemForm(corrections.CorrectionForm):
    """更正 a document examined: what rules.fixed_item_fields leaves open (a normative document's title and number
    are the register's; its outcome is decided once)."""

    names = ("title", "document_number", "enterprise_related")


class ChangeFilingForm(corrections.CorrectionForm):
    """更正 what was filed (date and filing organ) while the result is pending (rules.FILED_FIELDS)."""

    names = rules.FILED_FIELDS
    base = FilingForm


def _listable_documents(user: User):
    """The valid documents of the register the user may put on a clean-up list."""
    return (
        selectors.documents_for(user, access.CHANGE)
        .filter(status=NormativeDocument.Status.VALID)
        .select_related("organization")
    )


LISTABLE_DOCUMENTS = choices.register(
    choices.Source(
        name="cleanup-documents",
        rows=_listable_documents,
        label=lambda d: f"{d.title}（{d.number}，{d.organization}）",
        search_fields=("title", "number", "organization__name"),
        name_field="title",
    )
)


class AddItemForm(Form):
    kind = forms.ChoiceField(
        label="文件类别", choices=CleanupItem.Kind.choices, widget=forms.RadioSelect, initial="normative"
    )
    document = choices.SearchChoiceField(
        LISTABLE_DOCUMENTS,
        label="规范性文件",
        required=False,
        help_text="行政规范性文件输入名称或文号从登记簿中搜索选择，名称、文号、制定单位随文件带出",
    )
    title = forms.CharField(label="文件名称", max_length=200, required=False, help_text="其他政策文件填写")
    document_number = forms.CharField(
        label="文号", max_length=60, required=False, help_text="其他政策文件填写"
    )
    issuing_unit = units.UnitChoiceField(label="制定单位", required=False, help_text="其他政策文件填写")
    enterprise_related = forms.BooleanField(
        label="涉企", required=False, help_text="规范性文件不勾选时按登记簿中的标记"
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document"].for_user(user)
        self.fields["issuing_unit"].for_user(user)
        _own_unit_first(self, "issuing_unit", user)

    def clean(self):
        data = super().clean()
        if data.get("kind") == CleanupItem.Kind.NORMATIVE and not data.get("document"):
            self.add_error("document", "规范性文件须从文件登记簿中选择。")
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        if data["kind"] == CleanupItem.Kind.NORMATIVE:
            return {
                "document": data["document"],
                "enterprise_related": True if data["enterprise_related"] else None,
            }
        return {
            "title": data["title"],
            "document_number": data["document_number"],
            "issuing_unit": data["issuing_unit"],
            "enterprise_related": data["enterprise_related"],
        }


class DecideItemForm(Form):
    outcome = forms.ChoiceField(
        label="清理结果", choices=CleanupItem.Outcome.choices, widget=forms.RadioSelect
    )
    reason = text_field("理由", rows=2, required=False, help_text="修改、废止或宣布失效的，须写明理由")
    decided_on = date_field("确定日期")


# Review catalogs ---------------------------------------------------------------------------------------------

ENTRY_FIELDS = {f"entries_{kind}": kind for kind in SubjectKind.values}


class AdoptCatalogForm(Form):
    """A unit's catalog; its entries typed one a line under each kind of matter."""

    organization = units.UnitChoiceField(label="单位")
    title = forms.CharField(
        label="目录清单名称", max_length=200, help_text="如 测试区教育局合法性审查目录清单"
    )
    adopted_on = date_field("制定日期")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        _own_unit_first(self, "organization", user)
        for name, kind in ENTRY_FIELDS.items():
            self.fields[name] = text_field(
                f"{SubjectKind(kind).label}类事项", rows=2, required=False, help_text="每行一项"
            )

    def entries(self) -> list[tuple[str, str]]:
        return [
            (kind, line.strip())
            for name, kind in ENTRY_FIELDS.items()
            for line in self.cleaned_data.get(name, "").splitlines()
            if line.strip()
        ]


def matter_review_label(obj: LegalityReview) -> str:
    state = obj.get_final_opinion_display() if obj.final_opinion else obj.get_status_display()
    return f"{obj.title}（{obj.get_subject_kind_display()}，{obj.organization}，{state}）"


# A search field, not a select of every review the user sees (a province: 15,000; issue 19).
MATTER_REVIEWS = choices.register(
    choices.Source(
        name="review-matter-reviews",
        rows=lambda user: (
            selectors.reviews_for(user)
            .exclude(subject_kind=SubjectKind.NORMATIVE_DOCUMENT)
            .order_by("-submitted_on", "-pk")
        ),
        label=matter_review_label,
        search_fields=("title", "organization__name"),
        name_field="title",
    )
)


class MatterForm(Form):
    organization = units.UnitChoiceField(label="单位")
    subject_kind = forms.ChoiceField(
        label="事项类别",
        choices=[("", "请选择")] + [c for c in SubjectKind.choices if c[0] != SubjectKind.NORMATIVE_DOCUMENT],
        help_text="行政规范性文件在登记簿中登记，无须在此登记",
    )
    title = forms.CharField(label="事项名称", max_length=200)
    issued_on = date_field("印发或签订日期")
    legality_review = choices.SearchChoiceField(
        MATTER_REVIEWS,
        label="经过的合法性审查",
        required=False,
        help_text="输入送审事项名称搜索选择；未经合法性审查的留空",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        _own_unit_first(self, "organization", user)
        self.fields["legality_review"].for_user(user)


class ChangeCatalogForm(corrections.CorrectionForm):
    """更正 a catalog's title and adoption date (rules.fixed_catalog_fields: its unit is fixed)."""

    names = ("title", "adopted_on")
    base = AdoptCatalogForm


class ChangeMatterForm(corrections.CorrectionForm):
    """更正 a matter's title and date (rules.fixed_matter_fields: unit, kind and review are fixed)."""

    names = ("title", "issued_on")
    base = MatterForm
