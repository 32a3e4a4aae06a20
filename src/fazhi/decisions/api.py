"""The decisions API: decisions with their timeline (scoped by core.access), and transitions through the services."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import clock

from . import selectors, services
from .models import Decision


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


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField(
        help_text="流转名称，如 start、finish_public_participation、submit_for_discussion"
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, help_text="终止决策时的理由")
    archived_on = serializers.DateField(required=False, help_text="归档日期，默认今天")


class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        return selectors.decisions_for(self.request.user)

    @extend_schema(request=TransitionSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"])
    def transitions(self, request, pk=None):
        """Take a transition; refused with the Chinese reason (and the article) when a rule or the role forbids it."""
        payload = TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        extra = {k: data[k] for k in ("reason", "archived_on") if k in data}
        decision = services.advance(
            actor=request.user,
            decision=self.get_object(),
            transition=data["name"],
            note=data["note"],
            **extra,
        )
        return Response(DecisionSerializer(decision).data)
