"""Serializers of the decisions API: a decision with its timeline, registering one, and a transition."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core import clock
from fazhi.core.models import Organization, User
from fazhi.core.web.api import PersonField
from fazhi.core.web.masking import MaskedField

from .. import selectors
from ..models import CatalogItem, Decision, LegalAdvisor


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
