"""The decisions API: decisions with their timeline (scoped by core.access), registering one, and transitions —
every write through the services."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core.io.ledgers import differences

from .. import selectors, services
from .serializers import (
    DecisionHistorySerializer,
    DecisionSerializer,
    LegalAdvisorSerializer,
    RegisterDecisionSerializer,
    TransitionSerializer,
)


class LegalAdvisorViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """法律顾问名录: the advisors the caller may see; registered through services.create_advisor."""

    serializer_class = LegalAdvisorSerializer

    def get_queryset(self):
        return (
            selectors.advisors_for(self.request.user)
            .select_related("organization", "person", "user")
            .prefetch_related("units_served")
            .order_by("name", "contract_start", "pk")
        )

    def perform_create(self, serializer):
        serializer.instance = services.create_advisor(actor=self.request.user, **serializer.validated_data)


class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DecisionSerializer

    def get_queryset(self):
        decisions = selectors.decisions_for(self.request.user)
        if self.action == "list":
            # the timeline's next transition asks decisions.rules.documents_attached of each decision at archiving
            decisions = decisions.prefetch_related("documents")
        return decisions

    @extend_schema(request=RegisterDecisionSerializer, responses=DecisionSerializer)
    def create(self, request):
        """Register a decision through services.register_decision; refused with the service's Chinese reason."""
        payload = RegisterDecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        decision = services.register_decision(actor=request.user, **payload.validated_data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)

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

    @extend_schema(
        request=DecisionHistorySerializer, responses={201: DecisionSerializer, 200: DecisionSerializer}
    )
    @action(detail=False, methods=["post"])
    def history(self, request):
        """A decision taken before the platform, with its procedures and dates (services.record_decision_history:
        the live workflow's rules). The same decision again (lead unit, title, year registered) is 200 with the
        record, nothing new; a different history for it is refused naming the fields."""
        payload = DecisionHistorySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        existing = services.find_history(
            organization=data["organization"], title=data["title"], year=data["registered_on"].year
        )
        if existing is None:
            decision = services.record_decision_history(actor=request.user, **data)
            return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
        if not selectors.decisions_for(request.user).filter(pk=existing.pk).exists():
            raise ValidationError({"title": "该决策已由其他单位登记。"})
        given = {
            **data,
            "organization": data["organization"].code,
            "decision_body": data["decision_body"].code,
        }
        given = {key: given[key] for key in services.HISTORY_FIELDS if key in request.data}
        wrong = differences(services.history_of(existing), given, what="决策")
        if "public_comments" in request.data and data["public_comments"] != services.comments_of(existing):
            wrong["public_comments"] = "与平台中该决策的公众意见不一致。"
        if wrong:
            raise ValidationError(wrong)
        return Response(DecisionSerializer(existing).data, status=status.HTTP_200_OK)
