"""The enforcement API: bodies with their item lists, certificates with their validity today, training sessions with
attendance, and supervision clues with their steps. Reads are scoped by core.access through the selectors; every
write calls the same service as the pages, the admin and the ledgers, and a refusal comes back in Chinese."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, views, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import clock

from .. import selectors, services
from ..models import Certificate
from .serializers import (
    CertificateCancelSerializer,
    CertificateIssueSerializer,
    CertificateReissueSerializer,
    CertificateReviewInputSerializer,
    ClueCloseSerializer,
    ClueNoteSerializer,
    ClueStepSerializer,
    EnforcementBodySerializer,
    EnforcementCertificateSerializer,
    EnforcementPowerInputSerializer,
    EnforcementPowerSerializer,
    HotlineAnswerSerializer,
    HotlineOrderSerializer,
    SelfAssessmentSerializer,
    SupervisionClueSerializer,
    TrainingAttendanceInputSerializer,
    TrainingSessionSerializer,
)


class BodyViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """行政执法主体: registered by the Justice Bureau (register_body); the body's unit updates its basis."""

    serializer_class = EnforcementBodySerializer

    def get_queryset(self):
        return (
            selectors.bodies_for(self.request.user)
            .prefetch_related("powers")
            .order_by("organization__path", "pk")
        )

    def perform_create(self, serializer):
        serializer.instance = services.register_body(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_body(
            actor=self.request.user, body=serializer.instance, **serializer.validated_data
        )


class PowerViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """行政执法事项清单: items added through add_power."""

    serializer_class = EnforcementPowerSerializer

    def get_queryset(self):
        return selectors.powers_for(self.request.user).order_by("body", "kind", "name", "pk")

    @extend_schema(request=EnforcementPowerInputSerializer, responses={201: EnforcementPowerSerializer})
    def create(self, request):
        payload = EnforcementPowerInputSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        power = services.add_power(actor=request.user, **payload.validated_data)
        return Response(EnforcementPowerSerializer(power).data, status=status.HTTP_201_CREATED)


class CertificateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """执法证件: issue (issue_certificate), cancel (注销) and yearly review (审验) through the services."""

    serializer_class = EnforcementCertificateSerializer

    def get_queryset(self):
        today = clock.today()
        valid = selectors.valid_on(Certificate.objects.filter(pk=OuterRef("pk")), today)
        return (
            selectors.certificates_for(self.request.user)
            .annotate(valid_today=Exists(valid))
            .order_by("body__organization__path", "number")
        )

    def _answer(self, certificate, code=status.HTTP_200_OK):
        return Response(
            EnforcementCertificateSerializer(self.get_queryset().get(pk=certificate.pk)).data, status=code
        )

    @extend_schema(request=CertificateIssueSerializer, responses={201: EnforcementCertificateSerializer})
    def create(self, request):
        payload = CertificateIssueSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        certificate = services.issue_certificate(actor=request.user, **payload.validated_data)
        return self._answer(certificate, status.HTTP_201_CREATED)

    @extend_schema(request=CertificateCancelSerializer, responses=EnforcementCertificateSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """注销: the certificate stops being valid from the cancellation date."""
        payload = CertificateCancelSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        certificate = services.cancel_certificate(
            actor=request.user, certificate=self.get_object(), **payload.validated_data
        )
        return self._answer(certificate)

    @extend_schema(request=CertificateReissueSerializer, responses={201: EnforcementCertificateSerializer})
    @action(detail=True, methods=["post"])
    def reissue(self, request, pk=None):
        """补发、换发: a new certificate replaces this one, which is cancelled on the new one's issue date."""
        payload = CertificateReissueSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        new = services.reissue_certificate(
            actor=request.user, certificate=self.get_object(), **payload.validated_data
        )
        return self._answer(new, status.HTTP_201_CREATED)

    @extend_schema(
        request=CertificateReviewInputSerializer, responses={201: EnforcementCertificateSerializer}
    )
    @action(detail=True, methods=["post"])
    def reviews(self, request, pk=None):
        """审验: a failed review needs its reason and suspends the certificate until a passed one."""
        payload = CertificateReviewInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        certificate = self.get_object()
        services.record_review(actor=request.user, certificate=certificate, **payload.validated_data)
        return self._answer(certificate, status.HTTP_201_CREATED)


class TrainingSessionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """执法培训: sessions recorded by record_session, attendance by record_attendances (all or none)."""

    serializer_class = TrainingSessionSerializer

    def get_queryset(self):
        return (
            selectors.sessions_for(self.request.user)
            .prefetch_related("attendances__person")
            .order_by("-held_on", "pk")
        )

    def perform_create(self, serializer):
        serializer.instance = services.record_session(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=TrainingAttendanceInputSerializer, responses={201: TrainingSessionSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        payload = TrainingAttendanceInputSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        session = self.get_object()
        services.record_attendances(
            actor=request.user, session=session, people=payload.validated_data["people"]
        )
        return Response(
            TrainingSessionSerializer(self.get_queryset().get(pk=session.pk)).data,
            status=status.HTTP_201_CREATED,
        )


class ClueViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """执法监督线索: register (register_clue), start handling, add steps and close through the services."""

    serializer_class = SupervisionClueSerializer

    def get_queryset(self):
        return (
            selectors.clues_for(self.request.user)
            .prefetch_related("steps", "origin")
            .order_by("-received_on", "-pk")
        )

    def perform_create(self, serializer):
        serializer.instance = services.register_clue(actor=self.request.user, **serializer.validated_data)

    def _answer(self, clue, code=status.HTTP_200_OK):
        return Response(
            SupervisionClueSerializer(
                self.get_queryset().get(pk=clue.pk), context=self.get_serializer_context()
            ).data,
            status=code,
        )

    @extend_schema(request=ClueNoteSerializer, responses=SupervisionClueSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """已登记 → 办理中."""
        payload = ClueNoteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(
            services.start_handling(actor=request.user, clue=self.get_object(), **payload.validated_data)
        )

    @extend_schema(request=ClueStepSerializer, responses={201: SupervisionClueSerializer})
    @action(detail=True, methods=["post"])
    def steps(self, request, pk=None):
        """A handling step of a clue being handled."""
        payload = ClueStepSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        clue = self.get_object()
        services.add_step(actor=request.user, clue=clue, **payload.validated_data)
        return self._answer(clue, status.HTTP_201_CREATED)

    @extend_schema(request=ClueCloseSerializer, responses=SupervisionClueSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """办理中 → 已办结, with the result and the day."""
        payload = ClueCloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(
            services.close_clue(actor=request.user, clue=self.get_object(), **payload.validated_data)
        )


class SelfAssessmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """三项制度自查评估: each body's yearly assessment of the three systems, recorded by record_self_assessment."""

    serializer_class = SelfAssessmentSerializer

    def get_queryset(self):
        return selectors.self_assessments_for(self.request.user).order_by(
            "-year", "body__name", "system", "pk"
        )

    def perform_create(self, serializer):
        serializer.instance = services.record_self_assessment(
            actor=self.request.user, **serializer.validated_data
        )


class HotlineOrderView(views.APIView):
    """12345工单接入: the hotline platform (with an API token bound to its account) pushes work orders; those within
    supervision's scope become clues, once per order number (services.take_hotline_order)."""

    @extend_schema(
        request=HotlineOrderSerializer, responses={200: HotlineAnswerSerializer, 201: HotlineAnswerSerializer}
    )
    def post(self, request):
        payload = HotlineOrderSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        clue, outcome = services.take_hotline_order(actor=request.user, **payload.validated_data)
        number = payload.validated_data["external_number"]
        messages = {
            "created": f"工单“{number}”已登记为执法监督线索。",
            "existing": f"工单“{number}”此前已登记，未重复登记。",
            "out_of_scope": f"工单“{number}”不属于行政执法监督范围，未登记。",
        }
        answer = {
            "registered": clue is not None,
            "created": outcome == "created",
            "message": messages[outcome],
            "clue": SupervisionClueSerializer(clue, context={"request": request}).data if clue else None,
        }
        return Response(
            answer, status=status.HTTP_201_CREATED if outcome == "created" else status.HTTP_200_OK
        )
