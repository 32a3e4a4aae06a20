"""The enforcement API: bodies with their item lists, certificates with their validity today, training sessions with
attendance, and supervision clues with their steps. Reads are scoped by core.access through the selectors; every
write calls the same service as the pages, the admin and the ledgers, and a refusal comes back in Chinese."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from fazhi.core import access, clock
from fazhi.core.models import Organization, Person

from . import clues, page_selectors, selectors, services, training
from .models import (
    Certificate,
    ClueStep,
    EnforcementBody,
    EnforcementPower,
    SupervisionClue,
    TrainingAttendance,
    TrainingSession,
)

UNIT = {"slug_field": "code", "queryset": Organization.objects.all()}


class ScopedPrimaryKey(serializers.PrimaryKeyRelatedField):
    """A related record chosen by id among those the caller may see (another unit's ids are simply unknown)."""

    def __init__(self, model, selector, **kwargs):
        self.selector = selector
        super().__init__(queryset=model._default_manager.all(), **kwargs)

    def get_queryset(self):
        return self.selector(self.context["request"].user)


def _people(user):
    return access.scope(user, Person.objects.all())


# Bodies and item lists -----------------------------------------------------------------------------------------


class EnforcementPowerSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = EnforcementPower
        fields = ["id", "body", "kind", "kind_label", "name", "legal_basis"]
        read_only_fields = fields


class EnforcementBodySerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**UNIT)
    supervision_organ = serializers.SlugRelatedField(**UNIT, allow_null=True, required=False)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    powers = EnforcementPowerSerializer(many=True, read_only=True)

    class Meta:
        model = EnforcementBody
        fields = [
            "id",
            "organization",
            "name",
            "legal_basis",
            "supervision_organ",
            "status",
            "status_label",
            "powers",
        ]
        read_only_fields = ["status"]


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


class EnforcementPowerInputSerializer(serializers.Serializer):
    body = ScopedPrimaryKey(EnforcementBody, selectors.bodies_for)
    kind = serializers.ChoiceField(choices=EnforcementPower.Kind.choices)
    name = serializers.CharField(max_length=300)
    legal_basis = serializers.CharField()


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


# Certificates --------------------------------------------------------------------------------------------------


class EnforcementCertificateSerializer(serializers.ModelSerializer):
    """A certificate without the holder's ID number; valid_today follows rules.certificate_valid_on."""

    person_name = serializers.CharField(source="person.name", read_only=True)
    body_name = serializers.CharField(source="body.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    valid_today = serializers.BooleanField(read_only=True)

    class Meta:
        model = Certificate
        fields = [
            "id",
            "number",
            "kind",
            "kind_label",
            "person",
            "person_name",
            "body",
            "body_name",
            "areas",
            "issued_on",
            "valid_until",
            "status",
            "status_label",
            "cancel_reason",
            "cancel_note",
            "cancelled_on",
            "valid_today",
        ]
        read_only_fields = fields


class CertificateIssueSerializer(serializers.Serializer):
    person = ScopedPrimaryKey(Person, _people)
    body = ScopedPrimaryKey(EnforcementBody, selectors.bodies_for)
    number = serializers.CharField(max_length=40)
    kind = serializers.ChoiceField(choices=Certificate.Kind.choices, default=Certificate.Kind.ENFORCEMENT)
    areas = serializers.CharField(required=False, allow_blank=True, default="")
    issued_on = serializers.DateField()
    valid_until = serializers.DateField()


class CertificateCancelSerializer(serializers.Serializer):
    reason = serializers.ChoiceField(choices=Certificate.CancelReason.choices)
    cancelled_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CertificateReviewInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    reviewed_on = serializers.DateField()
    passed = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


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


# Training ------------------------------------------------------------------------------------------------------


class TrainingAttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = TrainingAttendance
        fields = ["id", "person", "person_name"]
        read_only_fields = fields


class TrainingSessionSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**UNIT)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    attendances = TrainingAttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "organization", "topic", "held_on", "hours", "kind", "kind_label", "attendances"]


class TrainingAttendanceInputSerializer(serializers.Serializer):
    people = serializers.ListField(
        child=ScopedPrimaryKey(Person, page_selectors.district_people), allow_empty=False
    )


class TrainingSessionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """执法培训: sessions recorded by record_session, attendance by record_attendances (all or none)."""

    serializer_class = TrainingSessionSerializer

    def get_queryset(self):
        return (
            training.sessions_for(self.request.user)
            .prefetch_related("attendances__person")
            .order_by("-held_on", "pk")
        )

    def perform_create(self, serializer):
        serializer.instance = training.record_session(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=TrainingAttendanceInputSerializer, responses={201: TrainingSessionSerializer})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        payload = TrainingAttendanceInputSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        session = self.get_object()
        training.record_attendances(
            actor=request.user, session=session, people=payload.validated_data["people"]
        )
        return Response(
            TrainingSessionSerializer(self.get_queryset().get(pk=session.pk)).data,
            status=status.HTTP_201_CREATED,
        )


# Supervision clues ---------------------------------------------------------------------------------------------


class ClueStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClueStep
        fields = ["id", "on", "text"]


class SupervisionClueSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**UNIT)
    body = ScopedPrimaryKey(EnforcementBody, page_selectors.district_bodies, allow_null=True, required=False)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    steps = ClueStepSerializer(many=True, read_only=True)

    class Meta:
        model = SupervisionClue
        fields = [
            "id",
            "source",
            "source_label",
            "external_number",
            "received_on",
            "organization",
            "body",
            "enterprise_related",
            "category",
            "content",
            "due_on",
            "due_explanation",
            "status",
            "status_label",
            "result",
            "handled_on",
            "steps",
        ]
        read_only_fields = ["due_on", "due_explanation", "status", "result", "handled_on"]
        # The number's uniqueness per source is checked by the service's full_clean, in Chinese.
        validators = []


class ClueCloseSerializer(serializers.Serializer):
    result = serializers.CharField()
    handled_on = serializers.DateField()


class ClueNoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ClueViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """执法监督线索: register (register_clue), start handling, add steps and close through the services."""

    serializer_class = SupervisionClueSerializer

    def get_queryset(self):
        return clues.clues_for(self.request.user).prefetch_related("steps").order_by("-received_on", "-pk")

    def perform_create(self, serializer):
        serializer.instance = clues.register_clue(actor=self.request.user, **serializer.validated_data)

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
            clues.start_handling(actor=request.user, clue=self.get_object(), **payload.validated_data)
        )

    @extend_schema(request=ClueStepSerializer, responses={201: SupervisionClueSerializer})
    @action(detail=True, methods=["post"])
    def steps(self, request, pk=None):
        """A handling step of a clue being handled."""
        payload = ClueStepSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        clue = self.get_object()
        clues.add_step(actor=request.user, clue=clue, **payload.validated_data)
        return self._answer(clue, status.HTTP_201_CREATED)

    @extend_schema(request=ClueCloseSerializer, responses=SupervisionClueSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """办理中 → 已办结, with the result and the day."""
        payload = ClueCloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(
            clues.close_clue(actor=request.user, clue=self.get_object(), **payload.validated_data)
        )
