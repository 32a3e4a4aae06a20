"""The forms of the enforcement pages: they parse what a person typed; the rules live in services and models, and
their ValidationErrors come back onto these forms."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.db.models import Q

from fazhi.core import access
from fazhi.core.models import Person, User
from fazhi.core.web import choices, units
from fazhi.core.web.pages import Form, date_field, text_field

from .. import selectors
from ..models import (
    CaseFileProblem,
    Certificate,
    Domain,
    EnforcementBody,
    EnforcementPower,
    EvaluationCampaign,
    EvaluationItem,
    EvaluationReviewer,
    SelfAssessment,
    SupervisionClue,
    TrainingSession,
)


def _named_with_unit(name: str, rows) -> choices.Source:
    """A source of people or bodies, each shown and searched as its name with its unit in brackets."""
    return choices.register(
        choices.Source(
            name=name,
            rows=rows,
            label=lambda r: f"{r.name}（{r.organization}）",
            search_fields=("name", "organization__name"),
        )
    )


DISTRICT_PEOPLE = _named_with_unit("district-people", selectors.district_people)
DISTRICT_OFFICERS = _named_with_unit("district-officers", selectors.district_officers)
# The active bodies of the district (625 at a province): a select while few, a search field beyond.
DISTRICT_BODIES = _named_with_unit("district-bodies", selectors.district_bodies)
CHANGEABLE_BODIES = _named_with_unit(
    "changeable-bodies",
    lambda user: selectors.bodies_for(user, access.CHANGE).order_by("organization__path", "name"),
)
CLUE_UNITS = units.source("clue-units", selectors.clue_units)
ACTIVE_DISTRICT_UNITS = units.source(
    "active-district-units", lambda user: access.district_units(user).filter(is_active=True).order_by("path")
)


class BodyForm(Form):
    """更正行政执法主体: its name, the basis of its powers and its supervision organ (a unit of the district); its unit
    and its revocation are the Justice Bureau's (services.update_body)."""

    name = forms.CharField(label="执法主体名称", max_length=200)
    legal_basis = text_field("执法职权依据", rows=2)
    supervision_organ = units.UnitChoiceField(
        units.DISTRICT_UNITS, label="执法监督机关", required=False, empty_label="（未明确）"
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervision_organ"].for_user(user)


class PowerForm(Form):
    """An item of a body's 行政执法事项清单: its kind, name and basis (services.add_power, update_power)."""

    kind = forms.ChoiceField(label="事项类别", choices=EnforcementPower.Kind.choices)
    name = forms.CharField(label="事项名称", max_length=300)
    legal_basis = text_field("实施依据", rows=2)


class CertificateForm(Form):
    """更正执法证件: its areas and validity; holder, body, number, kind and issue date stay, and its state changes only
    by 注销 or 补发换发 (services.update_certificate)."""

    areas = forms.CharField(label="执法区域和执法类别", max_length=200, required=False)
    valid_until = date_field("有效期至")


class ContactPointForm(Form):
    """更正 an enterprise contact point: its name, enterprise, credit code and date set up; its closing is 撤销
    (services.update_contact_point)."""

    name = forms.CharField(label="联系点名称", max_length=200)
    enterprise_name = forms.CharField(label="企业名称", max_length=200)
    credit_code = forms.CharField(label="统一社会信用代码", max_length=18)
    established_on = date_field("设立日期")


class NewContactPointForm(ContactPointForm):
    """设立 an enterprise contact point: the setting-up unit (among those the user may change) and what 更正 shows
    (services.set_up_contact_point)."""

    field_order = ["organization", "name", "enterprise_name", "credit_code", "established_on"]
    organization = units.UnitChoiceField(label="设立单位")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        offered = self.fields["organization"].queryset
        if not self.is_bound and user.organization and offered.filter(pk=user.organization.pk).exists():
            self.initial.setdefault("organization", user.organization.pk)


class CloseContactPointForm(Form):
    """撤销: the date from which the point no longer runs (services.close_contact_point)."""

    closed_on = date_field("撤销日期")


class SelfAssessmentForm(Form):
    """更正 a self-assessment: its date and findings; the body, year and system stay (services.update_self_assessment)."""

    assessed_on = date_field("自查日期")
    # Not required here: the rule answers empty findings with its own message.
    findings = text_field("自查发现的问题及落实情况", required=False)


class NewSelfAssessmentForm(SelfAssessmentForm):
    """填报自查评估: an active body the user may change, the year and the system, then what 更正 shows
    (services.record_self_assessment)."""

    field_order = ["body", "year", "system", "assessed_on", "findings"]
    body = units.RecordChoiceField(
        CHANGEABLE_BODIES, label="执法主体", queryset=EnforcementBody.objects.none()
    )
    year = forms.IntegerField(label="评估年度", min_value=2000, max_value=2100)
    system = forms.ChoiceField(label="制度", choices=SelfAssessment.System.choices)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].for_user(user)


class ExamForm(Form):
    """录入行政执法资格考试成绩: the candidate (a person of the district), the body applied for, the date and the
    score; whether it passed follows from the configured pass mark (services.record_exam)."""

    person = choices.SearchChoiceField(
        DISTRICT_PEOPLE,
        label="考生",
        help_text="输入姓名搜索",
    )
    body = units.RecordChoiceField(
        DISTRICT_BODIES, label="申领执法证的执法主体", queryset=EnforcementBody.objects.none()
    )
    exam_on = date_field("考试日期")
    # No range here: the rule (rules/certificates.validate_exam) answers a score outside 0–100 in its own words.
    score = forms.DecimalField(label="成绩", max_digits=5, decimal_places=1)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].for_user(user)
        self.fields["body"].for_user(user)


class IssueCertificateForm(Form):
    """核发执法证件: the holder, the body, the number, kind and areas, the issue date and validity; a 行政执法证 needs
    a recent passed exam (services.issue_certificate)."""

    person = choices.SearchChoiceField(DISTRICT_PEOPLE, label="持证人", help_text="输入姓名搜索")
    body = units.RecordChoiceField(DISTRICT_BODIES, label="执法主体", queryset=EnforcementBody.objects.none())
    number = forms.CharField(label="证件编号", max_length=40)
    kind = forms.ChoiceField(
        label="证件类别", choices=Certificate.Kind.choices, initial=Certificate.Kind.ENFORCEMENT
    )
    areas = forms.CharField(label="执法区域和执法类别", max_length=200, required=False)
    issued_on = date_field("发证日期")
    valid_until = date_field("有效期至")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].for_user(user)
        self.fields["body"].for_user(user)


class CancelCertificateForm(Form):
    """注销: the reason (调动、退休、辞职、辞退或其他) and the date from which the certificate stops being valid."""

    field_aliases = {"cancel_reason": "reason", "cancel_note": "note"}

    reason = forms.ChoiceField(
        label="注销原因",
        # 补发换发 cancels the old certificate through the reissue form, never by hand.
        choices=[c for c in Certificate.CancelReason.choices if c[0] != Certificate.CancelReason.REISSUE],
    )
    cancelled_on = date_field("注销日期")
    note = forms.CharField(
        label="注销说明", max_length=200, required=False, help_text="注销原因为“其他”的须写明"
    )


class ReissueCertificateForm(Form):
    """补发、换发: the new certificate's number and dates; the old one is cancelled on the new one's issue date."""

    number = forms.CharField(label="新证编号", max_length=40)
    issued_on = date_field("发证日期")
    valid_until = date_field("有效期至", required=False, help_text="留空则沿用原证的有效期")
    note = forms.CharField(
        label="说明", max_length=200, required=False, help_text="如 证件遗失补发、到期换发"
    )


class BatchReviewForm(Form):
    """批量审验: one year's review, its date and its result for every ticked certificate."""

    year = forms.IntegerField(label="审验年度", min_value=1949, max_value=2100)
    reviewed_on = date_field("审验日期")
    passed = forms.TypedChoiceField(
        label="审验结论",
        choices=[("1", "合格"), ("0", "不合格")],
        coerce=lambda v: v == "1",
        initial="1",
    )
    reason = forms.CharField(label="不合格原因", max_length=300, required=False)


# Training ------------------------------------------------------------------------------------------------------


class SessionForm(Form):
    """A training session: the organizing unit, topic, date, hours and kind (轮训, 专题培训, 同堂培训, 旁听庭审…)."""

    organization = units.UnitChoiceField(label="组织单位")
    topic = forms.CharField(label="培训主题", max_length=200)
    held_on = date_field("培训日期")
    hours = forms.DecimalField(label="学时", max_digits=5, decimal_places=1)
    kind = forms.ChoiceField(label="培训形式", choices=TrainingSession.Kind.choices)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        offered = self.fields["organization"].queryset
        if not self.is_bound and user.organization and offered.filter(pk=user.organization.pk).exists():
            self.initial.setdefault("organization", user.organization.pk)


class AttendanceForm(Form):
    """Who attended: people of the district, recorded all or none (each once per session)."""

    people = choices.SearchChoiceField(
        DISTRICT_PEOPLE, multiple=True, label="参训人员", help_text="输入姓名搜索，多人以“、”分隔"
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].for_user(user)


# Supervision clues ---------------------------------------------------------------------------------------------


class ClueForm(Form):
    """更正执法监督线索: what it concerns (the body, 涉企, category, content); source, number, dates and state stay
    (services.update_clue)."""

    body = units.RecordChoiceField(
        DISTRICT_BODIES,
        label="涉及执法主体",
        queryset=EnforcementBody.objects.none(),
        required=False,
        empty_label="（不涉及具体主体）",
    )
    enterprise_related = forms.BooleanField(label="涉企", required=False)
    category = forms.CharField(label="诉求分类", max_length=100, required=False)
    content = text_field("线索内容")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].for_user(user)


class RegisterClueForm(ClueForm):
    """登记执法监督线索: its source, the unit handling it and, where there is one, the body concerned."""

    field_order = ["source", "external_number", "received_on", "organization"]  # then what ClueForm asks

    source = forms.ChoiceField(label="线索来源", choices=SupervisionClue.Source.choices)
    external_number = forms.CharField(
        label="来源编号", max_length=60, required=False, help_text="如12345工单编号；同一来源内不重复"
    )
    received_on = date_field("受理日期")
    organization = units.UnitChoiceField(CLUE_UNITS, label="承办单位")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["organization"].for_user(user)
        offered = self.fields["organization"].queryset
        if not self.is_bound and user.organization and offered.filter(pk=user.organization.pk).exists():
            self.initial.setdefault("organization", user.organization.pk)


class AssignCluesForm(Form):
    """批量交办: the clues ticked in the list go to one unit that can handle them."""

    organization = units.UnitChoiceField(CLUE_UNITS, label="交办单位")

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)


class StartClueForm(Form):
    note = forms.CharField(label="说明", max_length=200, required=False)


class ClueStepForm(Form):
    on = date_field("日期")
    text = text_field("办理情况", rows=2)


class CloseClueForm(Form):
    result = text_field("办理结果", rows=2)
    handled_on = date_field("办结日期")


# Case-file evaluation ------------------------------------------------------------------------------------------


class CampaignForm(Form):
    """新建评查活动: its year, name, organizing unit, the domains evaluated and, if wanted, the common standard; the
    grade thresholds are the configured defaults unless given."""

    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    name = forms.CharField(label="评查活动名称", max_length=200)
    organization = units.UnitChoiceField(label="组织单位")
    domains = forms.MultipleChoiceField(
        label="评查领域", choices=Domain.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    excellent_score = forms.DecimalField(label="优秀分数线", required=False, help_text="留空则按设置")
    pass_score = forms.DecimalField(label="合格分数线", required=False, help_text="留空则按设置")
    default_standard = forms.BooleanField(
        label="采用通用评查标准", required=False, initial=True, help_text="8项否决项，卷面20分、实体80分"
    )
    note = forms.CharField(label="说明", max_length=500, required=False)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].for_user(user)
        if not self.is_bound and user.organization:
            self.initial.setdefault("organization", user.organization.pk)


class CampaignChangeForm(CampaignForm):
    """更正 a campaign: what was set up, the thresholds as they stand (new ones re-grade its scored files) and no new
    standard (services.update_campaign)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["default_standard"]
        for name in ("excellent_score", "pass_score"):
            self.fields[name].required = True
            self.fields[name].help_text = "修改后已评分的案卷按新分数线重新定等次"


class ReviewerForm(Form):
    """确定评查人员: a person of the district found by name (not a list of every person), and where they come from."""

    name = forms.CharField(label="评查人员姓名", max_length=60)
    unit = units.UnitChoiceField(ACTIVE_DISTRICT_UNITS, label="所在单位")
    affiliation = forms.ChoiceField(label="来源", choices=EvaluationReviewer.Affiliation.choices)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].for_user(user)

    def clean(self):
        data = super().clean()
        if data.get("name") and data.get("unit"):
            people = list(
                Person.objects.filter(organization=data["unit"], name=data["name"].strip(), is_active=True)[
                    :2
                ]
            )
            if not people:
                raise forms.ValidationError(
                    f"{data['unit']}没有在职人员“{data['name']}”，请先在人员名册中登记。"
                )
            if len(people) > 1:
                raise forms.ValidationError(f"{data['unit']}有多名“{data['name']}”，请在数据管理中指定。")
            data["person"] = people[0]
        return data


class ScoreForm(Form):
    """One field per item of the standard; the total and grade are computed by the service, not entered."""

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            if item.kind == EvaluationItem.Kind.VETO:
                self.fields[f"veto_{item.pk}"] = forms.BooleanField(label=item.title, required=False)
            else:
                self.fields[f"points_{item.pk}"] = forms.DecimalField(
                    label=f"{item.group + '·' if item.group else ''}{item.title}（{item.max_points.normalize():f}分）",
                    max_digits=5,
                    decimal_places=1,
                    min_value=Decimal(0),
                    required=False,
                )
        self.fields["scored_on"] = date_field("评分日期")

    def veto_fields(self):
        return [self[f"veto_{i.pk}"] for i in self.items if i.kind == EvaluationItem.Kind.VETO]

    def points_fields(self):
        return [self[f"points_{i.pk}"] for i in self.items if i.kind == EvaluationItem.Kind.SCORED]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "points": {
                i.pk: data[f"points_{i.pk}"]
                for i in self.items
                if i.kind == EvaluationItem.Kind.SCORED and data.get(f"points_{i.pk}") is not None
            },
            "vetoes": [
                i.pk for i in self.items if i.kind == EvaluationItem.Kind.VETO and data.get(f"veto_{i.pk}")
            ],
            "scored_on": data["scored_on"],
        }


class ProblemForm(Form):
    category = forms.ChoiceField(label="问题类别", choices=CaseFileProblem.Category.choices)
    description = text_field("问题描述", rows=2)


class CaseFileForm(Form):
    """更正评查案卷: the campaign (among those the user organizes), the body, domain, kind of act, number, title,
    decision date and the handling officers (holders of a 行政执法证 in the district, each checked by the service
    against the decision date); the total and grade are computed by scoring (services.update_case_file)."""

    campaign = forms.ModelChoiceField(label="评查活动", queryset=EvaluationCampaign.objects.none())
    body = units.RecordChoiceField(DISTRICT_BODIES, label="执法主体", queryset=EnforcementBody.objects.none())
    domain = forms.ChoiceField(label="执法领域", choices=Domain.choices)
    act_kind = forms.ChoiceField(label="行为类别", choices=EnforcementPower.Kind.choices)
    case_number = forms.CharField(label="案件编号", max_length=80)
    title = forms.CharField(label="案件名称", max_length=200)
    decided_on = date_field("决定日期")
    officers = choices.SearchChoiceField(
        DISTRICT_OFFICERS,
        multiple=True,
        required=False,
        label="承办执法人员",
        help_text="输入姓名搜索，多人以“、”分隔；须在决定日期持有效行政执法证",
    )

    def __init__(self, *args, user: User, case_file, **kwargs):
        super().__init__(*args, **kwargs)
        own = access.scope(user, EvaluationCampaign.objects.all(), access.CHANGE).values("pk")
        self.fields["campaign"].queryset = EvaluationCampaign.objects.filter(
            Q(pk__in=own) | Q(pk=case_file.campaign_id)
        ).order_by("-year", "name")
        self.fields["body"].for_user(user, keep=[case_file.body_id])  # its own body stays choosable
        # The officers recorded stay choosable (e.g. one who has retired since the decision).
        officers = self.fields["officers"]
        officers.queryset = (
            Person.objects.filter(
                Q(pk__in=selectors.district_officers(user).values("pk"))
                | Q(pk__in=case_file.officer_links.values("person_id"))
            )
            .select_related("organization")
            .order_by("organization__path", "name")
        )


class ItemForm(Form):
    """An item of a campaign's standard: a veto item (no points) or a scored item with its points, its group and
    order (services.add_item, update_item)."""

    kind = forms.ChoiceField(label="项目类别", choices=EvaluationItem.Kind.choices)
    group = forms.CharField(label="分组", max_length=40, required=False, help_text="如 卷面评查、实体评查")
    title = forms.CharField(label="评查项目", max_length=200)
    # Not required: the rule (rules/evaluation.validate_item) says which kind needs points in its own words.
    max_points = forms.DecimalField(
        label="分值", max_digits=5, decimal_places=1, required=False, help_text="否决项不填"
    )
    order = forms.IntegerField(label="排序", min_value=0, max_value=32767, initial=0)
