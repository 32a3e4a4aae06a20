"""The oversight API: rectification items (opened for any registered source, moved through the services), inspections
with their findings, plans and tasks with progress reports. Reads scoped by core.access, writes through services."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import clock
from fazhi.core.models import Organization

from . import inspections, selectors, services, sources, tasks
from .models import Inspection, InspectionFinding, ProgressReport, RectificationItem, Task, TaskPlan

Code = serializers.SlugRelatedField


class ItemSerializer(serializers.ModelSerializer):
    organization = Code(slug_field="code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    source = serializers.SerializerMethodField()
    finding = serializers.SerializerMethodField()

    class Meta:
        model = RectificationItem
        fields = [
            "id",
            "source",
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

    def get_finding(self, item) -> str:
        return sources.describe(item.source)


class OpenItemSerializer(serializers.Serializer):
    source = serializers.CharField(
        help_text="问题来源，如 oversight.inspectionfinding:3、enforcement.supervisionclue:5"
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


class ItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ItemSerializer

    def get_queryset(self):

        return selectors.filtered(self.request.user, self.request.query_params, clock.today())

    @extend_schema(request=OpenItemSerializer, responses={201: ItemSerializer})
    def create(self, request):
        payload = OpenItemSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        record = sources.resolve(data.pop("source"))
        item = services.open_item(actor=request.user, source=record, **data)
        return Response(ItemSerializer(item).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ItemTransitionSerializer, responses=ItemSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        """Take a transition; refused with the Chinese reason when the role or a rule forbids it."""
        payload = ItemTransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        d = payload.validated_data
        item, actor, on = self.get_object(), request.user, d.get("on")
        name = d["name"]
        if name in ("rectify", "sign_off", "consolidate", "reopen") and on is None:
            raise DjangoValidationError({"on": "请填写日期。"})
        if name == "start":
            item = services.start(actor=actor, item=item, note=d["note"])
        elif name == "rectify":
            item = services.rectify(
                actor=actor, item=item, rectification=d["rectification"], rectified_on=on, files=d["files"]
            )
        elif name == "send_back":
            item = services.send_back(actor=actor, item=item, note=d["note"])
        elif name == "sign_off":
            item = services.sign_off(actor=actor, item=item, signed_off_on=on, note=d["note"])
        elif name == "consolidate":
            item = services.consolidate(actor=actor, item=item, checked_on=on, note=d["note"])
        elif name == "reopen":
            item = services.reopen(
                actor=actor, item=item, checked_on=on, note=d["note"], deadline=d.get("deadline")
            )
        else:
            item = services.escalate(actor=actor, item=item, on=on)
        return Response(ItemSerializer(item).data)


class FindingSerializer(serializers.ModelSerializer):
    organization = Code(slug_field="code", queryset=Organization.objects.all())
    item = serializers.SerializerMethodField()

    class Meta:
        model = InspectionFinding
        fields = ["id", "number", "organization", "text", "item"]
        read_only_fields = ["number"]

    def get_item(self, finding) -> int | None:
        item = services.item_of(finding)
        return item.pk if item else None


def _choices_text(choices) -> str:
    return "、".join(f"{value}（{label}）" for value, label in choices)


class InspectionSerializer(serializers.ModelSerializer):
    # Plain text checked by the model's choices in the service (an enum named "kind" collides in the schema).
    kind = serializers.CharField(help_text=f"督察类别：{_choices_text(Inspection.Kind.choices)}")
    organization = Code(slug_field="code", queryset=Organization.objects.all())
    co_organizers = Code(slug_field="code", queryset=Organization.objects.all(), many=True, required=False)
    units = Code(slug_field="code", queryset=Organization.objects.all(), many=True)
    findings = FindingSerializer(many=True, read_only=True)

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


class AddFindingSerializer(serializers.Serializer):
    organization = Code(slug_field="code", queryset=Organization.objects.all())
    text = serializers.CharField()
    measures = serializers.CharField(required=False, allow_blank=True, default="")
    deadline = serializers.DateField(required=False)


class InspectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = InspectionSerializer
    queryset = Inspection.objects.none()  # for the schema; requests read get_queryset

    def get_queryset(self):
        return inspections.inspections_for(self.request.user).prefetch_related(
            "findings", "co_organizers", "units"
        )

    def perform_create(self, serializer):
        serializer.instance = inspections.create_inspection(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=AddFindingSerializer, responses={201: FindingSerializer})
    @action(detail=True, methods=["post"])
    def findings(self, request, pk=None):
        """Record a finding; its rectification item is opened at once."""
        payload = AddFindingSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        finding = inspections.add_finding(
            actor=request.user, inspection=self.get_object(), **payload.validated_data
        )
        return Response(FindingSerializer(finding).data, status=status.HTTP_201_CREATED)


class PlanSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(help_text=f"计划类别：{_choices_text(TaskPlan.Kind.choices)}")
    organization = Code(slug_field="code", queryset=Organization.objects.all())

    class Meta:
        model = TaskPlan
        fields = ["id", "title", "kind", "year", "organization", "issued_on", "description"]
        validators = []


class PlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = PlanSerializer
    queryset = TaskPlan.objects.none()  # for the schema; requests read get_queryset

    def get_queryset(self):
        return tasks.plans_for(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = tasks.create_plan(actor=self.request.user, **serializer.validated_data)


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


class TaskViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = TaskSerializer
    queryset = Task.objects.none()  # for the schema; requests read get_queryset

    def get_queryset(self):
        return tasks.tasks_for(self.request.user).prefetch_related("co_units", "reports__organization")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = get_object_or_404(tasks.plans_for(self.request.user), pk=data.pop("plan").pk)
        serializer.instance = tasks.add_task(actor=self.request.user, plan=plan, **data)

    @extend_schema(request=ProgressSerializer, responses={201: ReportSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Report progress; the lead unit's 100% completes the task."""
        payload = ProgressSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = tasks.report_progress(actor=request.user, task=self.get_object(), **payload.validated_data)
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
