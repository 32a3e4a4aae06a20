"""The forms of the litigation pages: they parse what a person typed and offer only the units, lawsuits, cases and
people the selectors give the user. The rules live in rules/; the services raise them and their ValidationErrors come
back onto these forms (pages.Form.add_service_error), so a page says what the API and the ledger say."""

from __future__ import annotations

from django import forms

from fazhi.core.models import Organization, Person, User
from fazhi.core.web import choices, units
from fazhi.core.web.pages import Form, date_field, text_field

from .. import selectors, services
from ..models import Lawsuit, LiaisonMeeting
from ..rules import lawsuits as rules
from ..rules import recommendations as recommendation_rules


def lawsuit_label(obj: Lawsuit) -> str:
    return f"{obj.case_number}（{obj.plaintiff_name}诉{obj.defendant}）"


# Search fields instead of selects listing every lawsuit and every reconsideration case (core.web.choices).
FIRST_INSTANCES = choices.register(
    choices.Source(
        name="litigation-first-instances",
        rows=lambda user: selectors.first_instance_choices(user).order_by("-served_on", "-pk"),
        label=lawsuit_label,
        search_fields=("case_number", "plaintiff_name", "defendant__name", "cause"),
        name_field="case_number",
    )
)
RECONSIDERATION_CASES = choices.register(
    choices.Source(
        name="litigation-reconsideration-cases",
        rows=lambda user: selectors.reconsideration_choices(user).order_by("-docket_year", "-docket_seq"),
        label=str,
        search_fields=("docket_number", "applicant_name", "respondent__name", "contested_act"),
        name_field="docket_number",
    )
)
# The units offered as a lawsuit's parties; any unit's pk is accepted, so that another one is refused by the
# service's rule (rules.validate_parties) with the same message as on the API, the ledger and in admin.
DEFENDANTS = units.source("litigation-defendants", selectors.defendant_choices)
DEPARTMENTS = units.source("litigation-departments", selectors.department_choices)
MEETING_UNITS = units.source(
    "litigation-meeting-units", lambda user: selectors.units_for(user, LiaisonMeeting).order_by("path")
)


class LawsuitForm(Form):
    court = forms.CharField(label="受理法院", max_length=100)
    case_number = forms.CharField(label="案号", max_length=60, help_text="如（2025）宁0303行初12号")
    instance = forms.ChoiceField(label="审级", choices=Lawsuit.Instance.choices)
    first_instance = choices.SearchChoiceField(
        FIRST_INSTANCES,
        label="一审案件",
        required=False,
        help_text="二审、再审案件须选择原一审案件：输入一审案号或原告搜索选择",
    )
    plaintiff_kind = forms.ChoiceField(label="原告类型", choices=Lawsuit.PlaintiffKind.choices)
    plaintiff_name = forms.CharField(label="原告", max_length=120)
    plaintiff_id_number = forms.CharField(
        label="原告证件号码",
        max_length=30,
        help_text="自然人填居民身份证号，法人或其他组织填统一社会信用代码",
    )
    defendant = units.UnitChoiceField(DEFENDANTS, label="被告行政机关")
    responsible_department = units.UnitChoiceField(
        DEPARTMENTS, label="主管部门", help_text="被诉行政行为的主管（原承办或牵头）部门"
    )
    reconsideration = choices.SearchChoiceField(
        RECONSIDERATION_CASES,
        label="复议案件",
        required=False,
        help_text="经行政复议后起诉的，输入复议案号或申请人搜索选择所经的复议案件",
    )
    cause = forms.CharField(label="案由", max_length=200)
    contested_act = text_field("被诉行政行为", required=False)
    filed_on = date_field("立案日期", required=False)
    served_on = date_field("起诉状副本送达日期", help_text="答辩期限自此日起算（行政诉讼法第六十七条）")

    def __init__(self, *args, user: User, lawsuit: Lawsuit | None = None, **kwargs):
        if lawsuit is not None:
            kwargs.setdefault("initial", {n: getattr(lawsuit, n) for n in services.LAWSUIT_FIELDS})
            kwargs["initial"]["plaintiff_id_number"] = ""
        super().__init__(*args, **kwargs)
        self.fields["first_instance"].for_user(user)
        kept = (lawsuit.defendant, lawsuit.responsible_department) if lawsuit is not None else ()
        anyone = Organization.objects.all()
        self.fields["defendant"].for_user(user, accept=anyone, keep=kept[:1])
        self.fields["responsible_department"].for_user(user, accept=anyone, keep=kept[1:])
        self.fields["reconsideration"].for_user(user)
        if lawsuit is not None:
            # the ID number is not shown again: left empty, it stays as registered
            id_field = self.fields["plaintiff_id_number"]
            id_field.required = False
            id_field.help_text = f"已登记{lawsuit.masked_plaintiff_id}；不修改的留空"


def offer_only(field: forms.ModelChoiceField, choices, *, kept=()) -> None:
    """Offer `choices` (and the value already `kept`) but accept any unit, so that another unit is refused by the
    service's rule (rules.validate_parties) with the same message as on the API, the ledger and in admin."""
    field.queryset = Organization.objects.all()
    offered = list(choices)
    offered += [o for o in kept if o is not None and o not in offered]
    field.widget.choices = [("", field.empty_label or "")] + [(o.pk, str(o)) for o in offered]


class DefenceForm(Form):
    field_aliases = {"defence_submitted_on": "submitted_on"}
    submitted_on = date_field("提交答辩日期")
    note = forms.CharField(label="说明", max_length=200, required=False, help_text="如提交的证据和规范性文件")


class PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}（{obj.position or obj.organization}）"


class HearingForm(Form):
    held_on = date_field("开庭日期")
    head_appeared = forms.BooleanField(label="行政机关负责人出庭", required=False)
    head = PersonChoice(
        label="出庭负责人",
        queryset=Person.objects.none(),
        required=False,
        help_text="被告行政机关的正职、副职负责人或分管负责人",
    )
    absence_reason = text_field("负责人未出庭的原因", rows=2, required=False)
    explanation_sealed = forms.BooleanField(
        label="已提交加盖印章的书面说明", required=False, help_text="负责人不能出庭的，须向法院提交"
    )
    staff = forms.CharField(
        label="出庭工作人员",
        max_length=200,
        required=False,
        help_text="负责人不能出庭的，应委托相应的工作人员出庭",
    )
    lawyer = forms.CharField(label="委托律师", max_length=200, required=False)
    note = text_field("庭审情况", rows=2, required=False)

    def __init__(self, *args, lawsuit: Lawsuit, hearing=None, **kwargs):
        if hearing is not None:  # 更正: filled with the hearing
            kwargs.setdefault("initial", {n: getattr(hearing, n) for n in services.HEARING_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields["head"].queryset = selectors.head_choices(lawsuit)


class JudgmentForm(Form):
    field_aliases = {"judgment_summary": "summary"}
    outcome = forms.ChoiceField(label="裁判结果", choices=[("", "请选择")] + rules.OUTCOME_CHOICES)
    judged_on = date_field("裁判日期")
    summary = text_field("裁判要旨", rows=2, required=False)


class AppealForm(Form):
    appealed_on = date_field("上诉日期")
    appellant = forms.CharField(label="上诉人", max_length=120)


class EffectiveForm(Form):
    effective_on = date_field("生效日期")
    performance_due = date_field("履行期限", required=False, help_text="生效裁判确定了履行期限的填写")


class PerformanceForm(Form):
    field_aliases = {"performance_note": "note"}
    performed_on = date_field("履行日期")
    note = text_field("履行情况", rows=2)


class JudgmentServiceForm(Form):
    field_aliases = {"judgment_served_on": "served_on"}
    served_on = date_field(
        "裁判文书送达日期",
        help_text="送达回证上的签收日期；邮寄送达的，回执上注明的收件日期（民事诉讼法第八十七条、第九十一条）",
    )


class HeadRequestForm(Form):
    field_aliases = {"head_requested_on": "requested_on"}
    requested_on = date_field("收到书面建议的日期")


class RecommendationForm(Form):
    ground = forms.ChoiceField(
        label="建议种类", choices=[("", "请选择")] + recommendation_rules.GROUND_CHOICES
    )
    issuer = forms.CharField(label="提出机关", max_length=100)
    number = forms.CharField(label="文号", max_length=60, required=False)
    content = text_field("建议内容", rows=2)
    received_on = date_field("收到日期")

    def __init__(self, *args, recommendation=None, **kwargs):
        if recommendation is not None:  # 更正: filled with the recommendation
            kwargs.setdefault(
                "initial", {n: getattr(recommendation, n) for n in services.RECOMMENDATION_FIELDS}
            )
        super().__init__(*args, **kwargs)


class ReplyForm(Form):
    replied_on = date_field("书面回复日期")
    reply = text_field("回复内容", rows=2)


class ClueForm(Form):
    received_on = date_field("线索受理日期")


class MeetingForm(Form):
    held_on = date_field("会议日期")
    kind = forms.ChoiceField(label="类型", choices=LiaisonMeeting.Kind.choices)
    title = forms.CharField(label="会议名称", max_length=200)
    organization = units.UnitChoiceField(MEETING_UNITS, label="召集单位")
    participants = text_field("参会单位及人员", rows=2)
    topics = text_field("议题", rows=2)
    outcomes = text_field("会议成果", rows=2, required=False)

    def __init__(self, *args, user: User, meeting: LiaisonMeeting | None = None, **kwargs):
        if meeting is not None:  # 更正: filled with the meeting
            kwargs.setdefault("initial", {n: getattr(meeting, n) for n in services.MEETING_FIELDS})
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
