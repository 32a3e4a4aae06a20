"""The oversight API: rectification items (opened for any registered source, moved through the services), inspections
with their findings, plans and tasks with progress reports. Reads through the selectors, writes through services."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import clock

from .. import links, selectors, services
from ..models import Inspection, SourceKind, Task, TaskPlan
from ..selectors import inspections as inspection_selectors
from ..selectors import task_plans as task_selectors
from ..services import inspections, task_plans
from .serializers import (
    AddFindingSerializer,
    FindingSerializer,
    InspectionSerializer,
    ItemSerializer,
    ItemTransitionSerializer,
    OpenItemSerializer,
    PlanSerializer,
    ProgressSerializer,
    ReportSerializer,
    TaskSerializer,
)


class ItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ItemSerializer
    own_query_params = ("kind", "unit", "overdue", "escalated")  # read by selectors.filtered, as on the page

    def get_queryset(self):
        return selectors.filtered(self.request.user, self.request.query_params, clock.today())

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=SourceKind.values, description="问题来源（同 source_kind）"),
            OpenApiParameter("unit", int, description="整改单位编号（同 organization）"),
            OpenApiParameter(
                "overdue", str, description="1/true 只列出已逾期未整改的；0/false 或不填为不限，同列表页"
            ),
            OpenApiParameter(
                "escalated", str, description="1/true 只列出已提级督办的；0/false 或不填为不限，同列表页"
            ),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=OpenItemSerializer, responses={201: ItemSerializer})
    def create(self, request):
        payload = OpenItemSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        try:
            record = links.resolve(data.pop("source"))
        except DjangoValidationError as exc:
            raise DjangoValidationError({"source": exc.messages}) from exc
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


class InspectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = InspectionSerializer
    queryset = Inspection.objects.none()  # for the schema; requests read get_queryset

    def get_queryset(self):
        # the findings and their items are read for a page at once (serializers.InspectionListSerializer)
        return inspection_selectors.inspections_for(self.request.user).prefetch_related(
            "co_organizers", "units"
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


class PlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = PlanSerializer
    queryset = TaskPlan.objects.none()  # for the schema; requests read get_queryset

    def get_queryset(self):
        return task_selectors.plans_for(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = task_plans.create_plan(actor=self.request.user, **serializer.validated_data)


class TaskViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    serializer_class = TaskSerializer
    queryset = Task.objects.none()  # for the schema; requests read get_queryset

    def get_queryset(self):
        return task_selectors.tasks_for(self.request.user).prefetch_related(
            "co_units", "reports__organization"
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        plan = get_object_or_404(task_selectors.plans_for(self.request.user), pk=data.pop("plan").pk)
        serializer.instance = task_plans.add_task(actor=self.request.user, plan=plan, **data)

    @extend_schema(request=ProgressSerializer, responses={201: ReportSerializer})
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        """Report progress; the lead unit's 100% completes the task."""
        payload = ProgressSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = task_plans.report_progress(
            actor=request.user, task=self.get_object(), **payload.validated_data
        )
        return Response(ReportSerializer(report).data, status=status.HTTP_201_CREATED)
