"""The duties API: the activity ledger and the demonstration projects, scoped by core.access; entries and stage
changes through the same services as every other path."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import access
from fazhi.core.models import Organization, Person

from . import selectors, services
from .models import Activity, ActivityKind, DemonstrationProject


class ActivitySerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    people = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Person.objects.all(), required=False, help_text="平台人员编号"
    )
    names = serializers.ListField(
        child=serializers.CharField(max_length=60),
        required=False,
        write_only=True,
        help_text="只有姓名的人员",
    )
    people_names = serializers.CharField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "kind_label",
            "held_on",
            "organization",
            "topic",
            "meeting",
            "people",
            "names",
            "people_names",
            "note",
        ]


class ActivityViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ActivitySerializer

    def get_queryset(self):
        qs = selectors.activities_for(self.request.user)
        params = self.request.query_params
        if params.get("kind") in ActivityKind.values:
            qs = qs.filter(kind=params["kind"])
        if params.get("year", "").isdigit():
            qs = qs.filter(held_on__year=int(params["year"]))
        return qs

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, description="活动类型"),
            OpenApiParameter("year", int, description="年度"),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        people = data.pop("people", [])
        hidden = [str(p.pk) for p in people if not access.can(self.request.user, p)]
        if hidden:
            raise PermissionDenied(f"您无权查看编号为{'、'.join(hidden)}的人员。")
        serializer.instance = services.record_activity(
            actor=self.request.user, people=people, names=data.pop("names", []), **data
        )


class ProjectSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)

    class Meta:
        model = DemonstrationProject
        fields = [
            "id",
            "name",
            "organization",
            "level",
            "batch",
            "applied_on",
            "stage",
            "stage_label",
            "shortlisted_on",
            "review_passed_on",
            "named_on",
        ]
        read_only_fields = ["stage", "shortlisted_on", "review_passed_on", "named_on"]
        validators = []  # the service's full_clean checks uniqueness with the model's message


class AdvanceSerializer(serializers.Serializer):
    transition = serializers.ChoiceField(choices=list(services.TRANSITIONS.items()))
    on = serializers.DateField(help_text="该阶段的日期")


class ProjectViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ProjectSerializer

    def get_queryset(self):
        return selectors.projects_for(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.enter_project(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=AdvanceSerializer, responses=ProjectSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Move the project one stage forward (入围、通过书面评审、命名) on a date; never backward."""
        payload = AdvanceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        project = services.advance_project(
            actor=request.user, project=self.get_object(), **payload.validated_data
        )
        return Response(ProjectSerializer(project).data, status=status.HTTP_200_OK)
