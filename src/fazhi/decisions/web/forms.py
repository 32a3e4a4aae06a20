"""The forms of the decisions pages: they parse what a person typed and offer only the units and catalog items the
user may use. The rules live in decisions.rules; the services' ValidationErrors are put back on these forms."""

from __future__ import annotations

from django import forms
from django.db import models

from fazhi.core.models import Organization, User
from fazhi.core.web import units as unit_choices
from fazhi.core.web.pages import DateInput, Form, date_field, text_field

from .. import selectors
from ..models import (
    AdvisorAttendance,
    AdvisorReview,
    CatalogItem,
    CollectiveDiscussion,
    Decision,
    ExpertArgumentation,
    ExpertOpinion,
    LegalAdvisor,
    PostEvaluation,
    Procedure,
    Publication,
    PublicComment,
    PublicParticipation,
    RiskAssessment,
)


def _formfield(field: models.Field, **kwargs) -> forms.Field | None:
    """Model fields as form fields, dates with the browser's date picker and short text areas."""
    if isinstance(field, models.DateField):
        kwargs.setdefault("widget", DateInput)
    if isinstance(field, models.TextField):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 3}))
    return field.formfield(**kwargs)


def model_fields(model: type[models.Model], names: list[str]) -> dict[str, forms.Field]:
    return forms.fields_for_model(model, fields=names, formfield_callback=_formfield)


def offer_only(field: forms.ModelChoiceField, choices) -> None:
    """Offer `choices` but accept any unit, so that a unit outside them is refused by the service's rule
    (rules.validate_decision_body) with the same message as on the API and in admin."""
    field.queryset = Organization.objects.all()
    field.widget.choices = [("", field.empty_label or "")] + [(o.pk, str(o)) for o in choices]


# The units a decision's body is chosen from (rules.decision_body_choices); any unit's pk is accepted, so that one
# outside them is refused by the service's rule (rules.validate_decision_body) with the same message as on the API.
DECISION_BODIES = unit_choices.source("decision-bodies", selectors.decision_bodies)


class CatalogItemChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: CatalogItem) -> str:
        return f"{obj.catalog.year}年目录 · {obj.title}（{obj.lead_unit}，{obj.planned_time}）"


class RegisterDecisionForm(Form):
    title = forms.CharField(label="决策事项", max_length=200)
    organization = unit_choices.UnitChoiceField(label="承办单位")
    decision_body = unit_choices.UnitChoiceField(
        DECISION_BODIES, label="决策机关", help_text="通常为区人民政府"
    )
    catalog_item = CatalogItemChoice(
        label="目录事项",
        queryset=CatalogItem.objects.none(),
        required=False,
        empty_label="（目录外决策）",
        help_text="列入本年度重大行政决策事项目录的，请选择对应事项",
    )
    outside_catalog_reason = forms.CharField(
        label="目录外决策的理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="未列入目录的决策须说明理由",
    )
    registered_on = date_field("立项日期")
    summary = forms.CharField(label="决策事项简介", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        units = self.fields["organization"].queryset
        self.fields["decision_body"].for_user(user, accept=Organization.objects.all())
        bodies = self.fields["decision_body"].queryset
        self.fields["catalog_item"].queryset = selectors.registrable_items(user)
        if not self.is_bound:
            if user.organization and units.filter(pk=user.organization.pk).exists():
                self.initial.setdefault("organization", user.organization.pk)
            root = bodies.filter(parent__isnull=True).first()
            if root is not None:
                self.initial.setdefault("decision_body", root.pk)


class EditDecisionForm(RegisterDecisionForm):
    """Correcting what was registered: the registration's fields, filled in with the decision's values; its own
    catalog item stays on offer."""

    def __init__(self, *args, user: User, decision: Decision, **kwargs):
        kwargs.setdefault(
            "initial",
            {
                "title": decision.title,
                "organization": decision.organization_id,
                "decision_body": decision.decision_body_id,
                "catalog_item": decision.catalog_item_id,
                "outside_catalog_reason": decision.outside_catalog_reason,
                "registered_on": decision.registered_on,
                "summary": decision.summary,
            },
        )
        super().__init__(*args, user=user, **kwargs)
        own = CatalogItem.objects.filter(pk=decision.catalog_item_id)
        self.fields["catalog_item"].queryset = (self.fields["catalog_item"].queryset | own).distinct()


# Procedure records -------------------------------------------------------------------------------------------

APPLICABLE_CHOICES = [("True", "适用，依程序办理"), ("False", "不适用（须写明理由及法律依据）")]

PROCEDURE_FORM_FIELDS: dict[str, tuple[type[models.Model], list[str]]] = {
    Procedure.PUBLIC_PARTICIPATION: (
        PublicParticipation,
        ["methods", "started_on", "period_days", "shorter_period_reason", "completed_on", "notes"],
    ),
    Procedure.EXPERT_ARGUMENTATION: (ExpertArgumentation, ["form", "started_on", "completed_on", "notes"]),
    Procedure.RISK_ASSESSMENT: (
        RiskAssessment,
        ["assessor", "level", "measures", "started_on", "completed_on", "notes"],
    ),
    Procedure.COLLECTIVE_DISCUSSION: (
        CollectiveDiscussion,
        [
            "meeting_kind",
            "meeting_name",
            "attendance_count",
            "attendees",
            "result",
            "dissent",
            "head_reasons",
            "started_on",
            "completed_on",
            "notes",
        ],
    ),
    Procedure.PUBLICATION: (Publication, ["channel", "started_on", "completed_on", "notes"]),
    Procedure.POST_EVALUATION: (
        PostEvaluation,
        ["evaluator", "conclusion", "started_on", "completed_on", "notes"],
    ),
}


def procedure_form_class(procedure: str) -> type[Form]:
    """A form of the procedure's own fields, with 适用/不适用 first where the law lets it be inapplicable."""
    model, names = PROCEDURE_FORM_FIELDS[procedure]
    fields: dict[str, forms.Field] = {}
    if model.may_be_inapplicable:
        fields["applicable"] = forms.TypedChoiceField(
            label="是否适用",
            choices=APPLICABLE_CHOICES,
            coerce=lambda value: value == "True",
            widget=forms.RadioSelect,
            initial="True",
        )
        fields.update(model_fields(model, ["not_applicable_reason"]))
        fields["not_applicable_reason"].help_text = "选择“不适用”时必填"
    fields.update(model_fields(model, names))
    return type(f"{model.__name__}Form", (Form,), fields)


def procedure_form(procedure: str, record, data=None) -> Form:
    cls = procedure_form_class(procedure)
    initial = {name: getattr(record, name) for name in cls.base_fields}
    if "applicable" in initial:
        initial["applicable"] = str(initial["applicable"])
    return cls(data, initial=initial)


# Comments, opinions, legality review, documents ---------------------------------------------------------------


class PublicCommentForm(Form):
    received_on = date_field("收到日期")
    commenter = forms.CharField(label="提出人", max_length=100, required=False, help_text="可不填")
    content = forms.CharField(label="意见内容", widget=forms.Textarea(attrs={"rows": 3}))


class AnswerCommentForm(Form):
    response = forms.CharField(label="采纳情况及理由", widget=forms.Textarea(attrs={"rows": 2}))
    adopted = model_fields(PublicComment, ["adopted"])["adopted"]
    answered_on = date_field("反馈日期")


class ExpertOpinionForm(Form):
    expert_name = forms.CharField(label="专家姓名", max_length=60)
    expert_title = forms.CharField(label="单位及职称", max_length=120, required=False)
    opinion = forms.CharField(label="论证意见", widget=forms.Textarea(attrs={"rows": 3}))
    adopted = model_fields(ExpertOpinion, ["adopted"])["adopted"]


class RequestReviewForm(Form):
    submitted_on = date_field("送审日期")


class ConcludeReviewForm(Form):
    opinion = forms.ChoiceField(
        label="终审意见", choices=selectors.final_opinion_choices, widget=forms.RadioSelect
    )
    reasons = forms.CharField(
        label="审查意见及理由",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="意见为“修改后合法”或“不合法”的须写明理由",
    )
    concluded_on = date_field("终审日期")
    field_aliases = {"final_opinion": "opinion", "final_reasons": "reasons"}


class DocumentForm(Form):
    procedure = forms.ChoiceField(label="所属程序", choices=[("", "请选择")] + list(Procedure.choices))
    title = forms.CharField(label="文件名称", max_length=200, required=False, help_text="不填则用文件名")
    file = forms.FileField(label="文件")


DECISION_TRANSITIONS = [name for name, method in vars(Decision).items() if hasattr(method, "_django_fsm")]


class TransitionForm(Form):
    transition = forms.ChoiceField(label="操作", choices=[(name, name) for name in DECISION_TRANSITIONS])
    note = forms.CharField(label="说明", required=False, max_length=500)
    archived_on = date_field("归档日期", required=False)
    reason = forms.CharField(label="终止理由", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def transition_kwargs(self) -> dict:
        data = self.cleaned_data
        if data["transition"] == "archive":
            return {"archived_on": data["archived_on"]}
        if data["transition"] == "terminate":
            return {"reason": data["reason"]}
        return {}


# Catalogs ----------------------------------------------------------------------------------------------------


class CatalogForm(Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    organization = unit_choices.UnitChoiceField(label="决策机关")
    title = forms.CharField(label="目录名称", max_length=200, required=False, help_text="不填则自动生成")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        root = self.fields["organization"].queryset.filter(parent__isnull=True).first()
        if root is not None and not self.is_bound:
            self.initial.setdefault("organization", root.pk)


class CatalogItemForm(Form):
    title = forms.CharField(label="决策事项", max_length=200)
    lead_unit = unit_choices.UnitChoiceField(unit_choices.VISIBLE, label="承办单位")
    planned_time = forms.CharField(label="计划完成时间", max_length=40, help_text="如 2024年第三季度")
    planned_by = date_field("计划完成日期", help_text="用于期限提醒，如第三季度填 9月30日")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].for_user(user)


class EditCatalogForm(CatalogForm):
    """Correcting a catalog being compiled: its year, decision body and title, filled in."""

    def __init__(self, *args, user: User, catalog, **kwargs):
        kwargs.setdefault(
            "initial", {"year": catalog.year, "organization": catalog.organization_id, "title": catalog.title}
        )
        super().__init__(*args, user=user, **kwargs)
        self.fields["title"].required = True
        self.fields["title"].help_text = ""


class EditCatalogItemForm(CatalogItemForm):
    """Correcting an item of a catalog being compiled, filled in."""

    def __init__(self, *args, user: User, item: CatalogItem, **kwargs):
        names = ("title", "lead_unit", "planned_time", "planned_by")
        kwargs.setdefault("initial", {n: getattr(item, n) for n in names} | {"lead_unit": item.lead_unit_id})
        super().__init__(*args, user=user, **kwargs)


class ApproveCatalogForm(Form):
    approved_on = date_field("审定日期")
    meeting = forms.CharField(
        label="审定会议", max_length=120, required=False, help_text="如 区政府第3次常务会议"
    )


class PublishCatalogForm(Form):
    published_on = date_field("公布日期")
    channel = forms.CharField(label="公布渠道", max_length=200, help_text="如 区政府门户网站")
    field_aliases = {"publication_channel": "channel"}


# Legal advisors ----------------------------------------------------------------------------------------------


class AdvisorForm(Form):
    """A legal advisor of the directory: who, retained by which unit, for which units, for how long."""

    name = forms.CharField(label="名称", max_length=120, help_text="个人填姓名，律师事务所填所名")
    kind = forms.ChoiceField(label="类型", choices=LegalAdvisor.Kind.choices)
    organization = unit_choices.UnitChoiceField(label="聘请单位")
    units_served = unit_choices.UnitMultipleChoiceField(
        unit_choices.DISTRICT_UNITS, label="服务单位", required=False, help_text="可多选"
    )
    contract_start = date_field("聘期开始")
    contract_end = date_field("聘期结束")
    contact = forms.CharField(label="联系方式", max_length=60, required=False)
    user = forms.ModelChoiceField(
        label="登录账号",
        queryset=User.objects.none(),
        required=False,
        help_text="法律顾问本人登录平台时所用账号：可查看分配给其的工作",
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        self.fields["units_served"].for_user(user)
        self.fields["user"].queryset = selectors.advisor_logins_for(user)
        self.fields["user"].label_from_instance = lambda u: f"{u.person.name if u.person else u.username}"


class AttendanceForm(Form):
    organization = unit_choices.UnitChoiceField(label="召集单位")
    meeting_kind = forms.ChoiceField(label="会议类型", choices=AdvisorAttendance.MeetingKind.choices)
    meeting_name = forms.CharField(label="会议名称", max_length=120)
    held_on = date_field("会议日期")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)


class AdvisorReviewForm(Form):
    organization = unit_choices.UnitChoiceField(label="委托单位")
    subject = forms.CharField(label="审查事项", max_length=200)
    subject_kind = forms.ChoiceField(label="事项类型", choices=AdvisorReview.SubjectKind.choices)
    received_on = date_field("收到日期")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)


ADOPTED = (("", "尚未反馈"), ("true", "采纳"), ("false", "未采纳"))


class CompleteAdvisorReviewForm(Form):
    opinion = text_field("审查意见", rows=4, required=False)  # the rule says why an empty opinion is refused
    completed_on = date_field("出具意见日期")
    adopted = forms.TypedChoiceField(
        label="是否采纳",
        choices=ADOPTED,
        required=False,
        coerce=lambda v: v == "true",
        empty_value=None,
    )
