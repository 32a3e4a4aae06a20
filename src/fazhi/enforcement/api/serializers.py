"""The enforcement API's serializers: they parse and render; the rules are the services' (a refusal comes back as
the service's Chinese message)."""

from __future__ import annotations

from rest_framework import serializers

from fazhi.core import access
from fazhi.core.models import Organization, Person
from fazhi.core.web.api import PersonField

from .. import origins, selectors
from ..models import (
    Certificate,
    ClueStep,
    EnforcementBody,
    EnforcementPower,
    SelfAssessment,
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


class EnforcementPowerInputSerializer(serializers.Serializer):
    body = ScopedPrimaryKey(EnforcementBody, selectors.bodies_for)
    kind = serializers.ChoiceField(choices=EnforcementPower.Kind.choices)
    name = serializers.CharField(max_length=300)
    legal_basis = serializers.CharField()


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
    person = PersonField(_people)
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


class CertificateReissueSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=40, help_text="新证的证件编号")
    issued_on = serializers.DateField(help_text="新证的发证日期；原证于同日注销（补发换发）")
    valid_until = serializers.DateField(required=False, help_text="留空则沿用原证的有效期")
    areas = serializers.CharField(required=False, help_text="执法区域和执法类别；留空则沿用原证")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CertificateReviewInputSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=1990, max_value=2100)
    reviewed_on = serializers.DateField()
    passed = serializers.BooleanField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class TrainingAttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = TrainingAttendance
        fields = ["id", "person", "person_name"]
        read_only_fields = fields

    def to_representation(self, instance):
        """The fields above written directly: a page of 50 sessions lists ~1,500 attendances, whose three read-only
        fields cost ~0.1 s through the field machinery at province (issue 19); the same JSON."""
        return {"id": instance.pk, "person": instance.person_id, "person_name": instance.person.name}


class TrainingSessionSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**UNIT)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    attendances = TrainingAttendanceSerializer(many=True, read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "organization", "topic", "held_on", "hours", "kind", "kind_label", "attendances"]


class TrainingAttendanceInputSerializer(serializers.Serializer):
    people = serializers.ListField(child=PersonField(selectors.district_people), allow_empty=False)


class ClueStepSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClueStep
        fields = ["id", "on", "text"]


class SupervisionClueSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(**UNIT)
    body = ScopedPrimaryKey(EnforcementBody, selectors.district_bodies, allow_null=True, required=False)
    source_label = serializers.CharField(source="get_source_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    steps = ClueStepSerializer(many=True, read_only=True)
    origin = serializers.SerializerMethodField(
        help_text="线索移送自的记录（如行政复议案件、行政诉讼案件），无则为空"
    )

    def get_origin(self, clue) -> str | None:
        return origins.describe(clue.origin) if clue.origin_type_id else None

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
            "origin",
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


class HotlineOrderSerializer(serializers.Serializer):
    """A 12345 work order pushed by the hotline platform (12345工单接入)."""

    external_number = serializers.CharField(max_length=60, help_text="12345工单编号（同一编号只登记一次）")
    received_on = serializers.DateField(help_text="受理日期")
    organization = serializers.SlugRelatedField(help_text="承办单位代码", **UNIT)
    content = serializers.CharField(help_text="诉求内容")
    category = serializers.CharField(required=False, allow_blank=True, default="", max_length=100)
    enterprise_related = serializers.BooleanField(required=False, default=False, help_text="是否涉企")
    about_enforcement = serializers.BooleanField(
        required=False, default=False, help_text="平台标明该工单涉及行政执法行为"
    )


class HotlineAnswerSerializer(serializers.Serializer):
    registered = serializers.BooleanField(help_text="是否已登记为执法监督线索")
    created = serializers.BooleanField(help_text="本次是否新登记（同一工单再次推送时为否）")
    message = serializers.CharField()
    clue = SupervisionClueSerializer(allow_null=True)


class SelfAssessmentSerializer(serializers.ModelSerializer):
    """三项制度自查评估: a body's assessment of one system for a year (record_self_assessment)."""

    body = ScopedPrimaryKey(EnforcementBody, selectors.district_bodies, help_text="执法主体的 id（未撤销）")
    system_label = serializers.CharField(source="get_system_display", read_only=True)

    class Meta:
        model = SelfAssessment
        fields = ["id", "body", "year", "system", "system_label", "assessed_on", "findings"]
        # One per body, year and system: the model's constraint, said in Chinese by the service's full_clean.
        validators = []
