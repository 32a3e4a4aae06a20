"""The duties API: the activity ledger and the demonstration projects, read through the selectors; entries and
stage changes through the same services (and so the same rules and messages) as every other path."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import selectors, services
from .serializers import ActivitySerializer, AdvanceSerializer, ProjectSerializer


class ActivityViewSet(
    mixins.CreateModelMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = ActivitySerializer
    own_query_params = ("year",)  # read by get_queryset; ?kind= is also a filter of the model's field

    def get_queryset(self):
        params = self.request.query_params
        year = params.get("year", "")
        return selectors.filtered(
            selectors.activities_for(self.request.user),
            kind=params.get("kind"),
            year=int(year) if year.isdigit() else None,
        )

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
        serializer.instance = services.record_activity(
            actor=self.request.user, people=people, names=data.pop("names", []), **data
        )


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
