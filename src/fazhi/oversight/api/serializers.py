"""Serializers of the oversight API: they parse and show; the rules are the services'."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core.models import Organization

from .. import links, services
from ..models import Inspection, InspectionFinding, ProgressReport, RectificationItem, Task, TaskPlan
from ..selectors import inspections as inspection_selectors

Code = serializers.SlugRelatedField


class ItemSerializer(serializers.ModelSerializer):
    organization = Code(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    source = serializers.SerializerMethodField(
        help_text="问题来源的内部引用（应用.模型:编号），供页面链接使用"
    )
    source_name = serializers.SerializerMethodField(
        help_text="问题来源按经办人知道的名称，如“2025年度法治督察 问题3”、行政诉讼案号；建立整改事项时可原样填写"
    )
    finding = serializers.SerializerMethodField()

    class Meta:
        model = RectificationItem
        fields = [
            "id",
            "source",
            "source_name",
            "source_kind",
            "finding",
            "organization",
            "measures",
            "opened_on",
            "deadline",
            "deadline_explanation",
            "status",
            "status_label",
            "rectification",
            "rectified_on",
            "signed_off_on",
            "checked_on",
            "check_note",
            "reopen_count",
            "escalated_on",
        ]

    def get_source(self, item) -> str:
        return f"{item.source_type.app_label}.{item.source_type.model}:{item.source_id}"

    def get_source_name(self, item) -> str:
        return links.name_of(item.source) if item.source is not None else ""

    def get_finding(self, item) -> str:
        return links.describe(item.source)


class OpenItemSerializer(serializers.Serializer):
    source = serializers.CharField(
        help_text=(
            "问题来源，按经办人知道的名称填写：检查发现的问题填“检查名称 问题序号”；案卷评查问题填“评查活动 案件编号 "
            "问题序号”；行政诉讼败诉填案号；行政复议纠错填复议案号；执法监督线索填“线索来源线索来源编号”"
            "（如 12345热线线索SL12345-2025-0002）"
        )
    )
    organization = Code(slug_field="code", queryset=Organization.objects.all(), required=False)
    measures = serializers.CharField(required=False, allow_blank=True, default="")
    opened_on = serializers.DateField(required=False)
    deadline = serializers.DateField(required=False, help_text="留空则按配置的整改期限计算")


class ItemTransitionSerializer(serializers.Serializer):
    name = serializers.ChoiceField(
        choices=["start", "rectify", "send_back", "sign_off", "consolidate", "reopen", "escalate"]
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    rectification = serializers.CharField(required=False, allow_blank=True, default="")
    on = serializers.DateField(required=False, help_text="整改完成、销号、核查或挂牌督办日期")
    deadline = serializers.DateField(required=False, help_text="回头看重新整改的期限")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class FindingSerializer(serializers.ModelSerializer):
    organization = Code(slug_field="code", queryset=Organization.objects.all())
    item = serializers.SerializerMethodField()

    class Meta:
        model = InspectionFinding
        fields = ["id", "number", "organization", "text", "item"]
        read_only_fields = ["number"]

    def get_item(self, finding) -> int | None:
        batch = self.context.get("item_ids")  # a list reads every finding's item at once
        if batch is not None:
            return batch.get(finding.pk)
        item = services.item_of(finding)
        return item.pk if item else None


def _choices_text(choices) -> str:
    return "、".join(f"{value}（{label}）" for value, label in choices)


class InspectionListSerializer(serializers.ListSerializer):
    """A page of inspections with their findings and the findings' items read in two queries, not two per row."""

    def to_representation(self, data):
        rows = list(data.all() if hasattr(data, "all") else data)
        user = self.context["request"].user
        findings = inspection_selectors.findings_by_inspection(user, rows)
        self.child.batch = {
            "findings": findings,
            "item_ids": inspection_selectors.item_ids_of([f for fs in findings.values() for f in fs]),
        }
        return super().to_representation(rows)


class InspectionSerializer(serializers.ModelSerializer):
    # Plain text checked by the model's choices in the service (an enum named "kind" collides in the schema).
    kind = serializers.CharField(help_text=f"督察类别：{_choices_text(Inspection.Kind.choices)}")
    organization = Code(slug_field="code", queryset=Organization.objects.all())
    co_organizers = Code(slug_field="code", queryset=Organization.objects.all(), many=True, required=False)
    units = Code(slug_field="code", queryset=Organization.objects.all(), many=True)
    findings = serializers.SerializerMethodField()

    @extend_schema_field(FindingSerializer(many=True))
    def get_findings(self, inspection) -> list:
        """Only the findings the requesting user may see (a unit inspected sees its own)."""
        batch = getattr(self, "batch", None)
        if batch is not None:
            findings = batch["findings"].get(inspection.pk, [])
            return FindingSerializer(findings, many=True, context={"item_ids": batch["item_ids"]}).data
        user = self.context["request"].user
        return FindingSerializer(inspection_selectors.findings_for(user, inspection), many=True).data

    class Meta:
        model = Inspection
        fields = [
            "id",
            "kind",
            "title",
            "held_on",
            "organization",
            "co_organizers",
            "units",
            "summary",
            "findings",
        ]
        validators = []
        list_serializer_class = InspectionListSerializer


class AddFindingSerializer(serializers.Serializer):
    organization = Code(slug_field="code", queryset=Organization.objects.all())
    text = serializers.CharField()
    measures = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateField(required=False)


class PlanSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=f"计划类别：{_choices_text(TaskPlan.Kind.choices)}")
    organization = Code(slug_field="code", queryset=Organization.objects.all())

    class Meta:
        model = TaskPlan
        fields = ["id", "title", "kind", "year", "organization", "issued_on", "description"]
        validators = []


class ReportSerializer(serializers.ModelSerializer):
    organization = Code(slug_field="code", read_only=True)

    class Meta:
        model = ProgressReport
        fields = ["id", "organization", "reported_on", "text", "percent", "evidence"]
        read_only_fields = ["evidence"]


class TaskSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=TaskPlan.objects.all())
    lead_unit = Code(slug_field="code", queryset=Organization.objects.all())
    co_units = Code(slug_field="code", queryset=Organization.objects.all(), many=True, required=False)
    reports = ReportSerializer(many=True, read_only=True)

    class Meta:
        model = Task
        fields = [
            "id",
            "plan",
            "number",
            "title",
            "lead_unit",
            "co_units",
            "deadline",
            "completed_on",
            "reports",
        ]
        validators = []


class ProgressSerializer(serializers.Serializer):
    reported_on = serializers.DateField()
    text = serializers.CharField()
    percent = serializers.IntegerField(min_value=0, max_value=100)
    evidence = serializers.FileField(required=False)
