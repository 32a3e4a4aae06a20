"""Serializers of the litigation API: they parse and render; the rules are the services'. Field lists come from the
services (LAWSUIT_FIELDS, WORKFLOW_FIELDS, MEETING_FIELDS), the same lists admin and the ledgers use."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ObjectDoesNotExist
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from fazhi.core import clock
from fazhi.core.models import Organization, Person
from fazhi.enforcement import selectors as enforcement_selectors

from .. import selectors, services
from ..models import Hearing, Lawsuit, LiaisonMeeting, Recommendation
from ..rules import lawsuits as rules
from ..rules import recommendations as recommendation_rules


class VisibleSlugField(serializers.SlugRelatedField):
    """A record by its number among those a selector gives the caller; an unknown or hidden one is refused with the
    rule's message (the same the ledger gives)."""

    def __init__(self, *, choices, unknown, **kwargs):
        self.choices_for, self.unknown = choices, unknown
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.choices_for(request.user if request else AnonymousUser())

    def to_internal_value(self, data):
        try:
            return self.get_queryset().get(**{self.slug_field: data})
        except (ObjectDoesNotExist, TypeError, ValueError) as exc:
            raise serializers.ValidationError(self.unknown(str(data))) from exc


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


class ClockSerializer(serializers.Serializer):
    kind = serializers.CharField()
    start = serializers.DateField()
    due = serializers.DateField()
    provisional = serializers.BooleanField()
    explanation = serializers.CharField()


class RefusedEventSerializer(serializers.Serializer):
    index = serializers.IntegerField()
    event = serializers.CharField()
    reason = serializers.CharField()


class ClocksSerializer(serializers.Serializer):
    clocks = ClockSerializer(many=True)
    refused = RefusedEventSerializer(many=True)


class RecommendationSerializer(serializers.ModelSerializer):
    lawsuit = serializers.SlugRelatedField(slug_field="case_number", read_only=True)
    ground = serializers.ChoiceField(choices=recommendation_rules.GROUND_CHOICES)
    kind = serializers.CharField(read_only=True)
    kind_label = serializers.CharField(read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "lawsuit",
            "kind",
            "kind_label",
            *services.RECOMMENDATION_FIELDS,
            "reply_due",
            "reply_explanation",
            "replied_on",
            "reply",
        ]
        read_only_fields = ["reply_due", "reply_explanation", "replied_on", "reply"]


class ReplySerializer(serializers.Serializer):
    replied_on = serializers.DateField()
    reply = serializers.CharField(allow_blank=True)


class JudgmentServiceSerializer(serializers.Serializer):
    served_on = serializers.DateField()


class HeadRequestSerializer(serializers.Serializer):
    requested_on = serializers.DateField()


class LawsuitSerializer(serializers.ModelSerializer):
    defendant = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    responsible_department = serializers.SlugRelatedField(
        slug_field="code", queryset=Organization.objects.all()
    )
    first_instance = VisibleSlugField(
        slug_field="case_number",
        choices=selectors.lawsuits_for,
        unknown=rules.unknown_first_instance,
        allow_null=True,
        required=False,
    )
    reconsideration = VisibleSlugField(
        slug_field="docket_number",
        choices=selectors.reconsideration_choices,
        unknown=rules.unknown_reconsideration,
        allow_null=True,
        required=False,
    )
    plaintiff_id_number = serializers.CharField(write_only=True, max_length=30)
    masked_plaintiff_id = serializers.CharField(read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    outcome_label = serializers.CharField(source="get_outcome_display", read_only=True)
    result_label = serializers.CharField(read_only=True)
    supervision_clue = serializers.SerializerMethodField(help_text="由本案转来的执法监督线索编号，未转为空")
    hearings = HearingSerializer(many=True, read_only=True)
    timeline = serializers.SerializerMethodField()
    clocks = serializers.SerializerMethodField(
        help_text="答辩期限、上诉期限（与 fazhi litigation timeline 同一计算）"
    )
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = Lawsuit
        fields = [
            "id",
            *services.LAWSUIT_FIELDS,
            "masked_plaintiff_id",
            *services.DEADLINE_FIELDS,
            *services.WORKFLOW_FIELDS,
            "status_label",
            "outcome_label",
            "result_label",
            "supervision_clue",
            "hearings",
            "timeline",
            "clocks",
            "recommendations",
        ]
        read_only_fields = [*services.DEADLINE_FIELDS, *services.WORKFLOW_FIELDS]
        validators = []  # uniqueness is the service's full_clean, with the model's Chinese message
        extra_kwargs = {"case_number": {"validators": []}}

    def get_supervision_clue(self, lawsuit) -> int | None:
        """The clue opened from the lawsuit (enforcement.origins): annotated by the viewset, else looked up."""
        if hasattr(lawsuit, "supervision_clue_id"):
            return lawsuit.supervision_clue_id
        clue = enforcement_selectors.clue_for(lawsuit)
        return clue.pk if clue else None

    @extend_schema_field(ClocksSerializer)
    def get_clocks(self, lawsuit):
        return selectors.lawsuit_clocks(lawsuit).as_dict()

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


class MeetingSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = LiaisonMeeting
        fields = ["id", *services.MEETING_FIELDS, "kind_label"]
