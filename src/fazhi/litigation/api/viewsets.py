"""The litigation API: lawsuits with their timeline (scoped by core.access), their steps through the services, the
cases by responsible department, and the liaison meetings."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fazhi.core import clock
from fazhi.enforcement import selectors as enforcement_selectors
from fazhi.indicators.registry import Period

from .. import selectors, services
from ..models import Lawsuit
from .serializers import (
    AppealSerializer,
    ClueSerializer,
    DefenceSerializer,
    DepartmentCountSerializer,
    EffectiveSerializer,
    HeadRequestSerializer,
    HearingSerializer,
    JudgmentSerializer,
    JudgmentServiceSerializer,
    LawsuitSerializer,
    MeetingSerializer,
    PerformanceSerializer,
    RecommendationSerializer,
    ReplySerializer,
)


def _payload(serializer_class, request) -> dict:
    payload = serializer_class(data=request.data)
    payload.is_valid(raise_exception=True)
    return dict(payload.validated_data)


class LawsuitViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Lawsuits: registration and corrections through the services; each step is an action."""

    serializer_class = LawsuitSerializer

    def get_queryset(self):
        if getattr(
            self, "swagger_fake_view", False
        ):  # the schema is generated without a request or a database
            return Lawsuit.objects.none()
        return enforcement_selectors.with_clue_id(
            selectors.lawsuits_for(self.request.user).prefetch_related("hearings__head", "recommendations")
        )

    def perform_create(self, serializer):
        serializer.instance = services.register_lawsuit(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_lawsuit(
            actor=self.request.user, lawsuit=serializer.instance, **serializer.validated_data
        )

    def _step(self, service, serializer_class):
        lawsuit = self.get_object()
        service(actor=self.request.user, lawsuit=lawsuit, **_payload(serializer_class, self.request))
        # Some steps return another record (the clue a lost case opens): answer with the lawsuit as it now is.
        return Response(
            LawsuitSerializer(
                self.get_queryset().get(pk=lawsuit.pk), context=self.get_serializer_context()
            ).data
        )

    @extend_schema(request=DefenceSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"])
    def defence(self, request, pk=None):
        """提交答辩: 待答辩 → 审理中."""
        return self._step(services.submit_defence, DefenceSerializer)

    @extend_schema(request=HearingSerializer, responses=HearingSerializer)
    @action(detail=True, methods=["post"])
    def hearings(self, request, pk=None):
        """登记开庭: whether the agency head appeared, or the sealed explanation of the absence."""
        data = _payload(HearingSerializer, request)
        hearing = services.record_hearing(actor=request.user, lawsuit=self.get_object(), **data)
        return Response(HearingSerializer(hearing).data, status=201)

    @extend_schema(request=JudgmentSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"])
    def judgment(self, request, pk=None):
        return self._step(services.record_judgment, JudgmentSerializer)

    @extend_schema(request=JudgmentServiceSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"], url_path="judgment-service")
    def judgment_service(self, request, pk=None):
        """裁判文书送达日期: the appeal period runs from it (行政诉讼法第八十五条)."""
        return self._step(services.record_judgment_service, JudgmentServiceSerializer)

    @extend_schema(request=HeadRequestSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"], url_path="head-request")
    def head_request(self, request, pk=None):
        """人民法院书面建议负责人出庭 (法释〔2018〕1号第一百二十九条第一款)."""
        return self._step(services.record_head_request, HeadRequestSerializer)

    @extend_schema(request=RecommendationSerializer, responses=RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def recommendations(self, request, pk=None):
        """登记司法建议、检察建议: the reply deadline is computed from the day received."""
        payload = RecommendationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        recommendation = services.record_recommendation(
            actor=request.user, lawsuit=self.get_object(), **payload.validated_data
        )
        return Response(RecommendationSerializer(recommendation).data, status=201)

    @extend_schema(request=AppealSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        return self._step(services.record_appeal, AppealSerializer)

    @extend_schema(request=EffectiveSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"])
    def effective(self, request, pk=None):
        return self._step(services.mark_effective, EffectiveSerializer)

    @extend_schema(request=PerformanceSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"])
    def performance(self, request, pk=None):
        return self._step(services.record_performance, PerformanceSerializer)

    @extend_schema(request=ClueSerializer, responses=LawsuitSerializer)
    @action(detail=True, methods=["post"], url_path="supervision-clue")
    def supervision_clue(self, request, pk=None):
        """A lost case becomes a supervision clue in enforcement/."""
        return self._step(services.open_supervision_clue, ClueSerializer)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "case_number", str, required=True, description="法院案号，如（2025）宁0303行初12号"
            )
        ],
        responses=LawsuitSerializer,
        filters=False,
    )
    @action(detail=False, methods=["get"])
    def lookup(self, request):
        """The lawsuit with this 案号 among those the caller may see (404 otherwise)."""
        number = request.query_params.get("case_number", "").strip()
        if not number:
            raise ValidationError({"case_number": ["请填写案号。"]})
        lawsuit = self.get_queryset().filter(case_number=number).first()
        if lawsuit is None:
            return Response({"detail": f"案号“{number}”的行政应诉案件不存在或不在您的范围内。"}, status=404)
        return Response(LawsuitSerializer(lawsuit, context=self.get_serializer_context()).data)

    @extend_schema(
        parameters=[OpenApiParameter("year", int, description="年度，默认今年")],
        responses=DepartmentCountSerializer(many=True),
        filters=False,
    )
    @action(detail=False, methods=["get"], url_path="by-department")
    def by_department(self, request):
        """Cases served in the year per responsible department, within what the caller may see."""
        try:
            year = int(request.query_params.get("year") or clock.today().year)
        except ValueError as exc:
            raise ValidationError({"year": "年度应为整数，如 2025。"}) from exc
        rows = selectors.by_department(Period.year(year), selectors.figure_scope(request.user))
        return Response(DepartmentCountSerializer(rows, many=True).data)


class RecommendationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """司法建议、检察建议 the caller may see; the reply is an action."""

    serializer_class = RecommendationSerializer

    def get_queryset(self):
        return selectors.recommendations_for(self.request.user)

    @extend_schema(request=ReplySerializer, responses=RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, pk=None):
        recommendation = services.record_reply(
            actor=request.user, recommendation=self.get_object(), **_payload(ReplySerializer, request)
        )
        return Response(RecommendationSerializer(recommendation).data)


class MeetingViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = MeetingSerializer

    def get_queryset(self):
        return selectors.meetings_for(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.record_meeting(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_meeting(
            actor=self.request.user, meeting=serializer.instance, **serializer.validated_data
        )
