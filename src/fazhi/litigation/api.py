"""The litigation API: lawsuits with their timeline (scoped by core.access), their steps through the services, the
cases by responsible department, and the liaison meetings."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from fazhi.core import clock
from fazhi.core.models import Organization, Person
from fazhi.disputes.models import ReconsiderationCase
from fazhi.indicators.registry import Period

from . import rules, selectors, services, views
from .models import Hearing, Lawsuit, LiaisonMeeting


class LawsuitStepSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    on = serializers.DateField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    note = serializers.CharField()
    details = serializers.ListField(child=serializers.CharField())


class HearingSerializer(serializers.ModelSerializer):
    head = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all(), allow_null=True, required=False)
    head_name = serializers.CharField(source="head.name", read_only=True, default="")

    class Meta:
        model = Hearing
        fields = [
            "id",
            "held_on",
            "head_appeared",
            "head",
            "head_name",
            "absence_reason",
            "explanation_sealed",
            "staff",
            "lawyer",
            "note",
        ]


class LawsuitSerializer(serializers.ModelSerializer):
    defendant = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    responsible_department = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    first_instance = serializers.SlugRelatedField(
        slug_field="case_number", queryset=Lawsuit.objects.all(), allow_null=True, required=False
    )
    reconsideration = serializers.SlugRelatedField(
        slug_field="docket_number",
        queryset=ReconsiderationCase.objects.all(),
        allow_null=True,
        required=False,
    )
    plaintiff_id_number = serializers.CharField(write_only=True, max_length=30)
    masked_plaintiff_id = serializers.CharField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    result_label = serializers.CharField(read_only=True)
    supervision_clue = serializers.PrimaryKeyRelatedField(read_only=True)
    hearings = HearingSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = Lawsuit
        fields = [
            "id",
            "court",
            "case_number",
            "instance",
            "first_instance",
            "plaintiff_kind",
            "plaintiff_name",
            "plaintiff_id_number",
            "masked_plaintiff_id",
            "defendant",
            "responsible_department",
            "reconsideration",
            "cause",
            "contested_act",
            "filed_on",
            "served_on",
            "defence_due",
            "defence_explanation",
            "defence_submitted_on",
            "status",
            "status_label",
            "outcome",
            "outcome_label",
            "result_label",
            "judged_on",
            "judgment_summary",
            "appealed_on",
            "appellant",
            "effective_on",
            "performance_due",
            "performed_on",
            "performance_note",
            "supervision_clue",
            "hearings",
            "timeline",
        ]
        read_only_fields = [
            "defence_due",
            "defence_explanation",
            "defence_submitted_on",
            "status",
            "outcome",
            "judged_on",
            "judgment_summary",
            "appealed_on",
            "appellant",
            "effective_on",
            "performance_due",
            "performed_on",
            "performance_note",
        ]
        validators = []  # uniqueness is the service's full_clean, with the model's Chinese message
        extra_kwargs = {"case_number": {"validators": []}}

    @extend_schema_field(LawsuitStepSerializer(many=True))
    def get_timeline(self, lawsuit):
        return LawsuitStepSerializer(selectors.timeline(lawsuit, clock.today()), many=True).data


class DefenceSerializer(serializers.Serializer):
    submitted_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class JudgmentSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=rules.OUTCOME_CHOICES)
    judged_on = serializers.DateField()
    summary = serializers.CharField(required=False, allow_blank=True, default="")


class AppealSerializer(serializers.Serializer):
    appealed_on = serializers.DateField()
    appellant = serializers.CharField()


class EffectiveSerializer(serializers.Serializer):
    effective_on = serializers.DateField()
    performance_due = serializers.DateField(required=False, allow_null=True, default=None)


class PerformanceSerializer(serializers.Serializer):
    performed_on = serializers.DateField()
    note = serializers.CharField()


class ClueSerializer(serializers.Serializer):
    received_on = serializers.DateField(required=False, allow_null=True, default=None)


class DepartmentCountSerializer(serializers.Serializer):
    department_id = serializers.IntegerField()
    department = serializers.CharField()
    code = serializers.CharField()
    count = serializers.IntegerField()


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
        return selectors.lawsuits_for(self.request.user).prefetch_related("hearings__head")

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
        return Response(LawsuitSerializer(self.get_queryset().get(pk=lawsuit.pk)).data)

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
        parameters=[OpenApiParameter("year", int, description="年度，默认今年")],
        responses=DepartmentCountSerializer(many=True),
    )
    @action(detail=False, methods=["get"], url_path="by-department")
    def by_department(self, request):
        """Cases served in the year per responsible department, within what the caller may see."""
        try:
            year = int(request.query_params.get("year") or clock.today().year)
        except ValueError as exc:
            raise ValidationError({"year": "年度应为整数，如 2025。"}) from exc
        rows = selectors.by_department(Period.year(year), views.figure_scope(request.user))
        return Response(DepartmentCountSerializer(rows, many=True).data)


class MeetingSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = LiaisonMeeting
        fields = [
            "id",
            "held_on",
            "kind",
            "kind_label",
            "title",
            "organization",
            "participants",
            "topics",
            "outcomes",
        ]


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
