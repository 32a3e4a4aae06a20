"""Serializers of the decisions API: a decision with its timeline, registering one, and a transition."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core import clock
from fazhi.core.models import Organization, User
from fazhi.core.web.api import PersonField
from fazhi.core.web.masking import MaskedField
from fazhi.review import services as review_services

from .. import selectors
from ..models import CatalogItem, CollectiveDiscussion, Decision, LegalAdvisor, RiskAssessment


class StepSerializer(serializers.Serializer):
    procedure = serializers.CharField()
    label = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    started_on = serializers.DateField(allow_null=True)
    completed_on = serializers.DateField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    deadline_note = serializers.CharField()
    detail = serializers.CharField()
    blocked_by = serializers.ListField(child=serializers.CharField())


class DecisionSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)
    decision_body = serializers.SlugRelatedField(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = Decision
        fields = [
            "id",
            "title",
            "organization",
            "decision_body",
            "catalog_item",
            "outside_catalog_reason",
            "registered_on",
            "status",
            "status_label",
            "legality_review",
            "timeline",
        ]

    @extend_schema_field(StepSerializer(many=True))
    def get_timeline(self, decision):
        return StepSerializer(selectors.timeline(decision, clock.today()), many=True).data


class RegisterDecisionSerializer(serializers.Serializer):
    """Registering a decision: units by their codes; the rules (decision body, catalog item, dates) are the service's."""

    title = serializers.CharField(max_length=200)
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    decision_body = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    registered_on = serializers.DateField()
    catalog_item = serializers.PrimaryKeyRelatedField(
        queryset=CatalogItem.objects.all(), required=False, allow_null=True, default=None
    )
    outside_catalog_reason = serializers.CharField(required=False, allow_blank=True, default="")
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text="流转名称，如 start、finish_public_participation、submit_for_discussion"
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, help_text="终止决策时的理由")
    archived_on = serializers.DateField(required=False, help_text="归档日期，默认今天")


class LegalAdvisorSerializer(serializers.ModelSerializer):
    """法律顾问名录: units by code, the person by platform id or ID number, the login by username."""

    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    units_served = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), many=True, required=False
    )
    person = PersonField(allow_null=True, required=False)
    user = serializers.SlugRelatedField(
        slug_field="username", queryset=User.objects.all(), allow_null=True, required=False
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    contact = MaskedField(max_length=60, required=False, allow_blank=True)

    class Meta:
        model = LegalAdvisor
        fields = [
            "id",
            "name",
            "kind",
            "kind_label",
            "organization",
            "units_served",
            "contract_start",
            "contract_end",
            "person",
            "user",
            "contact",
        ]


def _date(help_text: str = "", required: bool = False):
    if required:
        return serializers.DateField(help_text=help_text)
    return serializers.DateField(required=False, allow_null=True, default=None, help_text=help_text)


def _text(help_text: str = "", max_length: int | None = None):
    return serializers.CharField(
        required=False, allow_blank=True, default="", max_length=max_length, help_text=help_text
    )


def _choice(choices, required: bool = False, help_text: str = ""):
    if required:
        return serializers.ChoiceField(choices=choices, help_text=help_text)
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, default="", help_text=help_text
    )


def _applicable(label: str):
    return serializers.BooleanField(
        required=False, default=True, help_text=f"{label}是否适用；不适用的须写明理由及依据"
    )


class HistoryCommentSerializer(serializers.Serializer):
    """A public comment received during a historical decision's public participation, with its answer."""

    received_on = _date("收到日期", required=True)
    commenter = _text("提出人", max_length=100)
    content = serializers.CharField(help_text="意见内容")
    response = _text("采纳情况及理由")
    adopted = serializers.BooleanField(required=False, allow_null=True, default=None, help_text="是否采纳")
    answered_on = _date("反馈日期")


class DecisionHistorySerializer(serializers.Serializer):
    """A decision taken before the platform, with its procedures and the date of each step (the fields of the
    decisions_history ledger): units by code; every rule is the live workflow's (services.record_decision_history)."""

    title = serializers.CharField(max_length=200, help_text="决策事项；与承办单位、立项年度一起识别一项决策")
    organization = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), help_text="承办单位代码"
    )
    decision_body = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all(), help_text="决策机关代码"
    )
    catalog_year = serializers.IntegerField(
        required=False, allow_null=True, default=None, help_text="列入目录的，目录年度"
    )
    outside_catalog_reason = _text("目录外决策的理由")
    summary = _text("决策事项简介")
    registered_on = _date("立项日期", required=True)
    participation_applicable = _applicable("公众参与")
    participation_not_applicable_reason = _text()
    participation_methods = _text(max_length=200)
    participation_started_on = _date("征求意见开始日期")
    participation_period_days = serializers.IntegerField(
        required=False, allow_null=True, default=None, min_value=1
    )
    participation_shorter_reason = _text("期限少于30日的理由")
    participation_completed_on = _date("公众参与完成日期")
    argumentation_applicable = _applicable("专家论证")
    argumentation_not_applicable_reason = _text()
    argumentation_form = _text(max_length=60)
    argumentation_started_on = _date()
    argumentation_completed_on = _date()
    expert_name = _text("论证专家", max_length=60)
    expert_opinion = _text("专家论证意见")
    risk_applicable = _applicable("风险评估")
    risk_not_applicable_reason = _text()
    risk_assessor = _text(max_length=120)
    risk_level = _choice(RiskAssessment.Level.choices)
    risk_started_on = _date()
    risk_completed_on = _date()
    review_submitted_on = _date("送合法性审查日期", required=True)
    review_advisor_name = _text("复审法律顾问", max_length=120)
    review_initial_on = _date("初审日期", required=True)
    review_advisor_on = _date("复审日期", required=True)
    review_opinion = _choice(review_services.OPINION_CHOICES, required=True, help_text="终审意见")
    review_concluded_on = _date("终审日期", required=True)
    review_reasons = _text("审查意见及理由")
    discussion_meeting_kind = _choice(CollectiveDiscussion.MeetingKind.choices, required=True)
    discussion_meeting_name = serializers.CharField(max_length=120)
    discussion_held_on = _date("集体讨论日期", required=True)
    discussion_result = _choice(CollectiveDiscussion.Result.choices, required=True)
    publication_applicable = _applicable("决策公布")
    publication_not_applicable_reason = _text()
    publication_channel = _text(max_length=200)
    published_on = _date("公布日期；尚未公布的留空（待公布）")
    public_comments = HistoryCommentSerializer(
        many=True, required=False, default=list, help_text="公众参与期间收到的意见及反馈（只经接口）"
    )
