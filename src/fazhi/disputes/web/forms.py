"""The forms of the reconsideration pages and the actions a case page offers: each action names its form and the
service it calls. The forms only parse; the rules (rules/) run in the services, whose ValidationErrors come back
onto these forms with the same Chinese message as on every other way in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django import forms

from fazhi.core import access
from fazhi.core.models import Organization
from fazhi.core.web import choices, units
from fazhi.core.web.pages import Form, date_field, text_field

from .. import documents, selectors, services
from ..models import HearingOpinion, Outcome, ReconsiderationCase
from ..rules import cases as case_rules
from ..rules import outcomes as outcome_rules
from ..rules.cases import DECISIONS, may_be_respondent
from ..rules.grounds import GROUNDS


def _respondents(user):
    """The agencies of the user's district that may be a respondent (rules.cases.may_be_respondent, the one rule)."""
    district = access.district_units(user).only("pk", "kind", "parent_id")
    return (
        access.district_units(user)
        .filter(pk__in=[o.pk for o in district if may_be_respondent(o)])
        .order_by("path")
    )


# Offered: any agency of the district, whatever the clerk's own scope. Accepted: any unit, so that a unit outside the
# district is refused by the service's rule (rules.validate_respondent) with its message.
RESPONDENTS = units.source("respondents", _respondents)


class RegisterForm(Form):
    """收到申请: the application as received."""

    field_aliases = {}

    received_on = date_field("收到申请日期")
    channel = forms.ChoiceField(label="申请渠道", choices=ReconsiderationCase.Channel.choices)
    applicant_kind = forms.ChoiceField(label="申请人类型", choices=ReconsiderationCase.ApplicantKind.choices)
    applicant_name = forms.CharField(label="申请人", max_length=120)
    applicant_id_code = forms.CharField(
        label="证件号码", max_length=30, help_text="自然人填身份证号，法人或其他组织填统一社会信用代码"
    )
    applicant_contact = forms.CharField(label="住址及联系方式", max_length=200, required=False)
    agent = forms.CharField(label="委托代理人", max_length=200, required=False)
    respondent = units.UnitChoiceField(RESPONDENTS, label="被申请人")
    contested_act = forms.CharField(label="被申请复议的行政行为", max_length=300)
    act_date = date_field("行政行为作出日期")
    request = text_field("行政复议请求", rows=2)
    facts = text_field("事实和理由", rows=3, required=False)
    procedure = forms.ChoiceField(label="审理程序", choices=ReconsiderationCase.Procedure.choices)
    known_on = date_field(
        "知道或者应当知道行政行为之日",
        required=False,
        help_text="申请期限自该日起六十日（行政复议法第二十条）",
    )
    real_property = forms.BooleanField(label="因不动产提出申请（行政复议法第二十一条）", required=False)
    nonperformance = forms.BooleanField(label="申请人认为被申请人不履行法定职责", required=False)
    third_parties = text_field("第三人（每行一人，行政复议法第十六条）", rows=2, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["respondent"].for_user(user, accept=Organization.objects.all())


class OnForm(Form):
    # the service names the field the date is stored in; on the page it is this form's "on"
    field_aliases = {
        "supplement_received_on": "on",
        "accepted_on": "on",
        "copy_sent_on": "on",
        "answer_received_on": "on",
        "resumed_on": "on",
        "concluded_on": "on",
        "closed_on": "on",
        "converted_on": "on",
    }
    on = date_field("日期")


class SupplementForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "supplement_requested_on": "on", "supplement_items": "items"}
    items = text_field("需补正的材料", rows=2)


class AcceptForm(OnForm):
    procedure = forms.ChoiceField(label="审理程序", choices=ReconsiderationCase.Procedure.choices)


class ReasonForm(OnForm):
    field_aliases = {
        **OnForm.field_aliases,
        "refused_on": "on",
        "refusal_reason": "reason",
        "conclusion": "reason",
        "suspended_on": "on",
    }
    reason = text_field("理由", rows=2)


class SuspendForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "suspended_on": "on"}
    ground = forms.TypedChoiceField(
        label="中止情形（行政复议法第三十九条第一款）",
        coerce=int,
        choices=[("", "---------")] + [(k, f"第（{k}）项 {v}") for k, v in GROUNDS.items()],
        required=False,
        empty_value=None,
    )
    reason = text_field("具体情况", rows=2, required=False)


class SupplementExtendForm(OnForm):
    field_aliases = {
        **OnForm.field_aliases,
        "supplement_extended_on": "on",
        "supplement_extension_reason": "reason",
    }
    days = forms.IntegerField(label="延长天数（工作日）", min_value=1, max_value=60)
    reason = forms.CharField(label="申请人不能按期补正的正当理由", max_length=300)


class ServedForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "supplement_served_on": "on", "copy_served_on": "on"}


class OptionalReasonForm(OnForm):
    reason = text_field("理由", rows=2, required=False)


class ExtendForm(Form):
    field_aliases = {
        "extension_days": "days",
        "extension_approved_on": "approved_on",
        "extension_approved_by": "approved_by",
        "extension_reason": "reason",
    }
    days = forms.IntegerField(label="延长天数", help_text="1至30日（行政复议法第六十二条）")
    approved_by = forms.CharField(label="批准人（行政复议机构负责人）", max_length=60)
    approved_on = date_field("批准日期")
    reason = forms.CharField(label="延期理由", max_length=300)


class ConvertForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "conversion_reason": "reason"}
    reason = forms.CharField(label="转换理由及批准人", max_length=300)


class OpinionForm(Form):
    heard_on = date_field("听取日期")
    method = forms.ChoiceField(label="方式", choices=HearingOpinion.Method.choices)
    with_whom = forms.CharField(label="听取对象", max_length=200)
    summary = text_field("意见要点", rows=2, required=False)


class HearingForm(Form):
    notified_on = date_field("通知日期")
    scheduled_on = date_field("听证日期")
    presiding = forms.CharField(label="主持人", max_length=60)
    officers = forms.CharField(label="听证员", max_length=200, help_text="至少二人，以顿号分隔")
    clerk = forms.CharField(label="记录员", max_length=60)


class HoldHearingForm(Form):
    hearing = forms.ModelChoiceField(label="听证", queryset=None)
    held_on = date_field("举行日期")
    attendees = forms.CharField(label="参加人", max_length=300)
    record = text_field("听证笔录要点", rows=2)

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hearing"].queryset = (
            selectors.unheld_hearings(user, case) if case is not None and user is not None else None
        )


class ApprovalFields(forms.Form):
    """第六十一条: the head's agreement or the collective discussion. Not required here: the rule gives the message."""

    approval = forms.ChoiceField(
        label="审批方式（行政复议法第六十一条）",
        choices=[("", "---------"), *outcome_rules.APPROVALS.items()],
        required=False,
    )
    approved_by = forms.CharField(label="同意的负责人或通过的会议", max_length=120, required=False)
    approved_on = date_field("同意或通过日期", required=False)


class DecideForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "conclusion": "summary"}
    outcome = forms.ChoiceField(label="决定", choices=[(o.value, o.label) for o in Outcome if o in DECISIONS])
    summary = text_field("本机关认为（决定理由）", rows=3)
    approval = ApprovalFields.base_fields["approval"]
    approved_by = ApprovalFields.base_fields["approved_by"]
    approved_on = ApprovalFields.base_fields["approved_on"]


class RejectForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "conclusion": "reason"}
    reason = text_field("驳回理由（不符合第三十条第一款的哪一项）", rows=2, required=False)
    approval = ApprovalFields.base_fields["approval"]
    approved_by = ApprovalFields.base_fields["approved_by"]
    approved_on = ApprovalFields.base_fields["approved_on"]


class CommitteeForm(Form):
    field_aliases = {
        "committee_ground": "ground",
        "committee_consulted_on": "on",
        "committee_opinion": "opinion",
    }
    ground = forms.TypedChoiceField(
        label="提请咨询的情形（行政复议法第五十二条第二款）",
        coerce=int,
        choices=[("", "---------")]
        + [(k, f"第（{k}）项 {v}") for k, v in outcome_rules.COMMITTEE_GROUNDS.items()],
        required=False,
        empty_value=None,
    )
    on = date_field("提出咨询意见日期", required=False)
    opinion = text_field("咨询意见", rows=2, required=False)


class ReviewForm(Form):
    respondent_statement = text_field("被申请人称（答复意见）", rows=3, required=False)
    findings = text_field("经审理查明", rows=3, required=False)
    legal_basis = text_field("依据（法律、法规、规章条文）", rows=2, required=False)
    third_parties = text_field("第三人（每行一人，行政复议法第十六条）", rows=2, required=False)
    copy_report_to = forms.CharField(
        label="抄告单位（被申请人的上一级主管部门，第七十九条第二款）", max_length=200, required=False
    )


class OpinionLetterForm(Form):
    field_aliases = {}
    issued_on = date_field("制发日期")
    addressee = choices.SearchChoiceField(
        units.DISTRICT_UNITS, label="收文机关", required=False, help_text="输入单位名称搜索选择"
    )
    content = text_field("发现的违法或者不当的行政行为及纠正意见", rows=3, required=False)

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee"].for_user(user)


class LetterProgressForm(Form):
    letter = forms.ModelChoiceField(label="意见书", queryset=None)
    served_on = date_field("收到意见书日期", required=False)
    replied_on = date_field("报送纠正情况日期", required=False)
    reply = text_field("纠正情况", rows=2, required=False)

    def __init__(self, *args, case=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["letter"].queryset = (
            selectors.opinion_letters_for(user, case) if case is not None and user is not None else None
        )


class AgreementForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "conclusion": "summary"}
    summary = text_field("调解或终止情况", rows=2)
    corrected = forms.BooleanField(label="被申请人在调解、和解中纠正了行政行为", required=False)


class TerminateForm(AgreementForm):
    settled = forms.BooleanField(label="因和解撤回申请而终止", required=False)


class PlatformForm(OnForm):
    field_aliases = {**OnForm.field_aliases, "platform_entered_on": "on", "platform_number": "number"}
    number = forms.CharField(label="全国平台案件编号", max_length=60, required=False)


class EmptyForm(Form):
    pass


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    form: type[Form]
    call: Callable
    transition: str = ""  # the FSM transition it takes, if any (offered when available)
    when: Callable[[ReconsiderationCase], bool] = lambda c: True  # for actions that are not transitions
    danger: bool = False


def _o(svc, **names):
    """Call service `svc` with the case and the form's fields renamed to the service's keywords."""

    def call(actor, case, data):
        kwargs = {names.get(k, k): v for k, v in data.items() if names.get(k, k) is not None}
        return svc(actor=actor, case=case, **kwargs)

    return call


IN_REVIEW = lambda c: c.status in ReconsiderationCase.IN_REVIEW  # noqa: E731

ACTIONS = {
    a.name: a
    for a in [
        Action(
            "request_supplement",
            "通知补正",
            SupplementForm,
            _o(services.request_supplement),
            "request_supplement",
        ),
        Action(
            "receive_supplement",
            "收到补正材料",
            OnForm,
            _o(services.receive_supplement),
            "receive_supplement",
        ),
        Action(
            "supplement_served",
            "登记补正通知送达",
            ServedForm,
            _o(services.record_supplement_service),
            when=lambda c: c.status == ReconsiderationCase.Status.SUPPLEMENTING,
        ),
        Action(
            "extend_supplement",
            "延长补正期限",
            SupplementExtendForm,
            _o(services.extend_supplement),
            when=lambda c: c.status == ReconsiderationCase.Status.SUPPLEMENTING,
        ),
        Action(
            "deem_abandoned",
            "逾期不补正，视为放弃",
            OptionalReasonForm,
            lambda a, c, d: services.withdraw(actor=a, case=c, deemed=True, **d),
            when=lambda c: c.status == ReconsiderationCase.Status.SUPPLEMENTING,
            danger=True,
        ),
        Action("accept", "受理", AcceptForm, _o(services.accept), "accept"),
        Action(
            "deem_accepted",
            "视为受理",
            EmptyForm,
            lambda a, c, d: services.deem_accepted(actor=a, case=c),
            "deem_accepted",
        ),
        Action("refuse", "不予受理", ReasonForm, _o(services.refuse), "refuse", danger=True),
        Action("send_copy", "发送答复通知", OnForm, _o(services.send_copy), "send_copy"),
        Action(
            "copy_served",
            "登记被申请人收到副本",
            ServedForm,
            _o(services.record_copy_service),
            when=lambda c: (
                c.status == ReconsiderationCase.Status.REVIEWING
                and (not c.copy_served_on or c.copy_served_provisional)
            ),
        ),
        Action(
            "record_answer",
            "登记被申请人答复",
            OnForm,
            _o(services.record_answer),
            when=lambda c: c.status == ReconsiderationCase.Status.REVIEWING and not c.answer_received_on,
        ),
        Action(
            "convert",
            "转为普通程序",
            ConvertForm,
            _o(services.convert_to_ordinary),
            when=lambda c: IN_REVIEW(c) and c.procedure == ReconsiderationCase.Procedure.SIMPLIFIED,
        ),
        Action(
            "opinion",
            "记录听取意见",
            OpinionForm,
            lambda a, c, d: services.record_opinion(actor=a, case=c, **d),
            when=IN_REVIEW,
        ),
        Action(
            "hearing",
            "安排听证",
            HearingForm,
            lambda a, c, d: services.schedule_hearing(actor=a, case=c, **d),
            when=IN_REVIEW,
        ),
        Action(
            "hold_hearing",
            "记录听证举行",
            HoldHearingForm,
            lambda a, c, d: services.hold_hearing(actor=a, **d),
            when=lambda c: IN_REVIEW(c) and c.hearings.filter(held_on__isnull=True).exists(),
        ),
        Action("suspend", "中止审理", SuspendForm, _o(services.suspend), "suspend"),
        Action("resume", "恢复审理", OnForm, _o(services.resume), "resume"),
        Action("extend", "延期审理", ExtendForm, _o(services.extend), "extend"),
        Action(
            "review",
            "记录答复意见、查明事实与依据",
            ReviewForm,
            _o(services.record_review),
            when=lambda c: (
                c.status in ReconsiderationCase.IN_REVIEW or c.status == ReconsiderationCase.Status.DECIDED
            ),
        ),
        Action(
            "committee",
            "记录行政复议委员会咨询意见",
            CommitteeForm,
            _o(services.record_committee_opinion),
            when=IN_REVIEW,
        ),
        Action("decide", "作出复议决定", DecideForm, _o(services.decide), "decide"),
        Action(
            "reject_application",
            "驳回申请（第三十三条）",
            RejectForm,
            _o(services.reject_application),
            "reject_application",
            danger=True,
        ),
        Action(
            "opinion_letter",
            "制发行政复议意见书",
            OpinionLetterForm,
            _o(services.issue_opinion_letter),
            when=lambda c: c.status != ReconsiderationCase.Status.RECEIVED,
        ),
        Action(
            "letter_progress",
            "登记意见书送达或纠正情况",
            LetterProgressForm,
            lambda a, c, d: services.record_letter_progress(actor=a, **d),
            when=lambda c: c.opinion_letters.filter(replied_on__isnull=True).exists(),
        ),
        Action("mediate", "调解结案", AgreementForm, _o(services.mediate), "mediate"),
        Action(
            "terminate",
            "终止审理",
            TerminateForm,
            _o(services.terminate, summary="reason"),
            "terminate",
            danger=True,
        ),
        Action("withdraw", "撤回申请", OptionalReasonForm, _o(services.withdraw), "withdraw", danger=True),
        Action("close", "结案归档", OnForm, _o(services.close), "close"),
        Action(
            "platform",
            "登记录入全国平台",
            PlatformForm,
            _o(services.record_platform_entry),
            when=lambda c: not c.platform_entered_on,
        ),
        Action(
            "clue",
            "移送执法监督线索",
            EmptyForm,
            lambda a, c, d: services.open_supervision_clue(actor=a, case=c),
            when=case_rules.may_refer_clue,
        ),
    ]
}


def form_for(action: Action, case: ReconsiderationCase, data=None, initial=None, user=None):
    kwargs = (
        {"case": case, "user": user}
        if action.form in (HoldHearingForm, LetterProgressForm, OpinionLetterForm)
        else {}
    )
    return action.form(data, initial=initial, prefix=action.name, **kwargs)


DOCUMENT_KINDS = documents.KINDS


class TimelineForm(Form):
    """期限计算器: the procedure and one event a line, `事项 YYYY-MM-DD [ground=N] [days=N] [reason=…]`."""

    procedure = forms.ChoiceField(label="审理程序", choices=ReconsiderationCase.Procedure.choices)
    events = text_field(
        "事项（每行一项）",
        rows=8,
        help_text="如：received 2024-09-27 / accepted 2024-10-28 / suspended 2024-11-05 ground=7 / "
        "extended 2024-12-01 days=30；事项名称与格式见本页说明",
    )

    def as_input(self) -> dict:
        """The calculator's JSON input (rules/events.parse checks it)."""
        out = []
        for line in self.cleaned_data["events"].splitlines():
            words = line.split()
            if not words:
                continue
            item: dict = {"event": words[0], "on": words[1] if len(words) > 1 else ""}
            for word in words[2:]:
                key, _, value = word.partition("=")
                item[key] = int(value) if key in ("ground", "days") and value.isdigit() else value
                if key in ("deemed", "provisional"):
                    item[key] = value in ("1", "true", "是")
            out.append(item)
        return {"procedure": self.cleaned_data["procedure"], "events": out}
